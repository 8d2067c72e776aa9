package io.slipway.ops.daemon;

import io.slipway.domain.OrderType;
import io.slipway.fix.FixCredentials;
import io.slipway.ops.SlipwayCli;
import io.slipway.sim.scenario.ScenarioException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DaemonConfigTest
{
    private static final String VALID = """
        workingDirectory: /tmp/slipway-test
        fix:
          port: 9881
          senderCompId: SLIPWAY
          targetCompId: OMS
          cancelOnDisconnect: true
        card:
          backend: reference
          risk:
            collarBps: 50
            maxOrderQty: 2.5
        world:
          scenario: calm
          seed: 7
          speed: 10
        core:
          childOrderType: LIMIT
        admin:
          socket: admin.sock
        """;

    @Test
    void theExampleConfigurationIsValid()
    {
        final Path example = Path.of(System.getProperty("slipway.repo.dir", ".."), "ops", "slipway.yaml");
        final DaemonConfig config = DaemonConfig.load(example.toFile().isFile() ? example : Path.of("slipway.yaml"));
        assertEquals(9880, config.fixPort());
        assertEquals(RiskSettings.defaults(), config.risk());
        assertTrue(config.cancelOnDisconnect());
        assertNull(config.fixCredentials());
    }

    @Test
    void readsEveryKey()
    {
        final DaemonConfig config = DaemonConfig.parse("d.yaml", VALID);
        assertEquals(Path.of("/tmp/slipway-test"), config.workingDirectory());
        assertEquals(9881, config.fixPort());
        assertEquals("calm", config.scenario());
        assertEquals(7, config.seed());
        assertEquals(10.0, config.speed());
        assertEquals(OrderType.LIMIT, config.childOrderType());
        assertEquals("50", config.risk().value("collarBps"));
        assertEquals("2.5", config.risk().value("maxOrderQty"));
        assertEquals(2_500_000L, config.risk().toCardLimits(0b1110, 0b0110, 322_266).maxOrderQuantity());
        assertEquals(Path.of("/tmp/slipway-test/admin.sock"), config.adminSocket());
        assertEquals(5.0, config.finalReachStepBps(), "the core's default");
        assertEquals(50.0, config.finalReachMaxBps(), "the core's default");
        final DaemonConfig reach = DaemonConfig.parse("d.yaml", VALID.replace("  childOrderType: LIMIT\n",
            "  childOrderType: LIMIT\n  finalReachStepBps: 2.5\n  finalReachMaxBps: 30\n"));
        assertEquals(2.5, reach.finalReachStepBps());
        assertEquals(30.0, reach.finalReachMaxBps());
    }

    @Test
    void theMarketSectionMakesTheDaemonJournalAgainstAMarketProcess()
    {
        final DaemonConfig inProcess = DaemonConfig.parse("d.yaml", VALID);
        assertFalse(inProcess.marketProcess());
        final DaemonConfig config = DaemonConfig.parse("d.yaml", "workingDirectory: /tmp/w\ncore:\n" +
            "  sliceIntervalMs: 2000\nmarket:\n  orders: 127.0.0.1:20500\n  reports: 127.0.0.1:20501\n");
        assertTrue(config.marketProcess());
        assertEquals(2000, config.sliceIntervalMs());
        assertEquals("127.0.0.1:20500", config.marketLink().ordersEndpoint());
        assertEquals("127.0.0.1:20501", config.marketLink().reportsEndpoint());
        assertEquals(Path.of("/tmp/w/journal"), config.journalDirectory());
        // The report delivery log needs sequence numbers that outlive the process.
        assertFalse(inProcess.persistentSequenceNumbers());
        assertTrue(config.persistentSequenceNumbers());
        // Cancel-on-disconnect is a journaled operator kill, so a journaled daemon takes it.
        final DaemonConfig cancelling = DaemonConfig.parse("d.yaml", "workingDirectory: /tmp/w\nfix:\n" +
            "  cancelOnDisconnect: true\nmarket:\n  orders: 127.0.0.1:20500\n");
        assertTrue(cancelling.cancelOnDisconnect());
    }

    @Test
    void credentialsFromThePasswdHelperAreRead()
    {
        final String stored = FixCredentials.of("OMS", "correct horse".toCharArray(), 1_000).toStoredForm();
        final DaemonConfig config = DaemonConfig.parse("d.yaml", "workingDirectory: w\nfix:\n  credentials: \"" +
            stored + "\"\n");
        assertTrue(config.fixCredentials().verify("OMS", "correct horse".toCharArray()));
    }

    /** The core the daemon builds starts its dealer arms from the file's priors and reaches as configured. */
    @Test
    void theDaemonsCoreReadsTheFilesVenuePriorsAndTheReachSettings(@TempDir final Path dir) throws Exception
    {
        final String yaml = io.slipway.learn.FeedbackFile.toYaml(new io.slipway.learn.ImpactFeedback())
            .replace("venues: {\n}", "venues: {\n  DLRX: {\n    kind: DEALER,\n    costBps: -1.5,\n" +
                "    quantity: 3.0\n  }\n}");
        Files.writeString(dir.resolve("fit.yaml"), yaml);
        final io.slipway.core.CoreContext core = SlipwayDaemon.coreContext(DaemonConfig.parse("d.yaml",
            "workingDirectory: " + dir + "\ncore:\n  impactFeedback: fit.yaml\n  finalReachStepBps: 2\n" +
                "  finalReachMaxBps: 12.5\n"));
        assertEquals(new io.slipway.core.VenuePriors.Prior("DLRX", io.slipway.venue.VenueKind.DEALER, -1.5, 3.0),
            core.venuePriors().prior("DLRX"));
        assertEquals(2.0, core.finalReachStepBps());
        assertEquals(12.5, core.finalReachMaxBps());
        Files.writeString(dir.resolve("wild.yaml"), yaml.replace("costBps: -1.5", "costBps: 5000.0"));
        final ScenarioException wild = assertThrows(ScenarioException.class, () -> DaemonConfig.parse("d.yaml",
            "workingDirectory: " + dir + "\ncore:\n  impactFeedback: wild.yaml\n"));
        assertEquals("core.impactFeedback", wild.key());
        assertTrue(wild.problem().contains("'DLRX': costBps"), wild.getMessage());
        final io.slipway.core.CoreContext plain = SlipwayDaemon.coreContext(DaemonConfig.parse("d.yaml", VALID));
        assertTrue(plain.venuePriors().isEmpty(), "no file, no priors");
        assertEquals(5.0, plain.finalReachStepBps());
        assertEquals(50.0, plain.finalReachMaxBps());
    }

    /**
     * With a market process the core replays its journal, so its priors must be those its orders were first worked
     * with: the file's priors are pinned beside the journal when it begins, and a refitted file does not reach a
     * journal that already exists. Fails if the daemon reads the live file on every start.
     */
    @Test
    void aJournaledCoreKeepsThePriorsItsJournalBeganWith(@TempDir final Path dir) throws Exception
    {
        final String base = io.slipway.learn.FeedbackFile.toYaml(new io.slipway.learn.ImpactFeedback());
        final String first = base.replace("venues: {\n}", "venues: {\n  DLRX: {\n    kind: DEALER,\n" +
            "    costBps: -1.5,\n    quantity: 3.0\n  }\n}");
        Files.writeString(dir.resolve("fit.yaml"), first);
        final DaemonConfig config = DaemonConfig.parse("d.yaml", "workingDirectory: " + dir + "\ncore:\n" +
            "  impactFeedback: fit.yaml\nmarket:\n  orders: 127.0.0.1:20500\n  reports: 127.0.0.1:20501\n");
        assertEquals(-1.5, SlipwayDaemon.journalPriors(config).prior("DLRX").costBps());
        // The journal now has a recording; the daemon's refits then move the live file.
        Files.createDirectories(config.journalDirectory().resolve("archive"));
        Files.writeString(config.journalDirectory().resolve("archive").resolve("0.rec"), "x");
        Files.writeString(dir.resolve("fit.yaml"), first.replace("costBps: -1.5", "costBps: 9.0"));
        assertEquals(-1.5, SlipwayDaemon.journalPriors(config).prior("DLRX").costBps(), "pinned at journal start");
        assertEquals(9.0, SlipwayDaemon.venuePriors(config).prior("DLRX").costBps(), "the live file moved on");
    }

    /**
     * core.impactFeedback names the feedback loop's file, relative to the working directory; the daemon's core and
     * pre-trade read its fitted Y. A file this build refuses is a configuration error naming the key and the field,
     * and the file is left as it was.
     */
    @Test
    void theImpactFeedbackFileIsReadAndABadOneIsRefusedByName(@TempDir final Path dir) throws Exception
    {
        final io.slipway.learn.ImpactFeedback fit = new io.slipway.learn.ImpactFeedback();
        fit.observeOwnImpact(30.0, 0.05, 0.1, 260);
        io.slipway.learn.FeedbackFile.write(fit, dir.resolve("fit.yaml"));
        final DaemonConfig config = DaemonConfig.parse("d.yaml", "workingDirectory: " + dir + "\ncore:\n" +
            "  impactFeedback: fit.yaml\n");
        assertEquals(dir.resolve("fit.yaml"), config.impactFeedback());
        final io.slipway.analytics.ImpactFit read = SlipwayDaemon.impactFit(config);
        assertEquals(fit.impactCoefficient(), read.coefficient(), 1e-12);
        assertEquals(1, read.orders());
        assertNull(SlipwayDaemon.impactFit(DaemonConfig.parse("d.yaml", VALID)), "no file, no fit");
        assertNull(DaemonConfig.parse("d.yaml", VALID).impactFeedback());

        final String bad = Files.readString(dir.resolve("fit.yaml")).replace("version: 4", "version: 2");
        Files.writeString(dir.resolve("old.yaml"), bad);
        final ScenarioException ex = assertThrows(ScenarioException.class, () -> DaemonConfig.parse("bad.yaml",
            "workingDirectory: " + dir + "\ncore:\n  impactFeedback: old.yaml\n"));
        assertEquals("core.impactFeedback", ex.key());
        assertEquals(3, ex.line());
        assertTrue(ex.problem().contains("feedback version 2 measured venue priors against arrival"), ex.getMessage());
        assertEquals(bad, Files.readString(dir.resolve("old.yaml")), "left as it was");
    }

    /** Each bad key or value: one error naming file, line and key; the message says what is wrong. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "workingDirectory: w\\nfixx:\\n  port: 1|2|fixx|unknown key",
        "workingDirectory: w\\nfix:\\n  prot: 1|3|fix.prot|unknown key",
        "workingDirectory: w\\nfix:\\n  port: 70000|3|fix.port|must be 1..65535",
        "workingDirectory: w\\nfix:\\n  port: nine|3|fix.port|must be a whole number",
        "workingDirectory: w\\nfix:\\n  targetCompId: SLIPWAY|3|fix.targetCompId|must differ",
        "workingDirectory: w\\nfix:\\n  credentials: nonsense|3|fix.credentials|username:iterations:salt:hash",
        "workingDirectory: w\\nfix:\\n  cancelOnDisconnect: maybe|3|fix.cancelOnDisconnect|true or false",
        "workingDirectory: w\\ncard:\\n  backend: asic|3|card.backend|must be one of",
        "workingDirectory: w\\ncard:\\n  risk:\\n    collarBps: 0|4|card.risk.collarBps|must be 1 .. 10000",
        "workingDirectory: w\\ncard:\\n  risk:\\n    collarBps: 20000|4|card.risk.collarBps|must be 1 .. 10000",
        "workingDirectory: w\\ncard:\\n  risk:\\n    collarBps: 1.5|4|card.risk.collarBps|whole number",
        "workingDirectory: w\\ncard:\\n  risk:\\n    maxOrderQty: -1|4|card.risk.maxOrderQty|must be 0.000001 .. 10000",
        "workingDirectory: w\\ncard:\\n  risk:\\n    maxPosition: lots|4|card.risk.maxPosition|must be a number",
        "workingDirectory: w\\ncard:\\n  risk:\\n    maxLeverage: 3|4|card.risk.maxLeverage|unknown key",
        "workingDirectory: w\\nworld:\\n  speed: 0|3|world.speed|must be above 0",
        "workingDirectory: w\\nworld:\\n  speed: 5000|3|world.speed|at most 1000",
        "workingDirectory: w\\nworld:\\n  scenario: nowhere|3|world.scenario|no scenario file or library scenario",
        "workingDirectory: w\\nworld:\\n  seed: 1.5|3|world.seed|must be a whole number",
        "workingDirectory: w\\ncore:\\n  childOrderType: MARKET|3|core.childOrderType|must be IOC or LIMIT",
        "fix:\\n  port: 1|1|workingDirectory|required but missing",
        "workingDirectory: w\\ncore:\\n  sliceIntervalMs: 50|3|core.sliceIntervalMs|must be 100..3600000",
        "workingDirectory: w\\ncore:\\n  finalReachStepBps: -1|3|core.finalReachStepBps|must be 0..finalReachMaxBps",
        "workingDirectory: w\\ncore:\\n  finalReachStepBps: 60|3|core.finalReachStepBps|must be 0..finalReachMaxBps (50.0",
        "workingDirectory: w\\ncore:\\n  finalReachStepBps: .nan|3|core.finalReachStepBps|must be a number",
        "workingDirectory: w\\ncore:\\n  finalReachStepBps: five|3|core.finalReachStepBps|must be a number",
        "workingDirectory: w\\ncore:\\n  finalReachMaxBps: 501|3|core.finalReachMaxBps|must be 0..500.0",
        "workingDirectory: w\\ncore:\\n  finalReachMaxBps: -0.5|3|core.finalReachMaxBps|must be 0..500.0",
        "workingDirectory: w\\ncore:\\n  finalReachStepBps: 10\\n  finalReachMaxBps: 8|3|core.finalReachStepBps|must be 0..finalReachMaxBps (8.0",
        "workingDirectory: w\\nmarket:\\n  orders: localhost|3|market.orders|must be host:port",
        "workingDirectory: w\\nmarket:\\n  reports: 127.0.0.1:0|3|market.reports|port must be 1..65535",
        "workingDirectory: w\\nmarket:\\n  orders: h:1\\n  reports: h:1|4|market.reports|must differ from orders",
        "workingDirectory: w\\nmarket:\\n  orders: h:1\\n  bogus: 1|4|market.bogus|unknown key",
        "workingDirectory: w\\nworld:\\n  speed: 2\\nmarket:\\n  orders: h:1|3|world.speed|must be 1 when the venues",
        "workingDirectory: w\\nfix:\\n  persistentSequenceNumbers: false\\nmarket:\\n  orders: h:1|3|fix.persistentSequenceNumbers|resent by FIX sequence number",
    })
    void badKeysAndValuesAreNamedWithTheirLine(final String text, final int line, final String key,
        final String problem)
    {
        final ScenarioException ex = assertThrows(ScenarioException.class,
            () -> DaemonConfig.parse("bad.yaml", text.replace("\\n", "\n")));
        assertEquals("bad.yaml", ex.fileName());
        assertEquals(line, ex.line(), ex.getMessage());
        assertEquals(key, ex.key(), ex.getMessage());
        assertTrue(ex.problem().contains(problem), ex.getMessage());
    }

    @Test
    void theDaemonCommandExitsTwoWithTheLocatedErrorAndStartsNothing(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("slipway.yaml");
        final Path work = dir.resolve("work");
        Files.writeString(file, "workingDirectory: " + work + "\ncard:\n  risk:\n    collarBps: 0\n");
        final StringWriter err = new StringWriter();
        final int code = SlipwayCli.execute(new String[]{"daemon", "--config", file.toString()},
            new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(2, code);
        assertTrue(err.toString().contains(file + ":4: card.risk.collarBps: must be 1 .. 10000"), err.toString());
        assertFalse(Files.exists(work), "nothing was created");
    }
}
