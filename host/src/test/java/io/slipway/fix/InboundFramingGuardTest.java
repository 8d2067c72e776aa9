package io.slipway.fix;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class InboundFramingGuardTest
{
    private static final String HEARTBEAT = msg("35=0|34=2|49=TW|56=ISLD|");
    private static final String TEST_REQUEST = msg("35=1|34=3|49=TW|56=ISLD|112=PING|");
    private static final String OVERSIZED = "8=FIX.4.4|9=99999999|35=D|34=2|11=BIG|10=000|";
    /** 2t: the first three fields out of order, then a header whose third field is not 35. */
    private static final String LEADING_MSG_TYPE = "35=0|8=FIX.4.4|9=29|34=2|49=TW|52=<TIME>|56=ISLD|10=121|";
    private static final String MSG_TYPE_FOURTH = "8=FIX.4.4|9=30|34=3|35=0|49=TW|52=<TIME>|56=ISLD|10=044|";

    private final List<String> dropped = new ArrayList<>();
    private final InboundFramingGuard guard = new InboundFramingGuard(4096, dropped::add);

    @Test
    void validMessagesPassUntouched()
    {
        assertEquals(HEARTBEAT + TEST_REQUEST + HEARTBEAT, pass(HEARTBEAT + TEST_REQUEST + HEARTBEAT));
        assertTrue(dropped.isEmpty());
        assertEquals(InboundFramingGuard.State.BOUNDARY, guard.state());
    }

    @Test
    void anOversizedMessageIsDroppedUpToTheNextMessage()
    {
        assertEquals(HEARTBEAT + TEST_REQUEST, pass(HEARTBEAT + OVERSIZED + TEST_REQUEST));
        assertEquals(List.of("BodyLength 99999999 exceeds the maximum 4096"), dropped);
    }

    @Test
    void theLimitItselfIsAcceptedAndOneMoreIsNot()
    {
        final String atLimit = msg("35=0|34=2|49=TW|56=ISLD|58=X|");
        final String overLimit = msg("35=0|34=2|49=TW|56=ISLD|58=XY|");
        final int limit = bodyLength(atLimit);
        final InboundFramingGuard small = new InboundFramingGuard(limit, dropped::add);
        assertEquals(atLimit + atLimit, passInReads(small, atLimit + overLimit + atLimit));
        assertEquals(List.of("BodyLength " + (limit + 1) + " exceeds the maximum " + limit), dropped);
    }

    @Test
    void moreThanNineDigitsIsOversized()
    {
        assertEquals(HEARTBEAT, pass("8=FIX.4.4|9=123456789012345678901234567890|35=0|" + HEARTBEAT));
        assertEquals(List.of("BodyLength of more than 9 digits exceeds the maximum 4096"), dropped);
    }

    @Test
    void aGarbledMessageWithoutItsEndIsDroppedUntilTheNextMessageArrives()
    {
        assertEquals("", pass("8=FIX.4.4|9=99999999|35=D|34=2|"));
        assertEquals(InboundFramingGuard.State.DISCARDING, guard.state());
        assertEquals("", pass("49=TW|56=ISLD|11=BIG|"));
        assertEquals(HEARTBEAT, pass(HEARTBEAT));
        assertEquals(InboundFramingGuard.State.BOUNDARY, guard.state());
    }

    @Test
    void bytesThatStartNoMessageAreDroppedWithTheGarbledHeaderAfterThem()
    {
        assertEquals(HEARTBEAT + TEST_REQUEST, pass(HEARTBEAT + LEADING_MSG_TYPE + TEST_REQUEST));
        assertEquals(List.of(
            "bytes after a complete message do not start with BeginString (8), BodyLength (9), MsgType (35)",
            "its third field is not MsgType (35)"), dropped);
    }

    @Test
    void garbageAtTheStartOfTheStreamIsDropped()
    {
        assertEquals(HEARTBEAT, pass("\r\nGET / HTTP/1.1\r\n" + HEARTBEAT));
        assertEquals(1, dropped.size());
    }

    @Test
    void aMessageWhoseThirdFieldIsNotMsgTypeIsDropped()
    {
        assertEquals(HEARTBEAT + TEST_REQUEST, pass(HEARTBEAT + MSG_TYPE_FOURTH + TEST_REQUEST));
        assertEquals(List.of("its third field is not MsgType (35)"), dropped);
        dropped.clear();
        assertEquals(TEST_REQUEST, pass("8=FIX.4.4|35=0|34=4|49=TW|56=ISLD|10=000|" + TEST_REQUEST));
        assertEquals(List.of("its third field is not MsgType (35)"), dropped);
    }

    @Test
    void aBodyLengthTooShortIsLeftToArtio()
    {
        final String tooShort = HEARTBEAT.replace("9=" + bodyLength(HEARTBEAT), "9=10");
        assertEquals(tooShort + TEST_REQUEST, pass(tooShort + TEST_REQUEST));
        assertEquals(InboundFramingGuard.State.BOUNDARY, guard.state(), "back in step at the next message start");
        assertTrue(dropped.isEmpty());
    }

    @Test
    void aBodyLengthThatRunsIntoTheNextMessageDropsTheMessage()
    {
        // Within the limit but longer than the message: without the guard Artio waits for 200 bytes.
        final String tooLong = HEARTBEAT.replace("9=" + bodyLength(HEARTBEAT), "9=200");
        assertEquals("", pass(tooLong));
        assertEquals(tooLong.length(), guard.heldLength(), "held until its end or the next message start");
        assertEquals(TEST_REQUEST, pass(TEST_REQUEST));
        assertEquals(List.of("BodyLength 200 runs past the start of the next message"), dropped);
    }

    @Test
    void aMessageIsHeldUntilItIsCompleteThenPassedWhole()
    {
        final String first = TEST_REQUEST.substring(0, 30);
        assertEquals("", pass(first));
        assertEquals(30, guard.heldLength());
        assertEquals(TEST_REQUEST + HEARTBEAT, pass(TEST_REQUEST.substring(30) + HEARTBEAT));
        assertEquals(0, guard.heldLength());
    }

    @Test
    void otherMalformedInputIsLeftToArtio()
    {
        // A wrong CheckSum, tags starting with 8 in the body: Artio's checks.
        final String stream = HEARTBEAT.replaceAll("10=\\d{3}", "10=999") + msg("35=D|34=4|80=1|84=2|8=X|");
        assertEquals(stream, pass(stream));
        assertTrue(dropped.isEmpty());
    }

    @Test
    void aNonNumericBodyLengthAfterACompleteMessageIsGarbage()
    {
        assertEquals(HEARTBEAT + TEST_REQUEST, pass(HEARTBEAT + "8=FIX.4.4|9=abc|35=0|10=000|" + TEST_REQUEST));
        assertEquals(1, dropped.size());
    }

    @Test
    void everyCutAcrossReadsGivesTheSameOutputAsOneRead()
    {
        final String stream = HEARTBEAT + OVERSIZED + TEST_REQUEST + LEADING_MSG_TYPE + HEARTBEAT + MSG_TYPE_FOURTH +
            TEST_REQUEST;
        final String expected = HEARTBEAT + TEST_REQUEST + HEARTBEAT + TEST_REQUEST;
        for (int cut = 1; cut < stream.length(); cut++)
        {
            final List<String> drops = new ArrayList<>();
            final InboundFramingGuard fresh = new InboundFramingGuard(4096, drops::add);
            assertEquals(expected, passInReads(fresh, stream.substring(0, cut), stream.substring(cut)), "cut at " + cut);
            assertEquals(4, drops.size(), "cut at " + cut);
        }
    }

    @Test
    void oneByteAtATime()
    {
        final String stream = OVERSIZED + HEARTBEAT + LEADING_MSG_TYPE + TEST_REQUEST;
        final String[] reads = new String[stream.length()];
        for (int i = 0; i < reads.length; i++)
        {
            reads[i] = stream.substring(i, i + 1);
        }
        assertEquals(HEARTBEAT + TEST_REQUEST, passInReads(guard, reads));
        assertEquals(3, dropped.size());
    }

    @Test
    void aGarbledFirstMessageAsksForTheConnectionToBeClosed()
    {
        // 1d: a Logon whose BodyLength is too short cannot be a valid Logon.
        final String logon = msg("35=A|34=1|49=TW|56=ISLD|98=0|108=30|");
        pass(logon.replace("9=" + bodyLength(logon), "9=20"));
        assertTrue(guard.closeRequested());
        assertEquals("BodyLength 20 does not end at the CheckSum field", guard.closeReason());

        for (final String garbled : List.of("\r\nGET / HTTP/1.1\r\n" + logon, OVERSIZED + logon, MSG_TYPE_FOURTH + logon,
            logon.replace("9=" + bodyLength(logon), "9=2"), logon.replace("9=" + bodyLength(logon), "9=200") + logon))
        {
            final InboundFramingGuard fresh = new InboundFramingGuard(4096, (reason) -> {});
            passInReads(fresh, garbled);
            assertTrue(fresh.closeRequested(), () -> "closes on " + garbled);
        }
    }

    @Test
    void garbledInputAfterAWellFramedMessageKeepsTheConnection()
    {
        final String tooShort = HEARTBEAT.replace("9=" + bodyLength(HEARTBEAT), "9=10");
        pass(TEST_REQUEST + OVERSIZED + MSG_TYPE_FOURTH + tooShort + "\r\n" + HEARTBEAT);
        assertEquals(2, dropped.size(), "the oversized one and the one with MsgType fourth");
        assertFalse(guard.closeRequested(), "only a garbled first message closes the connection");
        assertNull(guard.closeReason());
    }

    @Test
    void rejectsANonPositiveLimit()
    {
        assertThrows(IllegalArgumentException.class, () -> new InboundFramingGuard(0, (reason) -> { }));
    }

    private String pass(final String input)
    {
        return passInReads(guard, input);
    }

    /** Feeds each part as one read into a buffer the way Artio's framer leaves it (nothing consumed). */
    private static String passInReads(final InboundFramingGuard guard, final String... reads)
    {
        final ByteBuffer buffer = ByteBuffer.allocate(4096);
        for (final String read : reads)
        {
            final int start = buffer.position();
            assertTrue(guard.restoreHeld(buffer));
            buffer.put(read.replace('|', '\u0001').getBytes(StandardCharsets.US_ASCII));
            buffer.position(guard.filter(buffer, start, buffer.position()));
        }
        final byte[] out = new byte[buffer.position()];
        buffer.flip().get(out);
        return new String(out, StandardCharsets.US_ASCII).replace('\u0001', '|');
    }

    /** A message with its real BodyLength and CheckSum. */
    private static String msg(final String body)
    {
        final String head = "8=FIX.4.4|9=" + body.length() + "|" + body;
        int sum = 0;
        for (final byte b : head.replace('|', '\u0001').getBytes(StandardCharsets.US_ASCII))
        {
            sum += b;
        }
        return head + String.format("10=%03d|", sum & 0xFF);
    }

    private static int bodyLength(final String message)
    {
        final int start = message.indexOf("|9=") + 3;
        return Integer.parseInt(message.substring(start, message.indexOf('|', start)));
    }
}
