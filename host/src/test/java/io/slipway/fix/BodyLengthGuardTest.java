package io.slipway.fix;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class BodyLengthGuardTest
{
    private static final String VALID = "8=FIX.4.4|9=5|35=0|10=163|";
    private static final String OVERSIZED = "8=FIX.4.4|9=99999999|35=D|34=2|11=BIG|10=000|";

    private final List<Long> dropped = new ArrayList<>();
    private final BodyLengthGuard guard = new BodyLengthGuard(4096, (length, max) -> dropped.add(length));

    @Test
    void validMessagesPassUntouched()
    {
        assertEquals(VALID + VALID, pass(VALID + VALID));
        assertTrue(dropped.isEmpty());
    }

    @Test
    void anOversizedMessageIsDroppedUpToTheNextBeginString()
    {
        assertEquals(VALID + VALID, pass(VALID + OVERSIZED + VALID));
        assertEquals(List.of(99_999_999L), dropped);
    }

    @Test
    void theLimitItselfPassesAndOneMoreIsDropped()
    {
        assertEquals("8=FIX.4.4|9=4096|35=0|", pass("8=FIX.4.4|9=4096|35=0|"));
        assertEquals(VALID, pass("8=FIX.4.4|9=4097|35=0|10=000|" + VALID));
        assertEquals(List.of(4097L), dropped);
    }

    @Test
    void moreThanNineDigitsIsOversized()
    {
        assertEquals(VALID, pass("8=FIX.4.4|9=123456789012345678901234567890|35=0|" + VALID));
        assertEquals(List.of(Long.MAX_VALUE), dropped);
    }

    @Test
    void aGarbledMessageWithoutItsEndIsDroppedUntilTheNextMessageArrives()
    {
        assertEquals("", pass("8=FIX.4.4|9=99999999|35=D|34=2|"));
        assertTrue(guard.isDiscarding());
        assertEquals("", pass("49=TW|56=ISLD|11=BIG|"));
        assertEquals(VALID, pass(VALID));
        assertFalse(guard.isDiscarding());
    }

    @Test
    void aHeaderCutAcrossReadsIsHeldBackThenJudged()
    {
        final String stream = VALID + OVERSIZED + VALID;
        // Every cut point, one read per part: same output as one read.
        for (int cut = 1; cut < stream.length(); cut++)
        {
            final BodyLengthGuard fresh = new BodyLengthGuard(4096, (length, max) -> { });
            assertEquals(VALID + VALID, passInReads(fresh, stream.substring(0, cut), stream.substring(cut)),
                "cut at " + cut);
        }
    }

    @Test
    void oneByteAtATime()
    {
        final String stream = OVERSIZED + VALID + OVERSIZED + VALID;
        final String[] reads = new String[stream.length()];
        for (int i = 0; i < reads.length; i++)
        {
            reads[i] = stream.substring(i, i + 1);
        }
        assertEquals(VALID + VALID, passInReads(guard, reads));
        assertEquals(2, dropped.size());
    }

    @Test
    void otherMalformedInputIsLeftToArtio()
    {
        // First three fields out of order, a non-numeric BodyLength, tags starting with 8: not headers.
        final String stream = "35=0|8=FIX.4.4|9=29|34=2|10=121|" + "8=FIX.4.4|9=abc|35=0|10=000|" +
            "8=FIX.4.4|9=20|35=D|80=1|84=2|10=000|";
        assertEquals(stream, pass(stream));
        assertTrue(dropped.isEmpty());
    }

    @Test
    void rejectsANonPositiveLimit()
    {
        assertThrows(IllegalArgumentException.class, () -> new BodyLengthGuard(0, (length, max) -> { }));
    }

    private String pass(final String input)
    {
        return passInReads(guard, input);
    }

    /** Feeds each part as one read into a buffer the way Artio's framer leaves it (nothing consumed). */
    private static String passInReads(final BodyLengthGuard guard, final String... reads)
    {
        final ByteBuffer buffer = ByteBuffer.allocate(1024);
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
}
