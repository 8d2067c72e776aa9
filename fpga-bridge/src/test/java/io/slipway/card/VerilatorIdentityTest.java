package io.slipway.card;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static io.slipway.card.NicLayout.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The simulated card (RTL under Verilator) through JNA: discovery, identity, the admin write path
 * and the clock, and the same register layout and register semantics as the reference card.
 *
 * <p>Needs {@code libslipway_vsim.so} ({@code make -C hdl-sim lib}) on {@code jna.library.path}.
 * Without it the tests are skipped, unless {@code -Dslipway.vsim.required=true} makes its absence a
 * failure.
 */
final class VerilatorIdentityTest
{
    private VerilatorCardRegisters vsim;

    @BeforeEach
    void open()
    {
        SimulatedCardLibrary.require();
        vsim = VerilatorCardRegisters.open();
    }

    @AfterEach
    void close()
    {
        if (null != vsim)
        {
            vsim.close();
        }
    }

    @Test
    void walkerFindsTheHeadersBlocks()
    {
        assertEquals(RegisterSpaceTest.HEADER_LAYOUT, new RegisterBlockWalker().walk(vsim));
    }

    @Test
    void registerBlockLayoutIsIdenticalOnBothBackends()
    {
        try (ReferenceCard reference = new ReferenceCard())
        {
            final List<RegisterBlock> simulated = new RegisterBlockWalker().walk(vsim);
            final List<RegisterBlock> modelled = new RegisterBlockWalker().walk(reference);
            assertEquals(modelled, simulated);
        }
    }

    @Test
    void identityChecksPass()
    {
        final CardIdentity identity = CardIdentity.read(vsim);
        assertEquals(NIC_HEADER_VERSION, identity.headerVersion());
        assertEquals(NIC_MAGIC, vsim.readRegister(ID_MAGIC));
        assertEquals(ReferenceCard.CLOCK_KHZ, identity.clockKhz());
        assertEquals(MD_RECORD_SIZE, identity.mdRecordSize());
        assertEquals(ORDER_SLOT_SIZE, identity.orderSlotSize());
        assertEquals(COMPLETION_RECORD_SIZE, identity.completionRecordSize());
    }

    @Test
    void scratchAndRiskRegistersAreWritable()
    {
        vsim.writeRegister(ID_SCRATCH, 0xA5A5_5A5A);
        assertEquals(0xA5A5_5A5A, vsim.readRegister(ID_SCRATCH));
        vsim.writeRegister(RISK_BASE + RISK_COLLAR_BPS, 75);
        assertEquals(75, vsim.readRegister(RISK_BASE + RISK_COLLAR_BPS));
        vsim.writeRegister64(RISK_BASE + RISK_MAX_NOTIONAL_LO, 0x0123_4567_89AB_CDEFL);
        assertEquals(0x0123_4567_89AB_CDEFL, vsim.readRegister64(RISK_BASE + RISK_MAX_NOTIONAL_LO));
    }

    @Test
    void riskRegistersBehaveAsInTheReferenceModel()
    {
        try (ReferenceCard reference = new ReferenceCard())
        {
            assertArrayEquals(block(reference, RISK_BASE, RISK_LENGTH), block(vsim, RISK_BASE, RISK_LENGTH),
                "reset state");

            final int[][] writes =
            {
                {RISK_CONTROL, 0xFFFF_FFFE}, {RISK_VENUE_ENABLE, -1}, {RISK_INSTRUMENT_ENABLE, 0x1_0006},
                {RISK_COLLAR_BPS, 50}, {RISK_MAX_QTY_LO, 7}, {RISK_MAX_QTY_HI, 1}, {RISK_MAX_NOTIONAL_LO, 9},
                {RISK_THROTTLE_BURST, 20}, {RISK_THROTTLE_REFILL, 3222}, {RISK_MAX_POSITION_LO, -1},
                {RISK_MAX_POSITION_HI, 0x7FFF_FFFF}, {BLK_HDR_TYPE, 5}, {BLK_HDR_NEXT, 0},
            };
            for (final int[] write : writes)
            {
                vsim.writeRegister(RISK_BASE + write[0], write[1]);
                reference.writeRegister(RISK_BASE + write[0], write[1]);
                assertArrayEquals(block(reference, RISK_BASE, RISK_LENGTH), block(vsim, RISK_BASE, RISK_LENGTH),
                    "after writing 0x" + Integer.toHexString(write[1]) + " at risk offset 0x" + Integer.toHexString(write[0]));
            }
        }
    }

    @Test
    void identityAndCountersReadAsInTheReferenceModelAfterReset()
    {
        try (ReferenceCard reference = new ReferenceCard())
        {
            final int[] simulatedIdentity = block(vsim, IDENTITY_BASE, IDENTITY_LENGTH);
            final int[] modelledIdentity = block(reference, IDENTITY_BASE, IDENTITY_LENGTH);
            // Build id and features describe each build; every other identity word is the contract's.
            simulatedIdentity[ID_BUILD_ID / 4] = modelledIdentity[ID_BUILD_ID / 4];
            simulatedIdentity[ID_FEATURES / 4] = modelledIdentity[ID_FEATURES / 4];
            assertArrayEquals(modelledIdentity, simulatedIdentity);

            final int[] simulatedCounters = block(vsim, COUNTERS_BASE, CNT_CYCLES_LO);
            final int[] modelledCounters = block(reference, COUNTERS_BASE, CNT_CYCLES_LO);
            assertArrayEquals(modelledCounters, simulatedCounters, "counters before any traffic");
        }
    }

    @Test
    void unmappedAddressesReadZeroAndIgnoreWritesOnBothBackends()
    {
        try (ReferenceCard reference = new ReferenceCard())
        {
            for (final int address : new int[] {0x34, 0x3C, 0xE4, 0xFC, 0x13C, 0x500, 0x1000, 0xFFFC, 0x1_0010})
            {
                vsim.writeRegister(address, 0x1234_5678);
                reference.writeRegister(address, 0x1234_5678);
                assertEquals(reference.readRegister(address), vsim.readRegister(address),
                    "address 0x" + Integer.toHexString(address));
                assertEquals(0, vsim.readRegister(address), "address 0x" + Integer.toHexString(address));
            }
            // The bus is word aligned: the low two address bits are ignored.
            assertEquals(NIC_MAGIC, vsim.readRegister(ID_MAGIC + 2));
            assertEquals(NIC_MAGIC, reference.readRegister(ID_MAGIC + 2));
        }
    }

    @Test
    void blockReadMatchesSingleReads()
    {
        final int count = IDENTITY_LENGTH / 4;
        final int[] block = new int[count];
        assertEquals(count, vsim.readRegisters(IDENTITY_BASE, block, count));
        for (int i = 0; i < count; i++)
        {
            assertEquals(vsim.readRegister(IDENTITY_BASE + 4 * i), block[i], "register 0x" + Integer.toHexString(4 * i));
        }
        assertThrows(IllegalArgumentException.class, () -> vsim.readRegisters(0, block, count + 1));
    }

    @Test
    void runAdvancesTheCycleCounter()
    {
        final long before = vsim.cycles();
        assertEquals(before + 1_000, vsim.run(1_000));
        assertEquals(before + 1_000, vsim.cycles());

        final long counted = vsim.readRegister64(COUNTERS_BASE + CNT_CYCLES_LO);
        assertTrue(counted >= before + 1_000 && counted <= vsim.cycles(), "cycle counter register " + counted);
    }

    @Test
    void callsFromAnotherThreadAreRefused() throws InterruptedException
    {
        final CompletableFuture<Object> result = new CompletableFuture<>();
        final Thread other = new Thread(() ->
        {
            try
            {
                result.complete(vsim.readRegister(ID_MAGIC));
            }
            catch (final Throwable ex)
            {
                result.complete(ex);
            }
        }, "not-the-owner");
        other.start();
        other.join();

        try
        {
            final IllegalStateException ex = assertInstanceOf(IllegalStateException.class, result.get());
            assertTrue(ex.getMessage().contains("not-the-owner"), ex.getMessage());
        }
        catch (final ExecutionException ex)
        {
            fail(ex);
        }
    }

    @Test
    void closedModelRefusesCalls()
    {
        vsim.close();
        vsim.close();
        assertThrows(IllegalStateException.class, () -> vsim.readRegister(ID_MAGIC));
        vsim = null;
    }

    private static int[] block(final CardRegisters registers, final int base, final int length)
    {
        final int[] values = new int[length / 4];
        for (int i = 0; i < values.length; i++)
        {
            values[i] = registers.readRegister(base + 4 * i);
        }
        return values;
    }
}
