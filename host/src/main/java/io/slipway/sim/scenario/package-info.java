/**
 * What a simulated world is made of, as typed specifications: volatility regimes, jumps,
 * cross-venue arbitrage, dealers, AMM pools, scripted events and an optional parent order.
 * Scenario files are parsed into these; the simulated market is built from them. Every record
 * validates its own ranges and names the offending field, so a bad file fails before anything
 * starts.
 */
package io.slipway.sim.scenario;
