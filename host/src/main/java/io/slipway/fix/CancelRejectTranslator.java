package io.slipway.fix;

import io.slipway.fix.codecs.builder.OrderCancelRejectEncoder;
import io.slipway.oms.ParentOrderReport;
import uk.co.real_logic.artio.fields.EpochFractionFormat;
import uk.co.real_logic.artio.fields.UtcTimestampEncoder;

import java.util.concurrent.TimeUnit;

/**
 * Fills an OrderCancelReject (35=9) from a {@link ParentOrderReport} whose
 * {@link ParentOrderReport#cancelReject()} is set: the order's current OrdStatus, what the
 * reject answers (CxlRejResponseTo 434), why (CxlRejReason 102) and the core's text.
 *
 * <p>Not thread-safe: one instance per gateway thread; the encoder is reused for every reject.
 */
final class CancelRejectTranslator
{
    /** OrigClOrdID (41) is required on the wire; a request without one is answered with this. */
    static final String NONE = "NONE";

    private final OrderCancelRejectEncoder encoder = new OrderCancelRejectEncoder();
    private final UtcTimestampEncoder transactTime = new UtcTimestampEncoder(EpochFractionFormat.MILLISECONDS);

    OrderCancelRejectEncoder encode(final ParentOrderReport report)
    {
        final OrderCancelRejectEncoder encoder = this.encoder;
        encoder.reset();
        encoder.orderID(report.orderId());
        encoder.clOrdID(report.clOrdId() == null || report.clOrdId().isEmpty() ? NONE : report.clOrdId());
        encoder.origClOrdID(report.origClOrdId() == null || report.origClOrdId().isEmpty() ? NONE :
            report.origClOrdId());
        encoder.ordStatus(report.ordStatus().fixCode());
        encoder.cxlRejResponseTo(report.cancelReject().responseTo());
        encoder.cxlRejReason(report.cancelReject().reason());
        final int length = transactTime.encodeFrom(report.transactTimeNs(), TimeUnit.NANOSECONDS);
        encoder.transactTime(transactTime.buffer(), length);
        if (report.text() != null)
        {
            encoder.text(report.text());
        }
        return encoder;
    }
}
