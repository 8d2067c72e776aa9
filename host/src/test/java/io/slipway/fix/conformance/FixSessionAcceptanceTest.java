package io.slipway.fix.conformance;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The FIX 4.4 server-side session acceptance scripts, one dynamic test each, played against the
 * gateway by {@link AcceptanceScriptRunner}. Scripts that cannot apply to this gateway are listed
 * in {@link #EXCLUDED} with the reason (kept in step with
 * {@code src/test/resources/fix/conformance-exclusions.md}); they show as skipped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class FixSessionAcceptanceTest
{
    static final String SCRIPTS = "/fix/acceptance/fix44";
    static final int SCRIPT_COUNT = 65;

    /**
     * Scripts played against a gateway with {@code resetSequenceNumbersOnLogon(false)}: they resend
     * the gateway's own messages, which needs its message log. The rest log on again within one
     * script expecting a fresh session, as with sequence numbers reset on logon.
     */
    static final Set<String> PERSISTENT = Set.of(
        "20_SimultaneousResendRequest", "8_AdminAndApplicationMessages", "8_OnlyApplicationMessages");

    /** Script name to the reason it is not run. */
    static final Map<String, String> EXCLUDED = new TreeMap<>();

    static
    {
        EXCLUDED.put("10_MsgSeqNumGreater",
            "Artio 0.175 takes the NewSeqNo of a SequenceReset-GapFill that arrives with a too-high MsgSeqNum (34=10, 36=20) as well as asking for the gap (7=2 16=0), so the TestRequest 34=20 after it is in sequence and answered (Heartbeat 34=3); the script expects the gap fill and the TestRequest held back and the Logout at 34=3, so it comes at 34=4. FIX leaves the handling of messages beyond a gap to the implementation (see artiofix/artio#312). Pinned by ArtioSessionBehaviourTest.");
        EXCLUDED.put("14e_IncorrectEnumValue",
            "Needs SecurityType (167), which Slipway's dictionary does not carry, so 167=BOO is ignored and the order reaches the core. The first case (HandlInst 21=4) is rejected with 373=5 as expected.");
        EXCLUDED.put("14g_HeaderBodyTrailerFieldsOutOfOrder",
            "KNOWN DEFECT in Artio 0.175, no hook to fix it: SessionParser decodes the header with SessionHeaderDecoder, which stops at the first body field, so SenderCompID and MsgSeqNum are unread; validateHeader then fails the CompID check and Session.onInvalidMessage sends Reject 373=9 371=49 with RefSeqNum -2147483648 (MISSING_INT) and starts a Logout, instead of 373=14 naming tag 34. A custom MessageValidationStrategy runs after that check and any failure there also ends in startLogout. Pinned by ArtioSessionBehaviourTest.");
        EXCLUDED.put("14i_RepeatingGroupCountNotEqual",
            "Needs the NoTradingSessions (386) group, which Slipway's dictionary does not carry; its fields are ignored as unknown and the order reaches the core.");
        EXCLUDED.put("14j_OutOfOrderRepeatingGroupMembers",
            "Needs the NoAllocs (78) group, which Slipway's dictionary does not carry; its fields are ignored as unknown and the order reaches the core.");
        EXCLUDED.put("2g_PossDupNoOrigSendingTime",
            "KNOWN DEFECT in Artio 0.175, no hook to fix it: Session.validateCodec rejects a PossDupFlag=Y message without OrigSendingTime through Session.onInvalidMessage, which calls incReceivedSeqNum() whatever the message's MsgSeqNum, so a resend of 34=2 (below the expected 4) advances the expected number and the next in-sequence message is logged out as too low. Lowering it back (Session.lastReceivedMsgSeqNum) starts a new sequence index, which would break later resends. Pinned by ArtioSessionBehaviourTest.");
        EXCLUDED.put("QFJ934_MissingDelimiterNestedRepeatingGroup",
            "Needs the Email (C) message and its nested groups; the gateway takes NewOrderSingle, OrderCancelRequest, OrderCancelReplaceRequest and OrderStatusRequest only, and answers C with a BusinessMessageReject (380=3).");
        EXCLUDED.put("RejectResentMessage",
            "Expects a TestRequest that arrived with a too-high MsgSeqNum (HELLO1, 34=3) to be queued and answered once the gap is filled; Artio 0.175 drops it unanswered and asks for 2 onwards (7=2 16=0), which FIX also allows, so the first Heartbeat after the gap answers HELLO2. Artio keeps no queue of too-high messages and has no setting for one. Pinned by ArtioSessionBehaviourTest.");
        EXCLUDED.put("2m_BodyLengthValueNotCorrect",
            "Expects the message that followed the one with a wrong BodyLength (34=3, too high once 34=2 was dropped as garbled) to be queued and answered after the resend of 34=2; Artio 0.175 drops it and its ResendRequest (7=2 16=0) asks for it again, which FIX also allows, but the script resends only 34=2 and waits for an answer to 34=3. Artio keeps no queue of too-high messages.");
    }

    private AcceptanceScriptRunner runner;

    @BeforeAll
    void start()
    {
        runner = new AcceptanceScriptRunner();
        System.out.println("FIX 4.4 acceptance scripts excluded (" + EXCLUDED.size() + "):");
        EXCLUDED.forEach((script, reason) -> System.out.println("  " + script + ": " + reason));
    }

    @AfterAll
    void stop() throws InterruptedException
    {
        if (runner != null)
        {
            runner.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> acceptanceScripts() throws IOException, URISyntaxException
    {
        final List<Path> files = scriptFiles();
        assertEquals(SCRIPT_COUNT, files.size(), "every script is either run or excluded, none lost");
        final List<String> names = files.stream().map(FixSessionAcceptanceTest::nameOf).collect(Collectors.toList());
        assertTrue(names.containsAll(EXCLUDED.keySet()), "every exclusion names a real script");
        assertTrue(names.containsAll(PERSISTENT), "every persistent script is a real script");

        // -Dslipway.fix.acceptance.only=<regex> plays only the matching scripts, for working on one;
        // -Dslipway.fix.acceptance.all=true plays the excluded ones too, to see whether they still fail.
        final String only = System.getProperty("slipway.fix.acceptance.only");
        return files.stream().filter((file) -> only == null || nameOf(file).matches(only)).map((file) ->
        {
            final String name = nameOf(file);
            return DynamicTest.dynamicTest(name, () ->
            {
                final String reason = EXCLUDED.get(name);
                assumeTrue(reason == null || Boolean.getBoolean("slipway.fix.acceptance.all"), () -> "excluded: " + reason);
                final String failure = runner.run(AcceptanceScript.load(file), PERSISTENT.contains(name));
                if (failure != null)
                {
                    fail(name + ": " + failure);
                }
            });
        });
    }

    static List<Path> scriptFiles() throws IOException, URISyntaxException
    {
        final URL url = FixSessionAcceptanceTest.class.getResource(SCRIPTS);
        assertNotNull(url, "scripts on the test class path at " + SCRIPTS);
        try (Stream<Path> files = Files.list(Path.of(url.toURI())))
        {
            return files.filter((path) -> path.toString().endsWith(".def")).sorted().collect(Collectors.toList());
        }
    }

    private static String nameOf(final Path file)
    {
        final String fileName = file.getFileName().toString();
        return fileName.substring(0, fileName.length() - ".def".length());
    }
}
