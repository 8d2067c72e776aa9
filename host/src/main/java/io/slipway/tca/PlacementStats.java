package io.slipway.tca;

import java.util.List;

/**
 * Where an order's post-only children ended, counted by the core as each one closed. Every child
 * posted ends in exactly one outcome, so the outcome counts sum to {@code posted}; quantities are
 * in instrument units. Queue ahead is the venue's displayed size at our price when the child was
 * posted; resting time runs from the send to the venue's last word on the child.
 *
 * @param posted            post-only children sent to venues
 * @param postedQty         their quantity
 * @param filled            filled in full
 * @param partial           partly filled, the rest canceled or closed by the venue
 * @param canceledWindow    canceled unfilled when the passive window ended
 * @param canceledSlice     canceled unfilled because a new slice arrived (queue place given up)
 * @param canceledOther     canceled unfilled for any other reason (order end, kill, cancel of the parent)
 * @param refusedPostOnly   refused by the venue because at arrival it would have taken (the touch had moved)
 * @param refusedOther      refused by the card or the venue for any other reason
 * @param closedByVenue     closed unfilled by the venue without our cancel (expiry, venue outage)
 * @param filledQty         quantity filled passively by these children
 * @param queueAheadQty     sum over children of the displayed quantity ahead of them at posting
 * @param restingNs         sum over children of the time from send to close
 * @param restingFilledNs   sum over filled-in-full children of the time from send to the last fill
 */
public record PlacementStats(
    long posted,
    double postedQty,
    long filled,
    long partial,
    long canceledWindow,
    long canceledSlice,
    long canceledOther,
    long refusedPostOnly,
    long refusedOther,
    long closedByVenue,
    double filledQty,
    double queueAheadQty,
    long restingNs,
    long restingFilledNs)
{
    /** How one post-only child ended. */
    public enum Outcome
    {
        FILLED,
        PARTIAL,
        CANCELED_WINDOW,
        CANCELED_SLICE,
        CANCELED_OTHER,
        REFUSED_POST_ONLY,
        REFUSED_OTHER,
        CLOSED_BY_VENUE
    }

    public static final PlacementStats NONE = new PlacementStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Share of the posted quantity that filled passively, NaN when nothing was posted. */
    public double fillRate()
    {
        return postedQty > 0 ? filledQty / postedQty : Double.NaN;
    }

    /** The mean time a child rested, in seconds, NaN when nothing was posted. */
    public double meanRestingSeconds()
    {
        return posted > 0 ? restingNs / 1e9 / posted : Double.NaN;
    }

    /** The mean displayed queue ahead of a posted child, NaN when nothing was posted. */
    public double meanQueueAhead()
    {
        return posted > 0 ? queueAheadQty / posted : Double.NaN;
    }

    /** Share of posted children that ended with {@code count}, NaN when nothing was posted. */
    public double share(final long count)
    {
        return posted > 0 ? (double)count / posted : Double.NaN;
    }

    /** The sum over several orders (an evaluation's episodes). */
    public static PlacementStats sum(final List<PlacementStats> all)
    {
        long posted = 0;
        double postedQty = 0;
        long filled = 0;
        long partial = 0;
        long canceledWindow = 0;
        long canceledSlice = 0;
        long canceledOther = 0;
        long refusedPostOnly = 0;
        long refusedOther = 0;
        long closedByVenue = 0;
        double filledQty = 0;
        double queueAheadQty = 0;
        long restingNs = 0;
        long restingFilledNs = 0;
        for (final PlacementStats s : all)
        {
            if (s == null)
            {
                continue;
            }
            posted += s.posted;
            postedQty += s.postedQty;
            filled += s.filled;
            partial += s.partial;
            canceledWindow += s.canceledWindow;
            canceledSlice += s.canceledSlice;
            canceledOther += s.canceledOther;
            refusedPostOnly += s.refusedPostOnly;
            refusedOther += s.refusedOther;
            closedByVenue += s.closedByVenue;
            filledQty += s.filledQty;
            queueAheadQty += s.queueAheadQty;
            restingNs += s.restingNs;
            restingFilledNs += s.restingFilledNs;
        }
        return new PlacementStats(posted, postedQty, filled, partial, canceledWindow, canceledSlice, canceledOther,
            refusedPostOnly, refusedOther, closedByVenue, filledQty, queueAheadQty, restingNs, restingFilledNs);
    }
}
