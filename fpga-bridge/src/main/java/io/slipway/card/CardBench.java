package io.slipway.card;

import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static io.slipway.card.NicLayout.*;

/**
 * Latency and throughput of the card's TX path, measured in card cycles on the RTL (Verilator,
 * {@link VerilatorCard}), never in wall-clock time. Every figure comes from the model's own cycle
 * counter: completion stamps, the cycle a beat was taken on a stream, the cycle a message's first
 * beat left a venue port. {@link #main(String[])} prints {@link Result#toJson()}.
 */
public final class CardBench
{
    /** Design clock the figures are converted at: 322.266 MHz. */
    public static final double CLOCK_MHZ = ReferenceCard.CLOCK_KHZ / 1000.0;

    private static final int VENUE = 1;
    private static final int INSTRUMENT = ReferenceCard.Context.INSTRUMENT_BTC_USD;
    private static final long BID = 6_183_700L;
    private static final long ASK = 6_183_800L;
    private static final int MESSAGE_BYTES = 24;
    private static final int STREAM_ORDERS = 200;

    private CardBench()
    {
    }

    /**
     * The figures, each in card cycles.
     *
     * @param verdictCycles          {@code CMP_CYCLES_OUT - CMP_CYCLES_IN}: from the cycle the gate accepts a
     *                               complete descriptor to the cycle it commits the verdict (completion
     *                               written, venue message released).
     * @param orderToWireCycles      from the cycle the last beat of an order slot (64-byte descriptor and a
     *                               24-byte message, 11 beats of 8 bytes) is taken on the order stream to
     *                               the cycle the first beat of its message is taken on the venue port.
     * @param tickToTradeCycles      from the cycle the last beat of the BestBidAsk ingress slot that meets
     *                               an armed trigger is taken to the cycle the first beat of the triggered
     *                               order's message is taken on the venue port, no host in between.
     * @param streamCyclesPerOrder   cycles between consecutive verdicts when 200 such order slots are fed
     *                               back to back on the 64-bit order stream: the stream's sustained rate
     *                               (the gate itself takes one descriptor a cycle; see hdl-sim
     *                               tb_slipway_risk_gate).
     * @param streamOrdersPerCycle   1 / streamCyclesPerOrder.
     * @param feedBlock              the card's own LATENCY block, FEED path, after the run: the cycle the
     *                               decoder takes a message's last beat -> the decoder commits its records.
     * @param riskBlock              the card's own LATENCY block, RISK path, after the run: the cycle the gate
     *                               takes a descriptor -> its verdict on the gate's outputs (one more than
     *                               verdictCycles, which counts to the commit).
     * @param triggerBlock           the card's own LATENCY block, TRIGGER path, after the run: the cycle the
     *                               decoder takes the last beat of the BestBidAsk message that fired a slot ->
     *                               the cycle the first beat of the slot's order is taken on the venue port;
     *                               one sample, which {@link #measure()} requires to equal tickToTradeCycles.
     */
    public record Result(
        long verdictCycles,
        long orderToWireCycles,
        long tickToTradeCycles,
        double streamCyclesPerOrder,
        double streamOrdersPerCycle,
        PathFigures feedBlock,
        PathFigures riskBlock,
        PathFigures triggerBlock)
    {
        public String toJson()
        {
            return toJson(null);
        }

        /**
         * The figures as JSON; with feedJson (e.g. the RX path bench's JSON object) it goes in as "feed",
         * so one document holds the receive and transmit figures.
         */
        public String toJson(final String feedJson)
        {
            return "{\n" +
                "  \"backend\": \"verilator\",\n" +
                (null == feedJson ? "" : "  \"feed\": " + feedJson + ",\n") +
                "  \"clock_mhz\": " + CLOCK_MHZ + ",\n" +
                "  \"risk_verdict_cycles\": " + verdictCycles + ",\n" +
                "  \"risk_verdict_ns\": " + ns(verdictCycles) + ",\n" +
                "  \"order_to_wire_cycles\": " + orderToWireCycles + ",\n" +
                "  \"trigger_tick_to_trade_cycles\": " + tickToTradeCycles + ",\n" +
                "  \"trigger_tick_to_trade_ns\": " + ns(tickToTradeCycles) + ",\n" +
                "  \"order_stream_cycles_per_order\": " + streamCyclesPerOrder + ",\n" +
                "  \"order_stream_orders_per_cycle\": " + round(streamOrdersPerCycle) + ",\n" +
                "  \"gate_orders_per_cycle\": 1.0,\n" +
                "  \"latency_block\": {\"feed\": " + feedBlock.toJson() + ", \"risk\": " + riskBlock.toJson() +
                ", \"trigger\": " + triggerBlock.toJson() + "},\n" +
                "  \"targets\": {\"risk_verdict_cycles\": 8, \"trigger_tick_to_trade_cycles\": 20},\n" +
                "  \"measures\": {\n" +
                "    \"risk_verdict_cycles\": \"CMP_CYCLES_OUT - CMP_CYCLES_IN: gate accepts a whole descriptor -> verdict committed\",\n" +
                "    \"order_to_wire_cycles\": \"last beat of an order slot (64 B descriptor + 24 B message) taken -> first message beat taken on the venue port\",\n" +
                "    \"trigger_tick_to_trade_cycles\": \"last beat of the triggering BestBidAsk ingress slot taken -> first beat of the triggered order taken on the venue port\",\n" +
                "    \"order_stream_cycles_per_order\": \"cycles between verdicts, 200 slots of 88 B back to back on the 64-bit order stream\",\n" +
                "    \"gate_orders_per_cycle\": \"the gate's own rate, one descriptor a cycle (hdl-sim tb_slipway_risk_gate, 256 back to back)\",\n" +
                "    \"latency_block.feed\": \"the card's LATENCY block over this run, FEED path: decoder takes a message's last beat -> decoder commits its records\",\n" +
                "    \"latency_block.risk\": \"the card's LATENCY block over this run, RISK path: gate takes a descriptor -> verdict on the gate's outputs (risk_verdict_cycles + 1)\",\n" +
                "    \"latency_block.trigger\": \"the card's LATENCY block over this run, TRIGGER path, kept in hardware: decoder takes the last beat of the triggering BestBidAsk message -> first beat of the triggered order taken on the venue port; checked equal to trigger_tick_to_trade_cycles\"" +
                (null == feedJson ? "" : ",\n    \"feed\": \"RX path bench (io.slipway.card.tools.RxPathBench), its own measures field\"") + "\n" +
                "  }\n" +
                "}";
        }

        private static double ns(final long cycles)
        {
            return round(cycles * 1000.0 / CLOCK_MHZ);
        }

        private static double round(final double value)
        {
            return Math.round(value * 1000.0) / 1000.0;
        }
    }

    /** COUNT, MIN and MAX of one path of the card's LATENCY block, in cycles. */
    public record PathFigures(long count, long min, long max)
    {
        static PathFigures read(final CardRegisters registers, final int path)
        {
            final int base = LATENCY_BASE + LATENCY_PATH_BASE + path * LATENCY_PATH_STRIDE;
            return new PathFigures(
                registers.readRegister(base + LAT_COUNT) & 0xFFFF_FFFFL,
                registers.readRegister(base + LAT_MIN) & 0xFFFF_FFFFL,
                registers.readRegister(base + LAT_MAX) & 0xFFFF_FFFFL);
        }

        String toJson()
        {
            return "{\"count\": " + count + ", \"min_cycles\": " + min + ", \"max_cycles\": " + max + "}";
        }
    }

    /** Measures on a freshly opened simulated card; the calling thread owns it for the duration. */
    public static Result measure()
    {
        try (VerilatorCard card = VerilatorCard.open())
        {
            configure(card);
            final UnsafeBuffer slot = new UnsafeBuffer(new byte[ORDER_SLOT_SIZE]);
            final OrderDescriptor order = new OrderDescriptor();

            // one order: verdict latency and order-to-wire
            buy(order, slot, 1, ASK);
            card.offerOrder(slot, 0, order.slotLength());
            card.process();
            final List<CompletionRecord> one = completions(card);
            final long verdict = one.get(0).cyclesOut() - one.get(0).cyclesIn();
            final long lastOrderBeat = card.lastOrderBeatCycle();
            final long orderToWire = firstTransmitCycle(card) - lastOrderBeat;

            // back to back on the order stream
            for (int i = 0; i < STREAM_ORDERS; i++)
            {
                buy(order, slot, 100 + i, ASK);
                card.offerOrder(slot, 0, order.slotLength());
            }
            card.process();
            final List<CompletionRecord> stream = completions(card);
            card.pollTransmit((venue, buffer, offset, length) -> { }, Integer.MAX_VALUE);
            final double cyclesPerOrder = (double)(stream.get(stream.size() - 1).cyclesOut() - stream.get(0).cyclesOut()) /
                (stream.size() - 1);

            // trigger: buy when the ask drops to the bid
            buy(order, slot, 10_000, BID);
            card.writeRegister(TRIGGER_BASE + TRG_SELECT, 0);
            card.writeRegister(TRIGGER_BASE + TRG_DATA_POINTER, 0);
            for (int word = 0; word < (order.slotLength() + 3) / 4; word++)
            {
                card.writeRegister(TRIGGER_BASE + TRG_DATA, slot.getInt(4 * word, ByteOrder.LITTLE_ENDIAN));
            }
            card.writeRegister(TRIGGER_BASE + TRG_CHANNEL, channel(VENUE, INSTRUMENT));
            card.writeRegister(TRIGGER_BASE + TRG_CONDITION, TRG_COND_ASK_AT_OR_BELOW);
            card.writeRegister64(TRIGGER_BASE + TRG_LEVEL_LO, BID);
            card.writeRegister(TRIGGER_BASE + TRG_SLOT_LENGTH, order.slotLength());
            card.writeRegister(TRIGGER_BASE + TRG_ARM, 0);
            bbo(card, BID - 100, BID);
            card.process();
            final long lastIngressBeat = card.lastIngressBeatCycle();
            final List<CompletionRecord> fired = completions(card);
            if (fired.size() != 2 || CMP_TYPE_TRIGGER_FIRED != fired.get(0).type() || CMP_TYPE_SENT != fired.get(1).type())
            {
                throw new IllegalStateException("the trigger did not fire and send: " + fired);
            }
            final long tickToTrade = firstTransmitCycle(card) - lastIngressBeat;

            // The card's own figure for the same order: one sample, equal to what the host measured from the
            // stream handshakes (the lookaside slot's last beat reaches the decoder in the cycle it is taken).
            final PathFigures triggerBlock = PathFigures.read(card, LATENCY_PATH_TRIGGER);
            if (1 != triggerBlock.count() || tickToTrade != triggerBlock.min() || tickToTrade != triggerBlock.max())
            {
                throw new IllegalStateException("the LATENCY block's TRIGGER path " + triggerBlock.toJson() +
                    " disagrees with the measured tick-to-trade of " + tickToTrade + " cycles");
            }

            return new Result(verdict, orderToWire, tickToTrade, cyclesPerOrder, 1.0 / cyclesPerOrder,
                PathFigures.read(card, LATENCY_PATH_FEED), PathFigures.read(card, LATENCY_PATH_RISK), triggerBlock);
        }
    }

    public static void main(final String[] args)
    {
        System.out.println(measure().toJson());
    }

    private static void configure(final VerilatorCard card)
    {
        card.writeRegister(RISK_BASE + RISK_VENUE_ENABLE, 1 << VENUE);
        card.writeRegister(RISK_BASE + RISK_INSTRUMENT_ENABLE, 1 << INSTRUMENT);
        card.writeRegister(RISK_BASE + RISK_COLLAR_BPS, 100);
        card.writeRegister64(RISK_BASE + RISK_MAX_QTY_LO, Long.MAX_VALUE);
        card.writeRegister64(RISK_BASE + RISK_MAX_NOTIONAL_LO, Long.MAX_VALUE);
        card.writeRegister64(RISK_BASE + RISK_MAX_POSITION_LO, Long.MAX_VALUE);
        card.writeRegister(RISK_BASE + RISK_THROTTLE_REFILL, 0);
        card.writeRegister(RISK_BASE + RISK_THROTTLE_BURST, 1_000_000);
        card.writeRegister(RISK_BASE + RISK_CONTROL, 0);
        bbo(card, BID, ASK);
        card.process();
        card.pollMarketData((buffer, offset, length) -> { }, Integer.MAX_VALUE);
    }

    private static void buy(final OrderDescriptor order, final UnsafeBuffer slot, final long clientOrderId, final long price)
    {
        order.wrap(slot, 0).clear()
            .venue(VENUE).side(SIDE_BUY).type(ORD_TYPE_LIMIT).action(ORD_ACTION_NEW).instrument(INSTRUMENT)
            .clientOrderId(clientOrderId).price(price).quantity(1).hostTag(clientOrderId)
            .messageLength(MESSAGE_BYTES);
        for (int i = 0; i < MESSAGE_BYTES; i++)
        {
            slot.putByte(ORD_MESSAGE + i, (byte)('A' + i));
        }
    }

    /** One BestBidAsk frame in the card's scale (price exponent -2, quantity exponent -6). */
    private static void bbo(final Card card, final long bid, final long ask)
    {
        final ByteBuffer frame = ByteBuffer.allocate(8 + 50 + 1 + 7).order(ByteOrder.LITTLE_ENDIAN);
        frame.putShort((short)50).putShort((short)SBE_TEMPLATE_BEST_BID_ASK)
            .putShort((short)SBE_SCHEMA_ID).putShort((short)SBE_SCHEMA_VERSION);
        frame.putLong(1).putLong(1).put((byte)-2).put((byte)-6)
            .putLong(bid).putLong(1_000).putLong(ask).putLong(1_000);
        frame.put((byte)7).put("BTCUSDT".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        final UnsafeBuffer buffer = new UnsafeBuffer(frame.array());
        if (!card.offerIngress(channel(VENUE, INSTRUMENT), buffer, 0, buffer.capacity()))
        {
            throw new IllegalStateException("card refused a BestBidAsk frame");
        }
    }

    private static List<CompletionRecord> completions(final Card card)
    {
        final List<CompletionRecord> records = new ArrayList<>();
        card.pollCompletions((buffer, offset, length) ->
        {
            final UnsafeBuffer copy = new UnsafeBuffer(new byte[length]);
            copy.putBytes(0, buffer, offset, length);
            records.add(new CompletionRecord().wrap(copy, 0));
        }, Integer.MAX_VALUE);
        return records;
    }

    private static long firstTransmitCycle(final VerilatorCard card)
    {
        final long[] first = {-1};
        card.pollTransmit((venue, buffer, offset, length) ->
        {
            if (first[0] < 0)
            {
                first[0] = card.lastTransmitFirstCycle();
            }
        }, Integer.MAX_VALUE);
        if (first[0] < 0)
        {
            throw new IllegalStateException("nothing left on a venue port");
        }
        return first[0];
    }
}
