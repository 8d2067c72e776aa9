package io.slipway.tca;

/**
 * The pre-trade estimate the realised shortfall is judged against.
 *
 * @param expectedBps expected cost over the order's horizon before fees, bps of arrival notional
 * @param sdBps       its standard deviation, bps
 * @param basis       what the estimate assumed, for the reader
 */
public record PredictedCost(double expectedBps, double sdBps, String basis)
{
}
