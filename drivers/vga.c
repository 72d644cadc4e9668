/*
 * VGA text console: 80x25 cells at physical 0xB8000 (seen through the
 * direct map). The top rows can be reserved for the live dashboard; text
 * scrolls in the rows below. The hardware cursor follows the text.
 *
 * It understands the few ECMA-48 (ANSI) escape sequences a full-screen
 * program such as vmtop needs, counted from the first row below the
 * dashboard: ESC [ ROW ; COL H (move the cursor), ESC [ J and ESC [ 2 J
 * (erase below the cursor, or everything), ESC [ K (erase to the end of
 * the line). Any other sequence (colours, ESC [ ... m) is swallowed, so it
 * never shows as text.
 */
#include <drivers/console.h>
#include <arch/x86/io.h>
#include <lib/string.h>
#include <mm/page.h>

#define VGA_ATTR 0x07	/* light grey on black */

static u16 *const vga_mem = (u16 *)(PAGE_OFFSET + 0xB8000);
static int cur_row, cur_col, top_row;

static void vga_move_cursor(void)
{
	u16 pos = (u16)(cur_row * VGA_COLS + cur_col);

	outb(0x3D4, 0x0F);
	outb(0x3D5, (u8)pos);
	outb(0x3D4, 0x0E);
	outb(0x3D5, (u8)(pos >> 8));
}

static void vga_clear_rows(int from, int to)
{
	for (int i = from * VGA_COLS; i < to * VGA_COLS; i++)
		vga_mem[i] = (VGA_ATTR << 8) | ' ';
}

void vga_init(void)
{
	vga_clear_rows(0, VGA_ROWS);
	cur_row = cur_col = top_row = 0;
	vga_move_cursor();
}

void vga_set_reserved_rows(int rows)
{
	top_row = rows;
	if (cur_row < top_row)
		cur_row = top_row;
	vga_clear_rows(0, rows);
}

static void vga_scroll(void)
{
	memmove(vga_mem + top_row * VGA_COLS, vga_mem + (top_row + 1) * VGA_COLS,
		(VGA_ROWS - top_row - 1) * VGA_COLS * 2);
	vga_clear_rows(VGA_ROWS - 1, VGA_ROWS);
	cur_row = VGA_ROWS - 1;
}

/* Blank @n cells from (@row, @col) on. */
static void vga_clear_cells(int row, int col, int n)
{
	for (int i = row * VGA_COLS + col; n-- > 0 && i < VGA_ROWS * VGA_COLS; i++)
		vga_mem[i] = (VGA_ATTR << 8) | ' ';
}

static struct {
	enum { TEXT, ESCAPE, CSI } state;
	int param[2];	/* the first two numeric parameters, 0 if absent */
	int nparam;
} esc;

/* The final byte of ESC [ ... ended the sequence: act on it. */
static void vga_csi(char final)
{
	int p0 = esc.param[0], p1 = esc.param[1];

	switch (final) {
	case 'H':
	case 'f':
		cur_row = min(top_row + max(p0, 1) - 1, VGA_ROWS - 1);
		cur_col = min(max(p1, 1) - 1, VGA_COLS - 1);
		break;
	case 'J':
		if (p0 == 2)
			vga_clear_rows(top_row, VGA_ROWS);
		else if (p0 == 0)
			vga_clear_cells(cur_row, cur_col, (VGA_ROWS - cur_row) * VGA_COLS - cur_col);
		break;
	case 'K':
		if (p0 == 0)
			vga_clear_cells(cur_row, cur_col, VGA_COLS - cur_col);
		break;
	}
}

/* One byte of an escape sequence; false when @c is plain text. */
static bool vga_escape(char c)
{
	switch (esc.state) {
	case TEXT:
		if (c != 27)
			return false;
		esc.state = ESCAPE;
		break;
	case ESCAPE:
		esc.state = c == '[' ? CSI : TEXT;
		esc.param[0] = esc.param[1] = esc.nparam = 0;
		break;
	case CSI:
		if (c >= '0' && c <= '9') {
			if (esc.nparam < 2)
				esc.param[esc.nparam] = min(esc.param[esc.nparam] * 10 + (c - '0'), 999);
		} else if (c == ';') {
			esc.nparam++;
		} else if (c >= 0x40 && c <= 0x7e) {
			vga_csi(c);
			esc.state = TEXT;
		}
		break;
	}
	return true;
}

static void vga_putc(char c)
{
	if (vga_escape(c))
		return;
	if (c == '\n') {
		cur_col = 0;
		cur_row++;
	} else if (c == '\b') {
		if (cur_col)
			cur_col--;
	} else if (c == '\r') {
		cur_col = 0;
	} else {
		vga_mem[cur_row * VGA_COLS + cur_col] = (VGA_ATTR << 8) | (u8)c;
		if (++cur_col == VGA_COLS) {
			cur_col = 0;
			cur_row++;
		}
	}
	if (cur_row >= VGA_ROWS)
		vga_scroll();
}

void vga_write(const char *s, size_t n)
{
	while (n--)
		vga_putc(*s++);
	vga_move_cursor();
}

void vga_put_at(int row, int col, const char *s, u8 attr)
{
	for (; *s && col < VGA_COLS; s++, col++)
		vga_mem[row * VGA_COLS + col] = ((u16)attr << 8) | (u8)*s;
}

void vga_read_row(int row, char *buf, int len)
{
	int n = len - 1 < VGA_COLS ? len - 1 : VGA_COLS;

	for (int i = 0; i < n; i++)
		buf[i] = (char)(vga_mem[row * VGA_COLS + i] & 0xFF);
	buf[n] = 0;
}
