package io.slipway.card.tools;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import static io.slipway.card.NicLayout.INGRESS_MAX_PAYLOAD;
import static io.slipway.card.NicLayout.WIRE_MAX_PAYLOAD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The transcoder is reproducible: the recorded BTC and ETH streams give the same bytes every run,
 * pinned by their SHA-256, the one {@code SpotFeedTranscoder}'s command line prints for the same
 * arguments (a change to the encoding, framing or splitting rules changes it and must
 * update it knowingly), and the messages respect the length limit they were made for.
 */
final class SpotFeedTranscoderTest
{
    private static final int EVENTS = 2000;

    @Test
    void recordedStreamsTranscodeToPinnedBytes() throws IOException, NoSuchAlgorithmException
    {
        assertEquals("e5e4aafb0008801ac9e4327e5d8d6b0c3ccb262ba7795c20eb832a70b1180d7f", digest("btcusdt", 0x11, INGRESS_MAX_PAYLOAD, false));
        assertEquals("83200d12cdc96aeb9bc6b15981b29ded60034573fe5a976dd861314cc2286978", digest("ethusdt", 0x12, INGRESS_MAX_PAYLOAD, false));
        assertEquals("cb59a9cb677bbbec19a4bea343a93a9c3807085e1f03bcba60080798b3a1c459", digest("btcusdt", 0x11, WIRE_MAX_PAYLOAD, true));
        assertEquals("862a0d7bbb373d73fcfc537c6cca43fc02d4c5b5d6e8fe045348e416a940e988", digest("ethusdt", 0x12, WIRE_MAX_PAYLOAD, true));
    }

    @Test
    void sameInputSameBytesAndEveryMessageWithinItsLimit() throws IOException, NoSuchAlgorithmException
    {
        assertEquals(digest("btcusdt", 0x11, INGRESS_MAX_PAYLOAD, false), digest("btcusdt", 0x11, INGRESS_MAX_PAYLOAD, false));
        final Path file = recording("btcusdt");
        final int[] longest = new int[1];
        final SpotFeedTranscoder transcoder = new SpotFeedTranscoder("btcusdt", 0x11, INGRESS_MAX_PAYLOAD, null);
        transcoder.transcode(file, EVENTS, (channel, buffer, offset, length) -> longest[0] = Math.max(longest[0], length));
        assertTrue(longest[0] <= INGRESS_MAX_PAYLOAD, "longest message " + longest[0]);
        assertTrue(transcoder.depthMessages() > transcoder.depthDiffs(), "some diffs were split to fit a slot");
        assertEquals(1, transcoder.snapshots());
    }

    private static String digest(final String stream, final int channel, final int limit, final boolean wire)
        throws IOException, NoSuchAlgorithmException
    {
        final MessageDigest sha = MessageDigest.getInstance("SHA-256");
        final byte[] bytes = new byte[1 << 16];
        final SpotFeedTranscoder transcoder = new SpotFeedTranscoder(stream, channel, limit,
            wire ? new UdpFrameEncoder(0x02_00_00_00_00_01L, UdpFrameEncoder.address("10.0.0.1"), 40000, -1) : null);
        assertEquals(EVENTS, transcoder.transcode(recording(stream), EVENTS, (ch, buffer, offset, length) ->
        {
            // the command line's file format: [u16 little-endian length][bytes]
            bytes[0] = (byte)length;
            bytes[1] = (byte)(length >>> 8);
            buffer.getBytes(offset, bytes, 2, length);
            sha.update(bytes, 0, length + 2);
        }));
        return HexFormat.of().formatHex(sha.digest());
    }

    private static Path recording(final String stream)
    {
        final String shared = System.getProperty("slipway.shared.dir");
        final Path file = Path.of(null == shared ? "../../shared" : shared)
            .resolve("data/binance/spot_" + stream + "_20240808.gz");
        assumeTrue(Files.isRegularFile(file), "recorded data missing: " + file);
        return file;
    }
}
