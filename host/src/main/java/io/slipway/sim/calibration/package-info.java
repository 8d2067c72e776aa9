/**
 * Calibration evidence: measures a seeded simulated world the way
 * {@link io.slipway.sim.market.CalibrationTool} measures the recorded Binance data, runs host
 * metaorders through the simulated appliance to measure the impact curve, and formats both as
 * text, JSON and an HTML report with hand-written SVG charts.
 */
package io.slipway.sim.calibration;
