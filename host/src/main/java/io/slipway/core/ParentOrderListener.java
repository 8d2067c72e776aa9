package io.slipway.core;

import io.slipway.tca.ExecutionRecord;

/** Told when a parent order reaches a final state, with its full execution record. */
@FunctionalInterface
public interface ParentOrderListener
{
    void onParentDone(ExecutionRecord record);
}
