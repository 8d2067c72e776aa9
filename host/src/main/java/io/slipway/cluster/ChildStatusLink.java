package io.slipway.cluster;

/**
 * Where a new leader asks the venues about the children its core holds as open: after a leader
 * change nobody knows whether the old leader sent a child (it may have died between the commit
 * and the apply of the entry that placed it). The venue's answer comes back into the log as a
 * {@link ClusterCoreInputs#CHILD_STATUS} input. Only the open leader asks.
 */
@FunctionalInterface
public interface ChildStatusLink
{
    /** Asks venue {@code venueId} about child {@code clientOrderId}; false if the query could not go out. */
    boolean queryStatus(int venueId, long clientOrderId);
}
