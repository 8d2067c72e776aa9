package io.slipway.ops;

import io.slipway.fix.OmsExecutionReport;
import io.slipway.fix.OmsFixClient;
import io.slipway.oms.NewParentOrder;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The demo's OMS: a FIX initiator on its own thread (an Artio library is single-threaded) that
 * sends the parent order and prints progress from the ExecutionReports it receives, on the
 * simulated clock they carry in TransactTime. Everything it shows, it learned over FIX.
 */
final class OmsSession implements OmsFixClient.Listener, AutoCloseable
{
    private final DemoSettings settings;
    private final long expireNs;
    private final PrintWriter out;
    private final CountDownLatch finalReport = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicReference<OmsExecutionReport> last = new AtomicReference<>();
    private final Map<String, BigDecimal> quantityByVenue = new TreeMap<>();
    private final BigDecimal orderQty;
    private volatile boolean running = true;
    private volatile int reports;
    private int nextProgressStep = 1;
    private Thread thread;

    OmsSession(final DemoSettings settings, final long expireNs, final PrintWriter out)
    {
        this.settings = settings;
        this.expireNs = expireNs;
        this.out = out;
        this.orderQty = new BigDecimal(settings.quantity());
    }

    void start()
    {
        thread = new Thread(this::run, "slipway-demo-oms");
        thread.setDaemon(true);
        thread.start();
    }

    private void run()
    {
        try (OmsFixClient client = new OmsFixClient(this))
        {
            client.connect("127.0.0.1", settings.port());
            say("  OMS logged on as OMS -> SLIPWAY; sending NewOrderSingle ClOrdID demo-1");
            final boolean sent = client.sendNewOrder(new NewParentOrder("demo-1", settings.instrument().symbol(),
                settings.side().fixCode(), settings.quantity(), settings.strategy().fixCode(), NewParentOrder.NO_TIME,
                expireNs, null, settings.rfqAllowed() ?
                java.util.List.of(new io.slipway.oms.StrategyParameter("RfqAllowed", 13, "Y")) : java.util.List.of(),
                null));
            if (!sent)
            {
                throw new IllegalStateException("FIX session back-pressured the NewOrderSingle");
            }
            while (running)
            {
                if (client.poll() == 0)
                {
                    Thread.onSpinWait();
                }
            }
        }
        catch (final Throwable t)
        {
            failure.set(t);
            finalReport.countDown();
        }
    }

    @Override
    public void onExecutionReport(final OmsExecutionReport report)
    {
        reports++;
        last.set(report);
        if (report.lastMkt() != null && report.lastQty() != null)
        {
            quantityByVenue.merge(report.lastMkt(), new BigDecimal(report.lastQty()), BigDecimal::add);
        }
        switch (report.ordStatus())
        {
            case '0' -> say("  [%s] New: %s", clock(report), report.text() == null ? "" : report.text());
            case '1' -> progress(report);
            case '2', '4', '8', 'C' ->
            {
                if (report.ordStatus() != '8')
                {
                    progress(report);
                }
                say("  [%s] %s%s", clock(report), DemoRun.statusName(report.ordStatus()),
                    report.text() == null ? "" : ": " + report.text());
                finalReport.countDown();
            }
            default ->
            {
            }
        }
    }

    @Override
    public void onReject(final String msgType, final int refTagId, final String refId, final String text)
    {
        say("  OMS received a reject of %s (tag %d, %s): %s", msgType, refTagId, refId, text);
    }

    /** One line at each tenth of the order, and the final fill. */
    private void progress(final OmsExecutionReport report)
    {
        final BigDecimal cum = new BigDecimal(report.cumQty());
        final int tenths = cum.multiply(BigDecimal.TEN).divide(orderQty, 0, RoundingMode.DOWN).intValue();
        if (tenths < nextProgressStep && report.ordStatus() != '2')
        {
            return;
        }
        nextProgressStep = tenths + 1;
        if (settings.quiet())
        {
            return;
        }
        final StringBuilder venues = new StringBuilder();
        for (final Map.Entry<String, BigDecimal> e : quantityByVenue.entrySet())
        {
            venues.append(String.format(Locale.ROOT, " %s %.0f%%", e.getKey(),
                e.getValue().doubleValue() / cum.doubleValue() * 100));
        }
        say("  [%s] %5.1f%% filled  CumQty %s  AvgPx %s  venues%s", clock(report),
            cum.doubleValue() / orderQty.doubleValue() * 100, report.cumQty(), report.avgPx(), venues);
    }

    OmsExecutionReport awaitFinalReport(final long timeoutMs) throws InterruptedException
    {
        if (!finalReport.await(timeoutMs, TimeUnit.MILLISECONDS))
        {
            throw new IllegalStateException("the OMS saw no final ExecutionReport within " + timeoutMs + " ms");
        }
        throwIfFailed();
        return last.get();
    }

    int reports()
    {
        return reports;
    }

    void throwIfFailed()
    {
        final Throwable t = failure.get();
        if (t != null)
        {
            throw new IllegalStateException("OMS session failed: " + t.getMessage(), t);
        }
    }

    @Override
    public void close() throws InterruptedException
    {
        running = false;
        if (thread != null)
        {
            thread.join(5_000);
        }
    }

    private static String clock(final OmsExecutionReport report)
    {
        return report.transactTimeNs() == OmsExecutionReport.NO_TIME ?
            "--:--:--" : Instant.ofEpochSecond(0, report.transactTimeNs()).toString().substring(11, 19);
    }

    private void say(final String format, final Object... args)
    {
        synchronized (out)
        {
            out.println(String.format(Locale.ROOT, format, args));
            out.flush();
        }
    }
}
