package io.slipway.ops;

import io.slipway.domain.OrderType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OMS dropping its TCP connection mid-order, through the real daemon, market process and an
 * Artio OMS with persistent sequence numbers: one daemon with cancel-on-disconnect on (the parent
 * must end CANCELED with no child after it), one with it off (the order keeps working while the
 * OMS is away). Either way the returning OMS must get every ExecID once and a CumQty equal to the
 * market's ledger, and the audit log must record the session's end. Seeds fixed; more with
 * {@code ops/slipway drill --oms-disconnect N}.
 */
class OmsDisconnectDrillTest
{
    @Test
    void cancelOnDisconnectCancelsEveryWorkingParentAndTheOmsGetsEveryReport(@TempDir final Path dir) throws Exception
    {
        final SigkillDrill.Result result = run(dir, true);
        assertEquals(1, result.parentsCanceledOnDisconnect(), result.summary());
    }

    @Test
    void withoutCancelOnDisconnectTheOrderKeepsWorkingAndTheOmsCatchesUp(@TempDir final Path dir) throws Exception
    {
        final SigkillDrill.Result result = run(dir, false);
        assertEquals(0, result.parentsCanceledOnDisconnect(), result.summary());
        assertTrue(result.childrenWhileOmsAway() > 0, result.summary());
    }

    private static SigkillDrill.Result run(final Path dir, final boolean cancelOnDisconnect) throws Exception
    {
        final StringWriter text = new StringWriter();
        final SigkillDrill.Result result = new SigkillDrill(new SigkillDrill.Settings(dir, List.of(2L), 1, "0.5",
            TimeUnit.SECONDS.toNanos(20), 42, OrderType.IOC, SigkillDrill.Fault.OMS_DISCONNECT, cancelOnDisconnect),
            new PrintWriter(text, true)).run();
        System.out.println(text);
        System.out.println(result.summary());
        assertEquals(1, result.drills());
        assertEquals(1, result.faults());
        assertEquals(1, result.omsDisconnects());
        assertTrue(result.ordersChecked() >= 1, result.summary());
        assertTrue(result.execIdsChecked() >= 2, result.summary());
        assertTrue(result.omsLogons() >= 2, result.summary());
        assertTrue(result.reportsAfterReturn() >= 1, result.summary());
        assertEquals(List.of(), result.anomalies(), text.toString());
        return result;
    }
}
