package io.slipway.oms;

/** FIX 4.4 ExecType (150) and the OrdStatus (39) a report in that state carries. */
public enum ExecType
{
    NEW('0'),
    PARTIAL_FILL('F'),
    FILL('F'),
    CANCELED('4'),
    PENDING_CANCEL('6'),
    REPLACED('5'),
    REJECTED('8'),
    EXPIRED('C'),
    RESTATED('D'),
    /** Answer to an OrderStatusRequest (35=H): changes nothing. */
    ORDER_STATUS('I'),
    /** A replace accepted but waiting for quantity in flight; last, as codecs carry the ordinal. */
    PENDING_REPLACE('E');

    private final char fixCode;

    ExecType(final char fixCode)
    {
        this.fixCode = fixCode;
    }

    /** ExecType (150): FIX 4.4 reports every fill as Trade ('F'). */
    public char fixCode()
    {
        return fixCode;
    }
}
