package io.slipway.sim.scenario;

import io.slipway.domain.Side;

/**
 * A scripted market event. {@code atSeconds} counts from the world's start; {@code venue} names
 * a simulated venue, or is null for every venue; {@code instrument} is a symbol, or null for all.
 */
public sealed interface EventSpec
{
    double atSeconds();

    /** Liquidity providers pull to depthRemaining of normal depth and the price gaps by moveBps, then rebound over reboundSeconds. */
    record LiquidityFlush(double atSeconds, String venue, String instrument, double depthRemaining, double moveBps,
        double reboundSeconds) implements EventSpec
    {
        public LiquidityFlush
        {
            Specs.range("at", atSeconds, 0, 1e7);
            Specs.range("depthRemaining", depthRemaining, 0.0, 1.0);
            Specs.range("moveBps", moveBps, -5_000, 5_000);
            Specs.range("reboundSeconds", reboundSeconds, 0.0, 86_400);
        }
    }

    /** Large orders sizeMultiple times normal top depth posted distanceBps from the touch, withdrawn when price comes within withdrawBps. */
    record Spoofing(double atSeconds, double durationSeconds, String venue, String instrument, Side side,
        double sizeMultiple, double distanceBps, double withdrawBps) implements EventSpec
    {
        public Spoofing
        {
            Specs.range("at", atSeconds, 0, 1e7);
            Specs.range("duration", durationSeconds, 0.001, 1e7);
            Specs.required("venue", venue);
            Specs.required("side", side);
            Specs.range("sizeMultiple", sizeMultiple, 0.1, 1_000);
            Specs.range("distanceBps", distanceBps, 0.0, 1_000);
            Specs.range("withdrawBps", withdrawBps, 0.0, 1_000);
        }
    }

    /** Bursts of add-and-cancel messages that change nothing, at messagesPerSecond. */
    record QuoteStuffing(double atSeconds, double durationSeconds, String venue, String instrument,
        int messagesPerSecond) implements EventSpec
    {
        public QuoteStuffing
        {
            Specs.range("at", atSeconds, 0, 1e7);
            Specs.range("duration", durationSeconds, 0.001, 1e7);
            Specs.required("venue", venue);
            Specs.range("messagesPerSecond", messagesPerSecond, 1, 1_000_000);
        }
    }

    /** The venue accepts no orders and publishes nothing; resting orders stay. */
    record VenueOutage(double atSeconds, double durationSeconds, String venue) implements EventSpec
    {
        public VenueOutage
        {
            Specs.range("at", atSeconds, 0, 1e7);
            Specs.range("duration", durationSeconds, 0.001, 1e7);
            Specs.required("venue", venue);
        }
    }

    /** The venue keeps trading but its market data stops (a stale feed). */
    record StaleFeed(double atSeconds, double durationSeconds, String venue) implements EventSpec
    {
        public StaleFeed
        {
            Specs.range("at", atSeconds, 0, 1e7);
            Specs.range("duration", durationSeconds, 0.001, 1e7);
            Specs.required("venue", venue);
        }
    }
}
