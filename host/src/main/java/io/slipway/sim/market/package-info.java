/**
 * The simulated market: exchanges with price-time matching engines, calibrated exogenous flow,
 * a shared latent price and own-trade impact, all on the discrete-event clock of
 * {@link io.slipway.sim.EventScheduler}.
 *
 * <h2>Pieces</h2>
 * <ul>
 *   <li>{@link io.slipway.sim.market.MatchingEngine} and {@link io.slipway.sim.market.OrderBook}:
 *       LIMIT, IOC, MARKET (with a protection price) and POST_ONLY (refused when it would take),
 *       cancel/replace (time priority kept only for a quantity reduction at the same price),
 *       validation against {@link io.slipway.venue.VenueRules}, owners with expire-taker
 *       self-trade prevention, maker and taker fees.</li>
 *   <li>{@link io.slipway.sim.market.SimOrderEntryCodec} / {@link io.slipway.sim.market.SimOrderEntryDecoder}:
 *       the venues' binary order entry (NEW, CANCEL, REPLACE), with a per-owner token-bucket rate
 *       limit on each exchange from which the simulated participants are exempt. {@link io.slipway.sim.market.BinanceSbeEncoder}: their
 *       market data, in the Binance spot stream SBE schema.</li>
 *   <li>{@link io.slipway.sim.market.CalibrationTool} measures
 *       {@link io.slipway.sim.market.MarketProfile}s from the recorded Binance files into
 *       {@code /calibration/binance-20240808.properties}; {@link io.slipway.sim.market.Calibration}
 *       reads it, so the simulator needs no data at run time. Depth buckets are [0,1), [1,2),
 *       [2,5), [5,10), [10,25) and [25,50) bps from mid, per side, time-averaged on a 100 ms grid.</li>
 *   <li>{@link io.slipway.sim.market.SimulatedMarket}: SIMA (spot), SIMB (USD-M), SIMC (COIN-M)
 *       as {@link io.slipway.sim.market.SimulatedExchange}s, one
 *       {@link io.slipway.sim.market.LatentPrice} per instrument,
 *       {@link io.slipway.sim.market.ExogenousFlow} per venue and instrument, and the
 *       {@link io.slipway.sim.market.ImpactModel}.</li>
 *   <li>Off-book liquidity from the context's dealer and AMM specs, on venue ids 4..7 after the
 *       exchanges: {@link io.slipway.sim.market.SimulatedDealer}s answering RFQs from the
 *       composite {@link io.slipway.sim.market.LitMid} and hedging their fills on the exchanges
 *       (which moves the latent price through the impact model), and constant-product
 *       {@link io.slipway.sim.market.AmmPool}s settling swaps per block, kept on the lit market by
 *       an {@link io.slipway.sim.market.AmmArbitrageur}.</li>
 *   <li>World dynamics from the scenario specs: {@link io.slipway.sim.market.VolatilityRegimes}
 *       and {@link io.slipway.sim.market.PriceJumps} drive the latent price;
 *       {@link io.slipway.sim.market.VenueDislocation} gives each venue its own price around it
 *       (arbitrage pulls it back); a depth multiplier scales every liquidity provider.</li>
 *   <li>Scripted events ({@link io.slipway.sim.market.MarketEvents}), scheduled at start +
 *       atSeconds: {@link io.slipway.sim.market.LiquidityFlushEvent} (depth pulled, price gapped,
 *       both rebound), {@link io.slipway.sim.market.SpoofingAgent} and
 *       {@link io.slipway.sim.market.QuoteStuffer} (agents with their own owner ids),
 *       {@link io.slipway.sim.market.VenueSpell}s, outage and stale feed
 *       (the venue refuses orders and goes silent, or only goes silent). After either silence the
 *       next depth diff chains by update id; trades matched while the feed was paused are not
 *       republished.</li>
 * </ul>
 *
 * <h2>Running</h2>
 * Re-derive the calibration: {@code java -cp host/target/classes:agrona.jar
 * io.slipway.sim.market.CalibrationTool ../shared/data/binance
 * host/src/main/resources/calibration/binance-20240808.properties}. Run a world without a host:
 * {@code io.slipway.sim.market.MarketWorldRun [hours] [seed] [BTC|ETH|BOTH] [plain|dynamic]} (needs
 * {@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED} for Agrona).
 */
package io.slipway.sim.market;
