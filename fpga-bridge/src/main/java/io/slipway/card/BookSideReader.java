package io.slipway.card;

import static io.slipway.card.NicLayout.*;

/**
 * Reads one side of one book slot through the {@code BOOK} register block, on any backend: writes
 * {@code SELECT}, reads {@code SELECT} back three times (which covers the 4 cycles the RTL needs to copy the
 * side on any bus with reads of one cycle or more) and then the {@code SNAP_*} registers. Reusable; one instance per thread.
 */
public final class BookSideReader
{
    private final long[] prices = new long[BOOK_LEVELS];
    private final long[] quantities = new long[BOOK_LEVELS];
    private int status;
    private int updates;
    private long sequence;

    /**
     * Reads a slot's side into this reader.
     *
     * @param registers the card's registers.
     * @param blockBase address of the {@code BOOK} block ({@link NicLayout#BOOK_BASE} on a card).
     * @param slot      0 to {@link NicLayout#BOOK_SLOTS} - 1.
     * @param bid       the bid side, else the ask side.
     * @return this reader.
     */
    public BookSideReader read(final CardRegisters registers, final int blockBase, final int slot, final boolean bid)
    {
        if (slot < 0 || slot >= BOOK_SLOTS)
        {
            throw new IllegalArgumentException("book slot must be 0.." + (BOOK_SLOTS - 1) + ": " + slot);
        }
        final int select = slot | (bid ? BOOK_SELECT_BID : 0);
        registers.writeRegister(blockBase + BOOK_SELECT, select);
        // Three reads back: the copy is taken 4 cycles after the write, and a bus with 1-cycle reads
        // (the book stage alone) issues the third read 3 cycles after it.
        registers.readRegister(blockBase + BOOK_SELECT);
        registers.readRegister(blockBase + BOOK_SELECT);
        final int echoed = registers.readRegister(blockBase + BOOK_SELECT);
        if (echoed != select)
        {
            throw new IllegalStateException("book SELECT reads back 0x" + Integer.toHexString(echoed) +
                " after writing 0x" + Integer.toHexString(select));
        }
        status = registers.readRegister(blockBase + BOOK_SNAP_STATUS);
        updates = registers.readRegister(blockBase + BOOK_SNAP_UPDATES);
        sequence = registers.readRegister64(blockBase + BOOK_SNAP_SEQUENCE_LO);
        for (int i = 0; i < BOOK_LEVELS; i++)
        {
            final int level = blockBase + BOOK_SNAP_LEVELS + BOOK_LEVEL_STRIDE * i;
            prices[i] = registers.readRegister64(level);
            quantities[i] = registers.readRegister64(level + 8);
        }
        return this;
    }

    /** Rebuilt from a snapshot with no gap since. */
    public boolean isValid()
    {
        return 0 != (status & BOOK_STATUS_VALID);
    }

    public boolean isEnabled()
    {
        return 0 != (status & BOOK_STATUS_ENABLED);
    }

    /** Levels held on the side read, 0 to {@link NicLayout#BOOK_LEVELS}. */
    public int levels()
    {
        return (status >>> BOOK_STATUS_COUNT_SHIFT) & 0xF;
    }

    public int status()
    {
        return status;
    }

    /** {@code BOOK_LEVEL} records applied to the slot (wraps at 2^32). */
    public int updates()
    {
        return updates;
    }

    /** Sequence of the snapshot the slot was last rebuilt from. */
    public long snapshotSequence()
    {
        return sequence;
    }

    /** Price of level {@code i} (0 = best); 0 beyond {@link #levels()}. */
    public long price(final int i)
    {
        return prices[i];
    }

    public long quantity(final int i)
    {
        return quantities[i];
    }

    @Override
    public String toString()
    {
        final StringBuilder sb = new StringBuilder("status=0x").append(Integer.toHexString(status))
            .append(" updates=").append(updates).append(" sequence=").append(sequence).append(" levels=[");
        for (int i = 0; i < levels(); i++)
        {
            sb.append(i == 0 ? "" : ", ").append(prices[i]).append('x').append(quantities[i]);
        }
        return sb.append(']').toString();
    }
}
