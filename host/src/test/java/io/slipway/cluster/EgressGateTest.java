package io.slipway.cluster;

import io.slipway.domain.Instrument;
import io.slipway.domain.OrderType;
import io.slipway.domain.Side;
import io.slipway.oms.ExecType;
import io.slipway.oms.OrdStatus;
import io.slipway.oms.ParentOrderReport;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.slipway.cluster.InProcessCluster.BTC;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The gate's report sequence, retention and resend, and the stamp it puts on children. */
class EgressGateTest
{
    private static final long WINDOW_NS = 500_000_000L;

    private final List<String> sent = new ArrayList<>();
    private final Links links = new Links();
    private final EgressGate gate = new EgressGate(links, links, record -> { }, WINDOW_NS, 4);

    @Test
    void aNewLeaderSendsEveryUnacknowledgedReportAgainInOrderAndTheAcknowledgedOnesNever()
    {
        gate.state(true, false);
        gate.onReport(report("E-1"));
        gate.onReport(report("E-2"));
        gate.onReport(report("E-3"));
        assertEquals(List.of("1:E-1", "2:E-2", "3:E-3"), sent);

        gate.acknowledgeReports(1);
        gate.state(false, false); // deposed: a follower now
        gate.onReport(report("E-4"));
        assertEquals(1, gate.reportsHeld());

        sent.clear();
        gate.resendUnacknowledged(0);
        gate.state(true, false); // leads again: everything the gateway has not acknowledged goes first
        assertEquals(List.of("2:E-2", "3:E-3", "4:E-4"), sent);
        assertEquals(3, gate.reportsResent());

        sent.clear();
        gate.onReport(report("E-5"));
        assertEquals(List.of("5:E-5"), sent);
    }

    @Test
    void aResendRequestSendsWhatFollowsTheDeliveredSequenceAndAcknowledgesBeforeIt()
    {
        gate.state(true, false);
        for (int i = 1; i <= 3; i++)
        {
            gate.onReport(report("E-" + i));
        }
        sent.clear();
        gate.resendUnacknowledged(2);
        assertEquals(List.of("3:E-3"), sent);
    }

    /**
     * A follower's card saw nothing while others led. Taking over, the gate sets it from the core's state
     * before the outputs it kept: the kept fill is in that state and is dropped, the kept child is left out of
     * the open quantity because the card adds it when it sends it. A leader that stays open sets nothing.
     */
    @Test
    void aNewLeaderSetsItsCardBeforeWhatItKept()
    {
        // The core's state as the log left it: long 5, open buys 7 of which child 12 (3) is kept here.
        gate.restoreCardWith(() ->
        {
            gate.restorePosition(BTC, 5);
            gate.restoreOpen(BTC, Side.BUY, 7);
            gate.restoreOpen(BTC, Side.SELL, 0);
        });
        gate.restorePosition(BTC, 99);
        gate.state(false, true); // pending: leads the new term, its announcement not yet back
        gate.reportFill(11, BTC, Side.BUY, 2);
        gate.sendNew(1, 12, BTC, Side.BUY, OrderType.LIMIT, 100, 3);
        assertEquals(List.of(), sent, "nothing leaves while pending, and a restore outside a take-over is ignored");

        gate.state(true, false);
        assertEquals(List.of("position BTC-USD 5", "open BTC-USD BUY 4", "open BTC-USD SELL 0",
            "child 12 sent 0 window " + WINDOW_NS), sent);

        sent.clear();
        gate.state(true, false);
        gate.reportFill(12, BTC, Side.BUY, 3);
        assertEquals(List.of("fill 12 3"), sent, "an open gate passes fills and sets nothing again");

        sent.clear();
        gate.state(false, false); // deposed
        gate.state(true, false); // leads again, straight to open: set again, nothing kept to leave out
        assertEquals(List.of("position BTC-USD 5", "open BTC-USD BUY 7", "open BTC-USD SELL 0"), sent);
    }

    @Test
    void reportsKeptWhilePendingGoWhenTheGateOpensOnlyOnce()
    {
        gate.state(true, false);
        gate.onReport(report("E-1"));
        gate.state(false, true); // pending: kept, not sent
        gate.onReport(report("E-2"));
        assertEquals(List.of("1:E-1"), sent);
        assertEquals(List.of("E-2"), gate.unsentReportExecIds());
        gate.state(true, false);
        assertEquals(List.of("1:E-1", "2:E-2"), sent);
        assertEquals(List.of(), gate.unsentReportExecIds());
    }

    @Test
    void retentionIsBoundedAndWhatFallsOutIsCounted()
    {
        gate.state(false, false);
        for (int i = 1; i <= 6; i++)
        {
            gate.onReport(report("E-" + i));
        }
        assertEquals(2, gate.reportsNotRetained());
        gate.resendUnacknowledged(0);
        gate.state(true, false);
        assertEquals(List.of("3:E-3", "4:E-4", "5:E-5", "6:E-6"), sent);
    }

    @Test
    void childrenCarryTheirEntrysTimeAndTheReceiveWindow()
    {
        gate.entryTime(1_000L);
        gate.state(false, true); // pending: the child leaves later but keeps its entry's stamp
        gate.sendNew(1, 77L, BTC, Side.BUY, OrderType.IOC, 100, 5);
        gate.entryTime(2_000L);
        gate.state(true, false);
        assertEquals(List.of("child 77 sent 1000 window " + WINDOW_NS), sent);
        assertEquals(1_000L, gate.childSentAtNs(77L));
        assertEquals(Long.MIN_VALUE, gate.childSentAtNs(78L));
        gate.retainChildStamps(id -> false);
        assertEquals(0, gate.childStampCount());
    }

    private static ParentOrderReport report(final String execId)
    {
        return new ParentOrderReport("C-1", "O-1", execId, ExecType.NEW, OrdStatus.NEW, BTC, BTC.symbol(), Side.BUY,
            '1', 1, 0, 0, null, 0, 1, 0.0, 0.0, 0, null);
    }

    private final class Links implements TimedChildOrderSink, SequencedReportSink
    {
        public boolean sendNew(final int venueId, final long clientOrderId, final Instrument instrument, final Side side,
            final OrderType type, final long price, final long quantity, final long sentTimeNs,
            final long receiveWindowNs)
        {
            sent.add("child " + clientOrderId + " sent " + sentTimeNs + " window " + receiveWindowNs);
            return true;
        }

        public boolean sendNew(final int venueId, final long clientOrderId, final Instrument instrument, final Side side,
            final OrderType type, final long price, final long quantity)
        {
            throw new AssertionError("the gate must use the timed form");
        }

        public boolean sendCancel(final int venueId, final long clientOrderId, final Instrument instrument,
            final Side side)
        {
            return true;
        }

        public void reportFill(final long clientOrderId, final Instrument instrument, final Side side,
            final long quantity)
        {
            sent.add("fill " + clientOrderId + " " + quantity);
        }

        public void reportRelease(final long clientOrderId, final Instrument instrument, final Side side,
            final long quantity)
        {
            sent.add("release " + clientOrderId + " " + quantity);
        }

        public void restorePosition(final Instrument instrument, final long position)
        {
            sent.add("position " + instrument.symbol() + " " + position);
        }

        public void restoreOpen(final Instrument instrument, final Side side, final long openQuantity)
        {
            sent.add("open " + instrument.symbol() + " " + side + " " + openQuantity);
        }

        public void onReport(final long reportSequence, final ParentOrderReport report)
        {
            sent.add(reportSequence + ":" + report.execId());
        }

        public void onReport(final ParentOrderReport report)
        {
            throw new AssertionError("the gate must use the sequenced form");
        }
    }
}
