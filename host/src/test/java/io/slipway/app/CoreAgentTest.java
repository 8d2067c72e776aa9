package io.slipway.app;

import io.slipway.card.NicLayout;
import io.slipway.card.ReferenceCard;
import io.slipway.core.CoreContext;
import io.slipway.core.ExecutionCore;
import io.slipway.core.TradingVenue;
import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.domain.OrderType;
import io.slipway.domain.Side;
import io.slipway.oms.ExecType;
import io.slipway.oms.NewParentOrder;
import io.slipway.oms.OmsLink;
import io.slipway.oms.ParentOrderReport;
import io.slipway.sim.market.BinanceSbeEncoder;
import io.slipway.sim.market.SimOrderEntryCodec;
import io.slipway.sim.market.SimOrderEntryDecoder;
import io.slipway.venue.OrderEntryEncoder;
import io.slipway.venue.Venue;
import io.slipway.venue.VenueKind;
import io.slipway.venue.VenueRules;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Live mode: the same execution core driven by an Agrona agent on its own thread and the real
 * clock. Market data enters through the reference card, the OMS command through the OmsLink,
 * the child order leaves through the card's risk gate to a venue port, and the venue's fill
 * comes back through the VenueReportQueue as an ExecutionReport.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CoreAgentTest
{
    private static final Instrument BTC = Instruments.BTC_USD;
    private static final int VENUE = 1;

    /** The far end of venue port 1: decodes what left the card. */
    static final class PortCapture implements Venue
    {
        final ConcurrentLinkedQueue<String> orders = new ConcurrentLinkedQueue<>();
        private final SimOrderEntryDecoder decoder = new SimOrderEntryDecoder();

        public int id()
        {
            return VENUE;
        }

        public String name()
        {
            return "SIMA";
        }

        public VenueKind kind()
        {
            return VenueKind.EXCHANGE;
        }

        public VenueRules rules(final Instrument instrument)
        {
            return new VenueRules(1, 10, 10, 5.0, 0.0002, 0.0005);
        }

        public int marketDataChannel(final Instrument instrument)
        {
            return NicLayout.channel(VENUE, instrument.id());
        }

        public OrderEntryEncoder orderEntryEncoder()
        {
            return new SimOrderEntryCodec();
        }

        public void onOrderMessage(final DirectBuffer buffer, final int offset, final int length)
        {
            assertTrue(decoder.decode(buffer, offset, length), decoder.error());
            orders.add(decoder.clientOrderId() + " " + decoder.side() + " " + decoder.orderType() + " " +
                decoder.price() + " " + decoder.quantity());
        }
    }

    @Test
    void agentWorksAnOrderOnTheRealClock() throws Exception
    {
        final ReferenceCard card = new ReferenceCard();
        CardRiskLimits.simulationDefaults().applyAndArm(card);
        final PortCapture port = new PortCapture();
        final OmsLink omsLink = new OmsLink(64);
        final VenueReportQueue venueReports = new VenueReportQueue(64);
        final ExecutionCore core = new ExecutionCore(new CoreContext(),
            List.of(TradingVenue.of(port, List.of(BTC))), new CardOrderGateway(card,
            new OrderEntryEncoder[]{null, port.orderEntryEncoder(), null, null, null, null, null, null}),
            omsLink::offerReport, record -> { });
        final CardEventDispatcher dispatcher = new CardEventDispatcher(card, core, new Venue[]{null, port});

        // A feed handler's job: one best bid/ask for BTC on venue 1 into the card's ingress path.
        final UnsafeBuffer sbe = new UnsafeBuffer(new byte[256]);
        final int length = BinanceSbeEncoder.encodeBestBidAsk(sbe, 0, 1, 1, BTC.priceFromDouble(60_000),
            BTC.qtyFromDouble(5), BTC.priceFromDouble(60_000.01), BTC.qtyFromDouble(5),
            "BTCUSDT".getBytes(StandardCharsets.US_ASCII));
        assertTrue(card.offerIngress(NicLayout.channel(VENUE, BTC.id()), sbe, 0, length));

        final long now = new SystemEpochNanoClock().nanoTime();
        assertTrue(omsLink.offerCommand(new NewParentOrder("live-1", "BTC-USD", '2', "1", 1001,
            NewParentOrder.NO_TIME, now + TimeUnit.SECONDS.toNanos(30), null)));

        final CoreAgent agent = new CoreAgent(core, omsLink, venueReports, dispatcher, new SystemEpochNanoClock());
        final List<ParentOrderReport> reports = new ArrayList<>();
        try (AgentRunner runner = new AgentRunner(new BackoffIdleStrategy(), Throwable::printStackTrace, null, agent))
        {
            AgentRunner.startOnThread(runner);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (port.orders.isEmpty() && System.nanoTime() < deadline)
            {
                Thread.sleep(1);
            }
            final String[] order = port.orders.peek().split(" ");
            assertEquals(Side.SELL.name(), order[1]);
            assertEquals(OrderType.IOC.name(), order[2]);
            assertEquals(String.valueOf(BTC.priceFromDouble(60_000)), order[3], "limited at the bid it saw");
            assertEquals(String.valueOf(BTC.qtyFromDouble(1)), order[4], "one slice of a 30 s order");

            // the venue, on its own thread, fills it
            venueReports.onAccepted(VENUE, Long.parseLong(order[0]));
            venueReports.onFill(VENUE, Long.parseLong(order[0]), BTC.priceFromDouble(60_000), BTC.qtyFromDouble(1),
                30.0, false);
            while (reports.size() < 2 && System.nanoTime() < deadline)
            {
                omsLink.drainReports(reports::add, 10);
                Thread.sleep(1);
            }
        }
        assertEquals(ExecType.NEW, reports.get(0).execType());
        assertEquals(ExecType.FILL, reports.get(1).execType());
        assertEquals("SIMA", reports.get(1).lastMarket());
        assertEquals(1, card.readRegister(NicLayout.COUNTERS_BASE + NicLayout.CNT_ORDERS_SENT));
    }
}
