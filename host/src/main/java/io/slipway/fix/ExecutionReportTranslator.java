package io.slipway.fix;

import io.slipway.domain.Instrument;
import io.slipway.fix.codecs.builder.ExecutionReportEncoder;
import io.slipway.oms.ExecType;
import io.slipway.oms.ParentOrderReport;
import uk.co.real_logic.artio.fields.EpochFractionFormat;
import uk.co.real_logic.artio.fields.UtcTimestampEncoder;

import java.util.concurrent.TimeUnit;

/**
 * Fills an ExecutionReport (35=8) from a {@link ParentOrderReport}. Quantities and prices go out
 * in the instrument's fixed-point scale, so they are exact; Artio's float encoding drops
 * trailing zeros, so a price reads as {@link Instrument#formatPrice(long)} without them
 * (64999.9 for 64999.90) and a quantity as {@link Instrument#formatQty(long)}. A reject of an
 * order whose symbol is unknown carries the raw symbol and zeros.
 *
 * <p>Not thread-safe: one instance per gateway thread; the encoder is reused for every report.
 */
final class ExecutionReportTranslator
{
    /** CommType (13) 3 = absolute: Commission is the fees paid, in quote currency. */
    static final char COMM_TYPE_ABSOLUTE = '3';
    /** AvgPx is a mean of tick prices, so it is finer than a tick; four more digits serve. */
    static final int AVG_PX_EXTRA_DIGITS = 4;
    /** Fees are fractions of a cent after percentage rates. */
    static final int COMMISSION_SCALE = 8;

    private final ExecutionReportEncoder encoder = new ExecutionReportEncoder();
    /** FIX 4.4 UTCTimestamp carries milliseconds. */
    private final UtcTimestampEncoder transactTime = new UtcTimestampEncoder(EpochFractionFormat.MILLISECONDS);

    ExecutionReportEncoder encode(final ParentOrderReport report)
    {
        return encode(report, null);
    }

    /** @param ordStatusReqId OrdStatusReqID (790) of the status request this report answers, or null. */
    ExecutionReportEncoder encode(final ParentOrderReport report, final String ordStatusReqId)
    {
        final ExecutionReportEncoder encoder = this.encoder;
        final Instrument instrument = report.instrument();
        encoder.reset();

        encoder.orderID(report.orderId());
        if (ordStatusReqId != null)
        {
            encoder.ordStatusReqID(ordStatusReqId);
        }
        if (report.clOrdId() != null)
        {
            encoder.clOrdID(report.clOrdId());
        }
        if (report.origClOrdId() != null)
        {
            encoder.origClOrdID(report.origClOrdId());
        }
        encoder.execID(report.execId());
        encoder.execType(report.execType().fixCode());
        encoder.ordStatus(report.ordStatus().fixCode());
        encoder.symbol(report.symbol() != null ? report.symbol() : instrument != null ? instrument.symbol() : "");
        encoder.side(report.side() != null ? report.side().fixCode() : report.rawSide());

        if (instrument != null)
        {
            final int qtyScale = -instrument.qtyExponent();
            final int priceScale = -instrument.priceExponent();
            encoder.orderQty(report.orderQty(), qtyScale);
            if (isFill(report.execType()))
            {
                encoder.lastQty(report.lastQty(), qtyScale);
                encoder.lastPx(report.lastPx(), priceScale);
                if (report.lastMarket() != null)
                {
                    encoder.lastMkt(report.lastMarket());
                }
            }
            encoder.cumQty(report.cumQty(), qtyScale);
            encoder.leavesQty(report.leavesQty(), qtyScale);
            final int avgPxScale = priceScale + AVG_PX_EXTRA_DIGITS;
            final long avgPx = scaledRound(report.avgPx(), avgPxScale);
            encoder.avgPx(avgPx, avgPxScale);
        }
        else
        {
            encoder.orderQty(0, 0);
            encoder.cumQty(0, 0);
            encoder.leavesQty(0, 0);
            encoder.avgPx(0, 0);
        }

        final long fees = scaledRound(report.fees(), COMMISSION_SCALE);
        encoder.commission(fees, COMMISSION_SCALE);
        encoder.commType(COMM_TYPE_ABSOLUTE);

        final int length = transactTime.encodeFrom(report.transactTimeNs(), TimeUnit.NANOSECONDS);
        encoder.transactTime(transactTime.buffer(), length);
        if (report.text() != null)
        {
            encoder.text(report.text());
        }
        return encoder;
    }

    static boolean isFill(final ExecType execType)
    {
        return execType == ExecType.PARTIAL_FILL || execType == ExecType.FILL;
    }

    /** value * 10^scale rounded; 0 for NaN or infinity, which a report should never carry. */
    static long scaledRound(final double value, final int scale)
    {
        return Double.isFinite(value) ? Math.round(value * POWERS_OF_TEN[scale]) : 0;
    }

    private static final double[] POWERS_OF_TEN = new double[19];

    static
    {
        double power = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++)
        {
            POWERS_OF_TEN[i] = power;
            power *= 10;
        }
    }
}
