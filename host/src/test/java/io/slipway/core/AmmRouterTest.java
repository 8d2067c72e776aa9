package io.slipway.core;

import io.slipway.core.rfq.AmmCurve;
import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.domain.Side;
import io.slipway.sim.market.AmmPool;
import io.slipway.venue.VenueKind;
import io.slipway.venue.VenueRules;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The AMM split: the pool is used when its curve, fee and gas beat the lit books, and not otherwise. */
class AmmRouterTest
{
    private static final Instrument BTC = Instruments.BTC_USD;
    private static final double FEE = 0.003;
    private static final double POOL_PRICE = 60_000.0;
    private static final double RESERVE = 500.0;

    private final TradingVenue[] venues = new TradingVenue[8];
    private final VenueBook[][] books = new VenueBook[8][16];
    private final AmmRouter router = new AmmRouter();

    AmmRouterTest()
    {
        for (int v = 0; v < 8; v++)
        {
            for (int i = 0; i < 16; i++)
            {
                books[v][i] = new VenueBook();
            }
        }
        venues[1] = new TradingVenue(1, "SIMA").rules(BTC, new VenueRules(1, 10, 10, 5.0, 0.0002, 0.0005));
        venues[6] = new TradingVenue(6, "AMM", VenueKind.AMM, 5.0)
            .rules(BTC, new VenueRules(1, 10, 10, 10.0, FEE, FEE));
        // The pool's book exactly as it publishes it: P (1 - f) and P / (1 - f), sizes moving P by 10 bps.
        final double move = Math.sqrt(1 + AmmCurve.DEPTH_BPS * 1e-4);
        books[6][BTC.id()].onBbo(BTC.priceFromDouble(POOL_PRICE * (1 - FEE)),
            BTC.qtyFromDouble(RESERVE * (move - 1) / (1 - FEE)), BTC.priceFromDouble(POOL_PRICE / (1 - FEE)),
            BTC.qtyFromDouble(RESERVE * (1 - 1 / move)), 0);
    }

    private void litBid(final double price, final double qty)
    {
        books[1][BTC.id()].onBbo(BTC.priceFromDouble(price), BTC.qtyFromDouble(qty), BTC.priceFromDouble(price + 1),
            BTC.qtyFromDouble(qty), 0);
    }

    private boolean choose(final double qty)
    {
        return router.choose(BTC, Side.SELL, BTC.qtyFromDouble(qty), 0, venues, books, 1 << 1, 1 << 6, 10.0);
    }

    @Test
    void theCurveInferredFromTheBookPricesSwapsAsThePoolSettlesThem()
    {
        final AmmCurve curve = new AmmCurve();
        final VenueBook book = books[6][BTC.id()];
        assertTrue(curve.fromBbo(BTC.priceToDouble(book.bids().bestPrice()), BTC.qtyToDouble(book.bids().quantity(0)),
            BTC.priceToDouble(book.asks().bestPrice()), BTC.qtyToDouble(book.asks().quantity(0)), FEE));
        assertEquals(RESERVE, curve.baseReserve(), RESERVE * 1e-4);
        assertEquals(AmmPool.quoteOutForBaseIn(RESERVE, RESERVE * POOL_PRICE, 2.0, FEE), curve.quoteOutForBaseIn(2.0),
            POOL_PRICE * 2 * 1e-5);
        assertEquals(AmmPool.quoteInForBaseOut(RESERVE, RESERVE * POOL_PRICE, 2.0, FEE), curve.quoteInForBaseOut(2.0),
            POOL_PRICE * 2 * 1e-5);
    }

    @Test
    void chosenWhenCheaperThanTheLitBooks()
    {
        // Lit bid 50 bps under the pool's price plus a 5 bps taker fee; the pool charges 30 bps plus curve and gas.
        litBid(59_700, 100);
        assertTrue(choose(2.0));
        assertEquals(6, router.venueId());
        assertTrue(router.quantity() > 0 && router.quantity() <= BTC.qtyFromDouble(2.0));
        assertTrue(router.savingPerUnit() > 0);
        // The protection price lets the pool move 10 bps, no more.
        final double execution = POOL_PRICE / (1 + router.quantity() / 1e6 * (1 - FEE) / RESERVE);
        assertEquals(execution * (1 - 10e-4), BTC.priceToDouble(router.limitPrice()), 0.02);
    }

    @Test
    void notChosenWhenTheLitBooksAreCheaper()
    {
        litBid(59_999, 100);
        assertFalse(choose(2.0));
        assertEquals(0, router.quantity());
    }

    @Test
    void gasKeepsSmallSlicesOffThePool()
    {
        // About 72 bps all-in on the lit venue; the pool's fee and curve cost 30 to 50 bps for up to 1 BTC, so
        // 1 BTC pays its 5 USD of gas (under 1 bps) easily; 0.005 BTC (300 USD, gas 167 bps) does not.
        litBid(59_600, 100);
        assertTrue(choose(1.0));
        assertFalse(choose(0.005));
    }

    @Test
    void theParentsLimitBoundsTheProtectionPrice()
    {
        litBid(59_700, 100);
        assertFalse(router.choose(BTC, Side.SELL, BTC.qtyFromDouble(2.0), BTC.priceFromDouble(59_990), venues, books,
            1 << 1, 1 << 6, 10.0), "a sale limited at 59,990 cannot accept the pool's 59,7xx protection");
    }
}
