package io.slipway.card;

import static io.slipway.card.NicLayout.*;

/**
 * The latency register block ({@code SLIPWAY_LATENCY_*} in {@code slipway_nic.h}) of the reference
 * card: count, min, max and sum in cycles per path, with the RTL's register semantics (MIN reads
 * 0xFFFFFFFF while COUNT is 0, a sample above 0xFFFFFFFF counts as 0xFFFFFFFF, SUM_LO latches
 * SUM_HI, CLEAR per path). The reference card measures each sample directly from its cycle model,
 * so no start is ever left open and OVERFLOW stays 0. Offsets are relative to
 * {@link NicLayout#LATENCY_BASE}.
 */
public final class ReferenceLatencyStats
{
    private final int[] count = new int[LATENCY_PATHS];
    private final int[] min = new int[LATENCY_PATHS];
    private final int[] max = new int[LATENCY_PATHS];
    private final long[] sum = new long[LATENCY_PATHS];
    private final int[] sumHiLatch = new int[LATENCY_PATHS];

    public ReferenceLatencyStats()
    {
        for (int path = 0; path < LATENCY_PATHS; path++)
        {
            clear(path);
        }
    }

    /** Folds one latency of {@code cycles} into a path's figures. */
    public void record(final int path, final long cycles)
    {
        if (cycles < 0)
        {
            throw new IllegalArgumentException("latency must not be negative: " + cycles);
        }
        final int sample = (int)Math.min(cycles, 0xFFFF_FFFFL);
        count[path]++;
        sum[path] += Integer.toUnsignedLong(sample);
        if (Integer.compareUnsigned(sample, min[path]) < 0)
        {
            min[path] = sample;
        }
        if (Integer.compareUnsigned(sample, max[path]) > 0)
        {
            max[path] = sample;
        }
    }

    private void clear(final int path)
    {
        count[path] = 0;
        min[path] = 0xFFFF_FFFF;
        max[path] = 0;
        sum[path] = 0;
    }

    /** Reads a register at an offset inside the block; reserved offsets read 0. */
    public int readRegister(final int offset)
    {
        if (offset >= LATENCY_PATH_BASE && offset < LATENCY_PATH_BASE + LATENCY_PATH_STRIDE * LATENCY_PATHS)
        {
            final int path = (offset - LATENCY_PATH_BASE) / LATENCY_PATH_STRIDE;
            switch ((offset - LATENCY_PATH_BASE) % LATENCY_PATH_STRIDE)
            {
                case LAT_COUNT:
                    return count[path];
                case LAT_MIN:
                    return min[path];
                case LAT_MAX:
                    return max[path];
                case LAT_SUM_LO:
                    sumHiLatch[path] = (int)(sum[path] >>> 32);
                    return (int)sum[path];
                case LAT_SUM_HI:
                    return sumHiLatch[path];
                default:
                    return 0;
            }
        }
        switch (offset)
        {
            case BLK_HDR_TYPE:
                return BLK_TYPE_LATENCY;
            case BLK_HDR_VERSION:
                return LATENCY_VERSION;
            case BLK_HDR_LENGTH:
                return LATENCY_LENGTH;
            default:
                return 0; // NEXT = 0 (last block), CLEAR reads 0, OVERFLOW never set here
        }
    }

    /** Writes a register at an offset inside the block: only CLEAR takes writes. */
    public void writeRegister(final int offset, final int value)
    {
        if (LATENCY_CLEAR == offset)
        {
            for (int path = 0; path < LATENCY_PATHS; path++)
            {
                if (0 != (value & (1 << path)))
                {
                    clear(path);
                }
            }
        }
    }
}
