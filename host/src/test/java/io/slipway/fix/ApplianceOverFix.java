package io.slipway.fix;

import io.slipway.app.SimulatedAppliance;
import io.slipway.domain.Instruments;
import io.slipway.oms.OmsLink;
import io.slipway.tca.ExecutionRecord;
import org.agrona.concurrent.AgentRunner;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole simulated appliance (BTC-USD, warmed up) behind the real Artio gateway on a free
 * loopback port, with QuickFIX/J logged on as the OMS: the set-up the end-to-end FIX tests share.
 * Closing it logs the OMS off, stops the gateway and fails if the gateway reported an error.
 */
final class ApplianceOverFix implements AutoCloseable
{
    final OmsLink link = new OmsLink(1 << 14);
    final SimulatedAppliance appliance;
    final QuickFixOms oms;
    private final List<Throwable> gatewayErrors = new CopyOnWriteArrayList<>();
    private final AgentRunner gatewayRunner;
    private ExecutionRecord finished;

    ApplianceOverFix(final long seed)
    {
        appliance = new SimulatedAppliance(new SimulatedAppliance.Context().seed(seed)
            .instruments(List.of(Instruments.BTC_USD)), report ->
            {
                while (!link.offerReport(report))
                {
                    Thread.onSpinWait();
                }
            }, record -> finished = record);
        appliance.warmUp();
        final int port = FixTestSupport.freePort();
        final FixGateway gateway = new FixGateway(new FixGatewayContext().bindPort(port).omsLink(link)).start();
        gatewayRunner = FixTestSupport.run(gateway, gatewayErrors);
        oms = new QuickFixOms(port, "OMS", "SLIPWAY");
        FixTestSupport.await("QuickFIX/J logon", oms.loggedOn::get);
    }

    /** The record of the last parent order the core finished, null before any. */
    ExecutionRecord finished()
    {
        return finished;
    }

    @Override
    public void close()
    {
        oms.close();
        gatewayRunner.close();
        assertTrue(gatewayErrors.isEmpty(), () -> "gateway errors: " + gatewayErrors);
    }
}
