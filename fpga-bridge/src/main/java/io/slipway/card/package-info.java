/**
 * The Slipway card as the host sees it.
 *
 * <ul>
 *   <li>{@link io.slipway.card.NicLayout}: the constants of {@code firmware-stubs/include/slipway_nic.h},
 *       checked against the header by a test.</li>
 *   <li>Flyweights over the header's records: {@link io.slipway.card.MarketDataRecord},
 *       {@link io.slipway.card.OrderDescriptor}, {@link io.slipway.card.CompletionRecord},
 *       {@link io.slipway.card.ExposureRecord}, {@link io.slipway.card.IngressSlot}.</li>
 *   <li>{@link io.slipway.card.Card} and its backends, opened by {@link io.slipway.card.CardBackends}:
 *       {@link io.slipway.card.ReferenceCard}, the pure-Java model; {@code verilator}, the RTL, for
 *       now register access only through {@link io.slipway.card.VerilatorCardRegisters}; {@code pcie}.</li>
 *   <li>Discovery: {@link io.slipway.card.RegisterBlockWalker} and {@link io.slipway.card.CardIdentity}.</li>
 * </ul>
 */
package io.slipway.card;
