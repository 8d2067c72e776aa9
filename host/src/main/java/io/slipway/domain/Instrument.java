package io.slipway.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A tradable instrument and its fixed-point scales. Prices are {@code long}s in units of
 * 10^priceExponent of the quote currency, quantities in units of 10^qtyExponent of the base
 * asset: the same representation the card uses, so nothing is rescaled between host and card.
 */
public final class Instrument
{
    private final int id;
    private final String symbol;
    private final int priceExponent;
    private final int qtyExponent;
    private final double priceUnit;
    private final double qtyUnit;

    public Instrument(final int id, final String symbol, final int priceExponent, final int qtyExponent)
    {
        if (id <= 0 || id >= 16)
        {
            throw new IllegalArgumentException("instrument id must be 1..15 (card limit), was " + id);
        }
        if (priceExponent > 0 || priceExponent < -9 || qtyExponent > 0 || qtyExponent < -9)
        {
            throw new IllegalArgumentException("exponents must be in -9..0 for " + symbol);
        }
        this.id = id;
        this.symbol = symbol;
        this.priceExponent = priceExponent;
        this.qtyExponent = qtyExponent;
        this.priceUnit = Math.pow(10, priceExponent);
        this.qtyUnit = Math.pow(10, qtyExponent);
    }

    public int id()
    {
        return id;
    }

    public String symbol()
    {
        return symbol;
    }

    public int priceExponent()
    {
        return priceExponent;
    }

    public int qtyExponent()
    {
        return qtyExponent;
    }

    public double priceToDouble(final long price)
    {
        return price * priceUnit;
    }

    public double qtyToDouble(final long qty)
    {
        return qty * qtyUnit;
    }

    /** Nearest fixed-point price; for models, never for parsing client input. */
    public long priceFromDouble(final double price)
    {
        return Math.round(price / priceUnit);
    }

    public long qtyFromDouble(final double qty)
    {
        return Math.round(qty / qtyUnit);
    }

    /** Notional in quote currency of qty at price. */
    public double notional(final long price, final long qty)
    {
        return priceToDouble(price) * qtyToDouble(qty);
    }

    /**
     * Parses a decimal quantity exactly.
     *
     * @throws IllegalArgumentException if it is not a number or has more decimals than the scale.
     */
    public long parseQty(final String text)
    {
        return parseExact(text, qtyExponent, "quantity");
    }

    /** Parses a decimal price exactly; see {@link #parseQty(String)}. */
    public long parsePrice(final String text)
    {
        return parseExact(text, priceExponent, "price");
    }

    public String formatQty(final long qty)
    {
        return BigDecimal.valueOf(qty, -qtyExponent).stripTrailingZeros().toPlainString();
    }

    public String formatPrice(final long price)
    {
        return BigDecimal.valueOf(price, -priceExponent).toPlainString();
    }

    private String formatScaled(final long value, final int exponent)
    {
        return BigDecimal.valueOf(value, -exponent).toPlainString();
    }

    private long parseExact(final String text, final int exponent, final String what)
    {
        final BigDecimal value;
        try
        {
            value = new BigDecimal(text.trim());
        }
        catch (final NumberFormatException | NullPointerException ex)
        {
            throw new IllegalArgumentException(what + " '" + text + "' is not a decimal number");
        }
        try
        {
            return value.movePointLeft(exponent).setScale(0, RoundingMode.UNNECESSARY).longValueExact();
        }
        catch (final ArithmeticException ex)
        {
            throw new IllegalArgumentException(
                what + " '" + text + "' is finer than " + symbol + "'s scale of " + formatScaled(1, exponent));
        }
    }

    @Override
    public String toString()
    {
        return symbol;
    }
}
