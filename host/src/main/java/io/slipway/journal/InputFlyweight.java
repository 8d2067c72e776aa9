package io.slipway.journal;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Base of the journal's input messages. Every message starts with the same 16-byte header:
 *
 * <pre>
 *   0  u16 template id (one per kind of core input, see {@link InputTemplates})
 *   2  u16 schema version of the message (decoders refuse versions they do not know)
 *   4  i32 length of the whole message in bytes
 *   8  i64 time of the input in ns (simulated or epoch), the time the core acts on it at
 *  16  body
 * </pre>
 *
 * Little-endian, as Agrona buffers write by default. Fields are read in place: a flyweight wraps
 * the bytes and allocates nothing, except where a message carries text (OMS commands, reject
 * reasons), which is off the market-data path.
 */
abstract class InputFlyweight
{
    static final int TEMPLATE_OFFSET = 0;
    static final int VERSION_OFFSET = 2;
    static final int LENGTH_OFFSET = 4;
    static final int TIME_OFFSET = 8;
    static final int HEADER_LENGTH = 16;
    static final int NULL_TEXT = -1;

    final UnsafeBuffer buffer = new UnsafeBuffer(new byte[0]);

    abstract int templateId();

    /** Version this flyweight writes and the newest it reads. */
    abstract int version();

    /** Length of the fixed part (header and fixed fields). */
    abstract int fixedLength();

    /** Wraps a buffer to write a new message at offset: writes the header and a zero time. */
    final void wrapForEncode(final MutableDirectBuffer target, final int offset)
    {
        buffer.wrap(target, offset, target.capacity() - offset);
        buffer.setMemory(0, fixedLength(), (byte)0);
        buffer.putShort(TEMPLATE_OFFSET, (short)templateId());
        buffer.putShort(VERSION_OFFSET, (short)version());
        buffer.putInt(LENGTH_OFFSET, fixedLength());
    }

    /** Wraps a recorded message to read it; a message that is not this kind, version or length is refused. */
    final void wrapForDecode(final DirectBuffer source, final int offset, final int length)
    {
        if (length < HEADER_LENGTH)
        {
            throw new JournalFormatException("message of " + length + " bytes is shorter than the header");
        }
        buffer.wrap(source, offset, length);
        final int template = buffer.getShort(TEMPLATE_OFFSET) & 0xFFFF;
        if (template != templateId())
        {
            throw new JournalFormatException("template " + template + " read as " + InputTemplates.name(templateId()));
        }
        final int messageVersion = buffer.getShort(VERSION_OFFSET) & 0xFFFF;
        if (messageVersion != version())
        {
            throw new JournalFormatException(InputTemplates.name(template) + " version " + messageVersion +
                " is not readable by this build (reads version " + version() + ")");
        }
        final int declared = buffer.getInt(LENGTH_OFFSET);
        if (declared != length || length < fixedLength())
        {
            throw new JournalFormatException(InputTemplates.name(template) + " declares " + declared +
                " bytes in a " + length + "-byte fragment (fixed part " + fixedLength() + ")");
        }
    }

    /** Whole message length in bytes. */
    public final int encodedLength()
    {
        return buffer.getInt(LENGTH_OFFSET);
    }

    public final long timeNs()
    {
        return buffer.getLong(TIME_OFFSET);
    }

    final void timeNs(final long timeNs)
    {
        buffer.putLong(TIME_OFFSET, timeNs);
    }

    /** Appends text at the current end of the message: i32 byte length (-1 for null) then UTF-8. */
    final void appendText(final String text)
    {
        final int at = encodedLength();
        if (text == null)
        {
            buffer.putInt(at, NULL_TEXT);
            buffer.putInt(LENGTH_OFFSET, at + 4);
            return;
        }
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (at + 4 + bytes.length > buffer.capacity())
        {
            throw new JournalFormatException("text of " + bytes.length + " bytes does not fit the message buffer");
        }
        buffer.putInt(at, bytes.length);
        buffer.putBytes(at + 4, bytes);
        buffer.putInt(LENGTH_OFFSET, at + 4 + bytes.length);
    }

    /** Offset just past the text that starts at {@code at}; checks it lies inside the message. */
    final int skipText(final int at)
    {
        final int textLength = textLength(at);
        return at + 4 + Math.max(0, textLength);
    }

    final String text(final int at)
    {
        final int textLength = textLength(at);
        if (textLength == NULL_TEXT)
        {
            return null;
        }
        final byte[] bytes = new byte[textLength];
        buffer.getBytes(at + 4, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private int textLength(final int at)
    {
        final int length = encodedLength();
        if (at + 4 > length)
        {
            throw new JournalFormatException(InputTemplates.name(templateId()) + " is cut short before a text field");
        }
        final int textLength = buffer.getInt(at);
        if (textLength < NULL_TEXT || (long)at + 4 + Math.max(0, textLength) > length)
        {
            throw new JournalFormatException(InputTemplates.name(templateId()) + " has a text field of " + textLength +
                " bytes past its end");
        }
        return textLength;
    }
}
