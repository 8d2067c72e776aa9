package io.slipway.journal;

import io.slipway.core.CoreInput;
import io.slipway.oms.NewParentOrder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every input kind survives encode and decode unchanged; malformed messages are refused by name. */
class InputCodecTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(1024));
    private final InputDecoder decoder = new InputDecoder();
    private final RecordingInput core = new RecordingInput();

    @Test
    void everyInputRoundTrips()
    {
        final NewParentOrder order = new NewParentOrder("C-1", "BTC-USD", '2', "12.5", 1001, NewParentOrder.NO_TIME,
            1_700_000_000_000_000_000L, null);
        apply(new NewParentOrderInput().encode(buffer, 0, order, 5).encodedLength());
        apply(new BookLevelInput().encode(buffer, 0, 1, 2, true, 6_000_000, 150, 6).encodedLength());
        apply(new BboInput().encode(buffer, 0, 3, 2, 100, 1, 101, 2, 7).encodedLength());
        apply(new TradeInput().encode(buffer, 0, 2, 2, 100, 9, 8).encodedLength());
        apply(new TimerInput().encode(buffer, 0, 9).encodedLength());
        apply(new CardVerdictInput().encode(buffer, 0, 77, false, 6, 10).encodedLength());
        apply(new VenueAcceptedInput().encode(buffer, 0, 1, 77, 11).encodedLength());
        apply(new VenueRejectedInput().encode(buffer, 0, 1, 78, "rate limited \u2013 try later", 12).encodedLength());
        apply(new VenueFillInput().encode(buffer, 0, 2, 79, 100, 4, -0.25, true, 13).encodedLength());
        apply(new VenueDoneInput().encode(buffer, 0, 2, 79, 3, 14).encodedLength());
        apply(new RecoveryMarkInput().encode(buffer, 0, RecoveryMarkInput.REPLAYED, 10, 0, 14).encodedLength());

        assertEquals(List.of(
            "order " + order + " @5",
            "level 1 2 true 6000000 150 @6",
            "bbo 3 2 100 1 101 2 @7",
            "trade 2 2 100 9 @8",
            "timer @9",
            "verdict 77 false 6 @10",
            "accepted 1 77 @11",
            "rejected 1 78 rate limited \u2013 try later @12",
            "fill 2 79 100 4 -0.25 true @13",
            "done 2 79 3 @14"), core.calls);
    }

    @Test
    void anUnknownTemplateOrVersionOrCutMessageIsRefused()
    {
        final int length = new TimerInput().encode(buffer, 0, 9).encodedLength();
        buffer.putShort(0, (short)99);
        assertTrue(assertThrows(JournalFormatException.class, () -> apply(length)).getMessage()
            .contains("unknown input template 99"));

        new TimerInput().encode(buffer, 0, 9);
        buffer.putShort(2, (short)2);
        assertTrue(assertThrows(JournalFormatException.class, () -> apply(length)).getMessage()
            .contains("TIMER version 2 is not readable"));

        final int fillLength = new VenueFillInput().encode(buffer, 0, 2, 79, 100, 4, 0.1, false, 13).encodedLength();
        assertTrue(assertThrows(JournalFormatException.class, () -> apply(fillLength - 8)).getMessage()
            .contains("VENUE_FILL declares 56 bytes in a 48-byte fragment"));

        final int rejectLength = new VenueRejectedInput().encode(buffer, 0, 1, 78, "late", 12).encodedLength();
        buffer.putInt(VenueRejectedInput.FIXED_LENGTH, 1_000);
        assertTrue(assertThrows(JournalFormatException.class, () -> apply(rejectLength)).getMessage()
            .contains("text field of 1000 bytes past its end"));
        assertTrue(core.calls.isEmpty(), "a refused message must reach no core: " + core.calls);
    }

    @Test
    void describeNamesTheKindAndFields()
    {
        final int length = new VenueFillInput().encode(buffer, 0, 2, 79, 100, 4, 0.5, false, 13).encodedLength();
        assertEquals("13 VENUE_FILL venue=2 child=79 4@100 fee=0.5 taker", decoder.describe(buffer, 0, length));
    }

    private void apply(final int length)
    {
        decoder.apply(buffer, 0, length, core);
    }

    /** Writes each call down as text. */
    private static final class RecordingInput implements CoreInput
    {
        final List<String> calls = new ArrayList<>();

        @Override
        public void onNewParentOrder(final NewParentOrder order, final long nowNs)
        {
            calls.add("order " + order + " @" + nowNs);
        }

        @Override
        public void onBookLevel(final int venueId, final int instrumentId, final boolean bid, final long price,
            final long quantity, final long nowNs)
        {
            calls.add("level " + venueId + " " + instrumentId + " " + bid + " " + price + " " + quantity + " @" + nowNs);
        }

        @Override
        public void onBbo(final int venueId, final int instrumentId, final long bidPrice, final long bidQty,
            final long askPrice, final long askQty, final long nowNs)
        {
            calls.add("bbo " + venueId + " " + instrumentId + " " + bidPrice + " " + bidQty + " " + askPrice + " " +
                askQty + " @" + nowNs);
        }

        @Override
        public void onTrade(final int venueId, final int instrumentId, final long price, final long quantity,
            final long nowNs)
        {
            calls.add("trade " + venueId + " " + instrumentId + " " + price + " " + quantity + " @" + nowNs);
        }

        @Override
        public void onTimer(final long nowNs)
        {
            calls.add("timer @" + nowNs);
        }

        @Override
        public void onCardVerdict(final long clientOrderId, final boolean sent, final int reason, final long nowNs)
        {
            calls.add("verdict " + clientOrderId + " " + sent + " " + reason + " @" + nowNs);
        }

        @Override
        public void onVenueAccepted(final int venueId, final long clientOrderId, final long nowNs)
        {
            calls.add("accepted " + venueId + " " + clientOrderId + " @" + nowNs);
        }

        @Override
        public void onVenueRejected(final int venueId, final long clientOrderId, final String reason, final long nowNs)
        {
            calls.add("rejected " + venueId + " " + clientOrderId + " " + reason + " @" + nowNs);
        }

        @Override
        public void onVenueFill(final int venueId, final long clientOrderId, final long price, final long quantity,
            final double fee, final boolean maker, final long nowNs)
        {
            calls.add("fill " + venueId + " " + clientOrderId + " " + price + " " + quantity + " " + fee + " " + maker +
                " @" + nowNs);
        }

        @Override
        public void onVenueDone(final int venueId, final long clientOrderId, final long releasedQuantity,
            final long nowNs)
        {
            calls.add("done " + venueId + " " + clientOrderId + " " + releasedQuantity + " @" + nowNs);
        }

        @Override
        public long nextDeadlineNs()
        {
            return Long.MAX_VALUE;
        }

        @Override
        public int activeParentCount()
        {
            return 0;
        }
    }
}
