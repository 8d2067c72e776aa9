package io.slipway.cluster;

import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.domain.Side;
import io.slipway.oms.CancelReject;
import io.slipway.oms.ExecType;
import io.slipway.oms.OrdStatus;
import io.slipway.oms.ParentOrderReport;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static io.slipway.cluster.ClusterCoreInputs.ORDER;
import static io.slipway.cluster.ClusterCoreInputs.require;

/**
 * A whole {@link ParentOrderReport} in a few hundred bytes, so the leader's reports can reach an
 * OMS gateway in another process and become the same ExecutionReports as in one process.
 * Strings are length-prefixed ASCII (null allowed), enums are ordinals (-1 for null: an
 * OrderCancelReject has no ExecType), fixed-point values as is. OrigClOrdID and the
 * OrderCancelReject body (a presence byte, CxlRejResponseTo, CxlRejReason) close the message.
 */
public final class OmsReportCodec
{
    private static final int MAX_STRING_LENGTH = 256;

    private OmsReportCodec()
    {
    }

    /** Encodes at {@code offset}; returns the encoded length. */
    public static int encode(final MutableDirectBuffer buffer, final int offset, final ParentOrderReport report)
    {
        int at = offset;
        at += putString(buffer, at, report.clOrdId());
        at += putString(buffer, at, report.orderId());
        at += putString(buffer, at, report.execId());
        buffer.putByte(at++, (byte)(report.execType() == null ? -1 : report.execType().ordinal()));
        buffer.putByte(at++, (byte)report.ordStatus().ordinal());
        buffer.putInt(at, report.instrument() == null ? -1 : report.instrument().id(), ORDER);
        at += 4;
        at += putString(buffer, at, report.symbol());
        buffer.putByte(at++, (byte)(report.side() == null ? -1 : report.side().ordinal()));
        buffer.putChar(at, report.rawSide(), ORDER);
        at += 2;
        buffer.putLong(at, report.orderQty(), ORDER);
        buffer.putLong(at + 8, report.lastQty(), ORDER);
        buffer.putLong(at + 16, report.lastPx(), ORDER);
        at += 24;
        at += putString(buffer, at, report.lastMarket());
        buffer.putLong(at, report.cumQty(), ORDER);
        buffer.putLong(at + 8, report.leavesQty(), ORDER);
        buffer.putDouble(at + 16, report.avgPx(), ORDER);
        buffer.putDouble(at + 24, report.fees(), ORDER);
        buffer.putLong(at + 32, report.transactTimeNs(), ORDER);
        at += 40;
        at += putString(buffer, at, report.text());
        at += putString(buffer, at, report.origClOrdId());
        final CancelReject reject = report.cancelReject();
        buffer.putByte(at++, (byte)(reject == null ? 0 : 1));
        if (reject != null)
        {
            buffer.putChar(at, reject.responseTo(), ORDER);
            buffer.putInt(at + 2, reject.reason(), ORDER);
            at += 6;
        }
        return at - offset;
    }

    /**
     * @throws IllegalArgumentException when the bytes are truncated or name an unknown enum value.
     */
    public static ParentOrderReport decode(final DirectBuffer buffer, final int offset, final int length)
    {
        final int end = offset + length;
        int at = offset;
        final String clOrdId = getString(buffer, at, end);
        at += stringLength(buffer, at);
        final String orderId = getString(buffer, at, end);
        at += stringLength(buffer, at);
        final String execId = getString(buffer, at, end);
        at += stringLength(buffer, at);
        require(at + 6, end, -1);
        final byte execTypeOrdinal = buffer.getByte(at++);
        final ExecType execType = execTypeOrdinal < 0 ? null : enumAt(ExecType.values(), execTypeOrdinal);
        final OrdStatus ordStatus = enumAt(OrdStatus.values(), buffer.getByte(at++));
        final int instrumentId = buffer.getInt(at, ORDER);
        at += 4;
        final Instrument instrument = instrumentId < 0 ? null : Instruments.byId(instrumentId);
        final String symbol = getString(buffer, at, end);
        at += stringLength(buffer, at);
        require(at + 27, end, -1);
        final byte sideOrdinal = buffer.getByte(at++);
        final Side side = sideOrdinal < 0 ? null : enumAt(Side.values(), sideOrdinal);
        final char rawSide = buffer.getChar(at, ORDER);
        at += 2;
        final long orderQty = buffer.getLong(at, ORDER);
        final long lastQty = buffer.getLong(at + 8, ORDER);
        final long lastPx = buffer.getLong(at + 16, ORDER);
        at += 24;
        final String lastMarket = getString(buffer, at, end);
        at += stringLength(buffer, at);
        require(at + 40, end, -1);
        final long cumQty = buffer.getLong(at, ORDER);
        final long leavesQty = buffer.getLong(at + 8, ORDER);
        final double avgPx = buffer.getDouble(at + 16, ORDER);
        final double fees = buffer.getDouble(at + 24, ORDER);
        final long transactTimeNs = buffer.getLong(at + 32, ORDER);
        at += 40;
        final String text = getString(buffer, at, end);
        at += stringLength(buffer, at);
        final String origClOrdId = getString(buffer, at, end);
        at += stringLength(buffer, at);
        require(at + 1, end, -1);
        final byte hasReject = buffer.getByte(at++);
        CancelReject cancelReject = null;
        if (hasReject == 1)
        {
            require(at + 6, end, -1);
            final char responseTo = buffer.getChar(at, ORDER);
            if (responseTo != CancelReject.TO_CANCEL && responseTo != CancelReject.TO_REPLACE)
            {
                throw new IllegalArgumentException("unknown CxlRejResponseTo " + (int)responseTo);
            }
            cancelReject = new CancelReject(responseTo, buffer.getInt(at + 2, ORDER));
        }
        else if (hasReject != 0)
        {
            throw new IllegalArgumentException("cancel-reject presence byte must be 0 or 1, was " + hasReject);
        }
        if (execType == null && cancelReject == null)
        {
            throw new IllegalArgumentException("report with neither ExecType nor an OrderCancelReject body");
        }
        return new ParentOrderReport(clOrdId, orderId, execId, execType, ordStatus, instrument, symbol, side, rawSide,
            orderQty, lastQty, lastPx, lastMarket, cumQty, leavesQty, avgPx, fees, transactTimeNs, text, origClOrdId,
            cancelReject);
    }

    /** A string is an int length (-1 for null) followed by ASCII bytes. */
    private static int putString(final MutableDirectBuffer buffer, final int offset, final String value)
    {
        if (value == null)
        {
            buffer.putInt(offset, -1, ORDER);
            return 4;
        }
        if (value.length() > MAX_STRING_LENGTH)
        {
            throw new IllegalArgumentException("string field longer than " + MAX_STRING_LENGTH + " characters");
        }
        buffer.putInt(offset, value.length(), ORDER);
        buffer.putStringWithoutLengthAscii(offset + 4, value);
        return 4 + value.length();
    }

    private static int stringLength(final DirectBuffer buffer, final int offset)
    {
        return 4 + Math.max(0, buffer.getInt(offset, ORDER));
    }

    private static String getString(final DirectBuffer buffer, final int offset, final int end)
    {
        require(offset + 4, end, -1);
        final int length = buffer.getInt(offset, ORDER);
        if (length == -1)
        {
            return null;
        }
        if (length < 0 || length > MAX_STRING_LENGTH)
        {
            throw new IllegalArgumentException("string field length out of range: " + length);
        }
        require(offset + 4 + length, end, -1);
        return buffer.getStringWithoutLengthAscii(offset + 4, length);
    }

    private static <E extends Enum<E>> E enumAt(final E[] values, final int ordinal)
    {
        if (ordinal < 0 || ordinal >= values.length)
        {
            throw new IllegalArgumentException("unknown " + values.getClass().getComponentType().getSimpleName() +
                " ordinal " + ordinal);
        }
        return values[ordinal];
    }
}
