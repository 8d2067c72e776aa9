package io.slipway.journal;

import io.slipway.core.CoreInput;
import io.slipway.core.ExecutionCore;
import io.slipway.venue.VenueOrderStatus;
import io.slipway.venue.VenueStatusQuery;
import org.agrona.collections.LongArrayList;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Brings the core's open children in line with what the venues say about them, after a recovery
 * or a venue reconnect. Every difference becomes an ordinary venue event (card verdict, accept,
 * fill, done, reject) fed through the given input, which is the journaled core, so the journal
 * holds what was learned and a later replay learns it again.
 *
 * <p>A child the venue cannot answer for stays in flight and is asked about again: it is never
 * re-sent, because a re-sent order may be a second order. A child no venue holds is closed as
 * rejected, which lets its parent place that quantity again under a new id: sound only once
 * nothing sent before the crash can still be on its way to the venue, which the caller ensures
 * by reconciling no sooner than one order latency plus one report latency after the crash.
 */
public final class VenueReconciler
{
    /** Reject text for a child that no venue holds. */
    public static final String NOT_AT_VENUE = "not at the venue when reconciled";
    /** Card verdict reason for a child whose card verdict was never recorded and no venue holds. */
    public static final int NEVER_SENT = -2;

    private final List<long[]> open = new ArrayList<>();

    /**
     * Reconciles the core's open children on the venues the filter accepts.
     *
     * @param core    the core to read (its state only)
     * @param inputs  where missed venue events go (the journaled core in front of that core)
     * @param queries venue status by venue id; null where a venue cannot be asked
     * @param venues  which venue ids to reconcile
     * @param nowNs   the time the injected events carry
     */
    public ReconcileResult reconcile(final ExecutionCore core, final CoreInput inputs, final VenueStatusQuery[] queries,
        final IntPredicate venues, final long nowNs)
    {
        open.clear();
        core.forEachOpenChild((id, venueId, atCard, quantity, filled) ->
        {
            if (venues.test(venueId))
            {
                open.add(new long[]{id, venueId, atCard ? 1 : 0, quantity, filled});
            }
        });
        int injected = 0;
        int unresolved = 0;
        int anomalies = 0;
        final List<String> differences = new ArrayList<>();
        for (final long[] child : open)
        {
            final long id = child[0];
            final int venueId = (int)child[1];
            final boolean atCard = child[2] == 1;
            final long coreFilled = child[4];
            final VenueStatusQuery query = venueId < queries.length ? queries[venueId] : null;
            if (query == null)
            {
                unresolved++;
                differences.add("child " + id + " at venue " + venueId + ": the venue cannot be asked");
                continue;
            }
            final VenueOrderStatus status = query.status(id);
            if (status.received() > 1)
            {
                anomalies++;
                differences.add("child " + id + " reached venue " + venueId + " " + status.received() + " times");
            }
            switch (status.state())
            {
                case UNAVAILABLE:
                    unresolved++;
                    differences.add("child " + id + " at venue " + venueId + ": status unknown, asked again later");
                    break;
                case NOT_FOUND:
                    if (atCard)
                    {
                        inputs.onCardVerdict(id, false, NEVER_SENT, nowNs);
                    }
                    else
                    {
                        inputs.onVenueRejected(venueId, id, NOT_AT_VENUE, nowNs);
                    }
                    injected++;
                    differences.add("child " + id + " is not at venue " + venueId + ": closed unfilled");
                    break;
                case REJECTED:
                    if (atCard)
                    {
                        inputs.onCardVerdict(id, true, 0, nowNs);
                        injected++;
                    }
                    inputs.onVenueRejected(venueId, id, status.reason(), nowNs);
                    injected++;
                    differences.add("child " + id + " was rejected by venue " + venueId + ": " + status.reason());
                    break;
                default:
                {
                    if (atCard)
                    {
                        inputs.onCardVerdict(id, true, 0, nowNs);
                        inputs.onVenueAccepted(venueId, id, nowNs);
                        injected += 2;
                    }
                    else if (status.state() == VenueOrderStatus.State.OPEN)
                    {
                        // The venue holds it, so it accepted it, though that ack may have died with the
                        // process; an order already acknowledged ignores this. The core then treats a
                        // refusal of a cancel sent again as the harmless reject it is.
                        inputs.onVenueAccepted(venueId, id, nowNs);
                        injected++;
                    }
                    long seen = 0;
                    int missedFills = 0;
                    for (final VenueOrderStatus.Fill fill : status.fills())
                    {
                        if (seen + fill.quantity() <= coreFilled)
                        {
                            seen += fill.quantity();
                            continue;
                        }
                        long quantity = fill.quantity();
                        if (seen < coreFilled)
                        {
                            anomalies++;
                            differences.add("child " + id + ": the core's filled " + coreFilled +
                                " falls inside a venue fill of " + fill.quantity());
                            quantity -= coreFilled - seen;
                        }
                        seen += fill.quantity();
                        inputs.onVenueFill(venueId, id, fill.price(), quantity, fill.fee(), fill.maker(), nowNs);
                        injected++;
                        missedFills++;
                    }
                    if (status.filledQuantity() < coreFilled)
                    {
                        anomalies++;
                        differences.add("child " + id + ": the core has " + coreFilled + " filled, venue " + venueId +
                            " only " + status.filledQuantity());
                    }
                    if (missedFills > 0)
                    {
                        differences.add("child " + id + " at venue " + venueId + ": " + missedFills + " missed fill(s)");
                    }
                    if (status.state() == VenueOrderStatus.State.DONE)
                    {
                        inputs.onVenueDone(venueId, id, status.releasedQuantity(), nowNs);
                        injected++;
                        differences.add("child " + id + " is done at venue " + venueId);
                    }
                }
            }
        }
        return new ReconcileResult(open.size(), injected, unresolved, anomalies, differences);
    }

    /** Ids of the host's orders a venue saw more than once: duplicates, which must never happen. */
    public static LongArrayList duplicates(final VenueStatusQuery query)
    {
        final LongArrayList duplicates = new LongArrayList();
        for (final long id : query.hostOrderIds())
        {
            if (query.status(id).received() > 1)
            {
                duplicates.addLong(id);
            }
        }
        return duplicates;
    }
}
