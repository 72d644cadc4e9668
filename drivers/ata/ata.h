/*
 * The ATA driver's internals, shared by its files and its tests
 * (ATA/ATAPI-6, T13/1410D: §7 registers, §8 commands, §9 protocols).
 *
 * Two legacy IDE channels, each with a master and a slave device behind
 * one set of registers, so one command at a time per channel:
 *
 *   channel  command block  control block  IRQ   devices
 *   ide0     0x1F0-0x1F7    0x3F6          14    hda (master), hdb (slave)
 *   ide1     0x170-0x177    0x376          15    hdc (master), hdd (slave)
 *
 * Each ATA disk has its own request queue; the channel serves the two
 * queues in turn (ata_io.c). The command in flight is described by the
 * channel's struct ata_taskfile. A PIO command is advanced one DRQ block
 * at a time by the interrupt handler (or by a polling loop before
 * interrupts are on); a DMA command moves all its data through the PCI
 * bus-master engine of the IDE controller and interrupts once (ata_dma.c).
 * When a command goes wrong (timeout, a device that stays busy), the
 * channel is frozen and the error handler thread recovers it in process
 * context, where it may sleep (ata_eh.c).
 *
 * Locking: a channel's state (active, tf, reserved, eh_pending) is
 * changed with interrupts off; the IRQ handler and the timeout timer
 * both run with interrupts off, so they never overlap each other or a
 * task's update. While eh_pending is set the channel belongs to the
 * error handler: the IRQ handler and the timer leave it alone and no
 * request starts.
 *
 * The functions are defined in drivers/ata/ata_io.c, drivers/ata/ata_dma.c,
 * drivers/ata/ata_eh.c and drivers/ata/ata_probe.c.
 */
#ifndef DRIVERS_ATA_ATA_H
#define DRIVERS_ATA_ATA_H

#include <block/blkdev.h>
#include <mm/page.h>
#include <kernel/timer.h>
#include <kernel/wait.h>

/* Command block registers, offsets from the channel's base (§7.1). */
#define ATA_REG_DATA   0
#define ATA_REG_ERROR  1 /* read; Features when written */
#define ATA_REG_NSECT  2
#define ATA_REG_LBAL   3
#define ATA_REG_LBAM   4
#define ATA_REG_LBAH   5
#define ATA_REG_DEVICE 6
#define ATA_REG_STATUS 7 /* read: also acknowledges the interrupt */
#define ATA_REG_CMD    7 /* write */

/* Device Control register (control block; reads give Alternate Status). */
#define ATA_CTL_NIEN 0x02 /* interrupts off */
#define ATA_CTL_SRST 0x04 /* software reset of both devices */

/* Device register: LBA addressing, obsolete bits set, DEV selects the slave. */
#define ATA_DEV_LBA   0x40
#define ATA_DEV_OBS   0xA0
#define ATA_DEV_SLAVE 0x10

/*
 * Status register bits the driver acts on (§7.15); the Error register's
 * bits (§7.9) are only decoded for messages (ata_io.c's tables).
 */
#define ATA_BSY 0x80 /* busy: no other bit is valid */
#define ATA_DF	0x20 /* device fault */
#define ATA_DRQ 0x08 /* a data block is ready to move */
#define ATA_ERR 0x01 /* the command failed: see the Error register */

/* Commands (§8). */
#define ATA_CMD_READ		0x20
#define ATA_CMD_READ_EXT	0x24
#define ATA_CMD_READ_MULTI	0xC4
#define ATA_CMD_READ_MULTI_EXT	0x29
#define ATA_CMD_WRITE		0x30
#define ATA_CMD_WRITE_EXT	0x34
#define ATA_CMD_WRITE_MULTI	0xC5
#define ATA_CMD_WRITE_MULTI_EXT 0x39
#define ATA_CMD_SET_MULTI	0xC6
#define ATA_CMD_READ_DMA	0xC8
#define ATA_CMD_READ_DMA_EXT	0x25
#define ATA_CMD_WRITE_DMA	0xCA
#define ATA_CMD_WRITE_DMA_EXT	0x35
#define ATA_CMD_SET_FEATURES	0xEF
#define ATA_SETFEATURES_XFER	0x03 /* SET FEATURES subcommand: transfer mode in Sector Count */
#define ATA_XFER_MWDMA_0	0x20 /* + mode number */
#define ATA_XFER_UDMA_0		0x40
#define ATA_CMD_FLUSH		0xE7
#define ATA_CMD_FLUSH_EXT	0xEA
#define ATA_CMD_IDENTIFY	0xEC
#define ATA_CMD_IDENTIFY_PACKET 0xA1

#define ATA_LBA28_LIMIT                                                                            \
	0x0FFFFFFFUL		  /* LBA28 commands reach the sectors below this (words 60-61)     \
				   */
#define ATA_MAX_SECTORS	     256  /* per command: a 0 count means 256 in LBA28 */
#define ATA_MAX_SECTORS_LBA48 2048 /* our request limit with EXT commands: a swap cluster */
#define ATA_MAX_RETRIES	     2	  /* re-issues after a timeout, then -ETIMEDOUT */
#define ATA_TIMEOUT_MS	     5000 /* default per-command (per DRQ block) timeout */
#define ATA_RESET_TIMEOUT_MS 1000 /* for BSY to clear after a reset (sleeping) */
#define ATA_READY_WAIT_US    100  /* busy-waits with interrupts off stay this short */

/* The data phase's direction (PIO or DMA). */
enum ata_dir { ATA_NODATA, ATA_DATA_IN, ATA_DATA_OUT };

/*
 * Bus-master IDE registers (SFF-8038i, as in the PIIX datasheets), at
 * offsets from a channel's base (BAR4 + 0 for ide0, + 8 for ide1).
 */
#define ATA_BM_CMD	  0
#define ATA_BM_STATUS	  2
#define ATA_BM_PRD	  4    /* physical address of the PRD table */
#define ATA_BM_CMD_START  0x01 /* start/stop the engine */
#define ATA_BM_CMD_TO_MEM 0x08 /* direction: the engine writes memory (a disk read) */
#define ATA_BM_ACTIVE	  0x01 /* regions still to transfer */
#define ATA_BM_ERROR	  0x02 /* PCI target or master abort (write 1 to clear) */
#define ATA_BM_INTR	  0x04 /* the device raised its interrupt (write 1 to clear) */

/*
 * A physical region descriptor: up to 64 KiB of physically contiguous
 * memory that does not cross a 64 KiB boundary; a @count of 0 means
 * 64 KiB. The last entry of a table has ATA_PRD_EOT in @flags.
 */
struct ata_prd {
	u32 addr;
	u16 count;
	u16 flags;
};
#define ATA_PRD_EOT	0x8000
#define ATA_PRD_ENTRIES (PAGE_SIZE / sizeof(struct ata_prd)) /* one page per channel */

/**
 * struct ata_taskfile - the command in flight on a channel
 * @command:  opcode
 * @feature:  the Features register
 * @dir:      data phase
 * @dma:      the data moves by bus-master DMA (else PIO)
 * @lba48:    48-bit addressing (EXT command)
 * @polled:   completed by polling, not by the interrupt handler
 * @lba:      first sector
 * @count:    sectors (0 for no data)
 * @nsect:    the Sector Count register: @count (256 or 65536 wrap to 0, as
 *	      the spec wants), or SET MULTIPLE MODE's multiple count
 * @block:    sectors per DRQ block (1, or the multiple count)
 * @done:     sectors transferred so far
 * @xfer_lba: first sector of the DRQ block the device works on (for messages)
 * @expires:  jiffies when the current phase times out
 * @poll_drq: the device has not asked for the first block of a PIO out
 *	      yet: the timer looks again every tick (no interrupt comes)
 * @retries:  re-issues after timeouts so far
 * @rq:	      the request supplying or receiving the data, or NULL
 * @buf:      else the data buffer of an internal command
 * @result:   0 or an error, valid once @finished
 * @finished: the command is over (successfully or not)
 */
struct ata_taskfile {
	u8 command;
	u8 feature;
	u8 dir;
	bool dma;
	bool lba48;
	bool polled;
	sector_t lba;
	unsigned int count;
	u16 nsect;
	unsigned int block;
	unsigned int done;
	sector_t xfer_lba;
	unsigned long expires;
	bool poll_drq;
	int retries;
	struct request *rq;
	u16 *buf;
	int result;
	bool finished;
};

struct ata_channel;

/**
 * struct ata_device - one ATA disk (an ATAPI device is detected and skipped)
 * @chan:	 its channel
 * @unit:	 0 master, 1 slave
 * @name:	 "hda".."hdd"
 * @present:	 an ATA disk that answered IDENTIFY
 * @lba48:	 supports the 48-bit feature set (IDENTIFY word 83 bit 10)
 * @force_lba48: use EXT commands even where LBA28 would do (tests)
 * @sectors:	 capacity
 * @model, @serial: from IDENTIFY, blanks trimmed
 * @max_mult:	 largest DRQ block for READ/WRITE MULTIPLE (word 47), 0 if none
 * @mult:	 current multiple count, 0 = use READ/WRITE SECTORS
 * @xfer_mode:	 the DMA transfer mode set with SET FEATURES (ATA_XFER_*), 0 if
 *		 the disk cannot do DMA here (no bus master, no DMA support)
 * @use_dma:	 requests go by DMA (xfer_mode set and not switched off)
 * @dma_failures: DMA commands that timed out or failed in the bus master;
 *		 after ATA_DMA_MAX_FAILURES the disk stays in PIO
 * @drop_cmds:	 fault injection: the next @drop_cmds commands are set up but
 *		 never started, as if the device lost them (timeout tests)
 * @cmds_lba28, @cmds_lba48: data commands issued per addressing mode
 * @cmds_dma:	 of those, by DMA
 * @pio_fallbacks: DMA commands retried in PIO after an error or timeout
 * @timeouts:	 commands that timed out
 * @disk:	 the block layer's view
 */
struct ata_device {
	struct ata_channel *chan;
	int unit;
	char name[4];
	bool present;
	bool lba48;
	bool force_lba48;
	sector_t sectors;
	char model[41];
	char serial[21];
	unsigned int max_mult;
	unsigned int mult;
	u8 xfer_mode;
	bool use_dma;
	unsigned int dma_failures;
	unsigned int drop_cmds;
	unsigned long cmds_lba28, cmds_lba48, cmds_dma, pio_fallbacks;
	unsigned long timeouts;
	struct gendisk disk;
};

/**
 * struct ata_channel - one IDE channel and its command in flight
 * @name:	"ide0"
 * @base, @ctrl: command and control block ports
 * @irq:	its interrupt line
 * @dev:	master and slave
 * @active:	the device whose command is in flight, NULL when idle
 * @tf:		that command
 * @reserved:	an internal command owns the channel: start no request
 * @irq_mode:	interrupts drive commands (set once they are on; before,
 *		commands are polled to completion)
 * @next_unit:	whose queue to serve first next time (round robin)
 * @timer:	the timeout of the command in flight
 * @idle_wait:	internal commands wait here for the channel
 * @bmdma:	the bus-master registers, 0 if there is no bus master
 * @prd:	the PRD table (one page), and @prd_phys its physical address
 * @eh_pending: frozen, waiting for (or in) error recovery
 * @eh_reason:	why (enum ata_eh_reason)
 * @resets:	software resets since boot
 * @reset_ticks: timer interrupts that arrived while the last reset ran
 *		(0 would mean it ran with interrupts off)
 */
struct ata_channel {
	const char *name;
	u16 base, ctrl;
	int irq;
	struct ata_device dev[2];
	struct ata_device *active;
	struct ata_taskfile tf;
	bool reserved;
	bool irq_mode;
	int next_unit;
	struct timer_list timer;
	wait_queue_head_t idle_wait;
	u16 bmdma;
	struct ata_prd *prd;
	u32 prd_phys;
	bool eh_pending;
	int eh_reason;
	unsigned long resets;
	unsigned long reset_ticks;
};

extern struct ata_channel ata_channels[2];
/* The timeout of one command phase, in ms (tests shorten it). */
extern unsigned int ata_timeout_ms;

/* The ATA disk called @name ("hda"), or NULL. */
struct ata_device *ata_lookup(const char *name);

/* ata_io.c: the block queue's hook, internal commands, interrupts and timeouts. */
void ata_request_fn(struct request_queue *q);
int ata_exec_internal(struct ata_device *dev, u8 command, u8 feature, u8 nsect, u16 *buf);
void ata_channel_start(struct ata_channel *chan);
void ata_intr(struct ata_channel *chan);
void ata_timeout(void *data);
/* (Re)issue chan->tf on chan->active; on trouble the channel goes to recovery. Irqs off. */
void ata_start_command(struct ata_channel *chan);
/* Redo the command in flight by PIO (it was to go by DMA). Irqs off or frozen. */
void ata_use_pio(struct ata_channel *chan);
/* End the command in flight with @err (0 or -errno). Irqs off. */
void ata_finish(struct ata_channel *chan, int err);
const char *ata_command_name(u8 command);
/* "<DRDY ERR>": the names of the Status bits set in @status. */
void ata_decode_status(char *buf, size_t len, u8 status);
/* "read timeout at LBA 8": @what happened to the command in flight, and where. */
void ata_describe(char *buf, size_t len, const struct ata_taskfile *tf, const char *what);
/*
 * Select unit @unit of @chan (@head: LBA28 bits 24-27) and give it 400 ns.
 * Returns true if the Device register shows it selected: a bus still busy
 * with a reset or a command ignores the write (QEMU does).
 */
bool ata_select(struct ata_channel *chan, int unit, u8 head);

/* ata_eh.c: error handling in process context. */
enum ata_eh_reason {
	ATA_EH_TIMEOUT,	  /* the command in flight made no progress in time */
	ATA_EH_NOT_READY, /* the device stayed busy when a command was to be issued */
	ATA_EH_DMA_ERROR, /* a DMA command failed: reset and redo it in PIO */
};
#define ATA_DMA_MAX_FAILURES 3
/* Freeze @chan and hand its command in flight to recovery. Irqs off. */
void ata_eh_schedule(struct ata_channel *chan, enum ata_eh_reason why);
/* Recover the frozen @chan: wait, reset, re-issue or fail its command. Process context, or early boot. */
void ata_eh_recover(struct ata_channel *chan);
/* Start the error handler thread (once the scheduler runs). */
void ata_eh_init(void);
/*
 * Wait (sleeping where possible) up to @ms for @unit to be selected and
 * not busy. Returns 0 or -ETIMEDOUT; *status gets its last status.
 */
int ata_wait_ready(struct ata_channel *chan, int unit, unsigned int ms, u8 *status);
/* Sleep in process context; in early boot (interrupts off) busy-wait. */
void ata_msleep(unsigned int ms);
/**
 * ata_soft_reset - reset both devices of @chan with SRST (§9.2)
 *
 * Waits until device 0 is selected and not busy (a condition, never a
 * fixed time, so a slow host cannot fool it), sleeping between looks,
 * then restores the multiple count of the disks already probed, with
 * nIEN set throughout (cleared at the end in interrupt mode). Returns 0
 * or -ETIMEDOUT. Process context or early boot; the
 * channel must be idle or frozen.
 */
int ata_soft_reset(struct ata_channel *chan);
/* Reset @chan from process context between commands (tests). */
int ata_reset_channel(struct ata_channel *chan);

/* ata_dma.c: the bus-master engine. */
/* Find the PCI IDE controller's bus master; give each channel its registers and PRD table. */
void ata_dma_init(void);
/*
 * Choose @dev's DMA mode from its IDENTIFY data @id and the controller,
 * set it with SET FEATURES, and decide whether requests use it (boot
 * parameter "ata=pio" says no). Fills @why with the mode or the reason
 * for PIO, for the boot line. Early boot.
 */
void ata_dma_setup_device(struct ata_device *dev, const u16 *id, char *why, size_t len);
/* Describe chan->tf's memory in the PRD table; -E2BIG if it does not fit. */
int ata_dma_map(struct ata_channel *chan);
/* Load the PRD table and direction (before the command is written). */
void ata_dma_prepare(struct ata_channel *chan);
/* Set Start (after the command is written). */
void ata_dma_start(struct ata_channel *chan);
/* The Bus Master Status register. */
u8 ata_dma_status(struct ata_channel *chan);
/* Stop the engine and clear its interrupt and error bits; returns the status before. */
u8 ata_dma_stop(struct ata_channel *chan);

/**
 * ata_set_dma - switch @dev's requests to DMA (@on) or PIO
 *
 * Returns 0, or -ENODEV when @dev has no DMA mode. Process context;
 * waits for the command in flight. Benchmarks compare the two modes.
 */
int ata_set_dma(struct ata_device *dev, bool on);

/**
 * ata_set_multiple - choose how many sectors @dev moves per DRQ block
 * @sectors: 0 to use READ/WRITE SECTORS (one sector per block); else a
 *	     power of two up to max_mult, set with SET MULTIPLE MODE
 *
 * Returns 0, or -EIO when the device rejects the count (QEMU accepts at
 * most 16); the previous setting stays. Process context.
 */
int ata_set_multiple(struct ata_device *dev, unsigned int sectors);

#endif
