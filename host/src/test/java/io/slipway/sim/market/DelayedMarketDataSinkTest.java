package io.slipway.sim.market;

import io.slipway.sim.EventScheduler;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DelayedMarketDataSinkTest
{
    @Test
    void deliversEveryMessageIntactInOrderAfterTheLatency()
    {
        final EventScheduler scheduler = new EventScheduler(0);
        final List<String> delivered = new ArrayList<>();
        final DelayedMarketDataSink sink = new DelayedMarketDataSink(scheduler, (channel, buffer, offset, length) ->
        {
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            delivered.add(scheduler.nowNs() + ":" + channel + ":" + new String(copy));
        }, 2_000);
        final UnsafeBuffer source = new UnsafeBuffer(new byte[200_000]);
        final List<String> expected = new ArrayList<>();
        // Bursts that outgrow the initial queue, interleaved with times when it drains.
        long t = 0;
        for (int burst = 0; burst < 20; burst++)
        {
            final long at = t;
            final int b = burst;
            scheduler.schedule(at, now ->
            {
                for (int i = 0; i < 700; i++)
                {
                    final String text = "m" + b + "-" + i + "-" + "x".repeat(i % 97);
                    source.putStringWithoutLengthAscii(0, text);
                    sink.onSbeMessage(i % 5, source, 0, text.length());
                }
            });
            for (int i = 0; i < 700; i++)
            {
                expected.add((at + 2_000) + ":" + (i % 5) + ":" + "m" + burst + "-" + i + "-" + "x".repeat(i % 97));
            }
            t += burst % 3 == 0 ? 1_000 : 10_000;
        }
        while (scheduler.runNext(Long.MAX_VALUE))
        {
            // Drain.
        }
        assertEquals(expected, delivered);
        assertEquals(0, sink.pending());
        assertTrue(delivered.size() > 10_000);
    }
}
