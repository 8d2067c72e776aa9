package io.slipway.oms;

/** What the OMS can ask of the core. Called on the core's thread only, with the core's time. */
public interface OmsCommandHandler
{
    void onNewParentOrder(NewParentOrder order, long nowNs);
}
