package io.slipway.ops.daemon;

import io.slipway.analytics.ImpactFit;
import io.slipway.learn.FeedbackFile;
import io.slipway.learn.ImpactFeedback;
import io.slipway.tca.ExecutionRecord;
import io.slipway.tca.TcaReport;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The daemon's feedback loop (core.impactFeedback): each of its finished orders refits the impact coefficient Y on
 * the order's own impact and the venue and dealer priors on its fills, writes the feedback file durably, and hands
 * the new fit to the core for the orders that arrive after it. Runs on the daemon's TCA thread, one order at a time
 * in the order they finished; the core never reads this object. The daemon's start also reads it, so callers hold
 * its monitor.
 *
 * <p>Each order is folded in once: under its key ({@link ImpactFeedback#foldKey}), kept in the file, so an order
 * met again after a restart changes nothing. A refit the fit refuses (it would take Y out of range) is logged by
 * name and changes nothing, the file included.
 */
final class DaemonFeedback
{
    private final Path file;
    private final double annualVolatility;
    private final PrintWriter log;
    private final Consumer<ImpactFit> toCore;
    private ImpactFeedback state;

    /**
     * @param file             the feedback file, read now (a missing one is the prior)
     * @param annualVolatility the world's volatility, which the impact regressor is scaled by
     * @param toCore           takes each new fit to the core's thread; called after the file holds it
     */
    DaemonFeedback(final Path file, final double annualVolatility, final PrintWriter log,
        final Consumer<ImpactFit> toCore)
    {
        this.file = file;
        this.annualVolatility = annualVolatility;
        this.log = log;
        this.toCore = toCore;
        this.state = FeedbackFile.readOrPrior(file);
    }

    /** The fit the file holds now. */
    ImpactFit fit()
    {
        return state.fit(file.toString());
    }

    /** True when the order is already folded in. */
    boolean hasFolded(final ExecutionRecord record)
    {
        return state.hasFolded(ImpactFeedback.foldKey(record));
    }

    /**
     * Of the finished orders a recovered core holds, those a crash kept from being folded in, in the order they
     * finished: orders fold in as they finish, so one that finished at or after the latest folded one and is not
     * folded itself was lost between its end and the file's write. Orders that finished before it were folded in, or
     * finished before this file was the daemon's; a file nothing was folded into by key names none.
     */
    List<ExecutionRecord> lostOrders(final List<ExecutionRecord> finished)
    {
        final List<ExecutionRecord> lost = new ArrayList<>();
        final long lastFoldedNs = state.lastFoldedNs();
        if (lastFoldedNs == ImpactFeedback.NONE_FOLDED)
        {
            return lost;
        }
        for (final ExecutionRecord record : finished)
        {
            if (record.completedNs() >= lastFoldedNs && !hasFolded(record))
            {
                lost.add(record);
            }
        }
        lost.sort(Comparator.comparingLong(ExecutionRecord::completedNs));
        return lost;
    }

    /**
     * Folds one finished order in, unless it already is.
     *
     * @param ownImpactBps the order's own impact as its world measured it, or NaN when the world does not: then
     *                     the venue and dealer priors refit and Y does not
     * @return the log line said
     */
    String refit(final ExecutionRecord record, final TcaReport tca, final double ownImpactBps)
    {
        final String key = ImpactFeedback.foldKey(record);
        if (state.hasFolded(key))
        {
            return say(String.format(Locale.ROOT, "%s already folded into %s, not counted again", record.orderId(),
                file));
        }
        // The refit works on a copy: a refusal or a failed write leaves the state as the file has it.
        final ImpactFeedback next = state.copy();
        final boolean measured = Double.isFinite(ownImpactBps);
        if (measured)
        {
            try
            {
                next.observe(tca, ownImpactBps, annualVolatility);
            }
            catch (final IllegalArgumentException ex)
            {
                return say(String.format(Locale.ROOT, "%s refit refused, %s unchanged: %s", record.orderId(), file,
                    ex.getMessage()));
            }
        }
        next.observeFills(record);
        next.fold(key, record.completedNs());
        next.lastRefit(String.format(Locale.ROOT, "daemon: order %s (ClOrdID %s) %s %s, own impact %s",
            record.orderId(), record.clOrdId().replaceAll("\\s", "_"), record.side(), record.strategy(),
            measured ? String.format(Locale.ROOT, "%.3f bps", ownImpactBps) : "not measured"));
        FeedbackFile.write(next, file);
        final long before = state.orders();
        final double yBefore = state.impactCoefficient();
        state = next;
        if (next.orders() != before)
        {
            toCore.accept(next.fit(file.toString()));
            return say(String.format(Locale.ROOT, "%s refit impact Y %.4f -> %.4f over %d orders (own impact " +
                "%.3f bps) and the venue and dealer priors from %d fills; %s; the core uses it from the next order",
                record.orderId(), yBefore, next.impactCoefficient(), next.orders(), ownImpactBps, record.fillCount(),
                file));
        }
        return say(String.format(Locale.ROOT, "%s: %s, so impact Y stays %.4f over %d orders; the venue and " +
            "dealer priors refit from %d fills; %s", record.orderId(), measured ?
            "it filled nothing or worked no time" : "its world does not measure own impact",
            next.impactCoefficient(), next.orders(), record.fillCount(), file));
    }

    private String say(final String line)
    {
        log.println("slipway daemon: feedback: " + line);
        log.flush();
        return line;
    }
}
