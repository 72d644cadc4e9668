/*
 * Command-line parsing against the __setup() table in .setup_params.
 *
 * With QEMU's -kernel the multiboot command line starts with the image
 * path; under GRUB it may not. A first word that contains '/' and no '='
 * is that path and is skipped.
 */
#include <kernel/params.h>
#include <kernel/printk.h>
#include <lib/string.h>
#include <uapi/errno.h>

extern const struct kernel_param __setup_start[], __setup_end[];

char boot_cmdline[CMDLINE_MAX];
int init_argc;
char *init_argv[INIT_ARGV_MAX];

static const struct kernel_param *find_param(const char *name)
{
	for (const struct kernel_param *p = __setup_start; p < __setup_end; p++)
		if (!strcmp(p->name, name))
			return p;
	return NULL;
}

static int apply_param(char *word)
{
	char *eq = strchr(word, '=');
	const struct kernel_param *p;
	int err;

	if (eq)
		*eq = 0;
	p = find_param(word);
	if (!p) {
		printk(KERN_WARNING "cmdline: unknown parameter '%s%s%s' ignored\n", word,
		       eq ? "=" : "", eq ? eq + 1 : "");
		return 1;
	}
	err = p->set(eq ? eq + 1 : NULL);
	if (err) {
		printk(KERN_ERR "cmdline: bad value for '%s': '%s' (error %d)\n", word,
		       eq ? eq + 1 : "", err);
		return 1;
	}
	return 0;
}

/* Split @s at blanks in place; returns the next word or NULL. */
static char *next_word(char **s)
{
	char *p = *s, *w;

	while (*p == ' ' || *p == '\t')
		p++;
	if (!*p)
		return NULL;
	w = p;
	while (*p && *p != ' ' && *p != '\t')
		p++;
	if (*p)
		*p++ = 0;
	*s = p;
	return w;
}

int parse_cmdline(char *cmdline)
{
	char *cursor = cmdline, *w;
	int problems = 0;
	bool first = true;

	init_argc = 0;
	while ((w = next_word(&cursor))) {
		if (first && strchr(w, '/') && !strchr(w, '=')) {
			first = false;
			continue;
		}
		first = false;
		if (!strcmp(w, "--")) {
			while ((w = next_word(&cursor)) && init_argc < INIT_ARGV_MAX - 1)
				init_argv[init_argc++] = w;
			break;
		}
		problems += apply_param(w);
	}
	init_argv[init_argc] = NULL;
	return problems;
}
