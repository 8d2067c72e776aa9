package io.slipway.card.tools;

import io.slipway.card.VerilatorRxPath;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;
import java.util.Locale;

import static io.slipway.card.NicLayout.FEED_BASE;
import static io.slipway.card.NicLayout.FEED_SUB_BASE;
import static io.slipway.card.NicLayout.FEED_SUB_CHANNEL_SHIFT;
import static io.slipway.card.NicLayout.FEED_SUB_ENABLE;
import static io.slipway.card.NicLayout.FEED_SUB_GROUP;
import static io.slipway.card.NicLayout.FEED_SUB_PORT_CHANNEL;
import static io.slipway.card.NicLayout.INGRESS_PAYLOAD;
import static io.slipway.card.NicLayout.WIRE_MAX_FRAME;

/**
 * Receive-path figures measured on the RTL (the Verilator model through JNA), for {@code card bench}:
 * <ul>
 *   <li>latency per template and path: cycles from the rising edge that samples the last beat of a
 *       frame carrying one SBE message (a lookaside slot, or an Ethernet frame on the wire input),
 *       counted as 1, to the edge after which the message's first market-data record is at the card's
 *       market-data output (before any host DMA), with the path idle before the frame;</li>
 *   <li>sustained rate: input beats and messages per cycle over a run of back-to-back frames (no idle
 *       cycle between them), from the card's cycle counter, output never blocked.</li>
 * </ul>
 * The messages are small and in the card's scale (BestBidAsk, a 2+2-level snapshot, a 1+1-level diff,
 * one trade); a message whose last group entry or symbol ends in the frame's last beat is the case
 * the latency describes.
 */
public final class RxPathBench
{
    public static final String[] TEMPLATES = {"trades", "bestBidAsk", "depthSnapshot", "depthDiff"};
    private static final int CHANNEL = 0x11;
    private static final int SUSTAINED_FRAMES = 2000;

    /** Latency in cycles by template (order of {@link #TEMPLATES}), lookaside then wire. */
    public final int[] lookasideLatency = new int[4];
    public final int[] wireLatency = new int[4];
    public double wireBeatsPerCycle;
    public double wireMessagesPerCycle;
    public double lookasideBeatsPerCycle;
    public double lookasideMessagesPerCycle;

    public static RxPathBench measure()
    {
        final RxPathBench bench = new RxPathBench();
        final SpotSbeEncoder sbe = new SpotSbeEncoder("BTCUSDT");
        final UdpFrameEncoder udp = new UdpFrameEncoder(0x02_00_00_00_00_01L, UdpFrameEncoder.address("10.0.0.1"), 40000, -1);
        final byte[][] messages = messages(sbe);
        try (VerilatorRxPath rtl = VerilatorRxPath.open())
        {
            final int entry = FEED_BASE + FEED_SUB_BASE;
            rtl.registers().writeRegister(entry + FEED_SUB_GROUP, SpotFeedTranscoder.group(CHANNEL));
            rtl.registers().writeRegister(entry + FEED_SUB_PORT_CHANNEL,
                FEED_SUB_ENABLE | CHANNEL << FEED_SUB_CHANNEL_SHIFT | SpotFeedTranscoder.port(CHANNEL));
            final UnsafeBuffer frame = new UnsafeBuffer(new byte[WIRE_MAX_FRAME]);
            for (int t = 0; t < 4; t++)
            {
                final UnsafeBuffer message = new UnsafeBuffer(messages[t]);
                bench.lookasideLatency[t] = rtl.receiveLatency(message, 0, messages[t].length, false);
                final int length = udp.encode(frame, 0, SpotFeedTranscoder.group(CHANNEL), SpotFeedTranscoder.port(CHANNEL),
                    message, 0, messages[t].length);
                bench.wireLatency[t] = rtl.receiveLatency(frame, 0, length, true);
            }
            rtl.pollMarketData((buffer, offset, length) -> { }, Integer.MAX_VALUE);

            // sustained: best bid/ask messages back to back
            final UnsafeBuffer bbo = new UnsafeBuffer(messages[1]);
            final int frameLength = udp.encode(frame, 0, SpotFeedTranscoder.group(CHANNEL), SpotFeedTranscoder.port(CHANNEL),
                bbo, 0, messages[1].length);
            long start = rtl.registers().cycles();
            for (int i = 0; i < SUSTAINED_FRAMES; i++)
            {
                rtl.offerWireFrame(frame, 0, frameLength);
            }
            rtl.flushFrames();
            long cycles = rtl.registers().cycles() - start;
            bench.wireMessagesPerCycle = (double)SUSTAINED_FRAMES / cycles;
            bench.wireBeatsPerCycle = (double)SUSTAINED_FRAMES * ((frameLength + 7) / 8) / cycles;
            rtl.pollMarketData((buffer, offset, length) -> { }, Integer.MAX_VALUE);

            start = rtl.registers().cycles();
            for (int i = 0; i < SUSTAINED_FRAMES; i++)
            {
                rtl.offerIngress(CHANNEL, bbo, 0, messages[1].length);
            }
            rtl.flush();
            cycles = rtl.registers().cycles() - start;
            bench.lookasideMessagesPerCycle = (double)SUSTAINED_FRAMES / cycles;
            bench.lookasideBeatsPerCycle =
                (double)SUSTAINED_FRAMES * ((INGRESS_PAYLOAD + messages[1].length + 7) / 8) / cycles;
            rtl.pollMarketData((buffer, offset, length) -> { }, Integer.MAX_VALUE);
        }
        return bench;
    }

    private static byte[][] messages(final SpotSbeEncoder sbe)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);
        final byte[][] messages = new byte[4][];
        int length = sbe.trades(buffer, 0, 1_723_000_000_000_000L, 1_723_000_000_000_001L, -2, -6,
            new long[][] {{42, 5_600_000, 1_000, 1}});
        messages[0] = Arrays.copyOf(buffer.byteArray(), length);
        length = sbe.bestBidAsk(buffer, 0, 1_723_000_000_000_000L, 7, -2, -6, 5_600_000, 1_000, 5_600_001, 2_000);
        messages[1] = Arrays.copyOf(buffer.byteArray(), length);
        final long[][] levels = {{5_600_000, 1_000}, {5_599_999, 2_000}};
        length = sbe.depth(buffer, 0, false, 1_723_000_000_000_000L, 100, 100, -2, -6, levels, 0, 2, levels, 0, 2);
        messages[2] = Arrays.copyOf(buffer.byteArray(), length);
        length = sbe.depth(buffer, 0, true, 1_723_000_000_000_000L, 101, 102, -2, -6, levels, 0, 1, levels, 1, 1);
        messages[3] = Arrays.copyOf(buffer.byteArray(), length);
        return messages;
    }

    public String toJson()
    {
        final StringBuilder json = new StringBuilder("{\"rxLatencyCycles\":{");
        for (int t = 0; t < 4; t++)
        {
            json.append(t > 0 ? "," : "").append('"').append(TEMPLATES[t]).append("\":{\"lookaside\":")
                .append(lookasideLatency[t]).append(",\"wire\":").append(wireLatency[t]).append('}');
        }
        json.append("},\"rxSustained\":{")
            .append(String.format(Locale.ROOT, "\"wireBeatsPerCycle\":%.3f,\"wireMessagesPerCycle\":%.4f,", wireBeatsPerCycle,
                wireMessagesPerCycle))
            .append(String.format(Locale.ROOT, "\"lookasideBeatsPerCycle\":%.3f,\"lookasideMessagesPerCycle\":%.4f",
                lookasideBeatsPerCycle, lookasideMessagesPerCycle))
            .append("},\"measures\":\"latency: cycles from the edge sampling a frame's last beat (1) to the edge after " +
                "which its first MD record is at the card output; sustained: back-to-back best bid/ask frames, " +
                "output never blocked\"}");
        return json.toString();
    }

    public static void main(final String[] args)
    {
        System.out.println(measure().toJson());
    }
}
