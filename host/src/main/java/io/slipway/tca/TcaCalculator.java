package io.slipway.tca;

import io.slipway.domain.Instrument;
import io.slipway.domain.Side;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Implementation shortfall against the arrival mid (Perold 1988), decomposed into the filled
 * part's price move, fees, and the opportunity cost of what was not filled (valued at the mid
 * when the order finished), plus slippage against the interval VWAP of the whole market.
 */
public final class TcaCalculator
{
    private TcaCalculator()
    {
    }

    public static TcaReport analyse(final ExecutionRecord record)
    {
        final Instrument instrument = record.instrument();
        final int sign = record.side() == Side.BUY ? 1 : -1;
        final double arrival = record.arrivalMid();
        final double orderQty = instrument.qtyToDouble(record.orderQty());

        double filledQty = 0;
        double notional = 0;
        double fees = 0;
        final Map<Integer, double[]> byVenue = new TreeMap<>();
        for (int i = 0; i < record.fillCount(); i++)
        {
            final double qty = instrument.qtyToDouble(record.fillQuantity(i));
            final double px = instrument.priceToDouble(record.fillPrice(i));
            filledQty += qty;
            notional += qty * px;
            fees += record.fillFee(i);
            final double[] v = byVenue.computeIfAbsent(record.fillVenue(i), k -> new double[4]);
            v[0] += 1;
            v[1] += qty;
            v[2] += qty * px;
            v[3] += record.fillFee(i);
        }
        final double avgPx = filledQty == 0 ? 0.0 : notional / filledQty;
        final double paperNotional = orderQty * arrival;
        final double unfilled = orderQty - filledQty;

        final double priceCost = sign * (notional - filledQty * arrival);
        final double opportunityCost = unfilled > 0 ? sign * unfilled * (record.completionMid() - arrival) : 0.0;
        final double priceImpactBps = bps(priceCost, paperNotional);
        final double feesBps = bps(fees, paperNotional);
        final double opportunityBps = bps(opportunityCost, paperNotional);

        final double vwap = record.marketVolume() == 0 ? Double.NaN : record.marketNotional() / record.marketVolume();
        final double vwapSlippageBps = filledQty == 0 || Double.isNaN(vwap) ? 0.0 : sign * (avgPx - vwap) / vwap * 1e4;
        final double participation = record.marketVolume() == 0 ? 0.0 : filledQty / record.marketVolume();

        final List<VenueBreakdown> venues = new ArrayList<>();
        for (final Map.Entry<Integer, double[]> e : byVenue.entrySet())
        {
            final double[] v = e.getValue();
            venues.add(new VenueBreakdown(record.venueName(e.getKey()), (int)v[0], v[1], v[2], v[3],
                filledQty == 0 ? 0.0 : v[1] / filledQty));
        }

        return new TcaReport(record.orderId(), record.clOrdId(), instrument.symbol(), record.side().name(),
            record.strategy(), orderQty, filledQty, orderQty == 0 ? 0.0 : filledQty / orderQty, record.startNs(),
            record.endNs(), record.completedNs(), record.finalStatus(), arrival, avgPx, record.completionMid(),
            priceImpactBps + feesBps + opportunityBps, priceImpactBps, feesBps, opportunityBps, fees, vwap,
            vwapSlippageBps, record.marketVolume(), participation, record.childOrders(), record.childRejectsByCard(),
            venues, record.marketNote());
    }

    private static double bps(final double cost, final double notional)
    {
        return notional == 0 ? 0.0 : cost / notional * 1e4;
    }
}
