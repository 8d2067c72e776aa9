package io.slipway.card;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import static io.slipway.card.NicLayout.*;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * The simulated card's receive path: lookaside ingress slots and Ethernet frames on the wire input
 * in, market-data records out, through {@code slipway_vsim_ingress}, {@code slipway_vsim_wire_rx} and
 * {@code slipway_vsim_drain_md} (ABI version 4).
 *
 * <p>The RTL decodes the four templates of the Binance spot stream SBE schema with the instrument
 * scale fixed at price exponent -2 and quantity exponent -6 for every channel, dividing finer
 * mantissas down when exact; a frame yields its records, or one {@code FEED_STATUS} record with
 * {@code FLAG_DECODE_ERROR} when anything in it is malformed (a mantissa that does not divide
 * exactly or has a coarser exponent included), as the reference card writes them. Wire frames go
 * through the card's Ethernet/IPv4/UDP parser and subscription table (the feed block).
 *
 * <p>Slots and frames are delivered to the card in the order they were offered: staging one kind
 * first hands the other kind's staged batch to the card.
 *
 * <p>Offers are staged in a batch of {@link #BATCH_SLOTS} slots and cross to the library in one call
 * (a JNA call costs more than a simulated beat), when the batch is full or on {@link #pollMarketData}.
 * Confined to the thread that opened it, as the model is.
 */
public final class VerilatorRxPath implements AutoCloseable
{
    /** Ingress slots staged per native call. */
    public static final int BATCH_SLOTS = 64;
    /** Records copied out per native call. */
    public static final int BATCH_RECORDS = 256;
    /** Wire frames staged per native call. */
    public static final int BATCH_FRAMES = 64;

    private final VerilatorCardRegisters registers;
    private final byte[] slots = new byte[BATCH_SLOTS * INGRESS_SLOT_SIZE];
    private final UnsafeBuffer slotBuffer = new UnsafeBuffer(slots);
    private final byte[] records = new byte[BATCH_RECORDS * MD_RECORD_SIZE];
    private final UnsafeBuffer recordBuffer = new UnsafeBuffer(records);
    private final byte[] frames = new byte[BATCH_FRAMES * WIRE_MAX_FRAME];
    private final int[] frameLengths = new int[BATCH_FRAMES];
    private final byte[] probe = new byte[WIRE_MAX_FRAME];
    private int staged;
    private int stagedFrames;
    private int stagedFrameBytes;
    private long refused;

    private VerilatorRxPath(final VerilatorCardRegisters registers)
    {
        this.registers = registers;
    }

    /**
     * Opens a simulated card (see {@link VerilatorCardRegisters#open()}); the calling thread owns it.
     */
    public static VerilatorRxPath open()
    {
        return new VerilatorRxPath(VerilatorCardRegisters.open());
    }

    /** Register access to the same card. */
    public VerilatorCardRegisters registers()
    {
        return registers;
    }

    /**
     * Stages one SBE message for a feed channel. Refused, as the reference card refuses it, when the
     * message is longer than {@code INGRESS_MAX_PAYLOAD} or the channel does not fit 16 bits, and when
     * the card cannot take a full batch (drain it with {@link #pollMarketData}). The card has no
     * ingress ring yet, so refusals are counted here ({@link #refused()}), not in
     * {@code CNT_INGRESS_DROPPED}.
     */
    public boolean offerIngress(final int channel, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < 0 || length > INGRESS_MAX_PAYLOAD || (channel & ~0xFFFF) != 0 ||
            0 != flushFrames() || (BATCH_SLOTS == staged && BATCH_SLOTS == flush()))
        {
            refused++;
            return false;
        }

        final int slot = staged * INGRESS_SLOT_SIZE;
        slotBuffer.putShort(slot + INGRESS_CHANNEL, (short)channel, LITTLE_ENDIAN);
        slotBuffer.putShort(slot + INGRESS_LENGTH, (short)length, LITTLE_ENDIAN);
        slotBuffer.putInt(slot + INGRESS_RESERVED, 0, LITTLE_ENDIAN);
        slotBuffer.putLong(slot + INGRESS_HOST_TAG, 0L, LITTLE_ENDIAN);
        slotBuffer.putBytes(slot + INGRESS_PAYLOAD, buffer, offset, length);
        staged++;

        return true;
    }

    /**
     * Stages one Ethernet frame (no FCS) for the wire input. Refused when it is empty or longer than
     * {@code WIRE_MAX_FRAME}, or when the card cannot take a full batch (drain it with
     * {@link #pollMarketData}); counted in {@link #refused()}. What the card does with the frame
     * (decode it, or count and drop it) shows in the feed block's counters.
     */
    public boolean offerWireFrame(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length <= 0 || length > WIRE_MAX_FRAME || 0 != flush() ||
            (BATCH_FRAMES == stagedFrames && 0 != flushFrames()))
        {
            refused++;
            return false;
        }

        buffer.getBytes(offset, frames, stagedFrameBytes, length);
        frameLengths[stagedFrames++] = length;
        stagedFrameBytes += length;

        return true;
    }

    /**
     * Feeds the staged wire frames to the card.
     *
     * @return the number still staged.
     */
    public int flushFrames()
    {
        if (0 == stagedFrames)
        {
            return 0;
        }

        final int taken = VerilatorCardRegisters.Binding.slipway_vsim_wire_rx(
            registers.model(), frames, frameLengths, stagedFrames);
        int bytes = 0;
        for (int i = 0; i < taken; i++)
        {
            bytes += frameLengths[i];
        }
        if (taken > 0 && taken < stagedFrames)
        {
            System.arraycopy(frames, bytes, frames, 0, stagedFrameBytes - bytes);
            System.arraycopy(frameLengths, taken, frameLengths, 0, stagedFrames - taken);
        }
        stagedFrameBytes -= bytes;
        stagedFrames -= taken;

        return stagedFrames;
    }

    /**
     * Measures the receive latency on the RTL: hands what is staged to the card, drains it, then
     * feeds one frame (a wire frame, or an SBE message as a lookaside slot for channel 0) and counts
     * the cycles from the rising edge that samples its last beat (1) to the edge after which its first
     * market-data record is at the card's output. The frame's records are then delivered by
     * {@link #pollMarketData} as any others.
     *
     * @return the cycles, or 0 if the frame yielded no record (dropped, or not subscribed).
     */
    public int receiveLatency(final DirectBuffer buffer, final int offset, final int length, final boolean wire)
    {
        if (length < 0 || length > (wire ? WIRE_MAX_FRAME : INGRESS_MAX_PAYLOAD))
        {
            throw new IllegalArgumentException("frame length outside 0.." +
                (wire ? WIRE_MAX_FRAME : INGRESS_MAX_PAYLOAD) + ": " + length);
        }
        flush();
        flushFrames();
        buffer.getBytes(offset, probe, 0, length);
        return VerilatorCardRegisters.Binding.slipway_vsim_rx_latency(registers.model(), probe, length, wire ? 1 : 0);
    }

    /**
     * Feeds the staged slots to the card.
     *
     * @return the number still staged (the card's side was too full for them).
     */
    public int flush()
    {
        if (0 == staged)
        {
            return 0;
        }

        final int taken = VerilatorCardRegisters.Binding.slipway_vsim_ingress(registers.model(), slots, staged);
        if (taken > 0 && taken < staged)
        {
            System.arraycopy(slots, taken * INGRESS_SLOT_SIZE, slots, 0, (staged - taken) * INGRESS_SLOT_SIZE);
        }
        staged -= taken;

        return staged;
    }

    /**
     * Feeds what is staged, runs the card until its receive path is idle and hands up to {@code limit}
     * records to {@code handler}, oldest first.
     *
     * @return the number of records handled.
     */
    public int pollMarketData(final RecordHandler handler, final int limit)
    {
        int handled = 0;
        while (handled < limit)
        {
            flush();
            flushFrames();
            final int max = Math.min(BATCH_RECORDS, limit - handled);
            final int drained = VerilatorCardRegisters.Binding.slipway_vsim_drain_md(registers.model(), records, max);
            for (int i = 0; i < drained; i++)
            {
                handler.onRecord(recordBuffer, i * MD_RECORD_SIZE, MD_RECORD_SIZE);
            }
            handled += drained;
            if (drained < max && 0 == staged && 0 == stagedFrames)
            {
                break;
            }
        }

        return handled;
    }

    /**
     * Feeds what is staged, then lets {@code cycles} pass with no new input as
     * {@code slipway_vsim_advance} does (an idle card is jumped, stopping at each feed staleness
     * deadline to clock its record through); the records stay for {@link #pollMarketData}.
     *
     * @return the card's cycle counter afterwards.
     */
    public long advanceClock(final long cycles)
    {
        if (cycles < 0)
        {
            throw new IllegalArgumentException("cycles must not be negative: " + cycles);
        }
        flush();
        flushFrames();
        return VerilatorCardRegisters.Binding.slipway_vsim_advance(registers.model(), cycles);
    }

    /** Offers refused since open. */
    public long refused()
    {
        return refused;
    }

    /** Closes the card; staged slots are discarded. */
    public void close()
    {
        staged = 0;
        stagedFrames = 0;
        registers.close();
    }
}
