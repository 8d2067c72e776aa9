package io.slipway.sim.market;

import io.slipway.domain.OrderType;
import io.slipway.domain.Side;
import io.slipway.sim.EventScheduler;
import io.slipway.venue.VenueListener;
import org.agrona.DirectBuffer;

/**
 * A simulated venue's order-entry port: decodes the host's wire message, delays it by the venue's
 * order latency, hands it to the venue, and reports a refusal back after the report latency. A
 * malformed message is refused without reaching the venue. Exchanges and replayed venues share
 * it, so both treat the wire the same way. A NEW that carries a receive window and arrives after it
 * has passed is refused by name ({@link RejectReason#RECEIVE_WINDOW_EXPIRED}) without reaching the
 * venue: it never rests, never fills, and leaves no order under its id.
 */
public final class OrderEntryPort
{
    /** What the venue does with a decoded request at its arrival time; NONE when it was taken. */
    public interface Handler
    {
        RejectReason onNew(long clientOrderId, int instrumentId, Side side, OrderType type, long price, long quantity,
            long nowNs);

        RejectReason onReplace(long clientOrderId, int instrumentId, long price, long quantity, long nowNs);

        RejectReason onCancel(long clientOrderId, int instrumentId, long nowNs);
    }

    private final int venueId;
    private final String venueName;
    private final long orderLatencyNs;
    private final long reportLatencyNs;
    private final Handler handler;
    private final SimOrderEntryDecoder decoder = new SimOrderEntryDecoder(true);
    private EventScheduler scheduler;
    private VenueListener listener;

    public OrderEntryPort(final int venueId, final String venueName, final long orderLatencyNs,
        final long reportLatencyNs, final Handler handler)
    {
        if (orderLatencyNs < 0 || reportLatencyNs < 0)
        {
            throw new IllegalArgumentException("latencies must be non-negative");
        }
        this.venueId = venueId;
        this.venueName = venueName;
        this.orderLatencyNs = orderLatencyNs;
        this.reportLatencyNs = reportLatencyNs;
        this.handler = handler;
    }

    public void start(final EventScheduler scheduler, final VenueListener listener)
    {
        this.scheduler = scheduler;
        this.listener = listener;
    }

    /** Runs a report to the host one report latency after {@code nowNs}. */
    public void report(final long nowNs, final Runnable report)
    {
        scheduler.schedule(nowNs + reportLatencyNs, now -> report.run());
    }

    public void onMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        if (scheduler == null)
        {
            throw new IllegalStateException(venueName + " is not started");
        }
        final long arrivalNs = scheduler.nowNs() + orderLatencyNs;
        if (!decoder.decode(buffer, offset, length))
        {
            final long id = decoder.clientOrderId();
            final String reason = RejectReason.MALFORMED_MESSAGE.text() + ": " + decoder.error();
            scheduler.schedule(arrivalNs + reportLatencyNs, now -> listener.onRejected(venueId, id, reason));
            return;
        }
        final long clientOrderId = decoder.clientOrderId();
        final int instrumentId = decoder.instrumentId();
        final long price = decoder.price();
        final long quantity = decoder.quantity();
        switch (decoder.messageType())
        {
            case SimOrderEntryCodec.TYPE_NEW:
            {
                final Side side = decoder.side();
                final OrderType type = decoder.orderType();
                final long sentTimeNs = decoder.sentTimeNs();
                final long receiveWindowNs = decoder.receiveWindowNs();
                // As a difference, so that no window, however long, overflows into a refusal.
                scheduler.schedule(arrivalNs, now -> refuseUnless(now, clientOrderId, "",
                    receiveWindowNs > 0 && now - sentTimeNs > receiveWindowNs ?
                    // Refused before the venue sees it: no order under this id, so a later status query
                    // answers "not found", as Binance does for a request outside its recvWindow.
                    RejectReason.RECEIVE_WINDOW_EXPIRED :
                    handler.onNew(clientOrderId, instrumentId, side, type, price, quantity, now)));
                break;
            }
            case SimOrderEntryCodec.TYPE_REPLACE:
                scheduler.schedule(arrivalNs, now -> refuseUnless(now, clientOrderId, "replace: ",
                    handler.onReplace(clientOrderId, instrumentId, price, quantity, now)));
                break;
            default:
                scheduler.schedule(arrivalNs, now -> refuseUnless(now, clientOrderId, "cancel: ",
                    handler.onCancel(clientOrderId, instrumentId, now)));
        }
    }

    private void refuseUnless(final long nowNs, final long clientOrderId, final String prefix, final RejectReason reason)
    {
        if (reason != RejectReason.NONE)
        {
            report(nowNs, () -> listener.onRejected(venueId, clientOrderId, prefix + reason.text()));
        }
    }
}
