package io.slipway.app;

import io.slipway.card.CardRegisters;
import io.slipway.card.NicLayout;

/**
 * Hard limits the card's risk gate enforces, written through the admin path. Values are in
 * the card's units: quantities in instrument scale, notional in price x quantity scale
 * (10^-8 USD for this build's instruments), throttle refill in card cycles per message.
 */
public record CardRiskLimits(
    int venueEnableMask,
    int instrumentEnableMask,
    int collarBps,
    long maxOrderQuantity,
    long maxOrderNotional,
    int throttleBurst,
    int throttleRefillCycles,
    long maxPosition)
{
    public CardRiskLimits
    {
        if (collarBps <= 0 || collarBps > 10_000)
        {
            throw new IllegalArgumentException("collarBps must be 1..10000, was " + collarBps);
        }
        if (maxOrderQuantity <= 0 || maxOrderNotional <= 0 || maxPosition <= 0)
        {
            throw new IllegalArgumentException("quantity, notional and position limits must be positive");
        }
        if (throttleBurst <= 0 || throttleRefillCycles <= 0)
        {
            throw new IllegalArgumentException("throttle burst and refill must be positive");
        }
    }

    /**
     * Defaults for the simulated appliance (the appliance narrows the venue mask to the venues its
     * world connects): venues 1-3 and instruments 1-2 enabled, 100 bps
     * collar, 100 units per order, 10M USD notional per order, 50-message bursts refilled at
     * 100 messages a second at 322.266 MHz, and a 5,000-unit position.
     */
    public static CardRiskLimits simulationDefaults()
    {
        return new CardRiskLimits(0b1110, 0b0110, 100, 100_000_000L, 1_000_000_000_000_000L, 50, 3_222_660,
            5_000_000_000L);
    }

    /** The same limits with another set of enabled venues (bit v enables venue v). */
    public CardRiskLimits withVenueEnableMask(final int mask)
    {
        return new CardRiskLimits(mask, instrumentEnableMask, collarBps, maxOrderQuantity, maxOrderNotional,
            throttleBurst, throttleRefillCycles, maxPosition);
    }

    /** Writes every limit, then releases the kill switch the card holds from reset. */
    public void applyAndArm(final CardRegisters registers)
    {
        final int base = NicLayout.RISK_BASE;
        registers.writeRegister(base + NicLayout.RISK_VENUE_ENABLE, venueEnableMask);
        applyLimits(registers);
        registers.writeRegister(base + NicLayout.RISK_CONTROL, 0);
    }

    /**
     * Writes the instrument mask and the numeric limits only: an operator's change of a limit must
     * neither re-enable a venue nor release a kill.
     */
    public void applyLimits(final CardRegisters registers)
    {
        final int base = NicLayout.RISK_BASE;
        registers.writeRegister(base + NicLayout.RISK_INSTRUMENT_ENABLE, instrumentEnableMask);
        registers.writeRegister(base + NicLayout.RISK_COLLAR_BPS, collarBps);
        registers.writeRegister64(base + NicLayout.RISK_MAX_QTY_LO, maxOrderQuantity);
        registers.writeRegister64(base + NicLayout.RISK_MAX_NOTIONAL_LO, maxOrderNotional);
        registers.writeRegister(base + NicLayout.RISK_THROTTLE_BURST, throttleBurst);
        registers.writeRegister(base + NicLayout.RISK_THROTTLE_REFILL, throttleRefillCycles);
        registers.writeRegister64(base + NicLayout.RISK_MAX_POSITION_LO, maxPosition);
    }
}
