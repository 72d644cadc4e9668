/*
 * ATA commands: issuing, interrupt-driven PIO and DMA transfers, polling
 * in early boot, timeouts, and error reports (ATA/ATAPI-6 §9.5 PIO
 * data-in, §9.6 PIO data-out, §9.9 non-data, §9.10 DMA; the shape of
 * xv6's ide.c grown to Linux's drivers/ide behaviour on errors). The
 * bus-master engine is in ata_dma.c, recovery in ata_eh.c.
 *
 * A command's life on a channel (struct ata_taskfile in chan->tf):
 *
 *   ata_channel_start: fetch a request (round robin over the two queues)
 *   issue: select the device, load the registers, write the command; for
 *     DMA describe the memory and start the engine; for PIO out send the
 *     first block at once (the device asks for it with DRQ, not with an
 *     interrupt)
 *   each interrupt -> service: status ERR/DF -> report, fail (-EIO);
 *     PIO in: read a DRQ block, done after the last one;
 *     PIO out: write the next block, done on the interrupt after the last;
 *     DMA: one interrupt at the end; stop the engine and check it. A DMA
 *     command that fails or times out is redone in PIO after a reset
 *     (ata_eh.c), so a DMA problem costs speed, never data.
 *   finish: blk_end_request (bi_end_io runs), channel idle, next request
 *
 * Every phase has a timeout (chan->timer, ata_timeout_ms): a lost
 * interrupt with the device ready is just serviced; otherwise the channel
 * is frozen and handed to the error handler thread (ata_eh.c), which
 * resets it (SRST) and re-issues the command, at most ATA_MAX_RETRIES
 * times, then fails it with -ETIMEDOUT. Never a hang, never a panic, and
 * never more than ATA_READY_WAIT_US of busy-waiting with interrupts off.
 *
 * Before interrupts are on (early boot: IDENTIFY, the partition scan),
 * nIEN is set and the same state machine is driven by polling the
 * Alternate Status register. The first command started with interrupts
 * enabled switches a channel to interrupt mode for good (chan->irq_mode).
 * Internal commands (SET MULTIPLE MODE...) take the whole channel
 * (chan->reserved) and then run like requests.
 *
 * Locking: see ata.h; channel state changes with interrupts off. The
 * block layer's bi_end_io callbacks run from finish() while the channel
 * is still marked active, so a callback that submits more I/O only
 * queues it; the caller of finish() then starts the next request.
 */
#include "ata.h"
#include <arch/x86/io.h>
#include <arch/x86/irqflags.h>
#include <arch/x86/cpu.h>
#include <arch/x86/traps.h>
#include <kernel/printk.h>
#include <kernel/trace.h>
#include <kernel/time.h>
#include <lib/string.h>
#include <lib/vsnprintf.h>
#include <uapi/errno.h>

#define X86_EFLAGS_IF (1UL << 9) /* interrupts enabled, in saved flags */

unsigned int ata_timeout_ms = ATA_TIMEOUT_MS;

/* [write][lba48][multiple] */
static const u8 rw_commands[2][2][2] = {
	{ { ATA_CMD_READ, ATA_CMD_READ_MULTI }, { ATA_CMD_READ_EXT, ATA_CMD_READ_MULTI_EXT } },
	{ { ATA_CMD_WRITE, ATA_CMD_WRITE_MULTI }, { ATA_CMD_WRITE_EXT, ATA_CMD_WRITE_MULTI_EXT } },
};

/* [write][lba48] */
static const u8 dma_commands[2][2] = {
	{ ATA_CMD_READ_DMA, ATA_CMD_READ_DMA_EXT },
	{ ATA_CMD_WRITE_DMA, ATA_CMD_WRITE_DMA_EXT },
};

static const struct {
	u8 command;
	const char *name;
} command_names[] = {
	{ ATA_CMD_READ, "READ SECTORS" },
	{ ATA_CMD_READ_EXT, "READ SECTORS EXT" },
	{ ATA_CMD_READ_MULTI, "READ MULTIPLE" },
	{ ATA_CMD_READ_MULTI_EXT, "READ MULTIPLE EXT" },
	{ ATA_CMD_WRITE, "WRITE SECTORS" },
	{ ATA_CMD_WRITE_EXT, "WRITE SECTORS EXT" },
	{ ATA_CMD_WRITE_MULTI, "WRITE MULTIPLE" },
	{ ATA_CMD_WRITE_MULTI_EXT, "WRITE MULTIPLE EXT" },
	{ ATA_CMD_READ_DMA, "READ DMA" },
	{ ATA_CMD_READ_DMA_EXT, "READ DMA EXT" },
	{ ATA_CMD_WRITE_DMA, "WRITE DMA" },
	{ ATA_CMD_WRITE_DMA_EXT, "WRITE DMA EXT" },
	{ ATA_CMD_SET_MULTI, "SET MULTIPLE MODE" },
	{ ATA_CMD_SET_FEATURES, "SET FEATURES" },
	{ ATA_CMD_FLUSH, "FLUSH CACHE" },
	{ ATA_CMD_FLUSH_EXT, "FLUSH CACHE EXT" },
	{ ATA_CMD_IDENTIFY, "IDENTIFY DEVICE" },
	{ ATA_CMD_IDENTIFY_PACKET, "IDENTIFY PACKET DEVICE" },
};

const char *ata_command_name(u8 command)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(command_names); i++)
		if (command_names[i].command == command)
			return command_names[i].name;
	return "unknown command";
}

/* Register bit names, bit 0 first. */
static const char *const status_bits[8] = {
	"ERR", "IDX", "CORR", "DRQ", "DSC", "DF", "DRDY", "BSY"
};
static const char *const error_bits[8] = { "AMNF", "TK0NF", "ABRT", "MCR",
					   "IDNF", "MC",    "UNC",  "ICRC" };

/* "<DRDY ERR>": the names of the bits set in @value, most significant first. */
static void decode_bits(char *buf, size_t len, u8 value, const char *const names[8])
{
	size_t n = snprintf(buf, len, "<"); /* all eight names fit in 48 bytes */

	for (int bit = 7; bit >= 0; bit--)
		if (value & (1 << bit))
			n += snprintf(buf + n, len - n, "%s%s", n > 1 ? " " : "", names[bit]);
	snprintf(buf + n, len - n, ">");
}

void ata_describe(char *buf, size_t len, const struct ata_taskfile *tf, const char *what)
{
	const char *kind = tf->dir == ATA_DATA_OUT ? "write" : "read";

	if (tf->rq && tf->count && tf->dma) /* the engine does not say where it stopped */
		snprintf(buf, len, "%s %s in LBA %lu-%lu", kind, what, tf->lba,
			 tf->lba + tf->count - 1);
	else if (tf->rq && tf->count)
		snprintf(buf, len, "%s %s at LBA %lu", kind, what, tf->xfer_lba);
	else
		snprintf(buf, len, "command %s", what);
}

static void report_error(struct ata_device *dev, const struct ata_taskfile *tf, u8 status, u8 error)
{
	char where[48], sbits[48], ebits[48];

	ata_describe(where, sizeof(where), tf, "error");
	ata_decode_status(sbits, sizeof(sbits), status);
	decode_bits(ebits, sizeof(ebits), error, error_bits);
	printk(KERN_ERR "%s: %s (%s): status 0x%02x %s error 0x%02x %s\n", dev->name, where,
	       ata_command_name(tf->command), status, sbits, error, ebits);
}

void ata_decode_status(char *buf, size_t len, u8 status)
{
	decode_bits(buf, len, status, status_bits);
}

static u8 alt_status(const struct ata_channel *chan)
{
	return inb(chan->ctrl);
}

bool ata_select(struct ata_channel *chan, int unit, u8 head)
{
	u8 dev = unit ? ATA_DEV_SLAVE : 0;

	outb(chan->base + ATA_REG_DEVICE, ATA_DEV_OBS | ATA_DEV_LBA | dev | head);
	for (int i = 0; i < 4; i++)
		alt_status(chan);
	return (inb(chan->base + ATA_REG_DEVICE) & ATA_DEV_SLAVE) == dev;
}

static bool idle(const struct ata_taskfile *tf, u8 status)
{
	return !(status & (ATA_BSY | ATA_DRQ));
}

static bool not_busy(const struct ata_taskfile *tf, u8 status)
{
	return !(status & ATA_BSY);
}

/*
 * May the command in flight advance with this status? Not while BSY;
 * yes on an error; when a data block is due, only with DRQ; else (the
 * command's end) once BSY is clear.
 */
static bool actionable(const struct ata_taskfile *tf, u8 status)
{
	bool want_drq = tf->dir == ATA_DATA_IN || (tf->dir == ATA_DATA_OUT && tf->done < tf->count);

	if (status & ATA_BSY)
		return false;
	if (status & (ATA_ERR | ATA_DF))
		return true;
	if (tf->dma) /* the data moves without DRQ handshakes by the CPU; DRQ: not done yet */
		return !(status & ATA_DRQ);
	return !want_drq || (status & ATA_DRQ);
}

/* Poll Alternate Status until @ready; -ETIMEDOUT after @us. *status gets the last value. */
static int poll_status(struct ata_channel *chan, unsigned long us,
		       bool (*ready)(const struct ata_taskfile *tf, u8 status), u8 *status)
{
	u64 deadline = ktime_get_ns() + (u64)us * 1000;

	do {
		*status = alt_status(chan);
		if (ready(&chan->tf, *status))
			return 0;
		cpu_relax();
	} while (ktime_get_ns() < deadline);
	/*
	 * One last look: on a loaded host the virtual CPU can be descheduled
	 * between a read and the clock check, so the deadline may pass while
	 * the device, which kept running, is long ready.
	 */
	*status = alt_status(chan);
	return ready(&chan->tf, *status) ? 0 : -ETIMEDOUT;
}

/*
 * Arm the timer for the current phase: a new deadline, checked at the
 * deadline, or every tick while waiting for the first DRQ of a PIO out.
 */
static void arm_timer(struct ata_channel *chan)
{
	struct ata_taskfile *tf = &chan->tf;

	if (tf->polled)
		return;
	tf->expires = jiffies + DIV_ROUND_UP(ata_timeout_ms * HZ, 1000) + 1;
	mod_timer(&chan->timer, tf->poll_drq ? jiffies + 1 : tf->expires);
}

static void write_taskfile(struct ata_channel *chan, const struct ata_taskfile *tf)
{
	u16 base = chan->base;

	if (tf->lba48) { /* the high-order bytes first (HOB), §6.20 */
		outb(base + ATA_REG_ERROR, 0);
		outb(base + ATA_REG_NSECT, tf->nsect >> 8);
		outb(base + ATA_REG_LBAL, (u8)(tf->lba >> 24));
		outb(base + ATA_REG_LBAM, 0); /* bits 32-47: sector_t has 32 */
		outb(base + ATA_REG_LBAH, 0);
	}
	outb(base + ATA_REG_ERROR, tf->feature);
	outb(base + ATA_REG_NSECT, (u8)tf->nsect);
	outb(base + ATA_REG_LBAL, (u8)tf->lba);
	outb(base + ATA_REG_LBAM, (u8)(tf->lba >> 8));
	outb(base + ATA_REG_LBAH, (u8)(tf->lba >> 16));
}

/* Move one DRQ block between the data register and memory. */
static void pio_block(struct ata_channel *chan)
{
	struct ata_taskfile *tf = &chan->tf;
	unsigned int n = min(tf->block, tf->count - tf->done);

	if (tf->dir == ATA_DATA_OUT)
		tf->xfer_lba = tf->lba + tf->done;
	for (unsigned int i = 0; i < n; i++) {
		u16 *p = tf->rq ? blk_rq_next_sector(tf->rq) : tf->buf + i * (SECTOR_SIZE / 2);
		if (tf->dir == ATA_DATA_IN)
			insw(chan->base + ATA_REG_DATA, p, SECTOR_SIZE / 2);
		else
			outsw(chan->base + ATA_REG_DATA, p, SECTOR_SIZE / 2);
	}
	tf->done += n;
	if (tf->dir == ATA_DATA_IN)
		tf->xfer_lba = tf->lba + tf->done;
}

/*
 * Start chan->tf on chan->active: select, check that the device is ready
 * for a command, load the registers, write the command (unless fault
 * injection drops it) and arm the timeout. For DMA, the memory is
 * described first (a request the PRD table cannot describe goes by PIO)
 * and the engine started after the command. For PIO out, send the first
 * block if the device raises DRQ within ATA_READY_WAIT_US; if not, the
 * timer looks again every tick (or an error interrupt comes). Returns 0,
 * or -EBUSY when the device is not ready for a command: the caller hands
 * the channel to recovery, which may wait longer because it may sleep.
 */
static int issue(struct ata_channel *chan)
{
	struct ata_device *dev = chan->active;
	struct ata_taskfile *tf = &chan->tf;
	u8 status;

	tf->done = 0;
	tf->xfer_lba = tf->lba;
	tf->poll_drq = false;
	if (tf->dma && ata_dma_map(chan))
		ata_use_pio(chan);
	if (tf->rq)
		blk_rq_rewind(tf->rq);
	if (!ata_select(chan, dev->unit, tf->lba48 ? 0 : (tf->lba >> 24) & 0x0F) ||
	    poll_status(chan, ATA_READY_WAIT_US, idle, &status))
		return -EBUSY;
	if (tf->dir != ATA_NODATA)
		trace_event(TRACE_ATA, "cmd",
			    "dev=%s cmd=0x%02x lba=%lu sectors=%u dir=%s retry=%d", dev->name,
			    tf->command, tf->lba, tf->count,
			    tf->dir == ATA_DATA_OUT ? "write" : "read", tf->retries);
	if (tf->dma) {
		ata_dma_prepare(chan);
		dev->cmds_dma++;
	}
	write_taskfile(chan, tf);
	if (dev->drop_cmds)
		dev->drop_cmds--;
	else
		outb(chan->base + ATA_REG_CMD, tf->command);
	if (tf->dma)
		ata_dma_start(chan);
	else if (tf->dir == ATA_DATA_OUT) {
		if (!poll_status(chan, ATA_READY_WAIT_US, not_busy, &status) && (status & ATA_DRQ))
			pio_block(chan);
		else
			tf->poll_drq = true;
	}
	arm_timer(chan);
	return 0;
}

void ata_start_command(struct ata_channel *chan)
{
	if (issue(chan))
		ata_eh_schedule(chan, ATA_EH_NOT_READY);
}

/*
 * The command in flight is over: hand a request's result to the block
 * layer, then mark the channel idle and wake internal commands waiting
 * for it. The caller starts the next request. Interrupts off.
 */
void ata_finish(struct ata_channel *chan, int err)
{
	struct ata_taskfile *tf = &chan->tf;
	struct request *rq = tf->rq;

	if (!tf->polled)
		del_timer(&chan->timer);
	tf->result = err;
	tf->finished = true;
	tf->rq = NULL;
	if (rq)
		blk_end_request(rq, err);
	chan->active = NULL;
	wake_up(&chan->idle_wait);
}

/*
 * A DMA command ended (@status: BSY clear). Success needs a clean device
 * status and an engine that saw the device's interrupt and moved exactly
 * the PRD table: no bus error, not still active (the device wanted less
 * than the table, or never started). Anything else freezes the channel:
 * recovery resets it and redoes the request by PIO.
 */
static void service_dma(struct ata_channel *chan, u8 status)
{
	struct ata_device *dev = chan->active;
	struct ata_taskfile *tf = &chan->tf;
	u8 bm = ata_dma_stop(chan);

	if (status & (ATA_ERR | ATA_DF)) {
		report_error(dev, tf, status, inb(chan->base + ATA_REG_ERROR));
		ata_eh_schedule(chan, ATA_EH_DMA_ERROR);
		return;
	}
	if ((bm & (ATA_BM_ERROR | ATA_BM_ACTIVE)) || !(bm & ATA_BM_INTR) || (status & ATA_DRQ)) {
		char where[48];

		ata_describe(where, sizeof(where), tf, "DMA failure");
		printk(KERN_ERR "%s: %s (%s): bus master status 0x%02x, status 0x%02x\n",
		       dev->name, where, ata_command_name(tf->command), bm, status);
		dev->dma_failures++;
		ata_eh_schedule(chan, ATA_EH_DMA_ERROR);
		return;
	}
	tf->done = tf->count;
	ata_finish(chan, 0);
}

/*
 * Advance the command in flight, given an actionable @status read from
 * STATUS (which acknowledged the interrupt).
 */
static void service(struct ata_channel *chan, u8 status)
{
	struct ata_taskfile *tf = &chan->tf;

	tf->poll_drq = false;
	if (tf->dma) {
		service_dma(chan, status);
		return;
	}
	if (status & (ATA_ERR | ATA_DF)) {
		report_error(chan->active, tf, status, inb(chan->base + ATA_REG_ERROR));
		ata_finish(chan, -EIO);
		return;
	}
	switch (tf->dir) {
	case ATA_DATA_IN: /* a block is ready; the command ends with the last one */
		pio_block(chan);
		if (tf->done < tf->count) {
			arm_timer(chan);
			return;
		}
		break;
	case ATA_DATA_OUT: /* the device wants the next block, or has taken the last */
		if (tf->done < tf->count) {
			pio_block(chan);
			arm_timer(chan);
			return;
		}
		break;
	}
	ata_finish(chan, 0);
}

/*
 * Drive the polled command in flight to its end (early boot: interrupts
 * are off and nothing else can run, so waiting here costs nobody).
 */
static void poll_command(struct ata_channel *chan)
{
	struct ata_taskfile *tf = &chan->tf;
	u8 status;

	while (!tf->finished) {
		if (chan->eh_pending)
			ata_eh_recover(chan);
		else if (poll_status(chan, ata_timeout_ms * 1000UL, actionable, &status))
			ata_eh_schedule(chan, ATA_EH_TIMEOUT);
		else
			service(chan, inb(chan->base + ATA_REG_STATUS));
	}
}

/*
 * Switch @chan to interrupt mode the first time it is used with
 * interrupts on (@flags: the caller's saved EFLAGS). A stale interrupt
 * from the polled era is harmless: ata_intr ignores an idle channel.
 */
static void update_mode(struct ata_channel *chan, unsigned long flags)
{
	if (chan->irq_mode || !(flags & X86_EFLAGS_IF))
		return;
	chan->irq_mode = true;
	outb(chan->ctrl, 0);
}

/* The next request of @chan's two disks, taking turns; sets *devp. */
static struct request *next_request(struct ata_channel *chan, struct ata_device **devp)
{
	for (int i = 0; i < 2; i++) {
		struct ata_device *dev = &chan->dev[(chan->next_unit + i) & 1];
		struct request *rq;

		if (!dev->present || !dev->disk.queue)
			continue;
		rq = blk_fetch_request(dev->disk.queue);
		if (rq) {
			chan->next_unit = dev->unit ^ 1;
			*devp = dev;
			return rq;
		}
	}
	return NULL;
}

/*
 * Choose chan->tf's read or write command: DMA or PIO as tf->dma says;
 * LBA48 (EXT commands) when the range or the count needs it (past what
 * LBA28 reaches, more than 256 sectors) or when forced; for PIO, READ/WRITE
 * MULTIPLE when a multiple count is set.
 */
static void set_rw_command(struct ata_taskfile *tf, const struct ata_device *dev)
{
	bool write = tf->dir == ATA_DATA_OUT;

	tf->nsect = (u16)tf->count;
	tf->lba48 = dev->force_lba48 || tf->lba + tf->count > ATA_LBA28_LIMIT ||
		    tf->count > ATA_MAX_SECTORS;
	tf->block = dev->mult ? dev->mult : 1;
	if (tf->dma)
		tf->command = dma_commands[write][tf->lba48];
	else
		tf->command = rw_commands[write][tf->lba48][dev->mult != 0];
}

void ata_use_pio(struct ata_channel *chan)
{
	chan->tf.dma = false;
	set_rw_command(&chan->tf, chan->active);
}

/* Fill chan->tf for @rq; for a flush, EXT when the disk is that large. */
static void setup_request(struct ata_channel *chan, struct ata_device *dev, struct request *rq)
{
	struct ata_taskfile *tf = &chan->tf;
	bool write = rq_data_dir(rq) == WRITE;

	memset(tf, 0, sizeof(*tf));
	tf->rq = rq;
	chan->active = dev;
	if (rq->cmd_flags & REQ_FLUSH) {
		bool ext = dev->force_lba48 || dev->sectors > ATA_LBA28_LIMIT;

		tf->command = ext ? ATA_CMD_FLUSH_EXT : ATA_CMD_FLUSH;
		tf->dir = ATA_NODATA;
		return;
	}
	tf->lba = rq->sector;
	tf->count = rq->nr_sectors;
	tf->dir = write ? ATA_DATA_OUT : ATA_DATA_IN;
	tf->dma = dev->use_dma && chan->irq_mode; /* see ata_dma.c on polling */
	set_rw_command(tf, dev);
	if (tf->lba48)
		dev->cmds_lba48++;
	else
		dev->cmds_lba28++;
}

/**
 * ata_channel_start - start the next request if @chan is idle
 *
 * In interrupt mode this returns once the command is started. Before
 * (early boot), each command is polled to completion here and the loop
 * goes on until the queues are empty. Any context.
 */
void ata_channel_start(struct ata_channel *chan)
{
	for (;;) {
		unsigned long flags = local_irq_save();
		struct ata_device *dev;
		struct request *rq;

		update_mode(chan, flags);
		if (chan->active || chan->reserved || chan->eh_pending ||
		    !(rq = next_request(chan, &dev))) {
			local_irq_restore(flags);
			return;
		}
		setup_request(chan, dev, rq);
		chan->tf.polled = !chan->irq_mode;
		ata_start_command(chan);
		local_irq_restore(flags);
		if (!chan->tf.polled)
			return;
		poll_command(chan);
	}
}

void ata_request_fn(struct request_queue *q)
{
	struct ata_device *dev = q->queuedata;

	ata_channel_start(dev->chan);
}

/* The channel's interrupt: the device finished a phase of the command in flight. */
void ata_intr(struct ata_channel *chan)
{
	u8 status;

	/* A DMA command's device interrupt is latched by the engine; no latch, not ours. */
	if (chan->active && chan->tf.dma && !chan->eh_pending &&
	    !(ata_dma_status(chan) & ATA_BM_INTR))
		return;
	status = inb(chan->base + ATA_REG_STATUS); /* also acknowledges it */

	if (!chan->active || chan->tf.polled || chan->eh_pending || !actionable(&chan->tf, status))
		return; /* stale, spurious, or recovery's business; a lost one is the timer's */
	service(chan, status);
	if (!chan->active)
		ata_channel_start(chan);
}

/*
 * Timer: a phase of the command in flight reached its deadline, or the
 * tick-by-tick look for a PIO out's first DRQ. A device that is ready is
 * serviced; one that is not, past the deadline, goes to recovery, which
 * runs in the error handler thread, never here.
 */
void ata_timeout(void *data)
{
	struct ata_channel *chan = data;
	struct ata_taskfile *tf = &chan->tf;

	if (!chan->active || tf->polled || chan->eh_pending)
		return;
	/* A DMA command is over only when the engine latched the device's interrupt. */
	if (actionable(tf, alt_status(chan)) && (!tf->dma || (ata_dma_status(chan) & ATA_BM_INTR))) {
		if (!tf->poll_drq)
			printk(KERN_WARNING "%s: no interrupt during %s but the device is ready: "
					    "continuing\n",
			       chan->active->name, ata_command_name(tf->command));
		service(chan, inb(chan->base + ATA_REG_STATUS));
	} else if (time_before(jiffies, tf->expires)) {
		mod_timer(&chan->timer, jiffies + 1);
	} else {
		ata_eh_schedule(chan, ATA_EH_TIMEOUT);
	}
	if (!chan->active)
		ata_channel_start(chan);
}

/*
 * Take @chan for an internal command or a reset: no new request starts, and we wait
 * for the one in flight. The kernel is not preemptive, so no other task
 * runs between a wait_event and the assignment after it. In early boot
 * the channel is always idle (commands are polled to completion).
 */
static void claim_channel(struct ata_channel *chan)
{
	if (!irqs_disabled()) {
		wait_event(chan->idle_wait, !chan->reserved);
		chan->reserved = true;
		wait_event(chan->idle_wait, !chan->active);
		return;
	}
	BUG_ON(chan->active || chan->reserved);
	chan->reserved = true;
}

static void release_channel(struct ata_channel *chan)
{
	chan->reserved = false;
	wake_up(&chan->idle_wait);
	ata_channel_start(chan);
}

/*
 * Run an internal command on a claimed channel and wait for it: polled
 * in early boot, else interrupt-driven like any request while the
 * caller sleeps on idle_wait.
 */
static int run_internal(struct ata_device *dev, u8 command, u8 feature, u8 nsect, u16 *buf)
{
	struct ata_channel *chan = dev->chan;
	struct ata_taskfile *tf = &chan->tf;
	unsigned long flags = local_irq_save();

	update_mode(chan, flags);
	memset(tf, 0, sizeof(*tf));
	tf->command = command;
	tf->feature = feature;
	tf->nsect = nsect;
	tf->buf = buf;
	tf->dir = buf ? ATA_DATA_IN : ATA_NODATA;
	tf->count = buf ? 1 : 0;
	tf->block = 1;
	tf->polled = !chan->irq_mode;
	chan->active = dev;
	ata_start_command(chan);
	local_irq_restore(flags);
	if (tf->polled)
		poll_command(chan);
	else
		wait_event(chan->idle_wait, tf->finished);
	return tf->result;
}

/**
 * ata_exec_internal - run a driver-internal command on @dev and wait
 * @feature: the Features register
 * @nsect: the Sector Count register
 * @buf: 512 bytes for a PIO data-in command (IDENTIFY), NULL for no data
 *
 * Returns 0, -EIO (reported on the console) or -ETIMEDOUT. Process
 * context or early boot.
 */
int ata_exec_internal(struct ata_device *dev, u8 command, u8 feature, u8 nsect, u16 *buf)
{
	int r;

	claim_channel(dev->chan);
	r = run_internal(dev, command, feature, nsect, buf);
	release_channel(dev->chan);
	return r;
}

int ata_set_multiple(struct ata_device *dev, unsigned int sectors)
{
	int r = 0;

	if (sectors > 255)
		return -EINVAL;
	/* Hold the channel until dev->mult matches the device: no command in between. */
	claim_channel(dev->chan);
	if (sectors)
		r = run_internal(dev, ATA_CMD_SET_MULTI, 0, sectors, NULL);
	if (!r)
		dev->mult = sectors;
	release_channel(dev->chan);
	return r;
}


int ata_set_dma(struct ata_device *dev, bool on)
{
	if (on && !dev->xfer_mode)
		return -ENODEV;
	claim_channel(dev->chan);
	dev->use_dma = on;
	release_channel(dev->chan);
	return 0;
}

int ata_reset_channel(struct ata_channel *chan)
{
	int r;

	claim_channel(chan);
	r = ata_soft_reset(chan);
	release_channel(chan);
	return r;
}
