package io.slipway.card;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;

import static io.slipway.card.NicLayout.*;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reference card and the RTL side by side with the same subscriptions: frames and slots go to
 * both in the same order; records and feed counters come back from each for comparison.
 */
final class WireBackends implements AutoCloseable
{
    static final int FEED_COUNTER_WORDS = (FEED_DELIVERED - FEED_FRAMES) / 4 + 1;

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

    /** Offers a frame to both; the reference card processes it at once, draining when its ring is full. */
    void wire(final DirectBuffer frame, final int offset, final int length)
    {
        while (!reference.offerWireFrame(frame, offset, length))
        {
            drainReference();
        }
        reference.process();
        while (!rtl.offerWireFrame(frame, offset, length))
        {
            rtl.pollMarketData(toRtl, Integer.MAX_VALUE);
        }
    }

    void wire(final byte[] frame)
    {
        wire(new UnsafeBuffer(frame), 0, frame.length);
    }

    void slot(final int channel, final byte[] message)
    {
        assertTrue(reference.offerIngress(channel, new UnsafeBuffer(message), 0, message.length));
        reference.process();
        assertTrue(rtl.offerIngress(channel, new UnsafeBuffer(message), 0, message.length));
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
