package io.slipway.card;

import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;

import static java.nio.ByteOrder.LITTLE_ENDIAN;


import static io.slipway.card.NicLayout.*;

/**
 * The pure-Java reference model of the card: the behaviour the RTL must match record for record,
 * and the card the simulator runs on. It implements the SBE receive path ({@code FEATURE_RX_SBE})
 * the inline risk gate ({@code FEATURE_RISK_GATE}), triggers ({@code FEATURE_TRIGGERS}), the
 * price-level book ({@code FEATURE_BOOK}) and latency statistics ({@code FEATURE_LATENCY_STATS}).
 *
 * <p>Single-threaded by contract, deterministic, and allocation-free once constructed: every
 * ring is a preallocated buffer of fixed-size slots laid out as in {@code slipway_nic.h}.
 *
 * <h2>Ordering</h2>
 * {@link #process()} handles ingress frames, order slots and exposure records in the order they
 * were offered, across the three rings, so a host that offers a BBO update then an order sees the
 * gate use that BBO. It stops early only if an output ring is full (the card stalls rather than
 * drop its own output); the rest waits for the next call.
 *
 * <h2>Cycle model</h2>
 * The card clock is {@link #CLOCK_KHZ} kHz with 8-byte receive beats, as the RTL's. Time advances
 * only through work and {@link #advanceClock(long)}; register access takes no cycles.
 * <ul>
 *   <li>Ingress slot or wire frame: presented from the current cycle, one beat a cycle while the
 *       port is ready, exactly as the RTL's ports take them ({@link ReceiveTiming}: the wire parser's
 *       verdict and slot-header cycles, the arbiter, the decoder's wait on its window and after a
 *       frame's last beat); the next input comes the cycle after its last beat was taken. Every record
 *       of the frame is stamped with that last beat's cycle ({@code MD_CARD_CYCLES}: the card's
 *       receive timestamp), as in the RTL.</li>
 *   <li>Order slot: enters the gate at the current cycle ({@code CYCLES_IN}), verdict
 *       {@link #GATE_CYCLES} later ({@code CYCLES_OUT}), the RTL gate's fixed latency; throttle
 *       buckets are evaluated at {@code CYCLES_OUT}, where the RTL commits. Orders are handled one
 *       after another here, while the RTL pipelines them, so stamps of back-to-back orders differ
 *       between the two; verdicts and every other field do not.</li>
 *   <li>Exposure record: {@link #EXPOSURE_CYCLES}.</li>
 * </ul>
 *
 * <h2>Receive path</h2>
 * The channel names the venue and instrument ({@code venue << 4 | instrument}); mantissas are
 * rescaled to the instrument's units from {@link Context#instrumentScale(int, int, int)}. A frame
 * yields all its records or, if anything in it is malformed or not exactly representable, one
 * {@code FEED_STATUS} record with {@code FLAG_DECODE_ERROR} (sequence and event time 0) and no
 * change of state. Only BestBidAsk updates the BBO table the gate reads. A depth diff whose first
 * update id does not follow the previous diff's last id on its channel is preceded by a
 * {@code FEED_STATUS} record with {@code FLAG_GAP}, sequence = the diff's first update id; its
 * levels are still delivered and tracking resumes from it. Right after a snapshot the next diff
 * may overlap it (first &lt;= snapshot + 1 &lt;= last). Offers refused at the ring (full, longer
 * than {@code INGRESS_MAX_PAYLOAD}) count in {@code CNT_INGRESS_DROPPED}; frames dropped as
 * malformed count in {@link #decodeErrors()} and in the feed block's {@code FEED_DECODE_ERRORS}.
 *
 * <h2>Wire input</h2>
 * {@link #offerWireFrame} takes Ethernet frames as the card's MAC would hand them over. The feed
 * block ({@code FEED_BASE}) holds the subscription table (IPv4 destination and UDP port to channel)
 * and the counters; {@link WireFrameParser} gives each frame its verdict, and a delivered datagram's
 * payload is one SBE message of up to {@code WIRE_MAX_PAYLOAD} bytes, decoded as an ingress message
 * is (same records, same sequence state, same BBO table). A wire frame takes the cycles the RTL's
 * wire port takes it in ({@link ReceiveTiming}).
 * Every record written passes the book stage ({@link ReferenceBook}, the {@code BOOK} register
 * block), and each decoded message adds one FEED sample to the {@code LATENCY} block
 * ({@link ReferenceLatencyStats}): last beat to the decoder's commit, {@code 1 + DECODE_CYCLES} in
 * this cycle model. Each triggered order sent adds one TRIGGER sample (tick-to-trade, in the RTL's cycles;
 * see {@code fireTriggers}). The RISK path is not measured by this model (the RTL measures it; its reads
 * here stay at COUNT 0).
 *
 * <h2>Risk gate</h2>
 * A descriptor is {@code MALFORMED} if the slot is shorter than the descriptor or its length is not
 * descriptor + {@code MESSAGE_LENGTH}, if side, type or action is not a defined value, if venue or
 * instrument is beyond the card's tables, or if a NEW has a price or quantity that is not positive.
 * Then, for NEW: kill switch, venue enable, instrument enable, max quantity, max notional (exact
 * 128-bit product), collar against the BBO touch the order would take ({@code |price - ref| x
 * 10000 > bps x ref} rejects; no touch is {@code NO_REFERENCE_PRICE}), position (worst case with
 * every open order on the order's side), throttle, duplicate id. CANCEL: venue enable, throttle.
 * The first failing check is the reason. Throttle buckets refill one token per
 * {@code THROTTLE_REFILL} cycles (0: never) up to {@code THROTTLE_BURST}; a full bucket does not
 * bank time; writing {@code THROTTLE_BURST} fills every bucket and writing {@code THROTTLE_REFILL}
 * restarts every bucket's refill timer (the new period counts from the write, as in the RTL, which
 * steps its buckets every cycle). Only a sent message takes a token.
 * The duplicate window is what the RTL keeps in block RAM: {@link #DUPLICATE_BUCKETS} buckets of
 * {@link #DUPLICATE_WAYS} full client order ids of sent NEW orders, the bucket chosen by
 * {@link #duplicateBucket(long)} (the id XOR-folded to 10 bits), each bucket replacing its oldest id.
 * An id is caught while fewer than {@link #DUPLICATE_WAYS} newer sent ids share its bucket; for
 * sequential ids that is the last {@link #DUPLICATE_WINDOW}. Exposure records: a fill moves the position and, like a release, reduces the open
 * quantity on its side, never below zero; RESTORE_POSITION sets the position (+quantity for a buy,
 * -quantity for a sell) and RESTORE_OPEN sets the open quantity of its side, each leaving the rest
 * as it is; records with a bad instrument, side, kind or a negative quantity are ignored and counted
 * in {@link #malformedExposures()} and the counters block's {@code CNT_EXPOSURE_MALFORMED}.
 *
 * <h2>Triggers</h2>
 * The trigger block (slipway_nic.h) holds {@code TRIGGER_SLOTS} armed order slots. Right after a
 * BestBidAsk frame updates the BBO of a channel, every armed slot of that channel whose condition the
 * new ask or bid meets fires, in slot order: it is disarmed, a {@code TRIGGER_FIRED} completion is
 * written and the slot goes through the gate exactly as a host order, before the next input.
 *
 * <h2>Reset state</h2>
 * Kill switch set; every other risk register zero, so nothing leaves until the admin path has
 * written limits, enabled venues and instruments, and cleared the kill switch.
 */
public final class ReferenceCard implements Card
{
    public static final String BACKEND_NAME = "reference";
    /** Design clock the identity block reports: 322.266 MHz. */
    public static final int CLOCK_KHZ = 322_266;
    /** Features this model implements. */
    public static final int FEATURES =
        FEATURE_RX_SBE | FEATURE_BOOK | FEATURE_RISK_GATE | FEATURE_TRIGGERS | FEATURE_LATENCY_STATS;
    /**
     * Cycles from the last beat of a frame to the decoder's commit, as the FEED latency path counts them: the walker's
     * output register and the five rescale stages (hdl-sim slipway_scale_div), less the one the path counts itself.
     */
    public static final int DECODE_CYCLES = 5;
    /** Cycles from an order entering the gate to its verdict: the RTL gate's fixed latency. */
    public static final int GATE_CYCLES = 5;
    /**
     * Tick-to-trade model (the LATENCY block's TRIGGER path), in the RTL's cycles: from the decoder taking the
     * last beat of a BestBidAsk message to its BBO record leaving the card, where the trigger block sees it (the
     * RTL decoder's fixed latency for that template; hdl-sim/RX-PATH.md).
     */
    public static final int TRIGGER_RECORD_CYCLES = 8;
    /**
     * From the BBO record to the first fired slot's order entering the gate: the price compares split at a register
     * (the hit follows the next cycle), then its fire marker.
     */
    public static final int TRIGGER_ORDER_CYCLES = 3;
    /** Between the orders of two slots fired by one record: marker, order, and the trigger block's re-issue cycle. */
    public static final int TRIGGER_SLOT_CYCLES = 3;
    /** From an order entering the gate to its verdict reaching the venue-port sender: the gate and its output register. */
    public static final int TRIGGER_VERDICT_CYCLES = GATE_CYCLES + 1;
    /** Cycles to apply one exposure record. */
    public static final int EXPOSURE_CYCLES = 1;
    /** Buckets of the duplicate-id table. */
    public static final int DUPLICATE_BUCKETS = 1024;
    /** Client order ids each bucket remembers, oldest replaced first. */
    public static final int DUPLICATE_WAYS = 4;
    /** Sent client order ids the duplicate table holds when full (all of the last ones for sequential ids). */
    public static final int DUPLICATE_WINDOW = DUPLICATE_BUCKETS * DUPLICATE_WAYS;

    private static final int RISK_REGISTER_COUNT = RISK_LENGTH / 4;
    private static final int REASON_COUNTERS = 16;
    private static final int INPUT_NONE = 0;
    private static final int INPUT_INGRESS = 1;
    private static final int INPUT_ORDER = 2;
    private static final int INPUT_EXPOSURE = 3;
    private static final int INPUT_WIRE = 4;
    private static final int FEED_COUNTERS = 8;
    private static final int FEED_FRAMES_INDEX = 0;
    private static final int FEED_NOT_SUBSCRIBED_INDEX = 1;
    private static final int FEED_DROP_L2_INDEX = 2;
    private static final int FEED_DROP_L3_INDEX = 3;
    private static final int FEED_DROP_L4_INDEX = 4;
    private static final int FEED_DECODE_ERRORS_INDEX = 5;
    private static final int FEED_GAPS_INDEX = 6;
    private static final int FEED_DELIVERED_INDEX = 7;

    private final Context context;
    private final ReferenceBook book = new ReferenceBook();
    private final ReferenceLatencyStats latency = new ReferenceLatencyStats();
    private final MarketDataRecord bookRecord = new MarketDataRecord();
    private final RecordRing ingressRing;
    private final long[] ingressSequence;
    private final RecordRing orderRing;
    private final int[] orderLength;
    private final long[] orderSequence;
    private final RecordRing exposureRing;
    private final long[] exposureSequence;
    private final RecordRing marketDataRing;
    private final RecordRing completionRing;
    private final RecordRing transmitRing;
    private final int[] transmitVenue;
    private final int[] transmitLength;
    private final SpotStreamDecoder decoder;
    private final RecordRing wireRing;
    private final int[] wireLength;
    private final long[] wireSequence;
    private final WireFrameParser wireParser = new WireFrameParser();
    private final int[] feedCounters = new int[FEED_COUNTERS];

    private final IngressSlot ingressSlot = new IngressSlot();
    private final OrderDescriptor order = new OrderDescriptor();
    private final CompletionRecord completion = new CompletionRecord();
    private final ExposureRecord exposure = new ExposureRecord();

    private final int[] riskRegisters = new int[RISK_REGISTER_COUNT];
    private final int[] stagedLowWords = new int[RISK_REGISTER_COUNT];
    private final int[] reasonCounters = new int[REASON_COUNTERS];
    private int marketDataRecords;
    private int ingressDropped;
    private int ordersSent;
    private int scratch;

    private final long[] tokens = new long[MAX_VENUES];
    private final long[] lastRefillCycles = new long[MAX_VENUES];
    private final long[] position = new long[MAX_INSTRUMENTS];
    private final long[] openBuy = new long[MAX_INSTRUMENTS];
    private final long[] openSell = new long[MAX_INSTRUMENTS];
    private final long[] duplicateIds = new long[DUPLICATE_WINDOW];
    private final boolean[] duplicateValid = new boolean[DUPLICATE_WINDOW];
    private final int[] duplicateNext = new int[DUPLICATE_BUCKETS];
    private long malformedExposures;

    private final UnsafeBuffer triggerSlots = new UnsafeBuffer(new byte[TRIGGER_SLOTS * ORDER_SLOT_SIZE]);
    private final boolean[] triggerArmed = new boolean[TRIGGER_SLOTS];
    private final int[] triggerChannel = new int[TRIGGER_SLOTS];
    private final int[] triggerCondition = new int[TRIGGER_SLOTS];
    private final long[] triggerLevel = new long[TRIGGER_SLOTS];
    private final int[] triggerLength = new int[TRIGGER_SLOTS];
    private final boolean[] triggerHit = new boolean[TRIGGER_SLOTS];
    private int triggerSelect;
    private int triggerPointer;
    private int stagedTriggerChannel;
    private int stagedTriggerCondition;
    private int stagedTriggerLevelLow;
    private long stagedTriggerLevel;
    private int stagedTriggerLength;
    private int triggersFired;

    private long cycles;
    private final ReceiveTiming receiveTiming;
    private long lostStatusRecords;
    private long offerSequence;
    private boolean closed;

    public ReferenceCard()
    {
        this(new Context());
    }

    public ReferenceCard(final Context context)
    {
        this.context = context.conclude();

        ingressRing = new RecordRing(context.ingressRingCapacity(), INGRESS_SLOT_SIZE);
        ingressSequence = new long[context.ingressRingCapacity()];
        orderRing = new RecordRing(context.orderRingCapacity(), ORDER_SLOT_SIZE);
        orderLength = new int[context.orderRingCapacity()];
        orderSequence = new long[context.orderRingCapacity()];
        exposureRing = new RecordRing(context.exposureRingCapacity(), EXPOSURE_RECORD_SIZE);
        exposureSequence = new long[context.exposureRingCapacity()];
        marketDataRing = new RecordRing(context.marketDataRingCapacity(), MD_RECORD_SIZE);
        completionRing = new RecordRing(context.completionRingCapacity(), COMPLETION_RECORD_SIZE);
        transmitRing = new RecordRing(context.transmitRingCapacity(), ORDER_MAX_MESSAGE);
        transmitVenue = new int[context.transmitRingCapacity()];
        transmitLength = new int[context.transmitRingCapacity()];

        wireRing = new RecordRing(context.wireRingCapacity(), WIRE_MAX_FRAME);
        wireLength = new int[context.wireRingCapacity()];
        wireSequence = new long[context.wireRingCapacity()];
        decoder = new SpotStreamDecoder(marketDataRing);
        receiveTiming = new ReceiveTiming(wireParser, this::onStatus);
        for (int instrument = 0; instrument < MAX_INSTRUMENTS; instrument++)
        {
            if (context.hasInstrumentScale(instrument))
            {
                decoder.instrumentScale(
                    instrument, context.priceExponent(instrument), context.qtyExponent(instrument));
            }
        }

        riskRegisters[(RISK_CONTROL) / 4] = RISK_CONTROL_KILL;
    }

    public Context context()
    {
        return context;
    }

    public String backendName()
    {
        return BACKEND_NAME;
    }

    // ------------------------------------------------------------------------------------------
    // Register space
    // ------------------------------------------------------------------------------------------

    /** Reads a register; the low two address bits are ignored and unmapped addresses read 0. */
    public int readRegister(final int address)
    {
        final int aligned = address & ~3;
        if (aligned >= IDENTITY_BASE && aligned < IDENTITY_BASE + IDENTITY_LENGTH)
        {
            return readIdentity(aligned - IDENTITY_BASE);
        }
        if (aligned >= RISK_BASE && aligned < RISK_BASE + RISK_LENGTH)
        {
            final int offset = aligned - RISK_BASE;
            return offset < BLK_HDR_SIZE ?
                blockHeader(offset, BLK_TYPE_RISK, RISK_VERSION, COUNTERS_BASE, RISK_LENGTH) : riskRegisters[offset / 4];
        }
        if (aligned >= COUNTERS_BASE && aligned < COUNTERS_BASE + COUNTERS_LENGTH)
        {
            return readCounter(aligned - COUNTERS_BASE);
        }
        if (aligned >= BOOK_BASE && aligned < BOOK_BASE + BOOK_LENGTH)
        {
            return book.readRegister(aligned - BOOK_BASE);
        }
        if (aligned >= LATENCY_BASE && aligned < LATENCY_BASE + LATENCY_LENGTH)
        {
            return latency.readRegister(aligned - LATENCY_BASE);
        }
        if (aligned >= FEED_BASE && aligned < FEED_BASE + FEED_LENGTH)
        {
            return readFeed(aligned - FEED_BASE);
        }
        if (aligned >= TRIGGER_BASE && aligned < TRIGGER_BASE + TRIGGER_LENGTH)
        {
            return readTrigger(aligned - TRIGGER_BASE);
        }

        return 0;
    }

    private int readFeed(final int offset)
    {
        if (offset < BLK_HDR_SIZE)
        {
            return blockHeader(offset, BLK_TYPE_FEED, FEED_VERSION, BOOK_BASE, FEED_LENGTH);
        }
        if (offset >= FEED_SUB_BASE)
        {
            final int entry = (offset - FEED_SUB_BASE) / FEED_SUB_STRIDE;
            return FEED_SUB_GROUP == (offset - FEED_SUB_BASE) % FEED_SUB_STRIDE ?
                wireParser.group(entry) : wireParser.portChannel(entry);
        }
        if (offset >= FEED_FRAMES && offset <= FEED_DELIVERED)
        {
            return feedCounters[(offset - FEED_FRAMES) / 4];
        }
        switch (offset)
        {
            case FEED_STALE_CYCLES:
                return receiveTiming.staleCycles();
            case FEED_STALE:
                return (int)receiveTiming.staleCount();
            case FEED_RECOVERED:
                return (int)receiveTiming.recoveredCount();
            default:
                break;
        }

        return 0;
    }

    /**
     * Admin write: the identity scratch register and the risk registers are writable, everything
     * else ignores writes. As in the RTL, control, venue-enable and instrument-enable keep only the
     * bits the card has; a 64-bit limit's low word is staged and both halves take effect on the
     * high-word write, so the gate never sees half an update. Writing {@code THROTTLE_BURST} fills
     * every venue's bucket to the new depth.
     */
    public void writeRegister(final int address, final int value)
    {
        final int aligned = address & ~3;
        if (IDENTITY_BASE + ID_SCRATCH == aligned)
        {
            scratch = value;
        }
        else if (aligned >= RISK_BASE + BLK_HDR_SIZE && aligned < RISK_BASE + RISK_LENGTH)
        {
            writeRisk(aligned - RISK_BASE, value);
        }
        else if (aligned >= BOOK_BASE && aligned < BOOK_BASE + BOOK_LENGTH)
        {
            book.writeRegister(aligned - BOOK_BASE, value);
        }
        else if (aligned >= LATENCY_BASE && aligned < LATENCY_BASE + LATENCY_LENGTH)
        {
            latency.writeRegister(aligned - LATENCY_BASE, value);
        }
        else if (FEED_BASE + FEED_STALE_CYCLES == aligned)
        {
            // the timers have run to now under the old timeout
            receiveTiming.catchUp(cycles);
            receiveTiming.staleCycles(value);
        }
        else if (aligned >= FEED_BASE + FEED_SUB_BASE && aligned < FEED_BASE + FEED_LENGTH)
        {
            receiveTiming.catchUp(cycles);
            final int offset = aligned - FEED_BASE - FEED_SUB_BASE;
            if (FEED_SUB_GROUP == offset % FEED_SUB_STRIDE)
            {
                wireParser.group(offset / FEED_SUB_STRIDE, value);
            }
            else
            {
                wireParser.portChannel(offset / FEED_SUB_STRIDE, value);
            }
        }
        else if (aligned >= TRIGGER_BASE + BLK_HDR_SIZE && aligned < TRIGGER_BASE + TRIGGER_LENGTH)
        {
            writeTrigger(aligned - TRIGGER_BASE, value);
        }
    }

    private void writeRisk(final int offset, final int value)
    {
        switch (offset)
        {
            case RISK_CONTROL:
                riskRegisters[offset / 4] = value & RISK_CONTROL_KILL;
                break;
            case RISK_VENUE_ENABLE:
                riskRegisters[offset / 4] = value & ((1 << MAX_VENUES) - 1);
                break;
            case RISK_INSTRUMENT_ENABLE:
                riskRegisters[offset / 4] = value & ((1 << MAX_INSTRUMENTS) - 1);
                break;
            case RISK_MAX_QTY_LO:
            case RISK_MAX_NOTIONAL_LO:
            case RISK_MAX_POSITION_LO:
                stagedLowWords[offset / 4] = value;
                break;
            case RISK_MAX_QTY_HI:
            case RISK_MAX_NOTIONAL_HI:
            case RISK_MAX_POSITION_HI:
                riskRegisters[offset / 4 - 1] = stagedLowWords[offset / 4 - 1];
                riskRegisters[offset / 4] = value;
                break;
            case RISK_THROTTLE_REFILL:
                riskRegisters[offset / 4] = value;
                for (int venue = 0; venue < MAX_VENUES; venue++)
                {
                    lastRefillCycles[venue] = cycles;
                }
                break;
            case RISK_THROTTLE_BURST:
                riskRegisters[offset / 4] = value;
                for (int venue = 0; venue < MAX_VENUES; venue++)
                {
                    tokens[venue] = Integer.toUnsignedLong(value);
                    lastRefillCycles[venue] = cycles;
                }
                break;
            default:
                riskRegisters[offset / 4] = value;
                break;
        }
    }

    private int readTrigger(final int offset)
    {
        switch (offset)
        {
            case BLK_HDR_TYPE:
            case BLK_HDR_VERSION:
            case BLK_HDR_NEXT:
            case BLK_HDR_LENGTH:
                return blockHeader(offset, BLK_TYPE_TRIGGER, TRIGGER_VERSION, LATENCY_BASE, TRIGGER_LENGTH);
            case TRG_SELECT:
                return triggerSelect;
            case TRG_DATA_POINTER:
                return triggerPointer;
            case TRG_CHANNEL:
                return stagedTriggerChannel;
            case TRG_CONDITION:
                return stagedTriggerCondition;
            case TRG_LEVEL_LO:
                return (int)stagedTriggerLevel;
            case TRG_LEVEL_HI:
                return (int)(stagedTriggerLevel >>> 32);
            case TRG_SLOT_LENGTH:
                return stagedTriggerLength;
            case TRG_ARMED:
                int armed = 0;
                for (int slot = 0; slot < TRIGGER_SLOTS; slot++)
                {
                    armed |= triggerArmed[slot] ? 1 << slot : 0;
                }
                return armed;
            case TRG_FIRED:
                return triggersFired;
            default:
                return 0;
        }
    }

    /**
     * Trigger block writes, as the RTL takes them: DATA words land in the selected slot unless it is
     * armed (this model sends a fired slot within the same {@link #process()} call, so a slot is never
     * still sending here); ARM takes the staged registers unless the slot is armed, the condition is
     * undefined or the length is over a slot; a 64-bit level's low word takes effect with the high word.
     */
    private void writeTrigger(final int offset, final int value)
    {
        switch (offset)
        {
            case TRG_SELECT:
                triggerSelect = value & (TRIGGER_SLOTS - 1);
                break;
            case TRG_DATA_POINTER:
                triggerPointer = value & 63;
                break;
            case TRG_DATA:
                if (!triggerArmed[triggerSelect])
                {
                    triggerSlots.putInt(triggerSelect * ORDER_SLOT_SIZE + 4 * triggerPointer, value, LITTLE_ENDIAN);
                }
                triggerPointer = (triggerPointer + 1) & 63;
                break;
            case TRG_CHANNEL:
                stagedTriggerChannel = value & (MAX_CHANNELS - 1);
                break;
            case TRG_CONDITION:
                stagedTriggerCondition = value & 0xFF;
                break;
            case TRG_LEVEL_LO:
                stagedTriggerLevelLow = value;
                break;
            case TRG_LEVEL_HI:
                stagedTriggerLevel = Integer.toUnsignedLong(stagedTriggerLevelLow) | (long)value << 32;
                break;
            case TRG_SLOT_LENGTH:
                stagedTriggerLength = value & 0xFFFF;
                break;
            case TRG_ARM:
                if (value >= 0 && value < TRIGGER_SLOTS && !triggerArmed[value] &&
                    (TRG_COND_ASK_AT_OR_BELOW == stagedTriggerCondition || TRG_COND_BID_AT_OR_ABOVE == stagedTriggerCondition) &&
                    stagedTriggerLength <= ORDER_SLOT_SIZE)
                {
                    triggerArmed[value] = true;
                    triggerChannel[value] = stagedTriggerChannel;
                    triggerCondition[value] = stagedTriggerCondition;
                    triggerLevel[value] = stagedTriggerLevel;
                    triggerLength[value] = stagedTriggerLength;
                }
                break;
            case TRG_DISARM:
                if (value >= 0 && value < TRIGGER_SLOTS)
                {
                    triggerArmed[value] = false;
                }
                break;
            default:
                break;
        }
    }

    private int readIdentity(final int offset)
    {
        switch (offset)
        {
            case BLK_HDR_TYPE:
            case BLK_HDR_VERSION:
            case BLK_HDR_NEXT:
            case BLK_HDR_LENGTH:
                return blockHeader(offset, BLK_TYPE_IDENTITY, IDENTITY_VERSION, RISK_BASE, IDENTITY_LENGTH);
            case ID_MAGIC:
                return NIC_MAGIC;
            case ID_HEADER_VERSION:
                return NIC_HEADER_VERSION;
            case ID_BUILD_ID:
                return context.buildId();
            case ID_FEATURES:
                return FEATURES;
            case ID_CLOCK_KHZ:
                return CLOCK_KHZ;
            case ID_MD_RECORD_SIZE:
                return MD_RECORD_SIZE;
            case ID_ORDER_SLOT_SIZE:
                return ORDER_SLOT_SIZE;
            case ID_COMPLETION_RECORD_SIZE:
                return COMPLETION_RECORD_SIZE;
            case ID_SCRATCH:
                return scratch;
            default:
                return 0;
        }
    }

    private int readCounter(final int offset)
    {
        if (offset < BLK_HDR_SIZE)
        {
            return blockHeader(offset, BLK_TYPE_COUNTERS, COUNTERS_VERSION, FEED_BASE, COUNTERS_LENGTH);
        }
        if (offset < CNT_REASON_BASE + 4 * REASON_COUNTERS)
        {
            return reasonCounters[(offset - CNT_REASON_BASE) / 4];
        }

        switch (offset)
        {
            case CNT_MD_RECORDS:
                return marketDataRecords;
            case CNT_INGRESS_DROPPED:
                return ingressDropped;
            case CNT_ORDERS_SENT:
                return ordersSent;
            case CNT_CYCLES_LO:
                return (int)cycles;
            case CNT_CYCLES_HI:
                return (int)(cycles >>> 32);
            case CNT_EXPOSURE_MALFORMED:
                return (int)malformedExposures;
            default:
                return 0;
        }
    }

    private static int blockHeader(final int offset, final int type, final int version, final int next, final int length)
    {
        switch (offset)
        {
            case BLK_HDR_TYPE:
                return type;
            case BLK_HDR_VERSION:
                return version;
            case BLK_HDR_NEXT:
                return next;
            case BLK_HDR_LENGTH:
                return length;
            default:
                return 0;
        }
    }

    // ------------------------------------------------------------------------------------------
    // Host -> card rings
    // ------------------------------------------------------------------------------------------

    /**
     * Queues one SBE message for a feed channel. Refused, and counted in {@code CNT_INGRESS_DROPPED},
     * when the ingress ring is full, the message is longer than {@code INGRESS_MAX_PAYLOAD}, or the
     * channel does not fit the slot's 16-bit field.
     */
    public boolean offerIngress(final int channel, final DirectBuffer buffer, final int offset, final int length)
    {
        checkOpen();
        if (0 == ingressRing.free() || length < 0 || length > INGRESS_MAX_PAYLOAD || (channel & ~0xFFFF) != 0)
        {
            ingressDropped++;
            return false;
        }

        ingressSlot.wrap(ingressRing.buffer(), ingressRing.tailOffset())
            .clear()
            .channel(channel)
            .hostTag(0)
            .putPayload(buffer, offset, length);
        ingressSequence[ingressRing.tailIndex()] = offerSequence++;
        ingressRing.commit();

        return true;
    }

    /**
     * Queues one Ethernet frame (no FCS) from the wire input. The card's wire parser
     * ({@link WireFrameParser}) decides at {@link #process()} whether its UDP payload is an SBE message
     * for a subscribed channel (decoded as an ingress message would be, up to
     * {@code WIRE_MAX_PAYLOAD} bytes) or a frame counted in the feed block and dropped. Refused, and
     * counted in {@code CNT_INGRESS_DROPPED}, when the wire ring is full or the frame is empty or
     * longer than {@code WIRE_MAX_FRAME}: a MAC does not deliver such frames.
     */
    public boolean offerWireFrame(final DirectBuffer buffer, final int offset, final int length)
    {
        checkOpen();
        if (0 == wireRing.free() || length <= 0 || length > WIRE_MAX_FRAME)
        {
            ingressDropped++;
            return false;
        }

        final int index = wireRing.tailIndex();
        wireRing.buffer().putBytes(wireRing.tailOffset(), buffer, offset, length);
        wireLength[index] = length;
        wireSequence[index] = offerSequence++;
        wireRing.commit();

        return true;
    }

    /**
     * Queues one order slot. Descriptor problems (short slot, length mismatch, bad side, type or
     * action) are the gate's to report as {@code MALFORMED}; only a slot that cannot fit the ring's
     * {@code ORDER_SLOT_SIZE} slots is refused here, as a host error.
     */
    public boolean offerOrder(final DirectBuffer buffer, final int offset, final int length)
    {
        checkOpen();
        if (length < 0 || length > ORDER_SLOT_SIZE)
        {
            throw new IllegalArgumentException("order slot length outside 0.." + ORDER_SLOT_SIZE + ": " + length);
        }
        if (0 == orderRing.free())
        {
            return false;
        }

        final int index = orderRing.tailIndex();
        final int slot = orderRing.tailOffset();
        final UnsafeBuffer slots = orderRing.buffer();
        slots.putBytes(slot, buffer, offset, length);
        if (length < ORDER_DESCRIPTOR_SIZE)
        {
            // A short descriptor reads as zeros past its end, not as the previous occupant's bytes.
            slots.setMemory(slot + length, ORDER_DESCRIPTOR_SIZE - length, (byte)0);
        }
        orderLength[index] = length;
        orderSequence[index] = offerSequence++;
        orderRing.commit();

        return true;
    }

    public boolean offerExposure(final DirectBuffer buffer, final int offset, final int length)
    {
        checkOpen();
        if (EXPOSURE_RECORD_SIZE != length)
        {
            throw new IllegalArgumentException(
                "exposure record length must be " + EXPOSURE_RECORD_SIZE + ": " + length);
        }
        if (0 == exposureRing.free())
        {
            return false;
        }

        exposureRing.buffer().putBytes(exposureRing.tailOffset(), buffer, offset, length);
        exposureSequence[exposureRing.tailIndex()] = offerSequence++;
        exposureRing.commit();

        return true;
    }

    // ------------------------------------------------------------------------------------------
    // Processing
    // ------------------------------------------------------------------------------------------

    public void process()
    {
        checkOpen();
        while (true)
        {
            final int input = nextInput();
            if (INPUT_INGRESS == input)
            {
                if (marketDataRing.free() < SpotStreamDecoder.MAX_RECORDS_PER_FRAME ||
                    completionRing.free() < 2 * TRIGGER_SLOTS || transmitRing.free() < TRIGGER_SLOTS)
                {
                    return;
                }
                decodeIngress();
            }
            else if (INPUT_ORDER == input)
            {
                if (0 == completionRing.free() || 0 == transmitRing.free())
                {
                    return;
                }
                gateOrder();
            }
            else if (INPUT_EXPOSURE == input)
            {
                applyExposure();
            }
            else if (INPUT_WIRE == input)
            {
                if (marketDataRing.free() < SpotStreamDecoder.MAX_RECORDS_PER_WIRE_FRAME)
                {
                    return;
                }
                receiveWireFrame();
            }
            else
            {
                return;
            }
        }
    }

    private int nextInput()
    {
        int input = INPUT_NONE;
        long sequence = Long.MAX_VALUE;
        if (!ingressRing.isEmpty() && ingressSequence[ingressRing.headIndex()] < sequence)
        {
            input = INPUT_INGRESS;
            sequence = ingressSequence[ingressRing.headIndex()];
        }
        if (!orderRing.isEmpty() && orderSequence[orderRing.headIndex()] < sequence)
        {
            input = INPUT_ORDER;
            sequence = orderSequence[orderRing.headIndex()];
        }
        if (!exposureRing.isEmpty() && exposureSequence[exposureRing.headIndex()] < sequence)
        {
            input = INPUT_EXPOSURE;
            sequence = exposureSequence[exposureRing.headIndex()];
        }
        if (!wireRing.isEmpty() && wireSequence[wireRing.headIndex()] < sequence)
        {
            input = INPUT_WIRE;
        }

        return input;
    }

    private void decodeIngress()
    {
        ingressSlot.wrap(ingressRing.buffer(), ingressRing.headOffset());
        final int length = ingressSlot.length();
        final long lastBeatCycle = receiveTiming.ingress(
            cycles, ingressSlot.channel(), ingressRing.buffer(), ingressSlot.payloadOffset(), length);
        cycles = lastBeatCycle + 1;

        final int firstRecord = marketDataRing.tailIndex();
        final int records = decoder.decode(
            ingressSlot.channel(), ingressRing.buffer(), ingressSlot.payloadOffset(), length, lastBeatCycle);
        countDecoded(firstRecord, records, lastBeatCycle);
        ingressRing.release();
    }

    private void receiveWireFrame()
    {
        final int length = wireLength[wireRing.headIndex()];
        final int offset = wireRing.headOffset();
        feedCounters[FEED_FRAMES_INDEX]++;

        final int verdict = wireParser.parse(wireRing.buffer(), offset, length);
        final boolean deliver = WireFrameParser.DELIVER == verdict;
        final long lastBeatCycle = receiveTiming.wire(
            cycles, wireRing.buffer(), offset, length, deliver || wireParser.matched(), deliver, wireParser.entry(),
            wireParser.channel());
        cycles = lastBeatCycle + 1;
        switch (verdict)
        {
            case WireFrameParser.DELIVER:
                feedCounters[FEED_DELIVERED_INDEX]++;
                final int firstRecord = marketDataRing.tailIndex();
                final int records = decoder.decode(wireParser.channel(), wireRing.buffer(), wireParser.payloadOffset(),
                    wireParser.payloadLength(), lastBeatCycle, WIRE_MAX_PAYLOAD);
                countDecoded(firstRecord, records, lastBeatCycle);
                break;
            case WireFrameParser.DROP_L2:
                feedCounters[FEED_DROP_L2_INDEX]++;
                break;
            case WireFrameParser.DROP_L3:
                feedCounters[FEED_DROP_L3_INDEX]++;
                break;
            case WireFrameParser.DROP_L4:
                feedCounters[FEED_DROP_L4_INDEX]++;
                break;
            default:
                feedCounters[FEED_NOT_SUBSCRIBED_INDEX]++;
                break;
        }
        wireRing.release();
    }

    private void countDecoded(final int firstRecord, final int records, final long lastBeatCycle)
    {
        // FEED latency: the message's last beat to the decoder's commit, as the RTL's feed path measures it.
        latency.record(LATENCY_PATH_FEED, 1 + DECODE_CYCLES);
        // The book stage sees every record the decoder writes, in order.
        for (int i = 0; i < records; i++)
        {
            final int index = (firstRecord + i) & (marketDataRing.capacity() - 1);
            bookRecord.wrap(marketDataRing.buffer(), index * MD_RECORD_SIZE);
            book.onRecord(bookRecord);
        }
        marketDataRecords += records;
        feedCounters[FEED_DECODE_ERRORS_INDEX] = (int)decoder.decodeErrors();
        feedCounters[FEED_GAPS_INDEX] = (int)decoder.gaps();

        // Triggers watch BBO records as they are written (only a BestBidAsk message yields one).
        final int lastRecord = ((marketDataRing.tailIndex() - 1) & (marketDataRing.capacity() - 1)) * MD_RECORD_SIZE;
        if (1 == records && MD_TYPE_BBO == (marketDataRing.buffer().getShort(lastRecord + MD_TYPE, LITTLE_ENDIAN) & 0xFFFF))
        {
            fireTriggers(marketDataRing.buffer().getShort(lastRecord + MD_CHANNEL, LITTLE_ENDIAN) & 0xFFFF, lastBeatCycle);
        }
    }

    private void applyExposure()
    {
        exposure.wrap(exposureRing.buffer(), exposureRing.headOffset());
        final int instrument = exposure.instrument();
        final int side = exposure.side();
        final int kind = exposure.kind();
        final long quantity = exposure.quantity();
        cycles += EXPOSURE_CYCLES;
        exposureRing.release();

        if (instrument >= MAX_INSTRUMENTS || (SIDE_BUY != side && SIDE_SELL != side) ||
            kind < EXP_KIND_FILL || kind > EXP_KIND_RESTORE_OPEN || quantity < 0)
        {
            malformedExposures++;
            return;
        }

        // The restore kinds set the state a recovered host already holds; they add nothing, so a repeat is harmless.
        if (EXP_KIND_RESTORE_POSITION == kind)
        {
            position[instrument] = SIDE_BUY == side ? quantity : -quantity;
            return;
        }
        if (EXP_KIND_RESTORE_OPEN == kind)
        {
            if (SIDE_BUY == side)
            {
                openBuy[instrument] = quantity;
            }
            else
            {
                openSell[instrument] = quantity;
            }
            return;
        }

        if (SIDE_BUY == side)
        {
            openBuy[instrument] = Math.max(0, openBuy[instrument] - quantity);
            if (EXP_KIND_FILL == kind)
            {
                position[instrument] = saturatingAdd(position[instrument], quantity);
            }
        }
        else
        {
            openSell[instrument] = Math.max(0, openSell[instrument] - quantity);
            if (EXP_KIND_FILL == kind)
            {
                position[instrument] = saturatingAdd(position[instrument], -quantity);
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Risk gate
    // ------------------------------------------------------------------------------------------

    private void gateOrder()
    {
        gate(orderRing.buffer(), orderRing.headOffset(), orderLength[orderRing.headIndex()]);
        orderRing.release();
    }

    /**
     * Fires every armed trigger of a channel whose condition the new BBO meets, in slot order: each
     * is disarmed, gets a TRIGGER_FIRED completion and then goes through the gate as an order.
     *
     * <p>Each fired order that is sent adds one TRIGGER sample to the latency block: the RTL's cycles from the
     * decoder taking the message's last beat ({@code lastBeatCycle}) to the order's first beat on the venue port,
     * with the RTL's pipeline (see the {@code TRIGGER_*} constants): the k-th slot fired by the record enters the
     * gate {@code TRIGGER_SLOT_CYCLES} after the one before, its verdict reaches the sender
     * {@code TRIGGER_VERDICT_CYCLES} later, and the sender starts it on the next cycle once the previous sent
     * message's beats (one a cycle, at least one) and one idle cycle are done. This holds while no host order or
     * earlier triggered order is still in the gate or on the venue port; the RTL measures that queueing too, this
     * model does not.
     */
    private void fireTriggers(final int channel, final long lastBeatCycle)
    {
        final long bid = decoder.bestBid(channel);
        final long ask = decoder.bestAsk(channel);
        for (int slot = 0; slot < TRIGGER_SLOTS; slot++)
        {
            triggerHit[slot] = triggerArmed[slot] && triggerChannel[slot] == channel &&
                (TRG_COND_ASK_AT_OR_BELOW == triggerCondition[slot] ? ask > 0 && ask <= triggerLevel[slot] :
                bid > 0 && bid >= triggerLevel[slot]);
            if (triggerHit[slot])
            {
                triggerArmed[slot] = false;
                triggersFired++;
            }
        }
        long orderIn = TRIGGER_RECORD_CYCLES + TRIGGER_ORDER_CYCLES;  // relative to lastBeatCycle
        long senderFree = 0;
        for (int slot = 0; slot < TRIGGER_SLOTS; slot++)
        {
            if (triggerHit[slot])
            {
                final int offset = slot * ORDER_SLOT_SIZE;
                order.wrap(triggerSlots, offset);
                // The RTL reads the touch of the order's side from the BBO table by the low bits of
                // venue and instrument, whatever the gate then makes of the descriptor.
                final int book = (order.venue() & (MAX_VENUES - 1)) << CHANNEL_VENUE_SHIFT |
                    (order.instrument() & CHANNEL_INSTRUMENT_MASK);
                final long touch = SIDE_BUY == order.side() ? decoder.bestAsk(book) : decoder.bestBid(book);
                completion.wrap(completionRing.buffer(), completionRing.tailOffset())
                    .clear()
                    .type(CMP_TYPE_TRIGGER_FIRED)
                    .reason(REASON_NONE)
                    .venue(order.venue())
                    .side(order.side())
                    .instrument(order.instrument())
                    .clientOrderId(order.clientOrderId())
                    .hostTag(order.hostTag())
                    .price(order.price())
                    .quantity(order.quantity())
                    .referencePrice(Math.max(0, touch))
                    .cyclesIn(cycles)
                    .cyclesOut(cycles + GATE_CYCLES);
                completionRing.commit();
                cycles++;
                final int messageLength = triggerLength[slot] - ORDER_DESCRIPTOR_SIZE;
                final long verdictAtSender = Math.max(orderIn + TRIGGER_VERDICT_CYCLES, senderFree);
                if (REASON_NONE == gate(triggerSlots, offset, triggerLength[slot]))
                {
                    final long firstBeat = verdictAtSender + 1;
                    latency.record(LATENCY_PATH_TRIGGER, firstBeat);
                    senderFree = firstBeat + Math.max(1, (messageLength + 7) / 8);
                }
                else
                {
                    senderFree = verdictAtSender + 1;
                }
                orderIn += TRIGGER_SLOT_CYCLES;
            }
        }
    }

    /** Judges one order slot and acts on the verdict; returns the reason ({@code REASON_NONE}: sent). */
    private int gate(final UnsafeBuffer slots, final int slotOffset, final int length)
    {
        order.wrap(slots, slotOffset);

        final long cyclesIn = cycles;
        final long cyclesOut = cyclesIn + GATE_CYCLES;
        cycles = cyclesOut;

        final int venue = order.venue();
        final int side = order.side();
        final int instrument = order.instrument();
        final int action = order.action();
        final long price = order.price();
        final long quantity = order.quantity();
        final int messageLength = order.messageLength();

        long referencePrice = 0;
        int reason;
        if (length < ORDER_DESCRIPTOR_SIZE || ORDER_DESCRIPTOR_SIZE + messageLength != length ||
            (SIDE_BUY != side && SIDE_SELL != side) ||
            (ORD_ACTION_NEW != action && ORD_ACTION_CANCEL != action) ||
            order.type() < ORD_TYPE_LIMIT || order.type() > ORD_TYPE_MARKET ||
            venue >= MAX_VENUES || instrument >= MAX_INSTRUMENTS ||
            (ORD_ACTION_NEW == action && (price <= 0 || quantity <= 0)))
        {
            reason = REASON_MALFORMED;
        }
        else if (ORD_ACTION_CANCEL == action)
        {
            reason = !venueEnabled(venue) ? REASON_VENUE_DISABLED :
                !hasToken(venue, cyclesOut) ? REASON_THROTTLE : REASON_NONE;
        }
        else if (0 != (risk(RISK_CONTROL) & RISK_CONTROL_KILL))
        {
            reason = REASON_KILL_SWITCH;
        }
        else if (!venueEnabled(venue))
        {
            reason = REASON_VENUE_DISABLED;
        }
        else if (0 == (risk(RISK_INSTRUMENT_ENABLE) & (1 << instrument)))
        {
            reason = REASON_INSTRUMENT_DISABLED;
        }
        else if (quantity > risk64(RISK_MAX_QTY_LO))
        {
            reason = REASON_MAX_QUANTITY;
        }
        else if (productExceeds(price, quantity, risk64(RISK_MAX_NOTIONAL_LO)))
        {
            reason = REASON_MAX_NOTIONAL;
        }
        else
        {
            final int book = venue << CHANNEL_VENUE_SHIFT | instrument;
            referencePrice = SIDE_BUY == side ? decoder.bestAsk(book) : decoder.bestBid(book);
            if (referencePrice <= 0)
            {
                referencePrice = 0;
                reason = REASON_NO_REFERENCE_PRICE;
            }
            else if (outsideCollar(price, referencePrice, Integer.toUnsignedLong(risk(RISK_COLLAR_BPS))))
            {
                reason = REASON_PRICE_COLLAR;
            }
            else if (breachesPosition(instrument, side, quantity))
            {
                reason = REASON_POSITION_LIMIT;
            }
            else if (!hasToken(venue, cyclesOut))
            {
                reason = REASON_THROTTLE;
            }
            else if (isRecentOrderId(order.clientOrderId()))
            {
                reason = REASON_DUPLICATE_ORDER_ID;
            }
            else
            {
                reason = REASON_NONE;
            }
        }

        completion.wrap(completionRing.buffer(), completionRing.tailOffset())
            .clear()
            .type(REASON_NONE == reason ? CMP_TYPE_SENT : CMP_TYPE_REJECTED)
            .reason(reason)
            .venue(venue)
            .side(side)
            .instrument(instrument)
            .clientOrderId(order.clientOrderId())
            .hostTag(order.hostTag())
            .price(price)
            .quantity(quantity)
            .referencePrice(referencePrice)
            .cyclesIn(cyclesIn)
            .cyclesOut(cyclesOut);
        completionRing.commit();
        reasonCounters[reason]++;

        if (REASON_NONE == reason)
        {
            send(venue, slots, order.messageOffset(), messageLength);
            tokens[venue]--;
            if (ORD_ACTION_NEW == action)
            {
                rememberOrderId(order.clientOrderId());
                if (SIDE_BUY == side)
                {
                    openBuy[instrument] = saturatingAdd(openBuy[instrument], quantity);
                }
                else
                {
                    openSell[instrument] = saturatingAdd(openSell[instrument], quantity);
                }
            }
        }
        return reason;
    }

    private void send(final int venue, final DirectBuffer buffer, final int offset, final int length)
    {
        final int index = transmitRing.tailIndex();
        transmitRing.buffer().putBytes(transmitRing.tailOffset(), buffer, offset, length);
        transmitVenue[index] = venue;
        transmitLength[index] = length;
        transmitRing.commit();
        ordersSent++;
    }

    private boolean venueEnabled(final int venue)
    {
        return 0 != (risk(RISK_VENUE_ENABLE) & (1 << venue));
    }

    /**
     * Token bucket per venue: one token every {@code THROTTLE_REFILL} cycles (0: no refill) up to
     * {@code THROTTLE_BURST}. A token is taken only when the order is sent.
     */
    private boolean hasToken(final int venue, final long now)
    {
        final long burst = Integer.toUnsignedLong(risk(RISK_THROTTLE_BURST));
        final long refill = Integer.toUnsignedLong(risk(RISK_THROTTLE_REFILL));
        if (refill > 0)
        {
            final long elapsed = now - lastRefillCycles[venue];
            final long earned = elapsed / refill;
            if (earned > 0)
            {
                lastRefillCycles[venue] += earned * refill;
                tokens[venue] = earned >= burst - tokens[venue] ? burst : tokens[venue] + earned;
            }
            if (tokens[venue] >= burst)
            {
                // A full bucket does not bank time towards the next token.
                lastRefillCycles[venue] = now;
            }
        }
        tokens[venue] = Math.min(tokens[venue], burst);

        return tokens[venue] > 0;
    }

    /** Worst case after this order: position plus every open order on its side plus this one. */
    private boolean breachesPosition(final int instrument, final int side, final long quantity)
    {
        final long max = risk64(RISK_MAX_POSITION_LO);
        final long worst = SIDE_BUY == side ?
            saturatingAdd(saturatingAdd(position[instrument], openBuy[instrument]), quantity) :
            saturatingAdd(saturatingAdd(position[instrument], -openSell[instrument]), -quantity);

        return worst > max || worst < -max;
    }

    /** Bucket of a client order id in the duplicate table: the id XOR-folded to 10 bits, as the RTL hashes it. */
    static int duplicateBucket(final long clientOrderId)
    {
        long folded = 0;
        for (int shift = 0; shift < 64; shift += 10)
        {
            folded ^= clientOrderId >>> shift;
        }

        return (int)folded & (DUPLICATE_BUCKETS - 1);
    }

    private boolean isRecentOrderId(final long clientOrderId)
    {
        final int base = duplicateBucket(clientOrderId) * DUPLICATE_WAYS;
        for (int way = 0; way < DUPLICATE_WAYS; way++)
        {
            if (duplicateValid[base + way] && duplicateIds[base + way] == clientOrderId)
            {
                return true;
            }
        }

        return false;
    }

    private void rememberOrderId(final long clientOrderId)
    {
        final int bucket = duplicateBucket(clientOrderId);
        final int way = duplicateNext[bucket];
        duplicateIds[bucket * DUPLICATE_WAYS + way] = clientOrderId;
        duplicateValid[bucket * DUPLICATE_WAYS + way] = true;
        duplicateNext[bucket] = (way + 1) & (DUPLICATE_WAYS - 1);
    }

    /** price x quantity > max, exact over the full 128-bit product; both factors are positive. */
    static boolean productExceeds(final long price, final long quantity, final long max)
    {
        final long high = Math.multiplyHigh(price, quantity);
        final long low = price * quantity;

        return 0 != high || low < 0 || low > max;
    }

    /** |price - reference| x 10000 > bps x reference, exact; price and reference are positive. */
    static boolean outsideCollar(final long price, final long reference, final long bps)
    {
        final long distance = Math.abs(price - reference);
        final long lhsHigh = Math.multiplyHigh(distance, 10_000L);
        final long lhsLow = distance * 10_000L;
        final long rhsHigh = Math.multiplyHigh(reference, bps);
        final long rhsLow = reference * bps;

        return lhsHigh != rhsHigh ? lhsHigh > rhsHigh : Long.compareUnsigned(lhsLow, rhsLow) > 0;
    }

    static long saturatingAdd(final long a, final long b)
    {
        final long sum = a + b;
        if (((a ^ sum) & (b ^ sum)) < 0)
        {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }

        return sum;
    }

    private int risk(final int offset)
    {
        return riskRegisters[offset / 4];
    }

    private long risk64(final int lowOffset)
    {
        return Integer.toUnsignedLong(riskRegisters[lowOffset / 4]) | ((long)riskRegisters[lowOffset / 4 + 1] << 32);
    }

    // ------------------------------------------------------------------------------------------
    // Card -> host outputs and clock
    // ------------------------------------------------------------------------------------------

    public int pollMarketData(final RecordHandler handler, final int limit)
    {
        receiveTiming.catchUp(cycles);
        return marketDataRing.poll(handler, limit);
    }

    public int pollCompletions(final RecordHandler handler, final int limit)
    {
        return completionRing.poll(handler, limit);
    }

    public int pollTransmit(final TransmitHandler handler, final int limit)
    {
        int count = 0;
        while (count < limit && !transmitRing.isEmpty())
        {
            final int index = transmitRing.headIndex();
            final int offset = transmitRing.headOffset();
            transmitRing.release();
            count++;
            handler.onTransmit(transmitVenue[index], transmitRing.buffer(), offset, transmitLength[index]);
        }

        return count;
    }

    public void advanceClock(final long cycles)
    {
        if (cycles < 0)
        {
            throw new IllegalArgumentException("cycles must not be negative: " + cycles);
        }
        this.cycles += cycles;
        // staleness timers run out in idle time too
        receiveTiming.catchUp(this.cycles);
    }

    /**
     * A STALE or RECOVERED record from the wire parser's timers, in the cycle the decoder takes it:
     * written to the ring and seen by the book stage like any record. With the ring full it is lost
     * and counted ({@link #lostStatusRecords()}); the RTL's output would stall instead.
     */
    private void onStatus(final int channel, final int flags, final int entry, final long stamp)
    {
        if (0 == marketDataRing.free())
        {
            lostStatusRecords++;
            return;
        }
        final int index = marketDataRing.tailIndex();
        decoder.status(channel, flags, entry, stamp);
        bookRecord.wrap(marketDataRing.buffer(), index * MD_RECORD_SIZE);
        book.onRecord(bookRecord);
        marketDataRecords++;
    }

    /** STALE and RECOVERED records lost to a full market-data ring. */
    public long lostStatusRecords()
    {
        return lostStatusRecords;
    }

    public long cycles()
    {
        return cycles;
    }

    public void close()
    {
        closed = true;
    }

    // ------------------------------------------------------------------------------------------
    // Model state the register space has no counter for, for tests and diagnostics

    /** The book the card keeps from its records (tests feed it records the decoder does not write). */
    ReferenceBook book()
    {
        return book;
    }
    // ------------------------------------------------------------------------------------------

    /** Ingress frames dropped as malformed (each also produced a FEED_STATUS decode-error record). */
    public long decodeErrors()
    {
        return decoder.decodeErrors();
    }

    /** Name of the last frame's decode outcome, e.g. {@code OK} or {@code GROUP_COUNT}. */
    public String lastDecodeOutcome()
    {
        return SpotStreamDecoder.errorName(decoder.lastError());
    }

    /** Depth-diff sequence gaps detected. */
    public long sequenceGaps()
    {
        return decoder.gaps();
    }

    /** Exposure records ignored because of a bad instrument, side, kind or negative quantity. */
    public long malformedExposures()
    {
        return malformedExposures;
    }

    public long position(final int instrument)
    {
        return position[instrument];
    }

    public long openBuyQuantity(final int instrument)
    {
        return openBuy[instrument];
    }

    public long openSellQuantity(final int instrument)
    {
        return openSell[instrument];
    }

    /** The hardware BBO table entry for a venue's instrument; 0 when none has been seen. */
    public long bestBid(final int venue, final int instrument)
    {
        return decoder.bestBid(channel(venue, instrument));
    }

    public long bestAsk(final int venue, final int instrument)
    {
        return decoder.bestAsk(channel(venue, instrument));
    }

    private void checkOpen()
    {
        if (closed)
        {
            throw new IllegalStateException("card is closed");
        }
    }

    /**
     * Configuration of a reference card. Ring capacities are powers of two; instruments the receive
     * path decodes need a scale (the exponents of their price and quantity units).
     */
    public static final class Context
    {
        /** Instrument id of BTC-USD in this build's instrument table. */
        public static final int INSTRUMENT_BTC_USD = 1;
        /** Instrument id of ETH-USD in this build's instrument table. */
        public static final int INSTRUMENT_ETH_USD = 2;
        /** Price unit of this build's instruments: 10^-2. */
        public static final int DEFAULT_PRICE_EXPONENT = -2;
        /** Quantity unit of this build's instruments: 10^-6. */
        public static final int DEFAULT_QTY_EXPONENT = -6;
        /** Largest |exponent| a scale may use; 10^18 is the largest power of ten in a long. */
        public static final int MAX_SCALE_EXPONENT = 18;

        private int ingressRingCapacity = 1024;
        private int orderRingCapacity = 1024;
        private int exposureRingCapacity = 1024;
        private int marketDataRingCapacity = 16 * 1024;
        private int completionRingCapacity = 1024;
        private int transmitRingCapacity = 1024;
        private int wireRingCapacity = 256;
        private int buildId = 0x5245_4631;
        private final boolean[] scaled = new boolean[MAX_INSTRUMENTS];
        private final int[] priceExponent = new int[MAX_INSTRUMENTS];
        private final int[] qtyExponent = new int[MAX_INSTRUMENTS];

        public Context()
        {
            instrumentScale(INSTRUMENT_BTC_USD, DEFAULT_PRICE_EXPONENT, DEFAULT_QTY_EXPONENT);
            instrumentScale(INSTRUMENT_ETH_USD, DEFAULT_PRICE_EXPONENT, DEFAULT_QTY_EXPONENT);
        }

        /** Sets the unit of an instrument's prices (10^priceExponent) and quantities (10^qtyExponent). */
        public Context instrumentScale(final int instrument, final int priceExponent, final int qtyExponent)
        {
            if (instrument < 0 || instrument >= MAX_INSTRUMENTS)
            {
                throw new IllegalArgumentException("instrument outside 0.." + (MAX_INSTRUMENTS - 1) + ": " + instrument);
            }
            checkExponent("priceExponent", priceExponent);
            checkExponent("qtyExponent", qtyExponent);
            scaled[instrument] = true;
            this.priceExponent[instrument] = priceExponent;
            this.qtyExponent[instrument] = qtyExponent;
            return this;
        }

        /** Forgets every instrument scale, including the defaults. */
        public Context clearInstrumentScales()
        {
            Arrays.fill(scaled, false);
            return this;
        }

        public boolean hasInstrumentScale(final int instrument)
        {
            return scaled[instrument];
        }

        public int priceExponent(final int instrument)
        {
            return priceExponent[instrument];
        }

        public int qtyExponent(final int instrument)
        {
            return qtyExponent[instrument];
        }

        public Context ingressRingCapacity(final int capacity)
        {
            ingressRingCapacity = capacity;
            return this;
        }

        public int ingressRingCapacity()
        {
            return ingressRingCapacity;
        }

        public Context orderRingCapacity(final int capacity)
        {
            orderRingCapacity = capacity;
            return this;
        }

        public int orderRingCapacity()
        {
            return orderRingCapacity;
        }

        public Context exposureRingCapacity(final int capacity)
        {
            exposureRingCapacity = capacity;
            return this;
        }

        public int exposureRingCapacity()
        {
            return exposureRingCapacity;
        }

        public Context marketDataRingCapacity(final int capacity)
        {
            marketDataRingCapacity = capacity;
            return this;
        }

        public int marketDataRingCapacity()
        {
            return marketDataRingCapacity;
        }

        public Context completionRingCapacity(final int capacity)
        {
            completionRingCapacity = capacity;
            return this;
        }

        public int completionRingCapacity()
        {
            return completionRingCapacity;
        }

        public Context transmitRingCapacity(final int capacity)
        {
            transmitRingCapacity = capacity;
            return this;
        }

        public int transmitRingCapacity()
        {
            return transmitRingCapacity;
        }

        public Context wireRingCapacity(final int capacity)
        {
            wireRingCapacity = capacity;
            return this;
        }

        public int wireRingCapacity()
        {
            return wireRingCapacity;
        }

        /** Build identifier the identity block reports. */
        public Context buildId(final int buildId)
        {
            this.buildId = buildId;
            return this;
        }

        public int buildId()
        {
            return buildId;
        }

        /** Validates the configuration; the card calls it on construction. */
        public Context conclude()
        {
            checkCapacity("ingressRingCapacity", ingressRingCapacity);
            checkCapacity("orderRingCapacity", orderRingCapacity);
            checkCapacity("exposureRingCapacity", exposureRingCapacity);
            checkCapacity("marketDataRingCapacity", marketDataRingCapacity);
            checkCapacity("completionRingCapacity", completionRingCapacity);
            checkCapacity("transmitRingCapacity", transmitRingCapacity);
            checkCapacity("wireRingCapacity", wireRingCapacity);
            if (marketDataRingCapacity < SpotStreamDecoder.MAX_RECORDS_PER_WIRE_FRAME)
            {
                throw new IllegalArgumentException("marketDataRingCapacity must hold one wire frame's records (" +
                    SpotStreamDecoder.MAX_RECORDS_PER_WIRE_FRAME + "): " + marketDataRingCapacity);
            }

            return this;
        }

        private static void checkCapacity(final String name, final int capacity)
        {
            if (capacity < 1 || capacity > (1 << 24) || !BitUtil.isPowerOfTwo(capacity))
            {
                throw new IllegalArgumentException(name + " must be a power of two in 1..2^24: " + capacity);
            }
        }

        private static void checkExponent(final String name, final int exponent)
        {
            if (exponent < -MAX_SCALE_EXPONENT || exponent > MAX_SCALE_EXPONENT)
            {
                throw new IllegalArgumentException(
                    name + " outside -" + MAX_SCALE_EXPONENT + ".." + MAX_SCALE_EXPONENT + ": " + exponent);
            }
        }
    }
}
