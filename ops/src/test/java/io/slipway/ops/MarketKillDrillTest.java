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
 * kill -9 of the market process (the venues) while the daemon works an order: market, daemon and an
 * Artio OMS as separate processes, LIMIT children so the venues hold resting orders when they die.
 * The restarted market must keep every child and fill (its journal), the running daemon must greet
 * it and reconcile without anomaly, and the order must end with CumQty equal to the venues' total at
 * the daemon and at the OMS, no child received twice. More with {@code ops/slipway drill --market-kill N}.
 */
class MarketKillDrillTest
{
    @Test
    void theMarketDiesAndComesBackWithItsVenuesAndTheExecutionGoesOn(@TempDir final Path dir) throws Exception
    {
        final StringWriter text = new StringWriter();
        final SigkillDrill.Result result = new SigkillDrill(new SigkillDrill.Settings(dir, List.of(1L, 2L), 1, "0.5",
            TimeUnit.SECONDS.toNanos(30), 42, OrderType.LIMIT, SigkillDrill.Fault.MARKET_KILL, false),
            new PrintWriter(text, true)).run();
        System.out.println(text);
        System.out.println(result.summary());
        assertEquals(2, result.drills());
        assertEquals(2, result.marketKills());
        assertEquals(2, result.marketReturns(), result.summary());
        assertTrue(result.ordersChecked() >= 2, result.summary());
        assertTrue(result.execIdsChecked() >= 2 * 2, result.summary());
        assertEquals(List.of(), result.anomalies(), text.toString());
    }
}
