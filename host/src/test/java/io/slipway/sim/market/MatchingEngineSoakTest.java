package io.slipway.sim.market;

import io.slipway.domain.Instruments;
import io.slipway.domain.OrderType;
import io.slipway.domain.Side;
import io.slipway.venue.VenueRules;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A long random stream of orders and cancels keeps the engine's books consistent: every accepted
 * order is either done or still resting. Speed is measured in bench/ (JMH), not here.
 */
class MatchingEngineSoakTest
{
    private static final class CountingListener implements MatchingEngineListener
    {
        long accepted;
        long trades;
        long done;

        @Override
        public void onAccepted(final int instrumentId, final int owner, final long clientOrderId, final long timeNs)
        {
            accepted++;
        }

        @Override
        public void onTrade(final int instrumentId, final Side takerSide, final int takerOwner,
            final long takerClientOrderId, final int makerOwner, final long makerClientOrderId, final long price,
            final long quantity, final double takerFee, final double makerFee, final long timeNs)
        {
            trades++;
        }

        @Override
        public void onDone(final int instrumentId, final int owner, final long clientOrderId,
            final long releasedQuantity, final long timeNs)
        {
            done++;
        }
    }

    @Test
    void longRandomStreamKeepsEveryOrderAccountedFor()
    {
        final CountingListener listener = new CountingListener();
        final MatchingEngine engine = new MatchingEngine(listener);
        engine.addInstrument(Instruments.BTC_USD, new VenueRules(10, 1_000, 1_000, 5.0, 0.0002, 0.0005));
        final SplittableRandom random = new SplittableRandom(17);
        final int makers = 4;
        final long[] live = new long[4_096];
        int liveCount = 0;
        long id = 0;
        final int requests = 1_000_000;
        for (int i = 0; i < requests; i++)
        {
            final int kind = random.nextInt(10);
            if (kind < 5 || liveCount == 0)
            {
                final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
                final long offset = 10L * random.nextInt(1, 200);
                final long price = side == Side.BUY ? 6_000_000 - offset : 6_000_000 + offset;
                final long clientOrderId = ++id;
                engine.submit((int)(clientOrderId % makers), clientOrderId, 1, side, OrderType.LIMIT, price,
                    1_000L * random.nextInt(1, 100), i);
                if (liveCount < live.length)
                {
                    live[liveCount++] = clientOrderId;
                }
            }
            else if (kind < 9)
            {
                final int at = random.nextInt(liveCount);
                final long clientOrderId = live[at];
                live[at] = live[--liveCount];
                engine.cancel((int)(clientOrderId % makers), clientOrderId, 1, i);
            }
            else
            {
                final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
                final long limit = side == Side.BUY ? 6_100_000 : 5_900_000;
                engine.submit(99, ++id, 1, side, OrderType.IOC, limit, 1_000L * random.nextInt(1, 300), i);
            }
        }
        assertTrue(listener.trades > 30_000, "trades " + listener.trades);
        assertEquals(listener.accepted, listener.done + countResting(engine));
    }

    private static long countResting(final MatchingEngine engine)
    {
        final OrderBook book = engine.book(1);
        long orders = 0;
        for (final Side side : Side.values())
        {
            for (int i = 0; i < book.levelCount(side); i++)
            {
                orders += book.orderCountAt(side, book.levelPrice(side, i));
            }
        }
        return orders;
    }
}
