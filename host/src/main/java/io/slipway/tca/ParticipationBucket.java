package io.slipway.tca;

/**
 * Our fills against all prints in one {@link ExecutionRecord#BUCKET_NS} bucket of the order's window.
 *
 * @param offsetNs     bucket start, from the order's start
 * @param filled       our filled quantity in the bucket
 * @param marketVolume every print on every venue in the bucket, ours included
 */
public record ParticipationBucket(long offsetNs, double filled, double marketVolume)
{
    public double rate()
    {
        return marketVolume == 0 ? 0.0 : filled / marketVolume;
    }
}
