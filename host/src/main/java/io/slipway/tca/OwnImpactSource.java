package io.slipway.tca;

/**
 * What a world can say of one parent order's own impact: the part of its price cost that its own
 * flow put into the price, which a TCA on prices alone cannot tell from the price moving by itself.
 * Only a simulated world knows it (its impact model is the truth there); a replay or real venues do
 * not, and answer NaN, so the feedback loop takes no observation of the impact coefficient from them
 * rather than falling back to the whole price cost ({@code io.slipway.learn.ImpactFeedback}).
 *
 * <p>Called on the thread that drives the world, after the parent's last fill has been applied.
 */
@FunctionalInterface
public interface OwnImpactSource
{
    /** The source of a world that does not measure own impact. */
    OwnImpactSource NONE = (instrumentId, parentSequence) -> Double.NaN;

    /**
     * The own impact of the parent's filled part: the quantity-weighted impact that the parent's own
     * earlier flow (its fills, and the dealers' hedges of its dealer fills) had put into the price at
     * each of its fills, bps, positive when it cost. NaN when this world does not measure it, has
     * forgotten the parent (a bounded table keeps the most recently filled parents), no longer knows
     * all of its fills (a market process that restarted while the parent traded), or the parent
     * filled nothing there. Implementations: {@code SimulatedMarket.ownImpact()} in process,
     * {@code MarketLinkAppliance.ownImpact()} with the venues in a market process (the market's
     * figure, sent before the report of each fill that changed it).
     *
     * @param instrumentId   the instrument the parent traded
     * @param parentSequence the parent's sequence, the high bits of its children's client order ids
     *                       ({@code io.slipway.domain.ChildOrderIds})
     */
    double ownImpactBps(int instrumentId, long parentSequence);
}
