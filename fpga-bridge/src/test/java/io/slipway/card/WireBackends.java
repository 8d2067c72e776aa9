package io.slipway.card;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;

import static io.slipway.card.NicLayout.*;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reference card and the RTL side by side with the same subscriptions: frames and slots go to
 * both in the same order and on the same cycles; records and feed counters come back from each for
 * comparison, cycle stamps included.
 *
 * <p>Both cards present an input's beats from the cycle after the previous input's last beat was
 * taken. Between bursts the RTL's clock also runs while its driver drains the receive path and
 * while registers are written (the reference card's register access takes no cycles), so at every
 * {@link #sync()} (the start, every {@link #SYNC_EVERY} inputs and the end), with both cards idle at
 * the same place in the stream, the reference card's clock is advanced to the RTL's: the host's idle
 * time, handed to the reference through {@link Card#advanceClock(long)}. Within a burst every stamp
 * comes from each card's own model of its ports.
 */
final class WireBackends implements AutoCloseable
{
    /** FEED block words from FRAMES to RECOVERED: the counters and the staleness timeout. */
    static final int FEED_COUNTER_WORDS = (FEED_RECOVERED - FEED_FRAMES) / 4 + 1;
    /** Inputs per burst: few enough that the RTL driver never stops a burst to drain its ring. */
    static final int SYNC_EVERY = 32;

    final ReferenceCard reference;
    final VerilatorRxPath rtl;
    final List<byte[]> referenceRecords = new ArrayList<>();
    final List<byte[]> rtlRecords = new ArrayList<>();
    private final RecordHandler toReference = (buffer, offset, length) -> referenceRecords.add(copy(buffer, offset, length));
    private final RecordHandler toRtl = (buffer, offset, length) -> rtlRecords.add(copy(buffer, offset, length));

    WireBackends(final ReferenceCard.Context context)
    {
        SimulatedCardLibrary.require();
        reference = new ReferenceCard(context);
        rtl = VerilatorRxPath.open();
    }

    WireBackends subscribe(final int entry, final int group, final int port, final int channel)
    {
        final int base = FEED_BASE + FEED_SUB_BASE + entry * FEED_SUB_STRIDE;
        final int portChannel = FEED_SUB_ENABLE | channel << FEED_SUB_CHANNEL_SHIFT | port;
        reference.writeRegister(base + FEED_SUB_GROUP, group);
        reference.writeRegister(base + FEED_SUB_PORT_CHANNEL, portChannel);
        rtl.registers().writeRegister(base + FEED_SUB_GROUP, group);
        rtl.registers().writeRegister(base + FEED_SUB_PORT_CHANNEL, portChannel);
        return this;
    }

    private int sinceSync = -1;

    /** Offers a frame to both; the reference card processes it at once, draining when its ring is full. */
    void wire(final DirectBuffer frame, final int offset, final int length)
    {
        beforeInput();
        while (!reference.offerWireFrame(frame, offset, length))
        {
            drainReference();
        }
        reference.process();
        assertTrue(rtl.offerWireFrame(frame, offset, length), "the RTL takes a burst's frames without a drain");
    }

    private void beforeInput()
    {
        if (sinceSync < 0 || sinceSync >= SYNC_EVERY)
        {
            sync();
        }
        sinceSync++;
    }

    /**
     * Drains both and brings the reference card's clock to the RTL's: both are idle at the same place
     * in the stream, and the time the RTL's driver spent since is idle time for both.
     */
    void sync()
    {
        drain();
        final long behind = rtl.registers().cycles() - reference.cycles();
        assertTrue(behind >= 0, "the reference card's clock is ahead of the RTL's by " + -behind);
        reference.advanceClock(behind);
        sinceSync = 0;
    }

    void wire(final byte[] frame)
    {
        wire(new UnsafeBuffer(frame), 0, frame.length);
    }

    void slot(final int channel, final byte[] message)
    {
        beforeInput();
        assertTrue(reference.offerIngress(channel, new UnsafeBuffer(message), 0, message.length));
        reference.process();
        assertTrue(rtl.offerIngress(channel, new UnsafeBuffer(message), 0, message.length));
    }

    /** An admin write to both cards. */
    void write(final int address, final int value)
    {
        reference.writeRegister(address, value);
        rtl.registers().writeRegister(address, value);
    }

    /** No input for {@code cycles} on either card (each fast-forwards as it can), then a sync. */
    void silence(final long cycles)
    {
        sync();
        reference.advanceClock(cycles);
        rtl.advanceClock(cycles);
        sync();
    }

    void drain()
    {
        drainReference();
        rtl.pollMarketData(toRtl, Integer.MAX_VALUE);
    }

    private void drainReference()
    {
        do
        {
            reference.process();
        }
        while (reference.pollMarketData(toReference, Integer.MAX_VALUE) > 0);
    }

    int[] referenceFeed()
    {
        final int[] words = new int[FEED_COUNTER_WORDS];
        for (int i = 0; i < words.length; i++)
        {
            words[i] = reference.readRegister(FEED_BASE + FEED_FRAMES + 4 * i);
        }
        return words;
    }

    int[] rtlFeed()
    {
        final int[] words = new int[FEED_COUNTER_WORDS];
        rtl.registers().readRegisters(FEED_BASE + FEED_FRAMES, words, words.length);
        return words;
    }

    public void close()
    {
        reference.close();
        rtl.close();
    }

    static byte[] copy(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes, 0, length);
        return bytes;
    }
}
