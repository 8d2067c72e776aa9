package io.slipway.sim.market;

import io.slipway.domain.Side;

import java.util.ArrayList;
import java.util.List;

/** Records engine events as readable strings and keeps fills for assertions. */
final class RecordingEngineListener implements MatchingEngineListener
{
    record Trade(Side takerSide, int takerOwner, long takerId, int makerOwner, long makerId, long price, long quantity,
        double takerFee, double makerFee)
    {
    }

    final List<String> events = new ArrayList<>();
    final List<Trade> trades = new ArrayList<>();

    @Override
    public void onAccepted(final int instrumentId, final int owner, final long clientOrderId, final long timeNs)
    {
        events.add("accepted " + owner + "/" + clientOrderId);
    }

    @Override
    public void onTrade(
        final int instrumentId,
        final Side takerSide,
        final int takerOwner,
        final long takerClientOrderId,
        final int makerOwner,
        final long makerClientOrderId,
        final long price,
        final long quantity,
        final double takerFee,
        final double makerFee,
        final long timeNs)
    {
        events.add("trade " + takerOwner + "/" + takerClientOrderId + " x " + makerOwner + "/" + makerClientOrderId +
            " " + quantity + "@" + price);
        trades.add(new Trade(takerSide, takerOwner, takerClientOrderId, makerOwner, makerClientOrderId, price, quantity,
            takerFee, makerFee));
    }

    @Override
    public void onDone(
        final int instrumentId,
        final int owner,
        final long clientOrderId,
        final long releasedQuantity,
        final long timeNs)
    {
        events.add("done " + owner + "/" + clientOrderId + " released " + releasedQuantity);
    }

    void clear()
    {
        events.clear();
        trades.clear();
    }
}
