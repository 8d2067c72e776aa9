package io.slipway.oms;

import java.util.List;

/**
 * A parent order as the OMS sent it (FIX NewOrderSingle), before the core validated it.
 * Fields stay close to the wire so that every business check, and its reject text, lives in
 * one place: the execution core.
 *
 * @param clOrdId            ClOrdID (11)
 * @param symbol             Symbol (55)
 * @param side               Side (54) as sent
 * @param quantity           OrderQty (38) as decimal text
 * @param targetStrategy     TargetStrategy (847), or {@link #NO_STRATEGY}
 * @param effectiveTimeNs    EffectiveTime (168) in ns since the epoch, or {@link #NO_TIME} for "now"
 * @param expireTimeNs       ExpireTime (126) in ns since the epoch, or {@link #NO_TIME} if missing
 * @param limitPrice         Price (44) as decimal text, or null for none
 * @param strategyParameters the StrategyParameters group (957) as sent, in order; empty if none
 * @param clientId           who the order is for (the OMS session's SenderCompID), tagged on every child
 */
public record NewParentOrder(
    String clOrdId,
    String symbol,
    char side,
    String quantity,
    int targetStrategy,
    long effectiveTimeNs,
    long expireTimeNs,
    String limitPrice,
    List<StrategyParameter> strategyParameters,
    String clientId) implements OmsCommand
{
    public static final int NO_STRATEGY = Integer.MIN_VALUE;
    public static final long NO_TIME = Long.MIN_VALUE;
    /** Client of an order that did not come through a FIX session (tests, the demo driver). */
    public static final String NO_CLIENT = "-";

    public NewParentOrder
    {
        strategyParameters = strategyParameters == null ? List.of() : List.copyOf(strategyParameters);
        clientId = clientId == null ? NO_CLIENT : clientId;
    }

    /** An order without strategy parameters and without a client. */
    public NewParentOrder(
        final String clOrdId,
        final String symbol,
        final char side,
        final String quantity,
        final int targetStrategy,
        final long effectiveTimeNs,
        final long expireTimeNs,
        final String limitPrice)
    {
        this(clOrdId, symbol, side, quantity, targetStrategy, effectiveTimeNs, expireTimeNs, limitPrice, List.of(),
            NO_CLIENT);
    }
}
