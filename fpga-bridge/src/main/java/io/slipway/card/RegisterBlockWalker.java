package io.slipway.card;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static io.slipway.card.NicLayout.*;

/**
 * Discovers a card's register blocks by walking from address 0: each block header names the
 * next block's address, 0 ending the chain. A broken chain (a loop, an address outside the
 * register space, overlapping or undersized blocks) fails with a message that says where, rather
 * than hanging or reading garbage.
 */
public final class RegisterBlockWalker
{
    /** Register space the walker accepts addresses within unless told otherwise. */
    public static final int DEFAULT_ADDRESS_LIMIT = 1 << 20;
    /** A card holding more blocks than this is taken as a corrupt chain. */
    public static final int MAX_BLOCKS = 256;

    private final int addressLimit;

    public RegisterBlockWalker()
    {
        this(DEFAULT_ADDRESS_LIMIT);
    }

    /**
     * @param addressLimit size of the register space in bytes; every block must lie below it.
     */
    public RegisterBlockWalker(final int addressLimit)
    {
        if (addressLimit < BLK_HDR_SIZE)
        {
            throw new IllegalArgumentException("addressLimit must hold at least one block header: " + addressLimit);
        }
        this.addressLimit = addressLimit;
    }

    /** Walks the chain from address 0 and returns the blocks in chain order. */
    public List<RegisterBlock> walk(final CardRegisters registers)
    {
        final List<RegisterBlock> blocks = new ArrayList<>();
        int base = IDENTITY_BASE;
        while (true)
        {
            if (blocks.size() == MAX_BLOCKS)
            {
                throw new IllegalStateException("register block chain longer than " + MAX_BLOCKS + " blocks: " + blocks);
            }

            final int type = registers.readRegister(base + BLK_HDR_TYPE);
            final int version = registers.readRegister(base + BLK_HDR_VERSION);
            final int next = registers.readRegister(base + BLK_HDR_NEXT);
            final int length = registers.readRegister(base + BLK_HDR_LENGTH);
            final RegisterBlock block = new RegisterBlock(type, version, base, length);

            if (length < BLK_HDR_SIZE || (length & 3) != 0 || Integer.toUnsignedLong(base) + Integer.toUnsignedLong(length) >
                addressLimit)
            {
                throw new IllegalStateException("register block at 0x" + Integer.toHexString(base) +
                    " has invalid length 0x" + Integer.toHexString(length) + " (register space 0x" +
                    Integer.toHexString(addressLimit) + "): " + block);
            }
            for (final RegisterBlock seen : blocks)
            {
                if (overlaps(seen, block))
                {
                    throw new IllegalStateException("register block " + block + " overlaps " + seen);
                }
            }
            blocks.add(block);

            if (0 == next)
            {
                return Collections.unmodifiableList(blocks);
            }
            if ((next & 3) != 0 || Integer.compareUnsigned(next, addressLimit - BLK_HDR_SIZE) > 0)
            {
                throw new IllegalStateException("register block at 0x" + Integer.toHexString(base) +
                    " names next block 0x" + Integer.toHexString(next) + ", outside the register space 0x0..0x" +
                    Integer.toHexString(addressLimit - 1) + " or unaligned");
            }
            for (final RegisterBlock seen : blocks)
            {
                if (seen.base() == next)
                {
                    throw new IllegalStateException("register block chain loops: block at 0x" +
                        Integer.toHexString(base) + " names 0x" + Integer.toHexString(next) + " again, after " + blocks);
                }
            }
            base = next;
        }
    }

    /** First block of a type, or null if the card has none. */
    public static RegisterBlock find(final List<RegisterBlock> blocks, final int type)
    {
        for (final RegisterBlock block : blocks)
        {
            if (block.type() == type)
            {
                return block;
            }
        }

        return null;
    }

    private static boolean overlaps(final RegisterBlock a, final RegisterBlock b)
    {
        final long aEnd = Integer.toUnsignedLong(a.base()) + Integer.toUnsignedLong(a.length());
        final long bEnd = Integer.toUnsignedLong(b.base()) + Integer.toUnsignedLong(b.length());
        return Integer.toUnsignedLong(a.base()) < bEnd && Integer.toUnsignedLong(b.base()) < aEnd;
    }
}
