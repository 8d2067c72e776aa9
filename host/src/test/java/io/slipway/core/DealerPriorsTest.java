package io.slipway.core;

import io.slipway.core.RecordingChildSink.Sent;
import io.slipway.core.rfq.DealerBandit;
import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.oms.NewParentOrder;
import io.slipway.oms.StrategyParameter;
import io.slipway.risk.RiskContext;
import io.slipway.venue.VenueKind;
import io.slipway.venue.VenueRules;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The feedback loop's dealer priors start the RFQ bandit's arms: a dealer whose past fills were dear is asked
 * less from the first request on, a cheap one sooner; without priors, or with priors no arm reads, every
 * request, child and posterior is the same to the last bit.
 */
class DealerPriorsTest
{
    private static final Instrument BTC = Instruments.BTC_USD;
    private static final long T0 = TimeUnit.HOURS.toNanos(1);
    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);
    private static final int LIT_A = 1;
    private static final int LIT_B = 2;
    private static final int[] DEALERS = {4, 5, 6, 7};
    private static final String[] DEALER_NAMES = {"DLRW", "DLRX", "DLRY", "DLRZ"};
    private static final long SEED = 11;

    record Request(int venue, long rfqId, long quantity)
    {
    }

    /** What one run decided: every request in order, every child sent, the bandit's posterior means at the end. */
    record Run(List<Request> requests, List<Sent> sent, double[] means, ExecutionCore core)
    {
        List<Integer> firstAsked()
        {
            final long first = requests.get(0).rfqId();
            return requests.stream().filter(r -> r.rfqId() == first).map(Request::venue).toList();
        }

        long timesAsked(final int venue, final int firstRequests)
        {
            final long last = requests.get(0).rfqId() + firstRequests - 1;
            return requests.stream().filter(r -> r.venue() == venue && r.rfqId() <= last).count();
        }
    }

    private static ExecutionCore newCore(final CoreContext context, final List<Sent> sent,
        final List<Request> requests)
    {
        final VenueRules lit = new VenueRules(1, 10, 10, 5.0, 0.0002, 0.0005);
        final VenueRules dealer = new VenueRules(1, 10, 10, 10_000.0, 0.0, 0.0);
        final List<TradingVenue> venues = new ArrayList<>(List.of(
            new TradingVenue(LIT_A, "SIMA").rules(BTC, lit),
            new TradingVenue(LIT_B, "SIMB").rules(BTC, lit)));
        for (int i = 0; i < DEALERS.length; i++)
        {
            venues.add(new TradingVenue(DEALERS[i], DEALER_NAMES[i], VenueKind.DEALER, 0.0).rules(BTC, dealer));
        }
        return new ExecutionCore(context.sliceIntervalNs(MINUTE).impactBpsPerHour(1.0).rfqSeed(SEED)
            .riskContext(new RiskContext().staleFeedNs(600 * MINUTE, 600 * MINUTE)),
            venues, new RecordingChildSink(sent), report -> { }, record -> { },
            (venueId, rfqId, instrument, side, quantity) -> requests.add(new Request(venueId, rfqId, quantity)));
    }

    private static void market(final ExecutionCore core, final long nowNs)
    {
        core.onBbo(LIT_A, BTC.id(), BTC.priceFromDouble(60_000), BTC.qtyFromDouble(50), BTC.priceFromDouble(60_001),
            BTC.qtyFromDouble(50), nowNs);
        core.onBbo(LIT_B, BTC.id(), BTC.priceFromDouble(59_999), BTC.qtyFromDouble(50), BTC.priceFromDouble(60_002),
            BTC.qtyFromDouble(50), nowNs);
    }

    /** Sells 20 BTC by TWAP over 10 minutes with RFQs allowed: dealers asked quote at the mid or decline in turn. */
    private static Run run(final CoreContext context)
    {
        final List<Sent> sent = new ArrayList<>();
        final List<Request> requests = new ArrayList<>();
        final ExecutionCore core = newCore(context, sent, requests);
        market(core, T0);
        core.onNewParentOrder(new NewParentOrder("p1", "BTC-USD", '2', "20", Strategy.TWAP.fixCode(),
            NewParentOrder.NO_TIME, T0 + 10 * MINUTE, null, List.of(new StrategyParameter("RfqAllowed", 13, "Y")),
            "C1"), T0);
        core.onTimer(T0);
        final List<Sent> all = new ArrayList<>();
        int answered = 0;
        for (long t = T0; t < T0 + 10 * MINUTE && core.activeParentCount() > 0; t += MINUTE / 4)
        {
            market(core, t);
            for (; answered < requests.size(); answered++)
            {
                final Request r = requests.get(answered);
                if ((r.venue() + r.rfqId()) % 2 == 0)
                {
                    core.onQuote(r.venue(), r.rfqId(), BTC.priceFromDouble(59_999), r.quantity(), t + MINUTE, t);
                }
                else
                {
                    core.onQuoteDeclined(r.venue(), r.rfqId(), t);
                }
            }
            for (final Sent child : new ArrayList<>(sent))
            {
                core.onVenueFill(child.venue(), child.clientOrderId(), child.price(), child.quantity(), 0.0, false, t);
            }
            all.addAll(sent);
            sent.clear();
            core.onTimer(t);
        }
        all.addAll(sent);
        return new Run(requests, all, core.dealerBandit().means(), core);
    }

    private static VenuePriors prior(final String dealer, final double costBps, final double quantity)
    {
        return VenuePriors.builder().prior(dealer, VenueKind.DEALER, costBps, quantity).build();
    }

    private static String name(final int venue)
    {
        for (int i = 0; i < DEALERS.length; i++)
        {
            if (DEALERS[i] == venue)
            {
                return DEALER_NAMES[i];
            }
        }
        throw new IllegalArgumentException("not a dealer: " + venue);
    }

    @Test
    void withoutPriorsOrWithPriorsNoArmReadsEveryDecisionIsBitIdentical()
    {
        final Run base = run(new CoreContext());
        assertTrue(base.requests().size() >= 10, "requests: " + base.requests().size());
        final Run empty = run(new CoreContext().venuePriors(VenuePriors.EMPTY));
        // Exchange priors and a dealer this core does not trade are read by no arm.
        final Run unread = run(new CoreContext().venuePriors(VenuePriors.builder()
            .prior("SIMA", VenueKind.EXCHANGE, 40.0, 100.0)
            .prior("SIMB", VenueKind.EXCHANGE, -3.0, 100.0)
            .prior("DLRQ", VenueKind.DEALER, 50.0, 100.0).build()));
        for (final Run other : List.of(empty, unread))
        {
            assertEquals(base.requests(), other.requests());
            assertEquals(base.sent(), other.sent());
            assertArrayEquals(bits(base.means()), bits(other.means()), "posterior means to the last bit");
        }
        assertEquals(List.of("DLRQ"), unread.core().unusedVenuePriors(), "the unused prior is reported");
        assertEquals(List.of(), base.core().unusedVenuePriors());
    }

    @Test
    void anExpensiveDealerPriorMovesTheFirstRequestsAwayFromIt()
    {
        final Run base = run(new CoreContext());
        final int dear = base.firstAsked().get(0);
        assertTrue(base.timesAsked(dear, 5) >= 1);
        // Its past fills cost 30 bps against the mid: about 20 bps worse than working the size on screen.
        final Run withPrior = run(new CoreContext().venuePriors(prior(name(dear), 30.0, 10.0)));
        assertFalse(withPrior.firstAsked().contains(dear), "first asked " + withPrior.firstAsked());
        assertEquals(0, withPrior.timesAsked(dear, 5), "asked in the first five requests");
        assertNotEquals(base.requests(), withPrior.requests());
    }

    @Test
    void aCheapDealerPriorIsAskedInTheFirstRequest()
    {
        final Run base = run(new CoreContext());
        final int cheap = Arrays.stream(DEALERS).filter(d -> !base.firstAsked().contains(d)).findFirst().orElseThrow();
        // Its past fills were 5 bps better than the mid: well inside the lit cost of about 11 bps.
        final Run withPrior = run(new CoreContext().venuePriors(prior(name(cheap), -5.0, 10.0)));
        assertTrue(withPrior.firstAsked().contains(cheap), "first asked " + withPrior.firstAsked() + ", base " +
            base.firstAsked());
    }

    @Test
    void thePriorIsWorthItsQuantityInObservationsUpToTheCap()
    {
        final List<Sent> sent = new ArrayList<>();
        final List<Request> requests = new ArrayList<>();
        final ExecutionCore core = newCore(new CoreContext().venuePriors(VenuePriors.builder()
            .prior("DLRW", VenueKind.DEALER, 30.0, 2.5)
            .prior("DLRX", VenueKind.DEALER, 30.0, 1_000.0).build()), sent, requests);
        market(core, T0);
        core.onNewParentOrder(new NewParentOrder("p1", "BTC-USD", '2', "20", Strategy.TWAP.fixCode(),
            NewParentOrder.NO_TIME, T0 + 10 * MINUTE, null, List.of(new StrategyParameter("RfqAllowed", 13, "Y")),
            "C1"), T0);
        core.onTimer(T0);
        assertFalse(requests.isEmpty());
        final DealerBandit bandit = core.dealerBandit();
        assertEquals(1.0 + 2.5, bandit.priorWeight(4), 1e-12, "2.5 BTC of fills: 2.5 observations on the default");
        assertEquals(1.0 + VenuePriors.MAX_OBSERVATIONS, bandit.priorWeight(5), 1e-12, "1,000 BTC: capped");
        assertEquals(1.0, bandit.priorWeight(6), "no prior: the default weight");
        assertEquals(0.0, bandit.priorMean(6), "no prior: the default mean");
        // L - c with L about 11 bps (5 fee, 6 impact): improvement about -19, shrunk toward 0 by the default's weight.
        final double capped = bandit.priorMean(5);
        assertTrue(capped < -12.0 && capped > -19.0, "prior mean " + capped);
        assertEquals(capped * 6.0 / 5.0 * 2.5 / 3.5, bandit.priorMean(4), 1e-9, "same L - c, less weight");
    }

    @Test
    void aPriorOfAnotherKindThanTheVenueOfItsNameIsRefused()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> newCore(
            new CoreContext().venuePriors(prior("SIMA", 1.0, 1.0)), new ArrayList<>(), new ArrayList<>()));
        assertTrue(ex.getMessage().contains("'SIMA'") && ex.getMessage().contains("EXCHANGE"), ex.getMessage());
        final IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
            () -> new CoreContext().venuePriors(null).conclude());
        assertTrue(missing.getMessage().startsWith("venuePriors"), missing.getMessage());
    }

    private static long[] bits(final double[] values)
    {
        return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
    }
}
