package io.slipway.sim.market;

import io.slipway.domain.Side;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Own impact per parent: the aggregate impact split among the parents whose flow made it, each
 * parent's cost measured on its own part only.
 */
class ImpactModelOwnImpactTest
{
    private static final long SECOND = 1_000_000_000L;
    private static final double C = 1e-4;
    private static final int BTC = 1;

    private static ImpactModel model(final int parentCapacity)
    {
        return new ImpactModel(new double[]{0, C}, 1.0, 5, 86_400, 15.0, 0, parentCapacity);
    }

    /** Irregular child fills of one parent, with a long pause in which its rate dies out below the floor. */
    private static void work(final ImpactModel model, final long parent, final Side side, final long fromSecond,
        final int children)
    {
        long at = fromSecond * SECOND;
        for (int i = 0; i < children; i++)
        {
            model.onHostFill(BTC, parent, side, 0.5 + (i % 3) * 0.25, at);
            at += (3 + (i * 7) % 11) * SECOND + i * 1_234_567L;
            if (i == children / 2)
            {
                at += 2_000 * SECOND;
            }
        }
    }

    @Test
    void aParentAloneHasExactlyTheAggregateFigures()
    {
        final ImpactModel model = model(ImpactModel.DEFAULT_PARENT_CAPACITY);
        work(model, 7, Side.SELL, 10, 40);
        assertEquals(model.hostFillImpactCost(BTC), model.ownImpactCost(BTC, 7), "bit for bit");
        assertTrue(model.hostFillImpactCost(BTC) > 0, "a cost to measure: " + model.hostFillImpactCost(BTC));
        for (final long t : new long[]{3_000, 3_001, 5_000, 20_000})
        {
            assertEquals(model.impact(BTC, t * SECOND), model.ownImpact(BTC, 7, t * SECOND), "state at " + t + " s");
        }
    }

    @Test
    void overlappingParentsOnTheSameSideSumToTheAggregate()
    {
        assertPartsSum(Side.BUY, Side.BUY);
    }

    @Test
    void overlappingParentsOnOppositeSidesSumToTheAggregate()
    {
        assertPartsSum(Side.BUY, Side.SELL);
    }

    private static void assertPartsSum(final Side sideA, final Side sideB)
    {
        final ImpactModel model = model(ImpactModel.DEFAULT_PARENT_CAPACITY);
        long at = 0;
        for (int i = 0; i < 60; i++)
        {
            model.onHostFill(BTC, 1, sideA, 1.0, at);
            if (i >= 20)
            {
                model.onHostFill(BTC, 2, sideB, 0.4 + 0.1 * (i % 4), at + 2 * SECOND);
            }
            at += 5 * SECOND;
            final double aggregate = model.impact(BTC, at);
            final double parts = model.ownImpact(BTC, 1, at) + (i >= 20 ? model.ownImpact(BTC, 2, at) : 0);
            assertEquals(aggregate, parts, Math.abs(aggregate) * 1e-9 + 1e-15, "at " + at / SECOND + " s");
        }
        final double a = model.ownImpact(BTC, 1, at);
        final double b = model.ownImpact(BTC, 2, at);
        assertTrue(a > 0, "A bought: its part pushed the price up, " + a);
        if (sideB == Side.BUY)
        {
            assertTrue(b > 0 && b < a, "B bought less for less long: " + b + " against " + a);
        }
        else
        {
            assertTrue(b < 0, "B sold: its part pushed the price down, " + b);
        }
        // Each cost counts only its own part, so neither is the aggregate's.
        assertTrue(model.ownImpactCost(BTC, 1) != model.hostFillImpactCost(BTC));
    }

    /**
     * B starts selling after A's selling: the aggregate still carries A's decaying impact when B fills,
     * which an aggregate measure would charge to B. B's own figure is what B alone would have cost.
     */
    @Test
    void aParentsFigureExcludesAnEarlierParentsImpact()
    {
        final ImpactModel both = model(ImpactModel.DEFAULT_PARENT_CAPACITY);
        final ImpactModel alone = model(ImpactModel.DEFAULT_PARENT_CAPACITY);
        for (int i = 0; i < 60; i++)
        {
            both.onHostFill(BTC, 1, Side.SELL, 2.0, i * 10 * SECOND);
        }
        final double costBeforeB = both.hostFillImpactCost(BTC) * 120.0;
        for (int i = 0; i < 30; i++)
        {
            final long at = (900 + i * 10) * SECOND;
            both.onHostFill(BTC, 2, Side.SELL, 1.0, at);
            alone.onHostFill(BTC, 2, Side.SELL, 1.0, at);
        }
        final double aggregateOnB = (both.hostFillImpactCost(BTC) * 150.0 - costBeforeB) / 30.0;
        final double ownB = both.ownImpactCost(BTC, 2);
        assertEquals(alone.ownImpactCost(BTC, 2), ownB, Math.abs(ownB) * 1e-6, "B's own, as if alone");
        assertTrue(aggregateOnB > 2 * ownB, "the aggregate charges B with A's impact: " + aggregateOnB + " against " +
            ownB);
    }

    @Test
    void theLeastRecentlyFilledParentIsEvictedAndAnswersNaN()
    {
        final ImpactModel model = model(2);
        model.onHostFill(BTC, 1, Side.BUY, 1, 0);
        model.onHostFill(BTC, 2, Side.BUY, 1, SECOND);
        model.onHostFill(BTC, 1, Side.BUY, 1, 2 * SECOND);
        model.onHostFill(BTC, 3, Side.BUY, 1, 3 * SECOND);
        assertEquals(2, model.parentsKept());
        assertTrue(Double.isNaN(model.ownImpactCost(BTC, 2)), "parent 2 filled least recently");
        assertTrue(Double.isNaN(model.ownImpact(BTC, 2, 4 * SECOND)));
        assertEquals(2.0, model.ownFilledBase(BTC, 1));
        assertEquals(1.0, model.ownFilledBase(BTC, 3));
        assertTrue(Double.isNaN(model.ownImpactCost(BTC, 99)), "never seen");
        assertTrue(Double.isNaN(model.ownImpactCost(0, 1)), "not on that instrument");
        assertEquals(0.0, model.ownImpactCost(BTC, 3), "a first fill meets no own impact");
    }

    @Test
    void theListenerHearsEachChangeAndTheTableCanBeReplayed()
    {
        final ImpactModel model = model(ImpactModel.DEFAULT_PARENT_CAPACITY);
        final double[] heard = new double[3];
        model.ownImpactListener((instrumentId, parent, cost, filled, timeNs) ->
        {
            heard[0] = parent;
            heard[1] = cost;
            heard[2] = filled;
        });
        model.onHostFill(BTC, 4, Side.SELL, 1, 0);
        model.onHostFill(BTC, 5, Side.BUY, 1, SECOND);
        model.onHostFill(BTC, 4, Side.SELL, 2, 20 * SECOND);
        assertEquals(4, heard[0]);
        assertEquals(model.ownImpactCostBase(BTC, 4), heard[1]);
        assertEquals(3.0, heard[2]);
        final StringBuilder replay = new StringBuilder();
        model.forEachParent((instrumentId, parent, cost, filled, timeNs) -> replay.append(parent).append(' '));
        assertEquals("5 4 ", replay.toString(), "least recently filled first");
    }

    @Test
    void aParentOutOfRangeIsRefusedAndChangesNothing()
    {
        final ImpactModel model = model(ImpactModel.DEFAULT_PARENT_CAPACITY);
        model.onHostFill(BTC, 1, Side.BUY, 1, 0);
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> model.onHostFill(BTC, -3, Side.BUY, 1, SECOND));
        assertTrue(ex.getMessage().contains("parent sequence out of range: -3"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> model.onHostFill(2, 1, Side.BUY, 1, SECOND));
        assertEquals(1.0, model.ownFilledBase(BTC, 1));
        assertEquals(0.0, model.hostFillImpactCost(BTC));
        assertEquals(1.0 / 15.0, model.flowRate(BTC));
        assertThrows(IllegalArgumentException.class, () -> model(0));
    }
}
