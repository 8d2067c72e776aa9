package io.slipway.oms;

/** FIX 4.4 OrdStatus (39). */
public enum OrdStatus
{
    NEW('0'),
    PARTIALLY_FILLED('1'),
    FILLED('2'),
    CANCELED('4'),
    PENDING_CANCEL('6'),
    REJECTED('8'),
    EXPIRED('C'),
    /** A replace accepted but waiting for quantity in flight; last, as codecs carry the ordinal. */
    PENDING_REPLACE('E');

    private final char fixCode;

    OrdStatus(final char fixCode)
    {
        this.fixCode = fixCode;
    }

    public char fixCode()
    {
        return fixCode;
    }
}
