package io.slipway.cluster;

import io.aeron.Aeron;
import io.aeron.Publication;
import io.slipway.domain.Instrument;
import io.slipway.domain.OrderType;
import io.slipway.domain.Side;
import io.slipway.oms.ParentOrderReport;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

import static io.slipway.cluster.ClusterCoreInputs.ORDER;

/**
 * A member's link to the card and venues and to the OMS gateway when they live in another
 * process: child orders and OMS reports go out on one Aeron UDP publication. It sits behind the
 * member's {@link EgressGate}, so only the leader publishes; every message names the member
 * that sent it so the receiver can tell leaders apart.
 *
 * <p>Connects lazily, on the service thread, to the member's own media driver. An order that
 * cannot be published (no receiver, back-pressure) is refused, which the service turns into a
 * "not sent" card verdict in the log.
 */
public final class ClusterEgressPublisher implements TimedChildOrderSink, SequencedReportSink, ChildStatusLink,
    io.slipway.core.RfqSink, AutoCloseable
{
    public static final int STREAM_ID = 1_101;
    public static final int CHILD_ORDER = 300;
    public static final int OMS_REPORT = 301;
    public static final int CHILD_CANCEL = 302;
    /** A new leader's question about one child: member, child id, venue (the cancel's first fields). */
    public static final int CHILD_STATUS_QUERY = 303;
    /**
     * A request for quote to a dealer: member @4, rfq id @8, venue @16, instrument @20, side @24
     * (1 BUY, 2 SELL, as a child's), quantity @28; 36 bytes. The dealer's answer enters the log as a
     * DEALER_QUOTE or DEALER_DECLINE core input.
     */
    public static final int RFQ_REQUEST = 304;
    public static final int RFQ_QUANTITY_OFFSET = 28;
    public static final int RFQ_LENGTH = 36;

    public static final int MEMBER_OFFSET = 4;
    public static final int CHILD_ID_OFFSET = 8;
    public static final int CHILD_VENUE_OFFSET = 16;
    public static final int CHILD_INSTRUMENT_OFFSET = 20;
    public static final int CHILD_SIDE_OFFSET = 24;
    public static final int CHILD_PRICE_OFFSET = 28;
    public static final int CHILD_QUANTITY_OFFSET = 36;
    /** The cluster time of the entry that placed the child, ns since the epoch. */
    public static final int CHILD_SENT_TIME_OFFSET = 44;
    /** The venue refuses the child if it arrives later than sent time + this. */
    public static final int CHILD_RECEIVE_WINDOW_OFFSET = 52;
    public static final int CHILD_LENGTH = 60;

    /** A cancel names the child as a new order does, without price and quantity. */
    public static final int CANCEL_LENGTH = CHILD_SIDE_OFFSET + 4;

    /** Offers before a report or cancel is given up; the link is local UDP, so this covers a momentary stall. */
    private static final int OFFER_ATTEMPTS = 1_000;

    /** An OMS report's report sequence (i64), its place among every report the core made. */
    public static final int REPORT_SEQUENCE_OFFSET = 8;
    /** An OMS report's body ({@link OmsReportCodec}) starts here. */
    public static final int REPORT_OFFSET = 16;

    private final String aeronDirectoryName;
    private final String channel;
    private final int memberId;
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(128);
    private volatile Aeron aeron;
    private volatile Publication publication;

    /**
     * @param aeronDirectoryName the member's media driver
     * @param endpoint           where the gateway listens, {@code host:port}
     */
    public ClusterEgressPublisher(final String aeronDirectoryName, final String endpoint, final int memberId)
    {
        this.aeronDirectoryName = aeronDirectoryName;
        this.channel = "aeron:udp?endpoint=" + endpoint;
        this.memberId = memberId;
    }

    /** Refused: a child on this link always carries its sent time and receive window (the timed form). */
    @Override
    public boolean sendNew(final int venueId, final long clientOrderId, final Instrument instrument, final Side side,
        final OrderType type, final long price, final long quantity)
    {
        throw new IllegalStateException("child " + clientOrderId + ": the cluster egress sends children with their " +
            "sent time and receive window only");
    }

    @Override
    public boolean sendNew(final int venueId, final long clientOrderId, final Instrument instrument, final Side side,
        final OrderType type, final long price, final long quantity, final long sentTimeNs, final long receiveWindowNs)
    {
        buffer.putLong(CHILD_SENT_TIME_OFFSET, sentTimeNs, ORDER);
        buffer.putLong(CHILD_RECEIVE_WINDOW_OFFSET, receiveWindowNs, ORDER);
        buffer.putInt(0, CHILD_ORDER, ORDER);
        buffer.putInt(MEMBER_OFFSET, memberId, ORDER);
        buffer.putLong(CHILD_ID_OFFSET, clientOrderId, ORDER);
        buffer.putInt(CHILD_VENUE_OFFSET, venueId, ORDER);
        buffer.putInt(CHILD_INSTRUMENT_OFFSET, instrument.id(), ORDER);
        buffer.putInt(CHILD_SIDE_OFFSET, side == Side.BUY ? 1 : 2, ORDER);
        buffer.putLong(CHILD_PRICE_OFFSET, price, ORDER);
        buffer.putLong(CHILD_QUANTITY_OFFSET, quantity, ORDER);
        return publication().offer(buffer, 0, CHILD_LENGTH) > 0;
    }

    /**
     * A cancel is retried through a momentary back-pressure like a report (the core has marked it
     * sent and will not ask again); false when the gateway is not there to take it.
     */
    @Override
    public boolean sendCancel(final int venueId, final long clientOrderId, final Instrument instrument,
        final Side side)
    {
        buffer.putInt(0, CHILD_CANCEL, ORDER);
        buffer.putInt(MEMBER_OFFSET, memberId, ORDER);
        buffer.putLong(CHILD_ID_OFFSET, clientOrderId, ORDER);
        buffer.putInt(CHILD_VENUE_OFFSET, venueId, ORDER);
        buffer.putInt(CHILD_INSTRUMENT_OFFSET, instrument.id(), ORDER);
        buffer.putInt(CHILD_SIDE_OFFSET, side == Side.BUY ? 1 : 2, ORDER);
        return offer(CANCEL_LENGTH);
    }

    /** Retried through a momentary back-pressure like a cancel; false when the gateway is not there to take it. */
    @Override
    public boolean requestQuote(final int venueId, final long rfqId, final Instrument instrument, final Side side,
        final long quantity)
    {
        buffer.putInt(0, RFQ_REQUEST, ORDER);
        buffer.putInt(MEMBER_OFFSET, memberId, ORDER);
        buffer.putLong(CHILD_ID_OFFSET, rfqId, ORDER);
        buffer.putInt(CHILD_VENUE_OFFSET, venueId, ORDER);
        buffer.putInt(CHILD_INSTRUMENT_OFFSET, instrument.id(), ORDER);
        buffer.putInt(CHILD_SIDE_OFFSET, side == Side.BUY ? 1 : 2, ORDER);
        buffer.putLong(RFQ_QUANTITY_OFFSET, quantity, ORDER);
        return offer(RFQ_LENGTH);
    }

    /** Retried through a momentary back-pressure like a cancel; an unanswered query is asked again. */
    @Override
    public boolean queryStatus(final int venueId, final long clientOrderId)
    {
        buffer.putInt(0, CHILD_STATUS_QUERY, ORDER);
        buffer.putInt(MEMBER_OFFSET, memberId, ORDER);
        buffer.putLong(CHILD_ID_OFFSET, clientOrderId, ORDER);
        buffer.putInt(CHILD_VENUE_OFFSET, venueId, ORDER);
        return offer(CHILD_INSTRUMENT_OFFSET);
    }

    private boolean offer(final int length)
    {
        final Publication publication = publication();
        for (int attempt = 0; attempt < OFFER_ATTEMPTS; attempt++)
        {
            final long result = publication.offer(buffer, 0, length);
            if (result > 0)
            {
                return true;
            }
            if (result == Publication.NOT_CONNECTED || result == Publication.CLOSED ||
                result == Publication.MAX_POSITION_EXCEEDED)
            {
                return false;
            }
            Thread.onSpinWait();
        }
        return false;
    }

    @Override
    public void reportFill(final long clientOrderId, final Instrument instrument, final Side side, final long quantity)
    {
        // The gateway's venues keep their own fills; there is no card exposure to update across processes.
    }

    @Override
    public void reportRelease(final long clientOrderId, final Instrument instrument, final Side side,
        final long quantity)
    {
    }

    /** No card across this link (see {@link #reportFill}): a new leader has none to set. */
    @Override
    public void restorePosition(final Instrument instrument, final long position)
    {
    }

    @Override
    public void restoreOpen(final Instrument instrument, final Side side, final long openQuantity)
    {
    }

    /** Refused: a report on this link always carries its report sequence (the sequenced form). */
    @Override
    public void onReport(final ParentOrderReport report)
    {
        throw new IllegalStateException("report " + report.execId() + ": the cluster egress sends reports with " +
            "their report sequence only");
    }

    @Override
    public void onReport(final long reportSequence, final ParentOrderReport report)
    {
        buffer.putInt(0, OMS_REPORT, ORDER);
        buffer.putInt(MEMBER_OFFSET, memberId, ORDER);
        buffer.putLong(REPORT_SEQUENCE_OFFSET, reportSequence, ORDER);
        final int length = REPORT_OFFSET + OmsReportCodec.encode(buffer, REPORT_OFFSET, report);
        final Publication publication = publication();
        for (int attempt = 0; attempt < 1_000 && publication.offer(buffer, 0, length) < 0; attempt++)
        {
            // A report is not dropped for a momentary back-pressure; one the gateway misses (gone, or
            // this leader died) it gets again from a leader, by report sequence (ClusterOmsBridge).
            Thread.onSpinWait();
        }
    }

    public static int type(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset, ORDER);
    }

    public static int memberId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + MEMBER_OFFSET, ORDER);
    }

    public static long childId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + CHILD_ID_OFFSET, ORDER);
    }

    public static int childVenueId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + CHILD_VENUE_OFFSET, ORDER);
    }

    public static long childSentTimeNs(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + CHILD_SENT_TIME_OFFSET, ORDER);
    }

    public static long childReceiveWindowNs(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + CHILD_RECEIVE_WINDOW_OFFSET, ORDER);
    }

    public static long reportSequence(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + REPORT_SEQUENCE_OFFSET, ORDER);
    }

    public static ParentOrderReport report(final DirectBuffer buffer, final int offset, final int length)
    {
        return OmsReportCodec.decode(buffer, offset + REPORT_OFFSET, length - REPORT_OFFSET);
    }

    /** Connects now, so the link is up before the first order; else the first send connects. */
    public synchronized ClusterEgressPublisher connect()
    {
        if (publication == null)
        {
            aeron = Aeron.connect(new Aeron.Context()
                .aeronDirectoryName(aeronDirectoryName)
                // Aeron's default handler exits the JVM when the driver goes; the member stopping is not ours to end.
                .errorHandler(error -> System.err.println("cluster member " + memberId + " egress: " + error)));
            publication = aeron.addExclusivePublication(channel, STREAM_ID);
        }
        return this;
    }

    private Publication publication()
    {
        final Publication current = publication;
        return current != null ? current : connect().publication;
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(publication, aeron);
    }
}
