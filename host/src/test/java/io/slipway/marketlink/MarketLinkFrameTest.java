package io.slipway.marketlink;

import io.slipway.journal.NewParentOrderInput;
import io.slipway.journal.VenueFillInput;
import io.slipway.oms.NewParentOrder;
import io.slipway.venue.VenueOrderStatus;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MarketLinkFrameTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[8192]);
    private final MarketLinkFrame frame = new MarketLinkFrame();

    @Test
    void everyFrameReadsBackWhatWasWritten()
    {
        int length = MarketLinkFrame.encodeHello(buffer, 0, 77, 1_000);
        assertEquals(MarketLinkFrame.HELLO, frame.wrap(buffer, 0, length));
        assertEquals(77, frame.session());
        assertEquals(1_000, frame.timeNs());

        final UnsafeBuffer order = new UnsafeBuffer(new byte[]{1, 2, 3, 4, 5});
        length = MarketLinkFrame.encodeOrder(buffer, 0, 77, 2_000, 3, order, 1, 3);
        assertEquals(MarketLinkFrame.ORDER, frame.wrap(buffer, 0, length));
        assertEquals(3, frame.orderVenue());
        assertEquals(3, frame.orderLength());
        assertEquals(2, buffer.getByte(frame.orderOffset()));

        length = MarketLinkFrame.encodeMarketData(buffer, 0, 77, 3_000, 12, order, 0, 5);
        assertEquals(MarketLinkFrame.MARKET_DATA, frame.wrap(buffer, 0, length));
        assertEquals(12, frame.channel());
        assertEquals(5, frame.marketDataLength());

        final int reportLength = new VenueFillInput().encode(buffer, MarketLinkFrame.HEADER_LENGTH, 2, 99L, 610_000L,
            5_000L, 0.25, true, 4_000).encodedLength();
        length = MarketLinkFrame.encodeVenueReport(buffer, 0, 77, 4_000, reportLength);
        assertEquals(MarketLinkFrame.VENUE_REPORT, frame.wrap(buffer, 0, length));
        final VenueFillInput fill = new VenueFillInput().wrap(buffer, frame.reportOffset(), frame.reportLength());
        assertEquals(99L, fill.clientOrderId());
        assertEquals(5_000L, fill.quantity());

        final VenueOrderStatus status = new VenueOrderStatus(VenueOrderStatus.State.DONE, 10_000, List.of(
            new VenueOrderStatus.Fill(610_000, 4_000, 0.1, false), new VenueOrderStatus.Fill(610_100, 1_000, -0.02, true)),
            5_000, null, 1);
        length = MarketLinkFrame.encodeOrderStatus(buffer, 0, 77, 5_000, 2, 99L, status);
        assertEquals(MarketLinkFrame.ORDER_STATUS, frame.wrap(buffer, 0, length));
        assertEquals(2, frame.statusVenue());
        assertEquals(99L, frame.statusClientOrderId());
        assertEquals(status, frame.orderStatus());

        final VenueOrderStatus rejected = new VenueOrderStatus(VenueOrderStatus.State.REJECTED, 10_000, List.of(), 0,
            "duplicate client order id", 2);
        length = MarketLinkFrame.encodeOrderStatus(buffer, 0, 77, 5_000, 1, 100L, rejected);
        frame.wrap(buffer, 0, length);
        assertEquals(rejected, frame.orderStatus());

        length = MarketLinkFrame.encodeWelcome(buffer, 0, 77, 6_000, 2, 12_000_000, "scenario calm, seed 7");
        assertEquals(MarketLinkFrame.WELCOME, frame.wrap(buffer, 0, length));
        assertEquals(2, frame.welcomeStatusCount());
        assertEquals(12_000_000, frame.welcomeSettleNs());
        assertEquals("scenario calm, seed 7", frame.welcomeFingerprint());

        length = MarketLinkFrame.encodeHeartbeat(buffer, 0, 78, 7_000);
        assertEquals(MarketLinkFrame.HEARTBEAT, frame.wrap(buffer, 0, length));
        assertEquals(78, frame.session());
        assertEquals(7_000, frame.timeNs());
    }

    @Test
    void aHeartbeatWithABodyIsRefused()
    {
        refused(MarketLinkFrame.encodeHeartbeat(buffer, 0, 1, 0) + 4, b -> b.putInt(4, 28),
            "HEARTBEAT has 4 bytes past its header");
    }

    /** Requests for quote go out in RFQ frames; dealers' answers come back as journal messages in VENUE_REPORT. */
    @Test
    void dealerFramesReadBackWhatWasWritten()
    {
        int length = MarketLinkFrame.encodeRfq(buffer, 0, 77, 7_000, 5, 12L, 1, io.slipway.domain.Side.SELL,
            250_000_000L);
        assertEquals(48, length);
        assertEquals(MarketLinkFrame.RFQ, frame.wrap(buffer, 0, length));
        assertEquals(5, frame.rfqVenue());
        assertEquals(io.slipway.domain.Side.SELL, frame.rfqSide());
        assertEquals(1, frame.rfqInstrumentId());
        assertEquals(12L, frame.rfqId());
        assertEquals(250_000_000L, frame.rfqQuantity());

        int reportLength = new io.slipway.journal.DealerQuoteInput().encode(buffer, MarketLinkFrame.HEADER_LENGTH, 5,
            12L, 6_000_000_000L, 250_000_000L, 9_000, 8_000).encodedLength();
        length = MarketLinkFrame.encodeVenueReport(buffer, 0, 77, 8_000, reportLength);
        assertEquals(MarketLinkFrame.VENUE_REPORT, frame.wrap(buffer, 0, length));
        assertEquals(12L, new io.slipway.journal.DealerQuoteInput().wrap(buffer, frame.reportOffset(),
            frame.reportLength()).rfqId());
        reportLength = new io.slipway.journal.DealerDeclineInput().encode(buffer, MarketLinkFrame.HEADER_LENGTH, 5,
            13L, io.slipway.journal.DealerDeclineInput.DECLINED, "too large", 8_000).encodedLength();
        length = MarketLinkFrame.encodeVenueReport(buffer, 0, 77, 8_000, reportLength);
        assertEquals(MarketLinkFrame.VENUE_REPORT, frame.wrap(buffer, 0, length));
    }

    @Test
    void aMalformedRfqIsRefusedByName()
    {
        final int length = MarketLinkFrame.encodeRfq(buffer, 0, 1, 0, 5, 12L, 1, io.slipway.domain.Side.BUY, 10L);
        refused(length, b -> b.putByte(26, (byte)3), "RFQ has side 3 (0 BUY, 1 SELL)");
        refused(MarketLinkFrame.encodeRfq(buffer, 0, 1, 0, 5, 12L, 1, io.slipway.domain.Side.BUY, 10L),
            b -> b.putLong(40, 0), "RFQ needs a positive rfq id and quantity, had 12 and 0");
        refused(MarketLinkFrame.encodeRfq(buffer, 0, 1, 0, 5, 12L, 1, io.slipway.domain.Side.BUY, 10L) - 8,
            b -> b.putInt(4, 40), "RFQ of 40 bytes is shorter than its fixed part (48 bytes)");
    }

    @Test
    void aShortFrameIsRefused()
    {
        refused(MarketLinkFrame.encodeHello(buffer, 0, 1, 0) - 1, b -> { }, "shorter than the 24-byte header");
    }

    @Test
    void anUnknownTypeIsRefusedByNumber()
    {
        refused(MarketLinkFrame.encodeHello(buffer, 0, 1, 0), b -> b.putShort(0, (short)42),
            "unknown frame type 42");
    }

    @Test
    void anUnknownVersionIsRefusedByName()
    {
        refused(MarketLinkFrame.encodeHello(buffer, 0, 1, 0), b -> b.putShort(2, (short)2),
            "HELLO version 2 is not readable by this build");
    }

    @Test
    void aLengthThatDisagreesWithTheFragmentIsRefused()
    {
        refused(MarketLinkFrame.encodeHello(buffer, 0, 1, 0), b -> b.putInt(4, 30), "HELLO declares 30 bytes");
    }

    @Test
    void anEmptyOrderIsRefused()
    {
        final UnsafeBuffer order = new UnsafeBuffer(new byte[1]);
        refused(MarketLinkFrame.encodeOrder(buffer, 0, 1, 0, 1, order, 0, 0), b -> { },
            "ORDER of 28 bytes is shorter than its fixed part");
    }

    @Test
    void aVenueReportCarryingAnythingButAVenueReportIsRefused()
    {
        final int reportLength = new NewParentOrderInput().encode(buffer, MarketLinkFrame.HEADER_LENGTH,
            new NewParentOrder("C1", "BTC-USD", '1', "1", 1001, NewParentOrder.NO_TIME, 10, null), 0).encodedLength();
        refused(MarketLinkFrame.encodeVenueReport(buffer, 0, 1, 0, reportLength), b -> { },
            "VENUE_REPORT carries journal template 1 (NEW_PARENT_ORDER); only VENUE_ACCEPTED, VENUE_REJECTED, " +
            "VENUE_FILL, VENUE_DONE, DEALER_QUOTE and DEALER_DECLINE are venue reports");
    }

    @Test
    void anOrderStatusWithMoreFillsThanBytesIsRefused()
    {
        final VenueOrderStatus status = new VenueOrderStatus(VenueOrderStatus.State.OPEN, 1, List.of(), 0, null, 1);
        refused(MarketLinkFrame.encodeOrderStatus(buffer, 0, 1, 0, 1, 5L, status), b -> b.putInt(56, 1_000_000),
            "ORDER_STATUS declares 1000000 fills");
    }

    @Test
    void anOrderStatusWithAStateThatDoesNotExistIsRefused()
    {
        final VenueOrderStatus status = new VenueOrderStatus(VenueOrderStatus.State.OPEN, 1, List.of(), 0, null, 1);
        refused(MarketLinkFrame.encodeOrderStatus(buffer, 0, 1, 0, 1, 5L, status), b -> b.putByte(26, (byte)9),
            "order state 9, which does not exist");
    }

    @Test
    void aWelcomeWhoseTextRunsPastItsEndIsRefused()
    {
        refused(MarketLinkFrame.encodeWelcome(buffer, 0, 1, 0, 0, 0, "world"), b -> b.putInt(40, 500),
            "WELCOME has a text field of 500 bytes past its end");
    }

    @Test
    void bytesAfterTheLastFieldAreRefused()
    {
        final int length = MarketLinkFrame.encodeWelcome(buffer, 0, 1, 0, 0, 0, "world");
        buffer.putInt(4, length + 3);
        final MarketLinkFormatException ex = assertThrows(MarketLinkFormatException.class,
            () -> frame.wrap(buffer, 0, length + 3));
        assertTrue(ex.getMessage().contains("WELCOME has 3 bytes past its last field"), ex.getMessage());
    }

    @Test
    void anOwnImpactFrameReadsBackWhatWasWritten()
    {
        final int length = MarketLinkFrame.encodeOwnImpact(buffer, 0, 77, 8_000, 1, (1L << 39) - 1, -0.0123456789,
            42.5);
        assertEquals(56, length);
        assertEquals(MarketLinkFrame.OWN_IMPACT, frame.wrap(buffer, 0, length));
        assertEquals("OWN_IMPACT", MarketLinkFrame.name(MarketLinkFrame.OWN_IMPACT));
        assertEquals(1, frame.ownImpactInstrumentId());
        assertEquals((1L << 39) - 1, frame.ownImpactParentSequence());
        assertEquals(-0.0123456789, frame.ownImpactCostBase());
        assertEquals(42.5, frame.ownImpactFilledBase());
    }

    @Test
    void aMalformedOwnImpactFrameIsRefusedByName()
    {
        refused(MarketLinkFrame.encodeOwnImpact(buffer, 0, 1, 0, 1, 5, 0.1, 2) - 8, b -> b.putInt(4, 48),
            "OWN_IMPACT of 48 bytes is shorter than its fixed part (56 bytes)");
        refused(MarketLinkFrame.encodeOwnImpact(buffer, 0, 1, 0, 1, 5, 0.1, 2) + 8, b -> b.putInt(4, 64),
            "OWN_IMPACT has 8 bytes past its last field");
        refused(MarketLinkFrame.encodeOwnImpact(buffer, 0, 1, 0, 1, 5, 0.1, 2), b -> b.putShort(2, (short)2),
            "OWN_IMPACT version 2 is not readable by this build");
        refused(MarketLinkFrame.encodeOwnImpact(buffer, 0, 1, 0, 1, 5, 0.1, 2), b -> b.putInt(4, 60),
            "OWN_IMPACT declares 60 bytes in a 56-byte fragment");
        refused(MarketLinkFrame.encodeOwnImpact(buffer, 0, 1, 0, -1, 5, 0.1, 2), b -> { },
            "OWN_IMPACT has instrument id -1");
        refused(MarketLinkFrame.encodeOwnImpact(buffer, 0, 1, 0, 1, 1L << 39, 0.1, 2), b -> { },
            "OWN_IMPACT has parent sequence 549755813888");
        refused(MarketLinkFrame.encodeOwnImpact(buffer, 0, 1, 0, 1, 5, Double.NaN, 2), b -> { },
            "OWN_IMPACT needs a finite cost");
        refused(MarketLinkFrame.encodeOwnImpact(buffer, 0, 1, 0, 1, 5, 0.1, -2), b -> { },
            "finite non-negative filled quantity, had 0.1 and -2.0");
    }

    private void refused(final int length, final Consumer<UnsafeBuffer> damage, final String expected)
    {
        damage.accept(buffer);
        final MarketLinkFormatException ex = assertThrows(MarketLinkFormatException.class,
            () -> frame.wrap(buffer, 0, length));
        assertTrue(ex.getMessage().contains(expected), ex.getMessage());
    }
}
