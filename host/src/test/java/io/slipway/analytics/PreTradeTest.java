package io.slipway.analytics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PreTradeTest
{
    private static final double MID = 100_000.0;
    private static final double C = 3.4e-5;

    private static PreTrade sell(final double quantity)
    {
        // Two venues, bids 1 bp apart, 2 BTC then 3 BTC per level.
        return new PreTrade(true, quantity, MID, 0.5, 0.5, C)
            .venue("A", new double[] {99_995, 99_985, 99_975}, new double[] {2, 3, 3})
            .venue("B", new double[] {99_990, 99_980}, new double[] {2, 3});
    }

    @Test
    void immediateCostWalksTheConsolidatedBookAndGrowsWithSize()
    {
        final PreTrade.Immediate one = sell(1).immediate();
        assertEquals(99_995, one.averagePrice(), 1e-9);
        assertEquals(0.5, one.totalCostBps(), 1e-9);

        final PreTrade.Immediate four = sell(4).immediate();
        assertEquals((2 * 99_995 + 2 * 99_990) / 4.0, four.averagePrice(), 1e-9, "takes the best levels across venues");

        double previous = 0.0;
        for (final double q : new double[] {1, 4, 8, 13, 20, 100})
        {
            final PreTrade.Immediate cost = sell(q).immediate();
            assertTrue(cost.totalCostBps() > previous, "cost grows with size at " + q);
            previous = cost.totalCostBps();
        }
        final PreTrade.Immediate beyond = sell(20).immediate();
        assertEquals(13, beyond.visibleFilled(), 1e-9);
        assertEquals(7, beyond.beyondBook(), 1e-9);
        final double expectedBeyond = (MID - 99_975 * (1 - 2 * C * Math.sqrt(7))) / MID * 1e4;
        assertEquals(expectedBeyond, beyond.beyondCostBps(), 1e-9);
    }

    @Test
    void buyTakesAsks()
    {
        final PreTrade buy = new PreTrade(false, 3, MID, 0.5, 0.5, C)
            .venue("A", new double[] {100_005, 100_010}, new double[] {1, 5});
        final PreTrade.Immediate cost = buy.immediate();
        assertEquals((100_005 + 2 * 100_010) / 3.0, cost.averagePrice(), 1e-9);
        assertTrue(cost.totalCostBps() > 0);
    }

    @Test
    void sdGrowsWithHorizonAndSmallerSlicesCostLess()
    {
        final PreTrade pre = sell(50);
        double previousSd = 0.0;
        for (final double hours : new double[] {0.25, 0.5, 1, 2, 4, 8})
        {
            final PreTrade.HorizonCost cost = pre.horizon(hours * 3600, 0.0);
            assertTrue(cost.twapSdBps() > previousSd, "SD grows with the horizon");
            previousSd = cost.twapSdBps();
        }
        // TWAP over T: SD = sigma sqrt(tau sum (1 - k/N)^2), close to sigma sqrt(T / 3) for many steps.
        final double sigma = 0.5e4 / Math.sqrt(365.25 * 86_400);
        assertEquals(sigma * Math.sqrt(3600 / 3.0), pre.horizon(3600, 0).twapSdBps(), 0.5);
        // One slice is immediate execution; sixty one-minute slices of 0.83 BTC stay at the touch.
        assertEquals(pre.immediate().totalCostBps(), pre.horizon(60, 0).twapExpectedBps(), 1e-9);
        final double touch = (MID - 99_995) / MID * 1e4;
        assertEquals(touch + 2.0 / 3.0 * pre.squareRootImpactBps() * 59 / 60, pre.horizon(3600, 0).twapExpectedBps(),
            1e-6);
        assertTrue(pre.horizon(3600, 0).twapExpectedBps() < pre.horizon(60, 0).twapExpectedBps());
    }

    @Test
    void slicesWalkLessOfTheBookOverLongerHorizons()
    {
        final PreTrade pre = sell(50);
        assertTrue(pre.sliceWalkBps(60) > pre.sliceWalkBps(600));
        assertTrue(pre.sliceWalkBps(600) >= pre.sliceWalkBps(3600));
        assertEquals(2 * C * Math.sqrt(50) * 1e4, pre.squareRootImpactBps(), 1e-9);
    }

    @Test
    void riskAversionShortensTheRecommendedHorizonAndTheOptimalSd()
    {
        final PreTrade pre = sell(50);
        double previous = Double.MAX_VALUE;
        for (final double lambda : new double[] {0.0, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1})
        {
            final double horizon = pre.recommendedHorizonSeconds(lambda);
            assertTrue(horizon <= previous, "no longer with more risk aversion at " + lambda);
            previous = horizon;
        }
        assertTrue(pre.recommendedHorizonSeconds(1e-1) < pre.recommendedHorizonSeconds(1e-5));
        final PreTrade.HorizonCost cost = pre.horizon(4 * 3600, 0.01);
        assertTrue(cost.sdBps() < cost.twapSdBps());
    }

    @Test
    void liquidityByVenue()
    {
        final PreTrade pre = sell(1);
        assertEquals(2, pre.venues().size());
        final PreTrade.VenueLiquidity a = pre.venues().get(0);
        assertEquals(99_995, a.bestPrice(), 1e-9);
        assertEquals(8, a.within10Bps(), 1e-9, "all three levels lie within 2.5 bps");
        assertEquals(8, a.visible(), 1e-9);
    }
}
