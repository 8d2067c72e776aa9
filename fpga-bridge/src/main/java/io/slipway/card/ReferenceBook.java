package io.slipway.card;

import static io.slipway.card.NicLayout.*;

/**
 * The card's price-level book and its register block ({@code SLIPWAY_BOOK_*} in
 * {@code slipway_nic.h}), as the RTL keeps it ({@code hdl-sim/rtl/slipway_book.v}): the top
 * {@link NicLayout#BOOK_LEVELS} levels per side of {@link NicLayout#BOOK_SLOTS} books, each slot
 * following one feed channel, updated from the market-data records the card writes.
 *
 * <p>Per record on an enabled slot's channel: a {@code BOOK_LEVEL} at a held price sets its
 * quantity or, with quantity 0, deletes it; a new price is inserted in order and the worst level
 * falls off a full side; quantity 0 for a price not held, a new price worse than a full side, and a
 * negative quantity change nothing. Levels that fell off are forgotten (top-N only). A
 * {@code FLAG_SNAPSHOT} level clears the slot first when the slot is not valid or the sequence is a
 * new one, and makes it valid. A {@code FEED_STATUS} with {@code FLAG_GAP} makes it not valid. Every
 * {@code BOOK_LEVEL} counts in the slot's update counter.
 *
 * <p>Register access takes no time here: a {@code SELECT} write copies the slot and side into the
 * {@code SNAP_*} registers at once (the RTL needs 2 cycles, which a host covers by reading the
 * block from {@code SELECT} on). Offsets are relative to {@link NicLayout#BOOK_BASE}.
 */
public final class ReferenceBook
{
    private static final int SIDES = 2 * BOOK_SLOTS;
    private static final int CHANNEL_MASK = 0x7F;

    private final boolean[] slotEnabled = new boolean[BOOK_SLOTS];
    private final int[] slotChannel = new int[BOOK_SLOTS];
    private final boolean[] slotValid = new boolean[BOOK_SLOTS];
    private final int[] slotUpdates = new int[BOOK_SLOTS];
    private final long[] slotSequence = new long[BOOK_SLOTS];
    private final long[] prices = new long[SIDES * BOOK_LEVELS];
    private final long[] quantities = new long[SIDES * BOOK_LEVELS];
    private final int[] held = new int[SIDES];
    /** Slot by channel, -1 when no enabled slot follows it. */
    private final int[] slotByChannel = new int[MAX_CHANNELS];

    private int select;
    private int snapStatus;
    private int snapUpdates;
    private long snapSequence;
    private final long[] snapPrices = new long[BOOK_LEVELS];
    private final long[] snapQuantities = new long[BOOK_LEVELS];

    public ReferenceBook()
    {
        java.util.Arrays.fill(slotByChannel, -1);
    }

    /** Applies one market-data record as the book stage sees it go past. */
    public void onRecord(final MarketDataRecord record)
    {
        final int channel = record.channel();
        if (channel >= MAX_CHANNELS)
        {
            return;
        }
        final int slot = slotByChannel[channel];
        if (slot < 0)
        {
            return;
        }

        final int type = record.type();
        final int flags = record.flags();
        if (MD_TYPE_FEED_STATUS == type && 0 != (flags & MD_FLAG_GAP))
        {
            slotValid[slot] = false;
        }
        else if (MD_TYPE_BOOK_LEVEL == type)
        {
            applyLevel(slot, 0 != (flags & MD_FLAG_BID), 0 != (flags & MD_FLAG_SNAPSHOT),
                record.sequence(), record.price0(), record.qty0());
        }
    }

    private void applyLevel(
        final int slot, final boolean bid, final boolean snapshot, final long sequence, final long price, final long qty)
    {
        slotUpdates[slot]++;
        if (snapshot && (!slotValid[slot] || slotSequence[slot] != sequence))
        {
            held[2 * slot] = 0;
            held[2 * slot + 1] = 0;
            slotValid[slot] = true;
            slotSequence[slot] = sequence;
        }
        if (qty < 0)
        {
            return;
        }

        final int side = 2 * slot + (bid ? 1 : 0);
        final int base = side * BOOK_LEVELS;
        final int count = held[side];
        int position = 0;
        while (position < count && isBetter(bid, prices[base + position], price))
        {
            position++;
        }

        if (position < count && prices[base + position] == price)
        {
            if (0 == qty)
            {
                System.arraycopy(prices, base + position + 1, prices, base + position, count - position - 1);
                System.arraycopy(quantities, base + position + 1, quantities, base + position, count - position - 1);
                held[side] = count - 1;
            }
            else
            {
                quantities[base + position] = qty;
            }
        }
        else if (0 != qty && position < BOOK_LEVELS)
        {
            final int moved = Math.min(count, BOOK_LEVELS - 1) - position;
            System.arraycopy(prices, base + position, prices, base + position + 1, moved);
            System.arraycopy(quantities, base + position, quantities, base + position + 1, moved);
            prices[base + position] = price;
            quantities[base + position] = qty;
            held[side] = Math.min(count + 1, BOOK_LEVELS);
        }
    }

    private static boolean isBetter(final boolean bid, final long held, final long price)
    {
        return bid ? held > price : held < price;
    }

    /** Reads a register at an offset inside the block; reserved offsets read 0. */
    public int readRegister(final int offset)
    {
        if (offset >= BOOK_SNAP_LEVELS && offset < BOOK_LENGTH)
        {
            final int word = (offset - BOOK_SNAP_LEVELS) / 4;
            final int level = word / 4;
            final long value = (word & 2) == 0 ? snapPrices[level] : snapQuantities[level];
            return (word & 1) == 0 ? (int)value : (int)(value >>> 32);
        }
        if (offset >= BOOK_SLOT_CHANNEL && offset < BOOK_SLOT_CHANNEL + 4 * BOOK_SLOTS)
        {
            final int slot = (offset - BOOK_SLOT_CHANNEL) / 4;
            return (slotEnabled[slot] ? BOOK_SLOT_ENABLE : 0) | slotChannel[slot];
        }
        switch (offset)
        {
            case BLK_HDR_TYPE:
                return BLK_TYPE_BOOK;
            case BLK_HDR_VERSION:
                return BOOK_VERSION;
            case BLK_HDR_NEXT:
                return TRIGGER_BASE; // the chain runs feed -> book -> trigger
            case BLK_HDR_LENGTH:
                return BOOK_LENGTH;
            case BOOK_SELECT:
                return select;
            case BOOK_GEOMETRY:
                return BOOK_LEVELS | BOOK_SLOTS << 8;
            case BOOK_SNAP_STATUS:
                return snapStatus;
            case BOOK_SNAP_UPDATES:
                return snapUpdates;
            case BOOK_SNAP_SEQUENCE_LO:
                return (int)snapSequence;
            case BOOK_SNAP_SEQUENCE_HI:
                return (int)(snapSequence >>> 32);
            default:
                return 0;
        }
    }

    /**
     * Writes a register at an offset inside the block: {@code SLOT_CHANNEL} (empties the slot; a
     * write enabling a channel another enabled slot follows is ignored) and {@code SELECT}. Other
     * offsets ignore writes.
     */
    public void writeRegister(final int offset, final int value)
    {
        if (offset >= BOOK_SLOT_CHANNEL && offset < BOOK_SLOT_CHANNEL + 4 * BOOK_SLOTS)
        {
            writeSlotChannel((offset - BOOK_SLOT_CHANNEL) / 4, value);
        }
        else if (BOOK_SELECT == offset)
        {
            select = value & (BOOK_SELECT_BID | (BOOK_SLOTS - 1));
            copySelected();
        }
    }

    private void writeSlotChannel(final int slot, final int value)
    {
        final boolean enable = 0 != (value & BOOK_SLOT_ENABLE);
        final int channel = value & CHANNEL_MASK;
        if (enable && slotByChannel[channel] >= 0 && slotByChannel[channel] != slot)
        {
            return;
        }
        if (slotEnabled[slot])
        {
            slotByChannel[slotChannel[slot]] = -1;
        }
        slotEnabled[slot] = enable;
        slotChannel[slot] = channel;
        if (enable)
        {
            slotByChannel[channel] = slot;
        }
        slotValid[slot] = false;
        slotUpdates[slot] = 0;
        slotSequence[slot] = 0;
        held[2 * slot] = 0;
        held[2 * slot + 1] = 0;
    }

    private void copySelected()
    {
        final int slot = select & (BOOK_SLOTS - 1);
        final int side = 2 * slot + ((select & BOOK_SELECT_BID) != 0 ? 1 : 0);
        final int count = held[side];
        for (int i = 0; i < BOOK_LEVELS; i++)
        {
            snapPrices[i] = i < count ? prices[side * BOOK_LEVELS + i] : 0;
            snapQuantities[i] = i < count ? quantities[side * BOOK_LEVELS + i] : 0;
        }
        snapStatus = (slotValid[slot] ? BOOK_STATUS_VALID : 0) | (slotEnabled[slot] ? BOOK_STATUS_ENABLED : 0) |
            count << BOOK_STATUS_COUNT_SHIFT;
        snapUpdates = slotUpdates[slot];
        snapSequence = slotSequence[slot];
    }
}
