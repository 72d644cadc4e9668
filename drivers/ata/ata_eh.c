/*
 * ATA error handling in process context (Linux's libata-eh.c in miniature;
 * ATA/ATAPI-6 §9.2 software reset).
 *
 * Interrupt handlers and timers only notice that a command is in trouble;
 * they freeze the channel (ata_eh_schedule: chan->eh_pending, the command
 * stays in chan->tf) and wake the "ata_eh" kernel thread. The thread does
 * the slow part where it may sleep: wait for a device that stays busy,
 * reset the channel, restore the settings a reset may lose, then re-issue
 * the command or fail it. Resets take milliseconds to seconds; done from
 * the timer interrupt, as this driver once did, they stalled the clock,
 * the scheduler and every other device for that long.
 *
 * Before interrupts are on (early boot) there is no thread to run: the
 * polling loop calls ata_eh_recover() itself and ata_msleep() busy-waits.
 *
 * A DMA command that failed (an error, a bus-master fault, a timeout) is
 * redone by PIO after the reset: DMA is an optimisation and must never
 * cost data. The PIO attempt's result is final, so a bad sector fails in
 * DMA mode exactly as in PIO mode. After ATA_DMA_MAX_FAILURES timeouts or
 * bus-master faults (not device errors: those are the medium's) the disk
 * stays in PIO.
 *
 * The reset waits for conditions, never for a fixed time alone. QEMU
 * finishes an SRST later, on its main-loop thread; until then both
 * devices are busy and register writes are ignored, while an absent
 * slave's status reads as 0 ("not busy"). A driver that polls whatever
 * device happens to be selected, with a delay that is "long enough" on
 * an idle host, finds no disk when the host is loaded (seen as
 * "ide0: nothing attached"). So ata_soft_reset() waits until device 0 is
 * really selected (the Device register reads back DEV=0, as the spec
 * says a reset leaves it) and its BSY is clear.
 *
 * Locking: the thread owns a channel while its eh_pending is set (see
 * ata.h); it changes the command state with interrupts off.
 */
#include "ata.h"
#include <arch/x86/io.h>
#include <arch/x86/irqflags.h>
#include <arch/x86/traps.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/time.h>
#include <uapi/errno.h>

static DECLARE_WAIT_QUEUE_HEAD(ata_eh_wait);

void ata_msleep(unsigned int ms)
{
	if (irqs_disabled())
		udelay(ms * 1000UL);
	else /* +1: the first tick may come at once */
		schedule_timeout_uninterruptible(DIV_ROUND_UP(ms * HZ, 1000) + 1);
}

/*
 * Wait, sleeping, until @done(@chan, *status) or @ms pass; a last look
 * after the deadline, since a loaded host may have kept us from running
 * while the device went on. Returns 0 or -ETIMEDOUT.
 */
static int eh_wait(struct ata_channel *chan, unsigned int ms,
		   bool (*done)(struct ata_channel *chan, int unit, u8 *status), int unit,
		   u8 *status)
{
	u64 deadline = ktime_get_ns() + (u64)ms * 1000000;

	while (ktime_get_ns() < deadline) {
		if (done(chan, unit, status))
			return 0;
		ata_msleep(1);
	}
	return done(chan, unit, status) ? 0 : -ETIMEDOUT;
}

/* Is @unit selected and neither busy nor asking for data? */
static bool unit_idle(struct ata_channel *chan, int unit, u8 *status)
{
	bool selected = ata_select(chan, unit, 0);

	*status = inb(chan->ctrl);
	return selected && !(*status & (ATA_BSY | ATA_DRQ));
}

/* Is @unit selected and not busy? (DRQ may be set: a device that wants data.) */
static bool unit_ready(struct ata_channel *chan, int unit, u8 *status)
{
	bool selected = ata_select(chan, unit, 0);

	*status = inb(chan->ctrl);
	return selected && !(*status & ATA_BSY);
}

int ata_wait_ready(struct ata_channel *chan, int unit, unsigned int ms, u8 *status)
{
	return eh_wait(chan, ms, unit_ready, unit, status);
}

/*
 * Run a no-data command (@feature, @nsect) on @dev by polling with sleeps:
 * used between a reset and the re-issue, when the channel is frozen.
 */
static int eh_nodata(struct ata_device *dev, u8 command, u8 feature, u8 nsect)
{
	struct ata_channel *chan = dev->chan;
	u8 status;

	if (eh_wait(chan, ATA_RESET_TIMEOUT_MS, unit_idle, dev->unit, &status))
		return -ETIMEDOUT;
	outb(chan->base + ATA_REG_ERROR, feature);
	outb(chan->base + ATA_REG_NSECT, nsect);
	outb(chan->base + ATA_REG_CMD, command);
	if (eh_wait(chan, ATA_RESET_TIMEOUT_MS, unit_ready, dev->unit, &status))
		return -ETIMEDOUT;
	inb(chan->base + ATA_REG_STATUS); /* clear the pending interrupt */
	return status & (ATA_ERR | ATA_DF) ? -EIO : 0;
}

/*
 * Give back what a reset may take from the probed disks: the multiple
 * count, and the DMA transfer mode (a device may revert to its power-on
 * default). A disk that refuses its DMA mode again stays in PIO.
 */
static void restore_settings(struct ata_channel *chan)
{
	for (int unit = 0; unit < 2; unit++) {
		struct ata_device *dev = &chan->dev[unit];

		if (!dev->present)
			continue;
		if (dev->mult && eh_nodata(dev, ATA_CMD_SET_MULTI, 0, dev->mult))
			printk(KERN_ERR "%s: multiple count %u lost in the reset\n", dev->name,
			       dev->mult);
		if (dev->xfer_mode &&
		    eh_nodata(dev, ATA_CMD_SET_FEATURES, ATA_SETFEATURES_XFER, dev->xfer_mode)) {
			printk(KERN_ERR "%s: DMA mode 0x%02x lost in the reset: PIO from now on\n",
			       dev->name, dev->xfer_mode);
			dev->xfer_mode = 0;
			dev->use_dma = false;
		}
	}
}

int ata_soft_reset(struct ata_channel *chan)
{
	unsigned long ticks = irq_count[IRQ_TIMER];
	u8 status;
	int r;

	outb(chan->ctrl, ATA_CTL_NIEN | ATA_CTL_SRST);
	udelay(5);
	outb(chan->ctrl, ATA_CTL_NIEN);
	ata_msleep(2); /* the spec's wait before the status means anything */
	chan->resets++;
	r = eh_wait(chan, ATA_RESET_TIMEOUT_MS, unit_ready, 0, &status);
	if (r)
		printk(KERN_ERR "%s: still busy %u ms after reset (status 0x%02x)\n", chan->name,
		       ATA_RESET_TIMEOUT_MS, status);
	else
		restore_settings(chan);
	outb(chan->ctrl, chan->irq_mode ? 0 : ATA_CTL_NIEN);
	chan->reset_ticks = irq_count[IRQ_TIMER] - ticks;
	return r;
}

void ata_eh_schedule(struct ata_channel *chan, enum ata_eh_reason why)
{
	if (!chan->tf.polled)
		del_timer(&chan->timer);
	chan->eh_pending = true;
	chan->eh_reason = why;
	wake_up(&ata_eh_wait);
}

/* Say what went wrong with the frozen command. */
static void report(struct ata_channel *chan, const char *what, u8 status)
{
	struct ata_taskfile *tf = &chan->tf;
	char where[48], sbits[48];

	ata_describe(where, sizeof(where), tf, what);
	ata_decode_status(sbits, sizeof(sbits), status);
	printk(KERN_ERR "%s: %s (%s) after %u ms: status 0x%02x %s; resetting %s\n",
	       chan->active->name, where, ata_command_name(tf->command), ata_timeout_ms, status,
	       sbits, chan->name);
}

/* After a reset, redo the frozen DMA command by PIO; maybe leave DMA for good. */
static void fall_back_to_pio(struct ata_channel *chan)
{
	struct ata_device *dev = chan->active;
	struct ata_taskfile *tf = &chan->tf;
	u8 failed = tf->command;

	dev->pio_fallbacks++;
	if (dev->use_dma && dev->dma_failures >= ATA_DMA_MAX_FAILURES) {
		dev->use_dma = false;
		printk(KERN_ERR "%s: %u DMA failures: PIO from now on\n", dev->name,
		       dev->dma_failures);
	}
	ata_use_pio(chan);
	printk(KERN_ERR "%s: %s failed, redoing LBA %lu+%u by PIO (%s)\n", dev->name,
	       ata_command_name(failed), tf->lba, tf->count, ata_command_name(tf->command));
}

/*
 * Deal with the frozen command: returns 0 to re-issue it, or the error to
 * fail it with. A device that was merely slow to become ready gets more
 * time (sleeping) before anything is reset.
 */
static int handle(struct ata_channel *chan)
{
	struct ata_device *dev = chan->active;
	struct ata_taskfile *tf = &chan->tf;
	char where[48];
	u8 status;

	switch (chan->eh_reason) {
	case ATA_EH_NOT_READY:
		if (!eh_wait(chan, ata_timeout_ms, unit_idle, dev->unit, &status))
			return 0;
		report(chan, "not ready", status);
		break;
	case ATA_EH_TIMEOUT:
		dev->timeouts++;
		dev->dma_failures += tf->dma;
		report(chan, "timeout", inb(chan->ctrl));
		break;
	case ATA_EH_DMA_ERROR: /* reported where it was seen */
		printk(KERN_ERR "%s: resetting %s\n", dev->name, chan->name);
		break;
	}
	if (tf->dma)
		ata_dma_stop(chan);
	ata_soft_reset(chan);
	if (tf->dma) {
		fall_back_to_pio(chan);
		return 0;
	}
	if (tf->retries++ < ATA_MAX_RETRIES) {
		printk(KERN_ERR "%s: retrying %s (retry %d of %d)\n", dev->name,
		       ata_command_name(tf->command), tf->retries, ATA_MAX_RETRIES);
		return 0;
	}
	ata_describe(where, sizeof(where), tf, "failed");
	printk(KERN_ERR "%s: %s (%s) after %d timeouts: giving up\n", dev->name, where,
	       ata_command_name(tf->command), tf->retries);
	return -ETIMEDOUT;
}

void ata_eh_recover(struct ata_channel *chan)
{
	while (chan->eh_pending) {
		int err = handle(chan);
		unsigned long flags = local_irq_save();

		chan->eh_pending = false;
		if (err)
			ata_finish(chan, err);
		else
			ata_start_command(chan); /* may freeze the channel again */
		local_irq_restore(flags);
	}
}

static bool eh_work(void)
{
	return ata_channels[0].eh_pending || ata_channels[1].eh_pending;
}

/* The error handler thread: recover frozen channels, then let them run on. */
static int ata_eh_thread(void *arg)
{
	for (;;) {
		/* Interruptible, like kswapd: idle, not waiting on I/O (khungtaskd). */
		wait_event_interruptible(ata_eh_wait, eh_work());
		for (int c = 0; c < 2; c++) {
			struct ata_channel *chan = &ata_channels[c];

			if (!chan->eh_pending || chan->tf.polled)
				continue;
			ata_eh_recover(chan);
			ata_channel_start(chan);
		}
	}
	return 0;
}

void ata_eh_init(void)
{
	if (!kernel_thread(ata_eh_thread, NULL, "ata_eh"))
		printk(KERN_ERR "ata: no error handler thread: a timeout will hang its disk\n");
}
