package io.slipway.fix;

import io.slipway.oms.NewParentOrder;
import io.slipway.oms.OmsLink;
import org.agrona.concurrent.AgentRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import quickfix.Message;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Logon authentication by Username/Password and the inbound throttle, with QuickFIX/J as the OMS.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class FixGatewaySecurityTest
{
    private static final int ITERATIONS = 20_000;

    private final List<Throwable> gatewayErrors = new CopyOnWriteArrayList<>();
    private final OmsLink link = new OmsLink(64);
    private final List<QuickFixOms> clients = new ArrayList<>();
    private FixGateway gateway;
    private AgentRunner gatewayRunner;
    private int port;

    @AfterEach
    void stop()
    {
        clients.forEach(QuickFixOms::close);
        if (gatewayRunner != null)
        {
            gatewayRunner.close();
        }
        assertTrue(gatewayErrors.isEmpty(), () -> "gateway errors: " + gatewayErrors);
    }

    @Test
    void rightPasswordLogsOn()
    {
        start(new FixGatewayContext().credentials(FixCredentials.of("desk-1", "correct horse".toCharArray(), ITERATIONS)));
        final QuickFixOms oms = client("desk-1", "correct horse");
        FixTestSupport.await("logon with the right password", oms.loggedOn::get);
        assertEquals(0, gateway.rejectedLogons());
    }

    @Test
    void wrongPasswordIsRefusedAtLogon()
    {
        start(new FixGatewayContext().credentials(FixCredentials.of("desk-1", "correct horse".toCharArray(), ITERATIONS)));
        final QuickFixOms oms = client("desk-1", "battery staple");
        FixTestSupport.await("the gateway to refuse the logon", () -> gateway.rejectedLogons() > 0);
        FixTestSupport.sleepMs(300);
        assertFalse(oms.loggedOn.get(), "a wrong password must never log on");
    }

    @Test
    void wrongUsernameIsRefusedAtLogon()
    {
        start(new FixGatewayContext().credentials(FixCredentials.of("desk-1", "correct horse".toCharArray(), ITERATIONS)));
        final QuickFixOms oms = client("desk-2", "correct horse");
        FixTestSupport.await("the gateway to refuse the logon", () -> gateway.rejectedLogons() > 0);
        FixTestSupport.sleepMs(300);
        assertFalse(oms.loggedOn.get());
    }

    @Test
    void missingPasswordIsRefusedAtLogon()
    {
        start(new FixGatewayContext().credentials(FixCredentials.of("desk-1", "correct horse".toCharArray(), ITERATIONS)));
        final QuickFixOms oms = client("desk-1", null);
        FixTestSupport.await("the gateway to refuse the logon", () -> gateway.rejectedLogons() > 0);
        FixTestSupport.sleepMs(300);
        assertFalse(oms.loggedOn.get(), "no password, no session");
    }

    @Test
    void messagesBeyondTheThrottleAreRejectedAndNeverReachTheCore() throws Exception
    {
        start(new FixGatewayContext().maxInboundMessagesPerSecond(3));
        final QuickFixOms oms = client(null, null);
        FixTestSupport.await("logon", oms.loggedOn::get);

        final int sent = 8;
        for (int i = 0; i < sent; i++)
        {
            oms.send(order("T-" + i));
        }

        final List<NewParentOrder> commands = new ArrayList<>();
        final List<Message> rejects = new ArrayList<>();
        FixTestSupport.await("every order accounted for", () ->
        {
            link.drainCommands((command) -> commands.add((NewParentOrder)command), Integer.MAX_VALUE);
            Message message;
            while ((message = oms.received.poll()) != null)
            {
                rejects.add(message);
            }
            return commands.size() + rejects.size() == sent;
        });

        // All eight go out within far less than a second, so the first window takes three at most.
        assertTrue(commands.size() >= 3 && commands.size() < sent, "commands that reached the core: " + commands.size());
        final Set<String> passed = new TreeSet<>();
        commands.forEach((command) -> passed.add(command.clOrdId()));
        for (final Message reject : rejects)
        {
            assertEquals("j", reject.getHeader().getString(35));
            assertEquals("throttle exceeded", reject.getString(58));
            assertEquals("D", reject.getString(372));
            assertEquals(0, reject.getInt(380));
        }
        assertEquals(rejects.size(), gateway.throttledMessages());
        FixTestSupport.sleepMs(200);
        assertTrue(FixTestSupport.drainAll(link).isEmpty(), "nothing more reaches the core");
        assertTrue(oms.loggedOn.get(), "throttling does not end the session");
        assertTrue(passed.contains("T-0"), "the first orders of the window pass: " + passed);
    }

    private void start(final FixGatewayContext context)
    {
        port = FixTestSupport.freePort();
        gateway = new FixGateway(context.bindPort(port).heartbeatIntervalS(5).omsLink(link)).start();
        gatewayRunner = FixTestSupport.run(gateway, gatewayErrors);
    }

    private QuickFixOms client(final String username, final String password)
    {
        final QuickFixOms oms = new QuickFixOms(port, "OMS", "SLIPWAY", username, password);
        clients.add(oms);
        return oms;
    }

    private static Message order(final String clOrdId)
    {
        final Message message = new Message();
        message.getHeader().setString(35, "D");
        message.setString(11, clOrdId);
        message.setString(55, "BTC-USD");
        message.setChar(54, '1');
        message.setString(60, "20261121-09:59:59.123");
        message.setString(38, "1");
        message.setChar(40, '1');
        return message;
    }
}
