package io.slipway.oms;

/**
 * Why a cancel or replace was refused: the body of an OrderCancelReject (35=9).
 *
 * @param responseTo CxlRejResponseTo (434): {@link #TO_CANCEL} or {@link #TO_REPLACE}
 * @param reason     CxlRejReason (102)
 */
public record CancelReject(char responseTo, int reason)
{
    public static final char TO_CANCEL = '1';
    public static final char TO_REPLACE = '2';

    public static final int TOO_LATE_TO_CANCEL = 0;
    public static final int UNKNOWN_ORDER = 1;
    public static final int ALREADY_PENDING = 3;
    public static final int DUPLICATE_CL_ORD_ID = 6;
    public static final int OTHER = 99;
}
