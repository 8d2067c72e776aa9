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
 * kill -9 of the daemon while its venues live on: a market process and a daemon process, one FIX
 * parent order per seed, the daemon killed mid-order and restarted on its journal; audited against
 * the market's ledger and against every ExecutionReport the OMS (persistent sequence numbers,
 * logging on again after each restart) received. Seed 1 is killed while an operator's kill holds. Three seeds here (about two minutes on the 2-core box: each restart waits
 * out the dead journal archive); more with {@code ops/slipway drill --sigkill N}.
 */
class SigkillDaemonDrillTest
{
    @Test
    void theDaemonDiesAndComesBackWithoutADuplicateOrALostFill(@TempDir final Path dir) throws Exception
    {
        final StringWriter text = new StringWriter();
        final SigkillDrill.Result result = new SigkillDrill(new SigkillDrill.Settings(dir, List.of(1L, 2L, 3L), 1,
            "0.5", TimeUnit.SECONDS.toNanos(30), 42, OrderType.IOC), new PrintWriter(text, true)).run();
        System.out.println(text);
        System.out.println(result.summary());
        assertEquals(3, result.drills());
        assertEquals(3, result.faults());
        assertTrue(result.ordersChecked() >= 3, result.summary());
        assertTrue(result.fillsChecked() >= 3, result.summary());
        // Seed 1's kill -9 came while an operator's kill held; the OMS stayed on across every restart.
        assertEquals(1, result.operatorKills(), result.summary());
        assertTrue(result.execIdsChecked() >= 3 * 2, result.summary());
        assertTrue(result.omsLogons() >= 1 + 3, result.summary());
        assertEquals(List.of(), result.anomalies(), text.toString());
    }
}
