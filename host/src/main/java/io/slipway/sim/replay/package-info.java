/**
 * Replay mode of the simulated market: the recorded Binance spot, USD-M and COIN-M books
 * ({@link io.slipway.sim.replay.RecordedFeed}) replayed as venues
 * ({@link io.slipway.sim.replay.ReplayExchange}) that the appliance trades against through the
 * card, composed by {@link io.slipway.sim.replay.ReplayMarket}.
 *
 * <p>The recording is fixed: the host's orders are matched against it (taking recorded levels
 * once, queueing behind recorded quantity) but never change it. Results from replay therefore
 * carry no market impact and must say so ({@link io.slipway.sim.replay.ReplayMarket#DISCLAIMER}).
 */
package io.slipway.sim.replay;
