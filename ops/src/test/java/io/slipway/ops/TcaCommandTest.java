package io.slipway.ops;

import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.domain.Side;
import io.slipway.tca.ExecutionRecord;
import io.slipway.tca.TcaCalculator;
import io.slipway.tca.TcaFormat;
import io.slipway.tca.TcaHtml;
import io.slipway.tca.TcaReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TcaCommandTest
{
    private static final Instrument BTC = Instruments.BTC_USD;
    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(final String... args)
    {
        return SlipwayCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void printsTheSummaryOfAWrittenRunAndWhereItsHtmlIs() throws Exception
    {
        final ExecutionRecord record = new ExecutionRecord("SLP-9", "c9", BTC, Side.SELL, BTC.qtyFromDouble(2), "TWAP",
            0, 0, 120 * SECOND, 100.0, new String[]{null, "SIMA", "SIMB", null, null, null, null, null});
        record.onMid(10 * SECOND, 99.5);
        record.onFill(10 * SECOND, 1, BTC.priceFromDouble(99.4), BTC.qtyFromDouble(1), 0.05, false, 0.1);
        record.onMid(20 * SECOND, 99.0);
        record.complete(120 * SECOND, 99.0, "EXPIRED");
        final TcaReport report = TcaCalculator.analyse(record);
        final Path runDir = Files.createDirectories(dir.resolve("SLP-9-seed1"));
        Files.writeString(runDir.resolve("tca.json"), TcaFormat.json(report));
        Files.writeString(runDir.resolve("tca.html"), TcaHtml.render(record, report));

        assertEquals(0, run("tca", runDir.toString()), err.toString());
        final String text = out.toString();
        assertTrue(text.startsWith(TcaFormat.text(report)), text);
        assertTrue(text.contains("TCA report: " + runDir.resolve("tca.html").toAbsolutePath().toUri()), text);

        out.getBuffer().setLength(0);
        assertEquals(0, run("tca", runDir.resolve("tca.json").toString()), err.toString());
        assertTrue(out.toString().startsWith(TcaFormat.text(report)));
    }

    @Test
    void missingOrBrokenFileIsExitTwo() throws Exception
    {
        assertEquals(2, run("tca", dir.resolve("nowhere").toString()));
        Files.writeString(dir.resolve("tca.json"), "{\"orderId\": \"SLP-1\"");
        assertEquals(2, run("tca", dir.toString()));
        assertTrue(err.toString().contains("JSON"), err.toString());
    }

    @Test
    void readsAFinishedOrderOfARunningDaemonByOrderId() throws Exception
    {
        final ExecutionRecord record = new ExecutionRecord("SLP-4", "c4", BTC, Side.BUY, BTC.qtyFromDouble(1), "TWAP",
            0, 0, 60 * SECOND, 100.0, new String[]{null, "SIMA", null, null, null, null, null, null});
        record.onFill(10 * SECOND, 1, BTC.priceFromDouble(100.1), BTC.qtyFromDouble(1), 0.05, false, 0.1);
        record.complete(60 * SECOND, 100.2, "FILLED");
        final TcaReport report = TcaCalculator.analyse(record);
        // Where SlipwayDaemon writes the analysis of each finished parent.
        final Path runDir = Files.createDirectories(dir.resolve("runs").resolve("SLP-4"));
        Files.writeString(runDir.resolve("tca.json"), TcaFormat.json(report));

        assertEquals(0, run("tca", "--dir", dir.toString(), "--order", "SLP-4"), err.toString());
        assertTrue(out.toString().startsWith(TcaFormat.text(report)), out.toString());

        assertEquals(2, run("tca", "--dir", dir.toString(), "--order", "SLP-5"));
        assertTrue(err.toString().contains("no TCA for SLP-5"), err.toString());
        assertEquals(2, run("tca", "--dir", dir.toString(), "--order", "../etc"));
        assertTrue(err.toString().contains("SLP-n"), err.toString());
        assertEquals(2, run("tca"));
        assertTrue(err.toString().contains("either a run directory"), err.toString());
    }
}
