package io.slipway.card;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.slipway.card.NicLayout.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reference card's register space, the block walker and the identity check. */
final class RegisterSpaceTest
{
    static final List<RegisterBlock> HEADER_LAYOUT = List.of(
        new RegisterBlock(BLK_TYPE_IDENTITY, IDENTITY_VERSION, IDENTITY_BASE, IDENTITY_LENGTH),
        new RegisterBlock(BLK_TYPE_RISK, RISK_VERSION, RISK_BASE, RISK_LENGTH),
        new RegisterBlock(BLK_TYPE_COUNTERS, COUNTERS_VERSION, COUNTERS_BASE, COUNTERS_LENGTH),
        new RegisterBlock(BLK_TYPE_FEED, FEED_VERSION, FEED_BASE, FEED_LENGTH),
        new RegisterBlock(BLK_TYPE_BOOK, BOOK_VERSION, BOOK_BASE, BOOK_LENGTH),
        new RegisterBlock(BLK_TYPE_TRIGGER, TRIGGER_VERSION, TRIGGER_BASE, TRIGGER_LENGTH),
        new RegisterBlock(BLK_TYPE_LATENCY, LATENCY_VERSION, LATENCY_BASE, LATENCY_LENGTH));

    private final ReferenceCard card = new ReferenceCard();

    @Test
    void walkerFindsTheHeadersBlocksOnTheReferenceCard()
    {
        final List<RegisterBlock> blocks = new RegisterBlockWalker().walk(card);
        assertEquals(HEADER_LAYOUT, blocks);
        assertEquals(RISK_BASE, RegisterBlockWalker.find(blocks, BLK_TYPE_RISK).base());
        assertEquals(null, RegisterBlockWalker.find(blocks, 0x7F));
    }

    @Test
    void identityDescribesTheReferenceModel()
    {
        final CardIdentity identity = CardIdentity.read(card);
        assertEquals(NIC_HEADER_VERSION, identity.headerVersion());
        assertEquals(ReferenceCard.FEATURES, identity.features());
        assertTrue(identity.hasFeature(FEATURE_RX_SBE));
        assertTrue(identity.hasFeature(FEATURE_RISK_GATE));
        assertTrue(identity.hasFeature(FEATURE_TRIGGERS));
        assertTrue(identity.hasFeature(FEATURE_BOOK));
        assertTrue(identity.hasFeature(FEATURE_LATENCY_STATS));
        assertEquals(322_266, identity.clockKhz());
        assertEquals(0x1234, CardIdentity.read(new ReferenceCard(new ReferenceCard.Context().buildId(0x1234))).buildId());
    }

    @Test
    void identityRefusesAWrongMagicNamingTheValueRead()
    {
        final IllegalStateException ex = assertThrows(IllegalStateException.class,
            () -> CardIdentity.read(new PatchedRegisters(card).patch(ID_MAGIC, 0xDEADBEEF)));
        assertTrue(ex.getMessage().contains("0xdeadbeef"), ex.getMessage());
    }

    @Test
    void identityRefusesAnotherHeaderVersion()
    {
        final IllegalStateException ex = assertThrows(IllegalStateException.class,
            () -> CardIdentity.read(new PatchedRegisters(card).patch(ID_HEADER_VERSION, 2)));
        assertTrue(ex.getMessage().contains("version 2"), ex.getMessage());
        assertThrows(IllegalStateException.class,
            () -> CardIdentity.read(new PatchedRegisters(card).patch(ID_ORDER_SLOT_SIZE, 512)));
        assertThrows(IllegalStateException.class,
            () -> CardIdentity.read(new PatchedRegisters(card).patch(BLK_HDR_TYPE, BLK_TYPE_RISK)));
    }

    @Test
    void walkerRefusesLoopsAndAddressesOutsideTheRegisterSpace()
    {
        final RegisterBlockWalker walker = new RegisterBlockWalker(0x1000);
        final IllegalStateException loop = assertThrows(IllegalStateException.class,
            () -> walker.walk(new PatchedRegisters(card).patch(COUNTERS_BASE + BLK_HDR_NEXT, RISK_BASE)));
        assertTrue(loop.getMessage().contains("loops"), loop.getMessage());

        final IllegalStateException selfLoop = assertThrows(IllegalStateException.class,
            () -> walker.walk(new PatchedRegisters(card).patch(RISK_BASE + BLK_HDR_NEXT, RISK_BASE)));
        assertTrue(selfLoop.getMessage().contains("loops"), selfLoop.getMessage());

        final IllegalStateException outside = assertThrows(IllegalStateException.class,
            () -> walker.walk(new PatchedRegisters(card).patch(RISK_BASE + BLK_HDR_NEXT, 0x2000)));
        assertTrue(outside.getMessage().contains("0x2000"), outside.getMessage());

        assertThrows(IllegalStateException.class,
            () -> walker.walk(new PatchedRegisters(card).patch(RISK_BASE + BLK_HDR_NEXT, 0x82)));
        assertThrows(IllegalStateException.class,
            () -> walker.walk(new PatchedRegisters(card).patch(RISK_BASE + BLK_HDR_LENGTH, 0)));
        assertThrows(IllegalStateException.class,
            () -> walker.walk(new PatchedRegisters(card).patch(RISK_BASE + BLK_HDR_LENGTH, 0x1000)));
        final IllegalStateException overlap = assertThrows(IllegalStateException.class,
            () -> walker.walk(new PatchedRegisters(card).patch(RISK_BASE + BLK_HDR_NEXT, 0x70)
                .patch(0x70 + BLK_HDR_TYPE, BLK_TYPE_COUNTERS).patch(0x70 + BLK_HDR_LENGTH, 0x40)));
        assertTrue(overlap.getMessage().contains("overlaps"), overlap.getMessage());
    }

    @Test
    void resetStateLetsNothingOut()
    {
        assertEquals(RISK_CONTROL_KILL, card.readRegister(RISK_BASE + RISK_CONTROL));
        for (int offset = RISK_VENUE_ENABLE; offset < RISK_LENGTH; offset += 4)
        {
            assertEquals(0, card.readRegister(RISK_BASE + offset), "risk register 0x" + Integer.toHexString(offset));
        }
        for (int offset = CNT_REASON_BASE; offset < CNT_CYCLES_LO; offset += 4)
        {
            assertEquals(0, card.readRegister(COUNTERS_BASE + offset));
        }
    }

    @Test
    void onlyScratchAndRiskRegistersAreWritable()
    {
        card.writeRegister(ID_SCRATCH, 0xCAFE_F00D);
        assertEquals(0xCAFE_F00D, card.readRegister(ID_SCRATCH));

        card.writeRegister(ID_MAGIC, 0);
        card.writeRegister(RISK_BASE + BLK_HDR_TYPE, 9);
        card.writeRegister(COUNTERS_BASE + CNT_ORDERS_SENT, 9);
        card.writeRegister(COUNTERS_BASE + CNT_CYCLES_LO, 9);
        assertEquals(NIC_MAGIC, card.readRegister(ID_MAGIC));
        assertEquals(BLK_TYPE_RISK, card.readRegister(RISK_BASE + BLK_HDR_TYPE));
        assertEquals(0, card.readRegister(COUNTERS_BASE + CNT_ORDERS_SENT));
        assertEquals(0, card.readRegister(COUNTERS_BASE + CNT_CYCLES_LO));

        card.writeRegister(RISK_BASE + RISK_COLLAR_BPS, 25);
        card.writeRegister(RISK_BASE + RISK_THROTTLE_REFILL, 322);
        assertEquals(25, card.readRegister(RISK_BASE + RISK_COLLAR_BPS));
        assertEquals(322, card.readRegister(RISK_BASE + RISK_THROTTLE_REFILL));
    }

    @Test
    void enableAndControlRegistersKeepOnlyTheBitsTheCardHas()
    {
        card.writeRegister(RISK_BASE + RISK_CONTROL, 0xFFFF_FFFE);
        assertEquals(0, card.readRegister(RISK_BASE + RISK_CONTROL));
        card.writeRegister(RISK_BASE + RISK_VENUE_ENABLE, -1);
        card.writeRegister(RISK_BASE + RISK_INSTRUMENT_ENABLE, -1);
        assertEquals(0xFF, card.readRegister(RISK_BASE + RISK_VENUE_ENABLE));
        assertEquals(0xFFFF, card.readRegister(RISK_BASE + RISK_INSTRUMENT_ENABLE));
    }

    @Test
    void sixtyFourBitLimitsTakeEffectOnTheHighWordWrite()
    {
        card.writeRegister64(RISK_BASE + RISK_MAX_QTY_LO, 0x1_0000_0000L);
        card.writeRegister(RISK_BASE + RISK_MAX_QTY_LO, 0xFFFF_FFFF);
        assertEquals(0x1_0000_0000L, card.readRegister64(RISK_BASE + RISK_MAX_QTY_LO), "low word only staged");
        card.writeRegister(RISK_BASE + RISK_MAX_QTY_HI, 0);
        assertEquals(0xFFFF_FFFFL, card.readRegister64(RISK_BASE + RISK_MAX_QTY_LO));
    }

    @Test
    void cycleCounterRegistersFollowTheClock()
    {
        card.advanceClock(0x1_2345_6789L);
        assertEquals(0x1_2345_6789L, card.readRegister64(COUNTERS_BASE + CNT_CYCLES_LO));
        assertEquals(0x1_2345_6789L, card.cycles());
        assertThrows(IllegalArgumentException.class, () -> card.advanceClock(-1));
    }

    @Test
    void backendsOpenTheReferenceCardAndExplainTheOthers()
    {
        try (Card reference = CardBackends.open("reference"))
        {
            assertEquals("reference", reference.backendName());
            assertEquals(HEADER_LAYOUT, new RegisterBlockWalker().walk(reference));
        }

        if (VerilatorCardRegisters.isAvailable())
        {
            try (Card verilator = CardBackends.open("verilator"))
            {
                assertEquals("verilator", verilator.backendName());
                assertEquals(HEADER_LAYOUT, new RegisterBlockWalker().walk(verilator));
            }
        }

        final IllegalStateException pcie = assertThrows(IllegalStateException.class, () -> CardBackends.open("pcie"));
        assertTrue(pcie.getMessage().contains("no PCIe card driver"), pcie.getMessage());

        assertThrows(IllegalArgumentException.class, () -> CardBackends.open("fpga"));
    }

    @Test
    void closedCardRefusesWork()
    {
        card.close();
        assertThrows(IllegalStateException.class, card::process);
    }
}
