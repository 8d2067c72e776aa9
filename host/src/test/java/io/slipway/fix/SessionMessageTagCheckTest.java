package io.slipway.fix;

import io.slipway.fix.codecs.decoder.HeartbeatDecoder;
import io.slipway.fix.codecs.decoder.TestRequestDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

final class SessionMessageTagCheckTest
{
    private final SessionMessageTagCheck check = new SessionMessageTagCheck();

    @Test
    void wellFormedSessionMessagesPass()
    {
        assertEquals(SessionMessageTagCheck.NO_BAD_TAG,
            check(HeartbeatDecoder.MESSAGE_TYPE, "8=FIX.4.4|9=60|35=0|34=2|49=TW|52=20261121-10:00:00.000|56=ISLD|112=X|10=123|"));
        assertEquals(SessionMessageTagCheck.NO_BAD_TAG,
            check(TestRequestDecoder.MESSAGE_TYPE, "8=FIX.4.4|9=60|35=1|34=2|43=Y|49=TW|52=20261121-10:00:00.000|" +
            "122=20261121-09:59:59.000|56=ISLD|112=X|10=123|"));
    }

    @Test
    void undefinedTagsAreInvalidTagNumbers()
    {
        assertBad(999, SessionMessageTagCheck.INVALID_TAG_NUMBER, "35=0|34=2|49=TW|56=ISLD|999=HI|10=000|");
        assertBad(0, SessionMessageTagCheck.INVALID_TAG_NUMBER, "35=0|34=3|49=TW|56=ISLD|0=HI|10=000|");
        assertBad(-1, SessionMessageTagCheck.INVALID_TAG_NUMBER, "35=0|34=4|49=TW|56=ISLD|-1=HI|10=000|");
        assertBad(5000, SessionMessageTagCheck.INVALID_TAG_NUMBER, "35=0|34=5|49=TW|56=ISLD|5000=HI|10=000|");
    }

    @Test
    void tagsOfOtherMessagesAreNotDefinedForThisType()
    {
        assertBad(55, SessionMessageTagCheck.TAG_NOT_DEFINED_FOR_MESSAGE_TYPE, "35=0|34=2|49=TW|56=ISLD|55=MSFT|10=000|");
    }

    private void assertBad(final int tag, final int reason, final String message)
    {
        assertEquals(tag, check(HeartbeatDecoder.MESSAGE_TYPE, "8=FIX.4.4|9=40|" + message));
        assertEquals(reason, check.rejectReason());
    }

    private int check(final long messageType, final String message)
    {
        final byte[] bytes = message.replace('|', '\u0001').getBytes(StandardCharsets.US_ASCII);
        return check.check(messageType, new UnsafeBuffer(bytes), 0, bytes.length);
    }
}
