package io.slipway.oms;

/** Where the core sends what the OMS must be told. Called on the core's thread only. */
@FunctionalInterface
public interface OmsReportSink
{
    void onReport(ParentOrderReport report);
}
