package io.slipway.card;

import static io.slipway.card.NicLayout.*;

/**
 * The card's identity block, read once at attach time. {@link #read(CardRegisters)} refuses a
 * card that is not a Slipway card or was built against another version of the header, because
 * every record layout the host uses depends on it.
 */
public final class CardIdentity
{
    private final int headerVersion;
    private final int buildId;
    private final int features;
    private final int clockKhz;
    private final int mdRecordSize;
    private final int orderSlotSize;
    private final int completionRecordSize;

    private CardIdentity(
        final int headerVersion,
        final int buildId,
        final int features,
        final int clockKhz,
        final int mdRecordSize,
        final int orderSlotSize,
        final int completionRecordSize)
    {
        this.headerVersion = headerVersion;
        this.buildId = buildId;
        this.features = features;
        this.clockKhz = clockKhz;
        this.mdRecordSize = mdRecordSize;
        this.orderSlotSize = orderSlotSize;
        this.completionRecordSize = completionRecordSize;
    }

    /**
     * Reads and checks the identity block at {@link NicLayout#IDENTITY_BASE}.
     *
     * @throws IllegalStateException naming the value read if the block type, magic, header version or
     *                               record sizes are not the ones this host was built against.
     */
    public static CardIdentity read(final CardRegisters registers)
    {
        final int type = registers.readRegister(IDENTITY_BASE + BLK_HDR_TYPE);
        if (BLK_TYPE_IDENTITY != type)
        {
            throw new IllegalStateException("register block at 0x0 has type 0x" + Integer.toHexString(type) +
                ", expected the identity block type 0x" + Integer.toHexString(BLK_TYPE_IDENTITY));
        }

        final int magic = registers.readRegister(IDENTITY_BASE + ID_MAGIC);
        if (NIC_MAGIC != magic)
        {
            throw new IllegalStateException("not a Slipway card: identity magic reads 0x" + Integer.toHexString(magic) +
                ", expected 0x" + Integer.toHexString(NIC_MAGIC) + " (\"SLPW\")");
        }

        final int headerVersion = registers.readRegister(IDENTITY_BASE + ID_HEADER_VERSION);
        if (NIC_HEADER_VERSION != headerVersion)
        {
            throw new IllegalStateException("card built against slipway_nic.h version " +
                Integer.toUnsignedString(headerVersion) + ", host built against version " + NIC_HEADER_VERSION);
        }

        final CardIdentity identity = new CardIdentity(
            headerVersion,
            registers.readRegister(IDENTITY_BASE + ID_BUILD_ID),
            registers.readRegister(IDENTITY_BASE + ID_FEATURES),
            registers.readRegister(IDENTITY_BASE + ID_CLOCK_KHZ),
            registers.readRegister(IDENTITY_BASE + ID_MD_RECORD_SIZE),
            registers.readRegister(IDENTITY_BASE + ID_ORDER_SLOT_SIZE),
            registers.readRegister(IDENTITY_BASE + ID_COMPLETION_RECORD_SIZE));

        checkSize("market-data record size", identity.mdRecordSize, MD_RECORD_SIZE);
        checkSize("order slot size", identity.orderSlotSize, ORDER_SLOT_SIZE);
        checkSize("completion record size", identity.completionRecordSize, COMPLETION_RECORD_SIZE);

        return identity;
    }

    public int headerVersion()
    {
        return headerVersion;
    }

    public int buildId()
    {
        return buildId;
    }

    public int features()
    {
        return features;
    }

    public boolean hasFeature(final int feature)
    {
        return (features & feature) == feature;
    }

    public int clockKhz()
    {
        return clockKhz;
    }

    public int mdRecordSize()
    {
        return mdRecordSize;
    }

    public int orderSlotSize()
    {
        return orderSlotSize;
    }

    public int completionRecordSize()
    {
        return completionRecordSize;
    }

    public String toString()
    {
        return "CardIdentity{headerVersion=" + headerVersion + ", buildId=0x" + Integer.toHexString(buildId) +
            ", features=0x" + Integer.toHexString(features) + ", clockKhz=" + clockKhz + '}';
    }

    private static void checkSize(final String name, final int read, final int expected)
    {
        if (read != expected)
        {
            throw new IllegalStateException("card " + name + " reads " + Integer.toUnsignedString(read) +
                ", this host's slipway_nic.h says " + expected);
        }
    }
}
