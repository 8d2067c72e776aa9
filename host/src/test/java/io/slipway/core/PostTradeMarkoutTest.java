package io.slipway.core;

import io.slipway.core.RecordingChildSink.Sent;
import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.oms.NewParentOrder;
import io.slipway.risk.RiskContext;
import io.slipway.tca.ExecutionRecord;
import io.slipway.tca.Markout;
import io.slipway.tca.TcaCalculator;
import io.slipway.tca.TcaReport;
import io.slipway.venue.VenueRules;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** After an order completes the core keeps its mid path for five minutes, so every markout horizon is covered. */
class PostTradeMarkoutTest
{
    private static final Instrument BTC = Instruments.BTC_USD;
    private static final long T0 = TimeUnit.HOURS.toNanos(1);
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final List<Sent> sent = new ArrayList<>();
    private final List<ExecutionRecord> done = new ArrayList<>();
    private final List<ExecutionRecord> observed = new ArrayList<>();

    private final ExecutionCore core = new ExecutionCore(
        new CoreContext().riskContext(new RiskContext().staleFeedNs(TimeUnit.HOURS.toNanos(10), TimeUnit.HOURS.toNanos(10))),
        List.of(new TradingVenue(1, "SIMA").rules(BTC, new VenueRules(1, 10, 10, 5.0, 0.0002, 0.0005))),
        new RecordingChildSink(sent),
        report -> { },
        new ParentOrderListener()
        {
            public void onParentDone(final ExecutionRecord record)
            {
                done.add(record);
            }

            public void onPostTradeDone(final ExecutionRecord record)
            {
                observed.add(record);
            }
        });

    /** A one-tick market whose mid is {@code mid}. */
    private void mid(final double mid, final long nowNs)
    {
        core.onBbo(1, BTC.id(), BTC.priceFromDouble(mid - 0.5), BTC.qtyFromDouble(100), BTC.priceFromDouble(mid + 0.5),
            BTC.qtyFromDouble(100), nowNs);
    }

    @Test
    void markoutsAreObservedFiveMinutesPastCompletion()
    {
        mid(60_000.5, T0);
        core.onNewParentOrder(new NewParentOrder("p1", "BTC-USD", '2', "1", Strategy.IMMEDIATE.fixCode(),
            NewParentOrder.NO_TIME, T0 + TimeUnit.MINUTES.toNanos(10), null), T0);
        core.onTimer(T0);
        final Sent child = sent.get(0);
        core.onVenueFill(1, child.clientOrderId(), BTC.priceFromDouble(60_000), BTC.qtyFromDouble(1), 30.0, false, T0);
        assertEquals(1, done.size(), "filled at once");
        assertEquals(Long.MAX_VALUE, core.nextDeadlineNs(), "the observation needs no timer of the core's");
        assertEquals(1, core.postTradeCount());

        // After the sale the mid falls 1 USD every 10 s: the sale marks out in our favour, more each horizon.
        long t = T0;
        double m = 60_000.5;
        while (observed.isEmpty() && t < T0 + 400 * SECOND)
        {
            t += 10 * SECOND;
            m -= 1.0;
            mid(m, t);
            if (t < T0 + ExecutionRecord.POST_TRADE_NS)
            {
                assertTrue(observed.isEmpty());
            }
        }
        assertEquals(1, observed.size(), "post-trade observation ended");
        assertEquals(0, core.postTradeCount());
        final TcaReport tca = TcaCalculator.analyse(observed.get(0));
        for (final Markout markout : tca.markouts())
        {
            assertEquals(1.0, markout.coveredShare(), 1e-12, markout.label() + " covered");
        }
        // mid 5 minutes on: 60,000.5 - 30 = 59,970.5; sale at 60,000: +(60,000 - 59,970.5) / 60,000 bps.
        assertEquals((60_000 - 59_970.5) / 60_000 * 1e4, tca.markouts().get(4).bps(), 1e-9);
        assertEquals((60_000 - 59_994.5) / 60_000 * 1e4, tca.markouts().get(3).bps(), 1e-9);
        assertEquals(tca.markouts().get(4).bps(), tca.venues().get(0).markouts().get(4).bps(), 1e-12);

        // Nothing more is sampled once observation ended.
        final int samples = observed.get(0).midCount();
        mid(m - 5, t + 10 * SECOND);
        assertEquals(samples, observed.get(0).midCount());
    }
}
