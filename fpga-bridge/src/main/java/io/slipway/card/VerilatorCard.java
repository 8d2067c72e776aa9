package io.slipway.card;

import com.sun.jna.Pointer;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import static io.slipway.card.NicLayout.*;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * The RTL card under Verilator as a {@link Card}: the lookaside receive path, the risk gate with its
 * order, exposure and completion paths, and the venue ports, all through {@code libslipway_vsim.so}
 * (ABI version 4) and the card's register bus.
 *
 * <p>Offers are staged here in offer order and cross to the library in batches of up to
 * {@link #BATCH} inputs of one kind per native call on {@link #process()}, never one signal per call
 * (a JNA call costs more than a simulated beat). Switching from orders to another input kind first
 * runs the card until every order has its verdict, so an order is judged on the BBO, limits and
 * exposure as of its offer, as on the reference card; register writes take effect at once, also as
 * there.
 *
 * <p>What differs from {@link ReferenceCard}, on purpose: cycle stamps (the RTL takes order slots as
 * 64-bit beats and pipelines its gate, the reference card charges {@link ReferenceCard#GATE_CYCLES}
 * per order; both report the same verdict latency); the receive path decodes all four templates in one
 * fixed instrument scale (see {@link VerilatorRxPath}), lookaside only (the wire input is driven through
 * {@link VerilatorRxPath}); malformed exposure records are dropped with no
 * count the host can read. {@link #advanceClock(long)} clocks short spans and fast-forwards long
 * ones once the card is idle.
 *
 * <p>Confined to the thread that opened it, as the model is.
 */
public final class VerilatorCard implements Card
{
    public static final String BACKEND_NAME = "verilator";
    /** Inputs of one kind per native call. */
    public static final int BATCH = 256;
    /** Inputs that can be staged between two {@link #process()} calls. */
    public static final int STAGED_INPUTS = 1024;
    /** Size of one venue-port record the library hands out ({@code SLIPWAY_VSIM_VENUE_RECORD_SIZE}). */
    public static final int VENUE_RECORD_SIZE = 208;
    static final int VENUE_RECORD_VENUE = 0x00;
    static final int VENUE_RECORD_LENGTH = 0x02;
    static final int VENUE_RECORD_FIRST_CYCLE = 0x08;
    static final int VENUE_RECORD_BYTES = 0x10;

    private static final byte INPUT_INGRESS = 1;
    private static final byte INPUT_ORDER = 2;
    private static final byte INPUT_EXPOSURE = 3;

    private final VerilatorCardRegisters registers;
    private final byte[] kinds = new byte[STAGED_INPUTS];
    private final byte[] ingressSlots = new byte[STAGED_INPUTS * INGRESS_SLOT_SIZE];
    private final UnsafeBuffer ingressBuffer = new UnsafeBuffer(ingressSlots);
    private final byte[] orderSlots = new byte[STAGED_INPUTS * ORDER_SLOT_SIZE];
    private final UnsafeBuffer orderBuffer = new UnsafeBuffer(orderSlots);
    private final int[] orderLengths = new int[STAGED_INPUTS];
    private final byte[] exposureRecords = new byte[STAGED_INPUTS * EXPOSURE_RECORD_SIZE];
    private final UnsafeBuffer exposureBuffer = new UnsafeBuffer(exposureRecords);
    private int head;
    private int staged;

    private final byte[] ingressBatch = new byte[BATCH * INGRESS_SLOT_SIZE];
    private final byte[] orderBatch = new byte[BATCH * ORDER_SLOT_SIZE];
    private final int[] lengthBatch = new int[BATCH];
    private final byte[] exposureBatch = new byte[BATCH * EXPOSURE_RECORD_SIZE];
    private final byte[] mdOut = new byte[BATCH * MD_RECORD_SIZE];
    private final UnsafeBuffer mdOutBuffer = new UnsafeBuffer(mdOut);
    private final byte[] completionOut = new byte[BATCH * COMPLETION_RECORD_SIZE];
    private final UnsafeBuffer completionOutBuffer = new UnsafeBuffer(completionOut);
    private final byte[] venueOut = new byte[BATCH * VENUE_RECORD_SIZE];
    private final UnsafeBuffer venueOutBuffer = new UnsafeBuffer(venueOut);
    private final byte[] noRecords = new byte[COMPLETION_RECORD_SIZE];
    private long lastTransmitFirstCycle;

    private VerilatorCard(final VerilatorCardRegisters registers)
    {
        this.registers = registers;
    }

    /** Opens a simulated card (see {@link VerilatorCardRegisters#open()}); the calling thread owns it. */
    public static VerilatorCard open()
    {
        return new VerilatorCard(VerilatorCardRegisters.open());
    }

    public String backendName()
    {
        return BACKEND_NAME;
    }

    /** Register access to the same card, for block reads. */
    public VerilatorCardRegisters registers()
    {
        return registers;
    }

    public int readRegister(final int address)
    {
        return registers.readRegister(address);
    }

    public void writeRegister(final int address, final int value)
    {
        registers.writeRegister(address, value);
    }

    /** Refused, as the reference card refuses it, for an oversized message or channel, or when staging is full. */
    public boolean offerIngress(final int channel, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < 0 || length > INGRESS_MAX_PAYLOAD || (channel & ~0xFFFF) != 0 || !hasRoom())
        {
            return false;
        }

        final int slot = staged * INGRESS_SLOT_SIZE;
        ingressBuffer.setMemory(slot, INGRESS_SLOT_SIZE, (byte)0);
        ingressBuffer.putShort(slot + INGRESS_CHANNEL, (short)channel, LITTLE_ENDIAN);
        ingressBuffer.putShort(slot + INGRESS_LENGTH, (short)length, LITTLE_ENDIAN);
        ingressBuffer.putBytes(slot + INGRESS_PAYLOAD, buffer, offset, length);
        kinds[staged++] = INPUT_INGRESS;

        return true;
    }

    /** As on the reference card: descriptor problems are the gate's to reject; only an oversized slot throws. */
    public boolean offerOrder(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < 0 || length > ORDER_SLOT_SIZE)
        {
            throw new IllegalArgumentException("order slot length outside 0.." + ORDER_SLOT_SIZE + ": " + length);
        }
        if (!hasRoom())
        {
            return false;
        }

        orderBuffer.putBytes(staged * ORDER_SLOT_SIZE, buffer, offset, length);
        orderLengths[staged] = length;
        kinds[staged++] = INPUT_ORDER;

        return true;
    }

    public boolean offerExposure(final DirectBuffer buffer, final int offset, final int length)
    {
        if (EXPOSURE_RECORD_SIZE != length)
        {
            throw new IllegalArgumentException(
                "exposure record length must be " + EXPOSURE_RECORD_SIZE + ": " + length);
        }
        if (!hasRoom())
        {
            return false;
        }

        exposureBuffer.putBytes(staged * EXPOSURE_RECORD_SIZE, buffer, offset, length);
        kinds[staged++] = INPUT_EXPOSURE;

        return true;
    }

    private boolean hasRoom()
    {
        if (STAGED_INPUTS == staged && head > 0)
        {
            compact();
        }

        return staged < STAGED_INPUTS;
    }

    public void process()
    {
        final Pointer model = registers.model();
        while (head < staged)
        {
            final byte kind = kinds[head];
            int count = 1;
            while (count < BATCH && head + count < staged && kinds[head + count] == kind)
            {
                count++;
            }

            final int taken;
            if (INPUT_INGRESS == kind)
            {
                System.arraycopy(ingressSlots, head * INGRESS_SLOT_SIZE, ingressBatch, 0, count * INGRESS_SLOT_SIZE);
                taken = VerilatorCardRegisters.Binding.slipway_vsim_ingress(model, ingressBatch, count);
                // Triggers the frames fired finish too: their slots must not be busy after this call.
                VerilatorCardRegisters.Binding.slipway_vsim_drain_completions(model, noRecords, 0);
            }
            else if (INPUT_ORDER == kind)
            {
                System.arraycopy(orderSlots, head * ORDER_SLOT_SIZE, orderBatch, 0, count * ORDER_SLOT_SIZE);
                System.arraycopy(orderLengths, head, lengthBatch, 0, count);
                taken = VerilatorCardRegisters.Binding.slipway_vsim_submit_orders(model, orderBatch, lengthBatch, count);
                if (head + taken == staged || kinds[head + taken] != INPUT_ORDER)
                {
                    // Every verdict first: the next ingress frame must not move a BBO an order still reads,
                    // and a register write after this call must not reach an order still in the gate.
                    VerilatorCardRegisters.Binding.slipway_vsim_drain_completions(model, noRecords, 0);
                }
            }
            else
            {
                System.arraycopy(
                    exposureRecords, head * EXPOSURE_RECORD_SIZE, exposureBatch, 0, count * EXPOSURE_RECORD_SIZE);
                taken = VerilatorCardRegisters.Binding.slipway_vsim_submit_exposures(model, exposureBatch, count);
            }

            head += taken;
            if (taken < count)
            {
                break;  // an output ring is full: the rest waits for the host to poll
            }
        }

        if (head == staged)
        {
            head = 0;
            staged = 0;
        }
    }

    private void compact()
    {
        final int left = staged - head;
        System.arraycopy(kinds, head, kinds, 0, left);
        System.arraycopy(ingressSlots, head * INGRESS_SLOT_SIZE, ingressSlots, 0, left * INGRESS_SLOT_SIZE);
        System.arraycopy(orderSlots, head * ORDER_SLOT_SIZE, orderSlots, 0, left * ORDER_SLOT_SIZE);
        System.arraycopy(orderLengths, head, orderLengths, 0, left);
        System.arraycopy(exposureRecords, head * EXPOSURE_RECORD_SIZE, exposureRecords, 0, left * EXPOSURE_RECORD_SIZE);
        head = 0;
        staged = left;
    }

    public int pollMarketData(final RecordHandler handler, final int limit)
    {
        int handled = 0;
        while (handled < limit)
        {
            final int max = Math.min(BATCH, limit - handled);
            final int drained = VerilatorCardRegisters.Binding.slipway_vsim_drain_md(registers.model(), mdOut, max);
            for (int i = 0; i < drained; i++)
            {
                handler.onRecord(mdOutBuffer, i * MD_RECORD_SIZE, MD_RECORD_SIZE);
            }
            handled += drained;
            if (drained < max)
            {
                break;
            }
        }

        return handled;
    }

    public int pollCompletions(final RecordHandler handler, final int limit)
    {
        int handled = 0;
        while (handled < limit)
        {
            final int max = Math.min(BATCH, limit - handled);
            final int drained =
                VerilatorCardRegisters.Binding.slipway_vsim_drain_completions(registers.model(), completionOut, max);
            for (int i = 0; i < drained; i++)
            {
                handler.onRecord(completionOutBuffer, i * COMPLETION_RECORD_SIZE, COMPLETION_RECORD_SIZE);
            }
            handled += drained;
            if (drained < max)
            {
                break;
            }
        }

        return handled;
    }

    public int pollTransmit(final TransmitHandler handler, final int limit)
    {
        int handled = 0;
        while (handled < limit)
        {
            final int max = Math.min(BATCH, limit - handled);
            final int drained = VerilatorCardRegisters.Binding.slipway_vsim_drain_venue(registers.model(), venueOut, max);
            for (int i = 0; i < drained; i++)
            {
                final int record = i * VENUE_RECORD_SIZE;
                lastTransmitFirstCycle = venueOutBuffer.getLong(record + VENUE_RECORD_FIRST_CYCLE, LITTLE_ENDIAN);
                handler.onTransmit(
                    venueOutBuffer.getByte(record + VENUE_RECORD_VENUE) & 0xFF,
                    venueOutBuffer,
                    record + VENUE_RECORD_BYTES,
                    venueOutBuffer.getShort(record + VENUE_RECORD_LENGTH, LITTLE_ENDIAN) & 0xFFFF);
            }
            handled += drained;
            if (drained < max)
            {
                break;
            }
        }

        return handled;
    }

    /**
     * Card cycle at which the first beat of the message last handed to a {@link TransmitHandler}
     * left its venue port; valid inside and after the callback.
     */
    public long lastTransmitFirstCycle()
    {
        return lastTransmitFirstCycle;
    }

    /** Card cycle at which the last beat of the last ingress slot fed to the card was taken. */
    public long lastIngressBeatCycle()
    {
        return VerilatorCardRegisters.Binding.slipway_vsim_last_ingress_beat_cycle(registers.model());
    }

    /** Card cycle at which the last beat of the last order slot fed to the card was taken. */
    public long lastOrderBeatCycle()
    {
        return VerilatorCardRegisters.Binding.slipway_vsim_last_order_beat_cycle(registers.model());
    }

    /**
     * Clocks the card; over long spans the library fast-forwards once the card is idle, setting the
     * cycle counter and the token buckets to what clocking would give ({@code slipway_vsim_advance}).
     */
    public void advanceClock(final long cycles)
    {
        if (cycles < 0)
        {
            throw new IllegalArgumentException("cycles must not be negative: " + cycles);
        }
        VerilatorCardRegisters.Binding.slipway_vsim_advance(registers.model(), cycles);
    }

    public long cycles()
    {
        return registers.cycles();
    }

    /** Closes the card; staged inputs are discarded. */
    public void close()
    {
        head = 0;
        staged = 0;
        registers.close();
    }
}
