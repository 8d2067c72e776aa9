package io.slipway.card;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import static io.slipway.card.NicLayout.*;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * The simulated card's lookaside receive path: ingress slots in, market-data records out, through
 * {@code slipway_vsim_ingress} and {@code slipway_vsim_drain_md} (ABI version 2).
 *
 * <p>The RTL decodes the SBE BestBidAsk message (template 10001) with the instrument scale fixed at
 * price exponent -2 and quantity exponent -6, dividing finer mantissas down when exact: a BestBidAsk
 * frame yields one {@code BBO} record, any other frame (another template, a malformed one, a
 * mantissa that does not divide exactly or has a coarser exponent) one {@code FEED_STATUS} record
 * with {@code FLAG_DECODE_ERROR}, as the reference card writes them.
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

    private final VerilatorCardRegisters registers;
    private final byte[] slots = new byte[BATCH_SLOTS * INGRESS_SLOT_SIZE];
    private final UnsafeBuffer slotBuffer = new UnsafeBuffer(slots);
    private final byte[] records = new byte[BATCH_RECORDS * MD_RECORD_SIZE];
    private final UnsafeBuffer recordBuffer = new UnsafeBuffer(records);
    private int staged;
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
            (BATCH_SLOTS == staged && BATCH_SLOTS == flush()))
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
            final int max = Math.min(BATCH_RECORDS, limit - handled);
            final int drained = VerilatorCardRegisters.Binding.slipway_vsim_drain_md(registers.model(), records, max);
            for (int i = 0; i < drained; i++)
            {
                handler.onRecord(recordBuffer, i * MD_RECORD_SIZE, MD_RECORD_SIZE);
            }
            handled += drained;
            if (drained < max && 0 == staged)
            {
                break;
            }
        }

        return handled;
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
        registers.close();
    }
}
