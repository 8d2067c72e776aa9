package io.slipway.sim.market;

/**
 * A token bucket on simulated time: holds up to burst tokens, refills messagesPerSecond tokens a
 * second, one token per message. Integer arithmetic in nano-tokens, so refills are exact and runs
 * repeat bit for bit.
 */
final class TokenBucket
{
    private static final long SCALE = 1_000_000_000L;

    private final long ratePerSecond;
    private final long capacity;
    private long nanoTokens;
    private long lastNs;

    TokenBucket(final int messagesPerSecond, final int burst, final long nowNs)
    {
        if (messagesPerSecond <= 0 || burst <= 0)
        {
            throw new IllegalArgumentException("rate limit needs positive messagesPerSecond and burst, was " +
                messagesPerSecond + "/s burst " + burst);
        }
        this.ratePerSecond = messagesPerSecond;
        this.capacity = burst * SCALE;
        this.nanoTokens = capacity;
        this.lastNs = nowNs;
    }

    /** Takes one token if there is one at nowNs; returns whether the message may pass. */
    boolean tryTake(final long nowNs)
    {
        refill(nowNs);
        if (nanoTokens < SCALE)
        {
            return false;
        }
        nanoTokens -= SCALE;
        return true;
    }

    /** Whole tokens available at nowNs. */
    long available(final long nowNs)
    {
        refill(nowNs);
        return nanoTokens / SCALE;
    }

    private void refill(final long nowNs)
    {
        final long elapsedNs = nowNs - lastNs;
        if (elapsedNs <= 0)
        {
            return;
        }
        lastNs = nowNs;
        final long missing = capacity - nanoTokens;
        // elapsedNs * rate nano-tokens accrue; compare by division first so the product cannot overflow.
        if (elapsedNs >= missing / ratePerSecond + 1)
        {
            nanoTokens = capacity;
        }
        else
        {
            nanoTokens += elapsedNs * ratePerSecond;
        }
    }
}
