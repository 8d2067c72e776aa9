package io.slipway.core;

import io.slipway.tca.ExecutionRecord;

/** Told when a parent order reaches a final state, with its full execution record. */
@FunctionalInterface
public interface ParentOrderListener
{
    void onParentDone(ExecutionRecord record);

    /**
     * The record's mid path now reaches {@link ExecutionRecord#POST_TRADE_NS} past completion (core
     * time, as market data arrived), so every markout horizon is covered.
     */
    default void onPostTradeDone(ExecutionRecord record)
    {
    }
}
