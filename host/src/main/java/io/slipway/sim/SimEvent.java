package io.slipway.sim;

/** Something that happens at a simulated time. */
@FunctionalInterface
public interface SimEvent
{
    void fire(long nowNs);
}
