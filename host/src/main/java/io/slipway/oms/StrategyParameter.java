package io.slipway.oms;

/**
 * One entry of the StrategyParameters group as sent: StrategyParameterName (958),
 * StrategyParameterType (959, 0 when absent) and StrategyParameterValue (960). The core maps
 * the group onto a typed value and rejects what it does not know, naming the parameter.
 */
public record StrategyParameter(String name, int type, String value)
{
    public static final int NO_TYPE = 0;
}
