package io.slipway.fix;

import io.slipway.oms.OmsLink;
import org.agrona.IoUtil;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class FixGatewayContextTest
{
    @Test
    void defaultsSuitOneOmsOnLoopback()
    {
        final FixGatewayContext context = new FixGatewayContext().omsLink(new OmsLink(4)).conclude();
        try
        {
            assertEquals("127.0.0.1", context.bindHost());
            assertEquals(9880, context.bindPort());
            assertEquals("SLIPWAY", context.acceptorCompId());
            assertEquals("OMS", context.initiatorCompId());
            assertTrue(context.resetSequenceNumbersOnLogon());
            assertEquals(1_000, context.maxInboundMessagesPerSecond());
            assertEquals(4_096, context.maxInboundBodyLength());
            assertEquals(null, context.credentials(), "CompIDs only unless credentials are configured");
            assertTrue(context.workingDirectory().isDirectory());
            assertTrue(context.deleteWorkingDirectoryOnClose());
        }
        finally
        {
            IoUtil.delete(context.workingDirectory(), true);
        }
    }

    @Test
    void eachInstanceGetsItsOwnWorkingDirectory()
    {
        final File first = new FixGatewayContext().omsLink(new OmsLink(4)).conclude().workingDirectory();
        final File second = new FixGatewayContext().omsLink(new OmsLink(4)).conclude().workingDirectory();
        try
        {
            assertNotEquals(first, second);
        }
        finally
        {
            IoUtil.delete(first, true);
            IoUtil.delete(second, true);
        }
    }

    @Test
    void givenWorkingDirectoryIsKeptOnClose()
    {
        final File dir = new File(System.getProperty("java.io.tmpdir"), "kept");
        final FixGatewayContext context = new FixGatewayContext().omsLink(new OmsLink(4)).workingDirectory(dir).conclude();
        assertEquals(dir, context.workingDirectory());
        assertFalse(context.deleteWorkingDirectoryOnClose());
    }

    @Test
    void invalidSettingsAreNamed()
    {
        assertRejected("omsLink", (c) -> c.omsLink(null));
        assertRejected("bindPort", (c) -> c.bindPort(0));
        assertRejected("bindPort", (c) -> c.bindPort(65536));
        assertRejected("bindHost", (c) -> c.bindHost(" "));
        assertRejected("acceptorCompId", (c) -> c.acceptorCompId("SLIP WAY"));
        assertRejected("initiatorCompId", (c) -> c.initiatorCompId(null));
        assertRejected("must differ", (c) -> c.initiatorCompId("SLIPWAY"));
        assertRejected("heartbeatIntervalS", (c) -> c.heartbeatIntervalS(0));
        assertRejected("reportBatchLimit", (c) -> c.reportBatchLimit(0));
        assertRejected("fragmentLimit", (c) -> c.fragmentLimit(0));
        assertRejected("maxInboundMessagesPerSecond", (c) -> c.maxInboundMessagesPerSecond(0));
        assertRejected("maxInboundBodyLength must be 256..1048576, was 255", (c) -> c.maxInboundBodyLength(255));
        assertRejected("maxInboundBodyLength", (c) -> c.maxInboundBodyLength((1 << 20) + 1));
        assertRejected("sessionEventLog", (c) -> c.sessionEventLog(null));
    }

    private static void assertRejected(final String name, final Consumer<FixGatewayContext> change)
    {
        final FixGatewayContext context = new FixGatewayContext().omsLink(new OmsLink(4));
        change.accept(context);
        final IllegalStateException ex = assertThrows(IllegalStateException.class, context::conclude);
        assertTrue(ex.getMessage().contains(name), ex.getMessage());
    }
}
