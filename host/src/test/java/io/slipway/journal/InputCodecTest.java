package io.slipway.journal;

import io.slipway.analytics.ImpactFit;
import io.slipway.core.CoreInput;
import io.slipway.core.CoreRiskLimit;
import io.slipway.oms.CancelParentOrder;
import io.slipway.oms.NewParentOrder;
import io.slipway.oms.ParentStatusRequest;
import io.slipway.oms.ReplaceParentOrder;
import io.slipway.oms.StrategyParameter;
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
        apply(new RecoveryMarkInput().encode(buffer, 0, RecoveryMarkInput.RECONCILED, 10, 3, 14).encodedLength());
        final CancelParentOrder cancel = new CancelParentOrder("C-2", "C-1", null);
        apply(new CancelParentOrderInput().encode(buffer, 0, cancel, 15).encodedLength());
        final ReplaceParentOrder replace = new ReplaceParentOrder("C-3", "C-1", "P-7", "BTC-USD", '2', "14",
            NewParentOrder.NO_TIME, "61000.5");
        apply(new ReplaceParentOrderInput().encode(buffer, 0, replace, 16).encodedLength());
        final ParentStatusRequest status = new ParentStatusRequest("C-3", null, "BTC-USD", '2');
        apply(new ParentStatusRequestInput().encode(buffer, 0, status, 17).encodedLength());

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
            "done 2 79 3 @14",
            "reconciled @14",
            "cancel " + cancel + " @15",
            "replace " + replace + " @16",
            "status " + status + " @17"), core.calls);
    }

    @Test
    void anOrderKeepsItsStrategyParametersAndClient()
    {
        final NewParentOrder order = new NewParentOrder("C-9", "ETH-USD", '1', "3", 1004, 1_700_000_000_000_000_000L,
            NewParentOrder.NO_TIME, "2500", List.of(new StrategyParameter("Urgency", 14, "HIGH"),
            new StrategyParameter("MaxParticipation", StrategyParameter.NO_TYPE, "0.25"),
            new StrategyParameter("AllowedVenues", 14, "\u00e9x-1,venue 2")), "DESK-\u00c5");
        final int length = new NewParentOrderInput().encode(buffer, 0, order, 21).encodedLength();
        apply(length);
        assertEquals(List.of("order " + order + " @21"), core.calls);
        assertEquals(order, core.orders.get(0));
        assertTrue(decoder.describe(buffer, 0, length).endsWith(
            " client=DESK-\u00c5 Urgency(14)=HIGH MaxParticipation(0)=0.25 AllowedVenues(14)=\u00e9x-1,venue 2"));
    }

    @Test
    void aMalformedOmsCommandIsRefused()
    {
        final NewParentOrder order = new NewParentOrder("C-9", "ETH-USD", '1', "3", 1004, NewParentOrder.NO_TIME,
            NewParentOrder.NO_TIME, null, List.of(new StrategyParameter("Urgency", 14, "LOW")), "DESK");
        final int length = new NewParentOrderInput().encode(buffer, 0, order, 21).encodedLength();
        final int countAt = length - 4 - (4 + 7) - (4 + 3) - 4;
        assertEquals(1, buffer.getInt(countAt));
        buffer.putInt(countAt, 1_000_000);
        assertTrue(assertThrows(JournalFormatException.class, () -> apply(length)).getMessage()
            .contains("strategy parameter count of 1000000"));
        buffer.putInt(countAt, -1);
        assertTrue(assertThrows(JournalFormatException.class, () -> apply(length)).getMessage()
            .contains("strategy parameter count of -1"));

        // A version 1 order lacks the client and the parameters: replaying it would not rebuild the same core.
        new NewParentOrderInput().encode(buffer, 0, order, 21);
        buffer.putShort(2, (short)1);
        assertTrue(assertThrows(JournalFormatException.class, () -> apply(length)).getMessage()
            .contains("NEW_PARENT_ORDER version 1 is not readable by this build (reads version 2)"));

        final int cancelLength = new CancelParentOrderInput().encode(buffer, 0,
            new CancelParentOrder("C-2", "C-1", "P-1"), 15).encodedLength();
        assertTrue(assertThrows(JournalFormatException.class, () -> apply(cancelLength - 2)).getMessage()
            .contains("CANCEL_PARENT_ORDER declares " + cancelLength + " bytes in a " + (cancelLength - 2)));
        buffer.putInt(InputFlyweight.LENGTH_OFFSET, cancelLength + 4);
        buffer.putInt(cancelLength, 0);
        assertTrue(assertThrows(JournalFormatException.class, () -> apply(cancelLength + 4)).getMessage()
            .contains("CANCEL_PARENT_ORDER has 4 bytes past its last field"));

        final int replaceLength = new ReplaceParentOrderInput().encode(buffer, 0,
            new ReplaceParentOrder("C-3", "C-1", null, "BTC-USD", '2', "14", NewParentOrder.NO_TIME, null), 16)
            .encodedLength();
        buffer.putInt(ReplaceParentOrderInput.FIXED_LENGTH, 500);
        assertTrue(assertThrows(JournalFormatException.class, () -> apply(replaceLength)).getMessage()
            .contains("REPLACE_PARENT_ORDER has a text field of 500 bytes past its end"));

        final int statusLength = new ParentStatusRequestInput().encode(buffer, 0,
            new ParentStatusRequest("C-3", null, "BTC-USD", '2'), 17).encodedLength();
        buffer.putShort(0, (short)InputTemplates.CANCEL_PARENT_ORDER);
        assertTrue(assertThrows(JournalFormatException.class, () -> apply(statusLength)).getMessage()
            .contains("CANCEL_PARENT_ORDER has a text field of 50 bytes past its end"));
        assertTrue(core.calls.isEmpty(), "a refused message must reach no core: " + core.calls);
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

    @Test
    void operatorCommandsRoundTrip()
    {
        apply(new KillInput().encode(buffer, 0, OperatorScopeInput.SCOPE_ALL, 0, null, 20).encodedLength());
        assertEquals(3, decoder.lastAdminResult(), "a kill's cancel count comes back from the core");
        apply(new KillInput().encode(buffer, 0, OperatorScopeInput.SCOPE_VENUE, 2, null, 21).encodedLength());
        apply(new KillInput().encode(buffer, 0, OperatorScopeInput.SCOPE_PARENT, 0, "SLP-4", 22).encodedLength());
        apply(new ResumeInput().encode(buffer, 0, OperatorScopeInput.SCOPE_PARENT, 0, "C-9", 23).encodedLength());
        apply(new ResumeInput().encode(buffer, 0, OperatorScopeInput.SCOPE_VENUE, 2, null, 24).encodedLength());
        apply(new ResumeInput().encode(buffer, 0, OperatorScopeInput.SCOPE_ALL, 0, null, 25).encodedLength());
        apply(new VenueRoutingInput().encode(buffer, 0, 3, false, 26).encodedLength());
        apply(new VenueRoutingInput().encode(buffer, 0, 3, true, 27).encodedLength());
        final int length = new RiskLimitInput().encode(buffer, 0, CoreRiskLimit.ADVERSE_MOVE_BPS, 250.5, 28)
            .encodedLength();
        apply(length);
        assertEquals("28 RISK_LIMIT adverseMoveBps=250.5", decoder.describe(buffer, 0, length));

        assertEquals(List.of("killAll @20", "killVenue 2 @21", "killParent SLP-4 @22", "resumeParent C-9 @23",
            "resumeVenue 2 @24", "resumeAll @25", "enableVenue 3 false @26", "enableVenue 3 true @27",
            "riskLimit ADVERSE_MOVE_BPS 250.5 @28"), core.calls);
        final int kill = new KillInput().encode(buffer, 0, OperatorScopeInput.SCOPE_PARENT, 0, "SLP-4", 22)
            .encodedLength();
        assertEquals("22 KILL parent order=SLP-4", decoder.describe(buffer, 0, kill));
    }

    /** A card limit never reaches the core (the card's limits are registers); the decoder keeps the last value per key. */
    @Test
    void cardLimitRoundTripsAndIsRefusedByName()
    {
        apply(new CardLimitInput().encode(buffer, 0, "collarBps", "40", 30).encodedLength());
        final int length = new CardLimitInput().encode(buffer, 0, "collarBps", "55", 31).encodedLength();
        apply(length);
        assertEquals("31 CARD_LIMIT card collarBps=55", decoder.describe(buffer, 0, length));
        assertEquals(java.util.Map.of("collarBps", "55"), decoder.cardLimits());
        assertTrue(core.calls.isEmpty(), () -> "a card limit reached the core: " + core.calls);

        assertRefused("CARD_LIMIT collarBps must be a decimal number, was 'fifty'", () ->
            new CardLimitInput().encode(buffer, 0, "collarBps", "fifty", 1));
        assertRefused("CARD_LIMIT key must be 1..64 letters, was ''", () ->
            new CardLimitInput().encode(buffer, 0, "", "5", 1));
        final int bad = new CardLimitInput().encode(buffer, 0, "collarBps", "5", 1).encodedLength();
        buffer.putByte(bad - 1, (byte)'x');
        assertRefusedApply("CARD_LIMIT collarBps must be a decimal number, was 'x'", bad);
        assertEquals(java.util.Map.of("collarBps", "55"), decoder.cardLimits(), "a refused change leaves the last value");
    }

    @Test
    void malformedOperatorCommandsAreRefusedByName()
    {
        // Contradictory scopes cannot even be written.
        assertRefused("KILL of a venue needs a venue id", () ->
            new KillInput().encode(buffer, 0, OperatorScopeInput.SCOPE_VENUE, 0, null, 1));
        assertRefused("RESUME of a parent order needs its id", () ->
            new ResumeInput().encode(buffer, 0, OperatorScopeInput.SCOPE_PARENT, 0, null, 1));
        assertRefused("RISK_LIMIT reducingFactor must be in (0, 1), was 1.5", () ->
            new RiskLimitInput().encode(buffer, 0, CoreRiskLimit.REDUCING_FACTOR, 1.5, 1));

        // Bytes changed after writing: each refused by name, and the core is not called.
        int length = new KillInput().encode(buffer, 0, OperatorScopeInput.SCOPE_ALL, 0, null, 1).encodedLength();
        buffer.putShort(16, (short)7);
        assertRefusedApply("KILL has unknown scope 7", length);
        length = new KillInput().encode(buffer, 0, OperatorScopeInput.SCOPE_ALL, 0, null, 1).encodedLength();
        buffer.putShort(18, (short)4);
        assertRefusedApply("KILL of everything names venue 4", length);
        length = new VenueRoutingInput().encode(buffer, 0, 2, true, 1).encodedLength();
        buffer.putByte(18, (byte)2);
        assertRefusedApply("VENUE_ROUTING has enabled flag 2", length);
        length = new RiskLimitInput().encode(buffer, 0, CoreRiskLimit.ADVERSE_MOVE_BPS, 10, 1).encodedLength();
        buffer.putShort(16, (short)9);
        assertRefusedApply("RISK_LIMIT has unknown limit code 9", length);
        length = new RiskLimitInput().encode(buffer, 0, CoreRiskLimit.ADVERSE_MOVE_BPS, 10, 1).encodedLength();
        buffer.putDouble(24, Double.NaN);
        assertRefusedApply("RISK_LIMIT adverseMoveBps must be positive and finite, was NaN", length);
        length = new ResumeInput().encode(buffer, 0, OperatorScopeInput.SCOPE_ALL, 0, null, 1).encodedLength();
        buffer.putShort(2, (short)2);
        assertRefusedApply("RESUME version 2 is not readable by this build", length);
        assertTrue(core.calls.isEmpty(), () -> "a refused message reached the core: " + core.calls);
    }

    /** The feedback loop's fit reaches the core whole, at its documented offsets; a fit out of range never does. */
    @Test
    void impactFitRoundTripsAndIsRefusedByName()
    {
        final ImpactFit fit = new ImpactFit(1.287, 1.0, 6, 6 / 11.0, 0.007, "work/impact-feedback.yaml");
        final int length = new ImpactFitInput().encode(buffer, 0, fit, 40).encodedLength();
        assertEquals(ImpactFitInput.FIXED_LENGTH + 4 + "work/impact-feedback.yaml".length(), length);
        assertEquals(InputTemplates.IMPACT_FIT, buffer.getShort(0));
        assertEquals(1.287, buffer.getDouble(16));
        assertEquals(6, buffer.getLong(32));
        apply(length);
        assertEquals(List.of("impactFit " + fit + " @40"), core.calls);
        assertEquals(1, decoder.lastAdminResult());
        assertEquals("40 IMPACT_FIT " + fit.describe(), decoder.describe(buffer, 0, length));
        final ImpactFit first = new ImpactFit(0.9, 1.0, 1, 1 / 6.0, Double.NaN, "f");
        apply(new ImpactFitInput().encode(buffer, 0, first, 41).encodedLength());
        assertTrue(Double.isNaN(new ImpactFitInput().wrap(buffer, 0, ImpactFitInput.FIXED_LENGTH + 5).fit()
            .standardError()), "no standard error below two orders survives as NaN");
        core.calls.clear();

        assertRefused("IMPACT_FIT needs a fit", () -> new ImpactFitInput().encode(buffer, 0, null, 1));
        assertRefused("IMPACT_FIT source must be one non-blank line", () ->
            new ImpactFitInput().encode(buffer, 0, new ImpactFit(1.1, 1.0, 1, 0.1, Double.NaN, "a\nb"), 1));
        assertRefused("IMPACT_FIT source must be at most 256 characters", () ->
            new ImpactFitInput().encode(buffer, 0, new ImpactFit(1.1, 1.0, 1, 0.1, Double.NaN, "x".repeat(257)), 1));
        int bad = new ImpactFitInput().encode(buffer, 0, fit, 1).encodedLength();
        buffer.putDouble(16, 25.0);
        assertRefusedApply("IMPACT_FIT impact coefficient must be in [0.05, 20.0], was 25.0", bad);
        bad = new ImpactFitInput().encode(buffer, 0, fit, 1).encodedLength();
        buffer.putDouble(40, 1.0);
        assertRefusedApply("IMPACT_FIT an impact fit needs a positive prior, orders >= 0, a credibility in [0, 1)", bad);
        bad = new ImpactFitInput().encode(buffer, 0, fit, 1).encodedLength();
        buffer.putLong(32, -1);
        assertRefusedApply("IMPACT_FIT an impact fit needs a positive prior", bad);
        bad = new ImpactFitInput().encode(buffer, 0, fit, 1).encodedLength();
        buffer.putInt(ImpactFitInput.FIXED_LENGTH, -1);
        buffer.putInt(InputFlyweight.LENGTH_OFFSET, ImpactFitInput.FIXED_LENGTH + 4);
        assertRefusedApply("IMPACT_FIT source must be one non-blank line, was 'null'", ImpactFitInput.FIXED_LENGTH + 4);
        bad = new ImpactFitInput().encode(buffer, 0, fit, 1).encodedLength();
        assertRefusedApply("IMPACT_FIT declares " + bad + " bytes in a " + (bad - 4) + "-byte fragment", bad - 4);
        assertTrue(core.calls.isEmpty(), () -> "a refused fit reached the core: " + core.calls);
    }

    /**
     * The dealer records' layout is the contract: fixed offsets as documented in each flyweight, so
     * a change of layout that forgets the version shows here.
     */
    @Test
    void dealerAnswersRoundTripAtTheirDocumentedOffsets()
    {
        final int quote = new DealerQuoteInput().encode(buffer, 0, 5, 12, 6_000_012_345L, 250_000_000L,
            1_700_000_000_750_000_000L, 40).encodedLength();
        assertEquals(DealerQuoteInput.LENGTH, quote);
        assertEquals(InputTemplates.DEALER_QUOTE, buffer.getShort(0));
        assertEquals(1, buffer.getShort(2));
        assertEquals(56, buffer.getInt(4));
        assertEquals(40, buffer.getLong(8));
        assertEquals(5, buffer.getShort(16));
        assertEquals(12, buffer.getLong(24));
        assertEquals(6_000_012_345L, buffer.getLong(32));
        assertEquals(250_000_000L, buffer.getLong(40));
        assertEquals(1_700_000_000_750_000_000L, buffer.getLong(48));
        apply(quote);
        assertEquals("40 DEALER_QUOTE venue=5 rfq=12 250000000@6000012345 validUntilNs=1700000000750000000",
            decoder.describe(buffer, 0, quote));

        final int declined = new DealerDeclineInput().encode(buffer, 0, 6, 12, DealerDeclineInput.DECLINED,
            "notional 9000000 USD above the dealer\u2019s maximum", 41).encodedLength();
        assertEquals(InputTemplates.DEALER_DECLINE, buffer.getShort(0));
        assertEquals(6, buffer.getShort(16));
        assertEquals(DealerDeclineInput.DECLINED, buffer.getByte(18));
        assertEquals(12, buffer.getLong(24));
        assertEquals(declined - 36, buffer.getInt(32));
        apply(declined);
        assertEquals("41 DEALER_DECLINE venue=6 rfq=12 declined reason=notional 9000000 USD above the dealer\u2019s maximum",
            decoder.describe(buffer, 0, declined));
        final int notSent = new DealerDeclineInput().encode(buffer, 0, 7, 13, DealerDeclineInput.NOT_SENT, null, 42)
            .encodedLength();
        assertEquals(DealerDeclineInput.FIXED_LENGTH + 4, notSent);
        apply(notSent);
        assertEquals("42 DEALER_DECLINE venue=7 rfq=13 not sent", decoder.describe(buffer, 0, notSent));

        assertEquals(List.of("quote 5 12 250000000@6000012345 <1700000000750000000 @40", "declined 6 12 @41",
            "declined 7 13 @42"), core.calls);
    }

    @Test
    void malformedDealerAnswersAreRefusedByName()
    {
        assertRefused("DEALER_QUOTE names venue 8 (dealer venue ids are 1..7)", () ->
            new DealerQuoteInput().encode(buffer, 0, 8, 1, 100, 1, 2, 1));
        assertRefused("DEALER_QUOTE has rfq id 0 (the core numbers its requests from 1)", () ->
            new DealerQuoteInput().encode(buffer, 0, 4, 0, 100, 1, 2, 1));
        assertRefused("DEALER_DECLINE has origin 2 (0 declined, 1 not sent)", () ->
            new DealerDeclineInput().encode(buffer, 0, 4, 1, 2, null, 1));
        assertRefused("DEALER_DECLINE names venue 0", () ->
            new DealerDeclineInput().encode(buffer, 0, 0, 1, DealerDeclineInput.DECLINED, null, 1));

        int length = new DealerQuoteInput().encode(buffer, 0, 4, 3, 100, 1, 2, 1).encodedLength();
        buffer.putShort(16, (short)0);
        assertRefusedApply("DEALER_QUOTE names venue 0", length);
        length = new DealerQuoteInput().encode(buffer, 0, 4, 3, 100, 1, 2, 1).encodedLength();
        buffer.putLong(24, -5);
        assertRefusedApply("DEALER_QUOTE has rfq id -5", length);
        length = new DealerQuoteInput().encode(buffer, 0, 4, 3, 100, 1, 2, 1).encodedLength();
        assertRefusedApply("DEALER_QUOTE declares 56 bytes in a 48-byte fragment", length - 8);
        new DealerQuoteInput().encode(buffer, 0, 4, 3, 100, 1, 2, 1);
        buffer.putShort(2, (short)2);
        assertRefusedApply("DEALER_QUOTE version 2 is not readable by this build (reads version 1)", length);

        length = new DealerDeclineInput().encode(buffer, 0, 4, 3, DealerDeclineInput.DECLINED, "no", 1)
            .encodedLength();
        buffer.putByte(18, (byte)9);
        assertRefusedApply("DEALER_DECLINE has origin 9", length);
        length = new DealerDeclineInput().encode(buffer, 0, 4, 3, DealerDeclineInput.DECLINED, "no", 1)
            .encodedLength();
        buffer.putInt(DealerDeclineInput.FIXED_LENGTH, 300);
        assertRefusedApply("DEALER_DECLINE has a text field of 300 bytes past its end", length);
        length = new DealerDeclineInput().encode(buffer, 0, 4, 3, DealerDeclineInput.DECLINED, "no", 1)
            .encodedLength();
        buffer.putInt(InputFlyweight.LENGTH_OFFSET, length + 4);
        assertRefusedApply("DEALER_DECLINE has 4 bytes past its last field", length + 4);
        assertTrue(core.calls.isEmpty(), () -> "a refused message reached the core: " + core.calls);
    }

    private static void assertRefused(final String expected, final Runnable encode)
    {
        final JournalFormatException ex = assertThrows(JournalFormatException.class, encode::run);
        assertTrue(ex.getMessage().startsWith(expected), () -> "'" + ex.getMessage() + "' should start '" + expected + "'");
    }

    private void assertRefusedApply(final String expected, final int length)
    {
        assertRefused(expected, () -> apply(length));
    }

    private void apply(final int length)
    {
        decoder.apply(buffer, 0, length, core);
    }

    /** Writes each call down as text. */
    private static final class RecordingInput implements CoreInput
    {
        final List<String> calls = new ArrayList<>();
        final List<NewParentOrder> orders = new ArrayList<>();

        @Override
        public void onNewParentOrder(final NewParentOrder order, final long nowNs)
        {
            orders.add(order);
            calls.add("order " + order + " @" + nowNs);
        }

        @Override
        public void onCancelParentOrder(final CancelParentOrder cancel, final long nowNs)
        {
            calls.add("cancel " + cancel + " @" + nowNs);
        }

        @Override
        public void onReplaceParentOrder(final ReplaceParentOrder replace, final long nowNs)
        {
            calls.add("replace " + replace + " @" + nowNs);
        }

        @Override
        public void onParentStatusRequest(final ParentStatusRequest request, final long nowNs)
        {
            calls.add("status " + request + " @" + nowNs);
        }

        @Override
        public void onQuote(final int venueId, final long rfqId, final long price, final long quantity,
            final long validUntilNs, final long nowNs)
        {
            calls.add("quote " + venueId + " " + rfqId + " " + quantity + "@" + price + " <" + validUntilNs + " @" +
                nowNs);
        }

        @Override
        public void onQuoteDeclined(final int venueId, final long rfqId, final long nowNs)
        {
            calls.add("declined " + venueId + " " + rfqId + " @" + nowNs);
        }

        @Override
        public void onReconciled(final long nowNs)
        {
            calls.add("reconciled @" + nowNs);
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
        public int killAll(final long nowNs)
        {
            calls.add("killAll @" + nowNs);
            return 3;
        }

        @Override
        public void resumeAll(final long nowNs)
        {
            calls.add("resumeAll @" + nowNs);
        }

        @Override
        public int killVenue(final int venueId, final long nowNs)
        {
            calls.add("killVenue " + venueId + " @" + nowNs);
            return 2;
        }

        @Override
        public void resumeVenue(final int venueId, final long nowNs)
        {
            calls.add("resumeVenue " + venueId + " @" + nowNs);
        }

        @Override
        public int killParent(final String id, final long nowNs)
        {
            calls.add("killParent " + id + " @" + nowNs);
            return 1;
        }

        @Override
        public boolean resumeParent(final String id, final long nowNs)
        {
            calls.add("resumeParent " + id + " @" + nowNs);
            return true;
        }

        @Override
        public void enableVenue(final int venueId, final boolean enabled, final long nowNs)
        {
            calls.add("enableVenue " + venueId + " " + enabled + " @" + nowNs);
        }

        @Override
        public void setRiskLimit(final CoreRiskLimit limit, final double value, final long nowNs)
        {
            calls.add("riskLimit " + limit + " " + value + " @" + nowNs);
        }

        @Override
        public void setImpactFit(final ImpactFit fit, final long nowNs)
        {
            calls.add("impactFit " + fit + " @" + nowNs);
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
