package io.slipway.card;

import org.agrona.DirectBuffer;

/**
 * One card as the host drives it, whatever backs it (RTL under Verilator, the pure-Java
 * reference model, or a real card behind PCIe). Records and slots follow
 * {@code firmware-stubs/include/slipway_nic.h}; {@link NicLayout} mirrors it.
 *
 * <p>The host is the single producer of the ingress, order and exposure rings and the single
 * consumer of the market-data, completion and transmit outputs. Offers never block: a
 * {@code false} return is back-pressure and the caller keeps the work. {@link #process()} runs
 * the card until everything offered so far has been handled, so in simulation a call is one
 * deterministic step; all calls must come from one thread.
 */
public interface Card extends CardRegisters, AutoCloseable
{
    /** Backend name: {@code reference}, {@code verilator} or {@code pcie}. */
    String backendName();

    /**
     * Offers one SBE message (starting with its SBE message header) that arrived for a feed
     * channel over a host connection, to take the card's decode path.
     */
    boolean offerIngress(int channel, DirectBuffer buffer, int offset, int length);

    /**
     * Offers one order slot: a {@link NicLayout#ORDER_DESCRIPTOR_SIZE}-byte descriptor followed
     * by the venue message bytes it announces.
     */
    boolean offerOrder(DirectBuffer buffer, int offset, int length);

    /** Offers one exposure record (a fill or a released quantity reported by a venue). */
    boolean offerExposure(DirectBuffer buffer, int offset, int length);

    /**
     * Runs the card until every record offered so far has been handled, in the order offered
     * across the input rings. If an output (market data, completions, transmit) fills up, the card
     * stalls rather than drop its own output: the rest is handled by a later call, after the host
     * has polled.
     */
    void process();

    /** Delivers up to {@code limit} market-data records; returns how many. */
    int pollMarketData(RecordHandler handler, int limit);

    /** Delivers up to {@code limit} completion records; returns how many. */
    int pollCompletions(RecordHandler handler, int limit);

    /** Delivers up to {@code limit} messages that left on venue ports; returns how many. */
    int pollTransmit(TransmitHandler handler, int limit);

    /**
     * Lets the card's clock run for {@code cycles} with no new input, so that time-based state
     * (throttle token buckets, feed staleness) follows the host's clock; in simulation this is
     * how the card tracks simulated time. A backend may fast-forward idle cycles.
     */
    void advanceClock(long cycles);

    /** The card's free-running cycle counter. */
    long cycles();

    @Override
    void close();
}
