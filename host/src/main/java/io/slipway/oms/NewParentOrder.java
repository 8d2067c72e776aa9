package io.slipway.oms;

/**
 * A parent order as the OMS sent it (FIX NewOrderSingle), before the core validated it.
 * Fields stay close to the wire so that every business check, and its reject text, lives in
 * one place: the execution core.
 *
 * @param clOrdId          ClOrdID (11)
 * @param symbol           Symbol (55)
 * @param side             Side (54) as sent
 * @param quantity         OrderQty (38) as decimal text
 * @param targetStrategy   TargetStrategy (847), or {@link #NO_STRATEGY}
 * @param effectiveTimeNs  EffectiveTime (168) in ns since the epoch, or {@link #NO_TIME} for "now"
 * @param expireTimeNs     ExpireTime (126) in ns since the epoch, or {@link #NO_TIME} if missing
 * @param limitPrice       Price (44) as decimal text, or null for none
 */
public record NewParentOrder(
    String clOrdId,
    String symbol,
    char side,
    String quantity,
    int targetStrategy,
    long effectiveTimeNs,
    long expireTimeNs,
    String limitPrice)
{
    public static final int NO_STRATEGY = Integer.MIN_VALUE;
    public static final long NO_TIME = Long.MIN_VALUE;
}
