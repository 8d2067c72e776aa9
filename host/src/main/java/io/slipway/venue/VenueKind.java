package io.slipway.venue;

public enum VenueKind
{
    EXCHANGE,
    DEALER,
    AMM
}
