package io.slipway.tca;

/**
 * One dealer's part in one parent order: how it answered our requests for quote and what it filled.
 *
 * @param rfqs               requests sent to it
 * @param quotes             firm quotes it answered with
 * @param declines           requests it declined or left unanswered within the wait
 * @param accepted           quotes we took
 * @param refusals           takes it refused at last look
 * @param meanImprovementBps mean of its quotes' improvement on the modelled lit cost, bps (NaN when none)
 * @param fills              fills it gave
 * @param quantity           quantity it filled
 * @param markout1mBps       its fills' markout at one minute (negative: the price moved against us: leakage)
 */
public record DealerBreakdown(String dealer, int rfqs, int quotes, int declines, int accepted, int refusals,
    double meanImprovementBps, int fills, double quantity, double markout1mBps)
{
}
