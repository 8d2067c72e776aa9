package io.slipway.card;

/**
 * Java mirror of {@code firmware-stubs/include/slipway_nic.h}, the contract between the host and
 * the card: one constant per {@code #define SLIPWAY_X}, named {@code X}, with the same value.
 * {@code NicLayoutHeaderTest} parses the header and fails if the two drift, so edit the header
 * first and this class second. Only layout constants live here as {@code public static final int}
 * fields; helpers are methods.
 */
public final class NicLayout
{
    private static final String[] REASON_NAMES =
    {
        "NONE",
        "KILL_SWITCH",
        "VENUE_DISABLED",
        "INSTRUMENT_DISABLED",
        "MAX_QUANTITY",
        "MAX_NOTIONAL",
        "PRICE_COLLAR",
        "NO_REFERENCE_PRICE",
        "POSITION_LIMIT",
        "THROTTLE",
        "DUPLICATE_ORDER_ID",
        "MALFORMED",
    };

    // Header version and magic.
    public static final int NIC_HEADER_VERSION = 1;
    /** "SLPW" little-endian */
    public static final int NIC_MAGIC = 0x57504C53;

    // Register block header: every block starts with {type, version, next, length}.
    public static final int BLK_HDR_TYPE = 0x00;
    public static final int BLK_HDR_VERSION = 0x04;
    public static final int BLK_HDR_NEXT = 0x08;
    public static final int BLK_HDR_LENGTH = 0x0C;
    public static final int BLK_HDR_SIZE = 16;
    public static final int BLK_TYPE_IDENTITY = 0x0001;
    public static final int BLK_TYPE_RISK = 0x0002;
    public static final int BLK_TYPE_COUNTERS = 0x0003;
    public static final int BLK_TYPE_FEED = 0x0004;
    public static final int BLK_TYPE_BOOK = 0x0005;
    public static final int BLK_TYPE_TRIGGER = 0x0006;
    public static final int BLK_TYPE_LATENCY = 0x0007;
    public static final int FEED_BASE = 0x0100;

    // Feed block (wire RX) at FEED_BASE: counters and the subscription table.
    public static final int FEED_VERSION = 1;
    public static final int FEED_LENGTH = 0x100;
    /** wire frames received, whatever became of them */
    public static final int FEED_FRAMES = 0x10;
    /** well-formed IPv4 that is not UDP, or UDP to no enabled entry */
    public static final int FEED_NOT_SUBSCRIBED = 0x14;
    /** shorter than an Ethernet + IPv4 header, or EtherType not IPv4 */
    public static final int FEED_DROP_L2 = 0x18;
    /** IPv4 version, IHL, header checksum, total length, fragment */
    public static final int FEED_DROP_L3 = 0x1C;
    /** UDP length < 8 or past the IPv4 payload */
    public static final int FEED_DROP_L4 = 0x20;
    /** messages (wire or lookaside) dropped by the SBE decoder */
    public static final int FEED_DECODE_ERRORS = 0x24;
    /** depth-diff sequence gaps */
    public static final int FEED_GAPS = 0x28;
    /** SBE messages handed from the wire to the decoder */
    public static final int FEED_DELIVERED = 0x2C;
    /** read-write staleness timeout per subscription entry, in card cycles; 0 (reset) disables the timers */
    public static final int FEED_STALE_CYCLES = 0x30;
    /** STALE records written */
    public static final int FEED_STALE = 0x34;
    /** RECOVERED records written */
    public static final int FEED_RECOVERED = 0x38;
    public static final int FEED_SUB_BASE = 0x80;
    public static final int FEED_SUB_STRIDE = 8;
    public static final int FEED_SUB_COUNT = 16;
    /** IPv4 destination as a number */
    public static final int FEED_SUB_GROUP = 0x00;
    /** 15:0 UDP destination port, 22:16 channel, 31 enable */
    public static final int FEED_SUB_PORT_CHANNEL = 0x04;
    public static final int FEED_SUB_CHANNEL_SHIFT = 16;
    public static final int FEED_SUB_CHANNEL_MASK = 0x7F;
    public static final int FEED_SUB_ENABLE = 1 << 31;
    /** longest SBE message in one UDP datagram */
    public static final int WIRE_MAX_PAYLOAD = 1472;
    /** Ethernet frame without FCS, with one 802.1Q tag */
    public static final int WIRE_MAX_FRAME = 1522;
    public static final int BOOK_BASE = 0x0200;
    public static final int TRIGGER_BASE = 0x0300;
    public static final int LATENCY_BASE = 0x0400;

    // Identity block: always at address 0, read-only.
    public static final int IDENTITY_BASE = 0x0000;
    public static final int IDENTITY_VERSION = 1;
    public static final int IDENTITY_LENGTH = 0x40;
    /** NIC_MAGIC */
    public static final int ID_MAGIC = 0x10;
    /** NIC_HEADER_VERSION the card was built against */
    public static final int ID_HEADER_VERSION = 0x14;
    /** build identifier (e.g. source hash) */
    public static final int ID_BUILD_ID = 0x18;
    /** FEATURE_* bits */
    public static final int ID_FEATURES = 0x1C;
    /** design clock in kHz (322266 for 322.266 MHz) */
    public static final int ID_CLOCK_KHZ = 0x20;
    public static final int ID_MD_RECORD_SIZE = 0x24;
    public static final int ID_ORDER_SLOT_SIZE = 0x28;
    public static final int ID_COMPLETION_RECORD_SIZE = 0x2C;
    /** read/write; proves the write path */
    public static final int ID_SCRATCH = 0x30;

    // Identity feature bits.
    public static final int FEATURE_RX_SBE = 1 << 0;
    public static final int FEATURE_BOOK = 1 << 1;
    public static final int FEATURE_RISK_GATE = 1 << 2;
    public static final int FEATURE_TRIGGERS = 1 << 3;
    public static final int FEATURE_LATENCY_STATS = 1 << 4;

    // Risk block: written only by the admin path.
    public static final int RISK_BASE = 0x0040;
    public static final int RISK_VERSION = 1;
    public static final int RISK_LENGTH = 0x40;
    /** bit 0: kill switch (1 = nothing leaves) */
    public static final int RISK_CONTROL = 0x10;
    /** bit v: venue v enabled */
    public static final int RISK_VENUE_ENABLE = 0x14;
    /** bit i: instrument i enabled */
    public static final int RISK_INSTRUMENT_ENABLE = 0x18;
    /** max |price - reference| in bps of reference; the reference is the BBO touch the order would take */
    public static final int RISK_COLLAR_BPS = 0x1C;
    /** max order quantity, instrument scale */
    public static final int RISK_MAX_QTY_LO = 0x20;
    public static final int RISK_MAX_QTY_HI = 0x24;
    /** max price x qty, in (price scale x qty scale) units */
    public static final int RISK_MAX_NOTIONAL_LO = 0x28;
    public static final int RISK_MAX_NOTIONAL_HI = 0x2C;
    /** token bucket depth per venue, messages */
    public static final int RISK_THROTTLE_BURST = 0x30;
    /** cycles per token */
    public static final int RISK_THROTTLE_REFILL = 0x34;
    /** max |position + open exposure| per instrument */
    public static final int RISK_MAX_POSITION_LO = 0x38;
    public static final int RISK_MAX_POSITION_HI = 0x3C;
    public static final int RISK_CONTROL_KILL = 1 << 0;

    // Counters block: read-only, free-running 32-bit counters.
    public static final int COUNTERS_BASE = 0x0080;
    public static final int COUNTERS_VERSION = 1;
    public static final int COUNTERS_LENGTH = 0x80;
    /** + 4 x reason code, reasons 0..15 */
    public static final int CNT_REASON_BASE = 0x10;
    public static final int CNT_MD_RECORDS = 0x50;
    public static final int CNT_INGRESS_DROPPED = 0x54;
    public static final int CNT_ORDERS_SENT = 0x58;
    public static final int CNT_CYCLES_LO = 0x5C;
    public static final int CNT_CYCLES_HI = 0x60;
    /** exposure records that changed no state (bad instrument, side, kind or quantity) */
    public static final int CNT_EXPOSURE_MALFORMED = 0x64;

    // Trigger block
    public static final int TRIGGER_VERSION = 1;
    public static final int TRIGGER_LENGTH = 0x100;
    public static final int TRIGGER_SLOTS = 4;
    public static final int TRG_SELECT = 0x10;
    public static final int TRG_DATA_POINTER = 0x14;
    public static final int TRG_DATA = 0x18;
    public static final int TRG_CHANNEL = 0x1C;
    public static final int TRG_CONDITION = 0x20;
    public static final int TRG_LEVEL_LO = 0x24;
    public static final int TRG_LEVEL_HI = 0x28;
    public static final int TRG_SLOT_LENGTH = 0x2C;
    public static final int TRG_ARM = 0x30;
    public static final int TRG_DISARM = 0x34;
    public static final int TRG_ARMED = 0x38;
    public static final int TRG_FIRED = 0x3C;
    public static final int TRG_COND_ASK_AT_OR_BELOW = 1;
    public static final int TRG_COND_BID_AT_OR_ABOVE = 2;

    // Market-data ring (card to host): 64-byte records.
    public static final int MD_RECORD_SIZE = 64;
    /** u16 MD_TYPE_* */
    public static final int MD_TYPE = 0x00;
    /** u16 feed channel (one per venue and instrument) */
    public static final int MD_CHANNEL = 0x02;
    /** u16 */
    public static final int MD_INSTRUMENT = 0x04;
    /** u8 */
    public static final int MD_VENUE = 0x06;
    /** u8: MD_FLAG_* */
    public static final int MD_FLAGS = 0x07;
    /** u64 venue update id or trade id */
    public static final int MD_SEQUENCE = 0x08;
    /** i64 bid price, trade price, or level price */
    public static final int MD_PRICE_0 = 0x10;
    /** i64 bid qty, trade qty, or level qty */
    public static final int MD_QTY_0 = 0x18;
    /** i64 ask price (BBO) */
    public static final int MD_PRICE_1 = 0x20;
    /** i64 ask qty (BBO) */
    public static final int MD_QTY_1 = 0x28;
    /** i64 venue event time, microseconds */
    public static final int MD_EVENT_TIME_US = 0x30;
    /**
     * u64 receive stamp: the card cycle in which the last beat of the record's frame was taken at the
     * card's ingress port; every record of a frame carries it (STALE: the cycle the timer ran out;
     * RECOVERED: the resuming datagram's verdict cycle)
     */
    public static final int MD_CARD_CYCLES = 0x38;
    public static final int MD_TYPE_BBO = 1;
    public static final int MD_TYPE_TRADE = 2;
    public static final int MD_TYPE_BOOK_LEVEL = 3;
    public static final int MD_TYPE_FEED_STATUS = 4;
    /** BOOK_LEVEL: bid side (else ask) */
    public static final int MD_FLAG_BID = 1 << 0;
    /** TRADE: buyer was the maker (seller aggressed) */
    public static final int MD_FLAG_BUYER_MAKER = 1 << 1;
    /** FEED_STATUS: sequence gap detected */
    public static final int MD_FLAG_GAP = 1 << 2;
    /** FEED_STATUS: feed stale */
    public static final int MD_FLAG_STALE = 1 << 3;
    /** FEED_STATUS: frame dropped as malformed */
    public static final int MD_FLAG_DECODE_ERROR = 1 << 4;
    /** BOOK_LEVEL: level from a depth snapshot */
    public static final int MD_FLAG_SNAPSHOT = 1 << 5;
    /** FEED_STATUS: a stale feed has traffic again */
    public static final int MD_FLAG_RECOVERED = 1 << 6;

    // Lookaside ingress ring (host to card): 16-byte header then the SBE message.
    public static final int INGRESS_SLOT_SIZE = 512;
    /** u16 feed channel */
    public static final int INGRESS_CHANNEL = 0x00;
    /** u16 SBE message length in bytes */
    public static final int INGRESS_LENGTH = 0x02;
    /** u32 zero */
    public static final int INGRESS_RESERVED = 0x04;
    /** u64 opaque to the card */
    public static final int INGRESS_HOST_TAG = 0x08;
    public static final int INGRESS_PAYLOAD = 0x10;
    public static final int INGRESS_MAX_PAYLOAD = 496;

    // Binance spot market-data stream SBE schema, the first schema the card decodes.
    public static final int SBE_SCHEMA_ID = 1;
    public static final int SBE_SCHEMA_VERSION = 0;
    public static final int SBE_TEMPLATE_TRADES = 10000;
    public static final int SBE_TEMPLATE_BEST_BID_ASK = 10001;
    public static final int SBE_TEMPLATE_DEPTH_SNAP = 10002;
    public static final int SBE_TEMPLATE_DEPTH_DIFF = 10003;

    // Order ring (host to card): 64-byte descriptor followed by the venue message bytes.
    public static final int ORDER_SLOT_SIZE = 256;
    public static final int ORDER_DESCRIPTOR_SIZE = 64;
    public static final int ORDER_MAX_MESSAGE = 192;
    /** u8 */
    public static final int ORD_VENUE = 0x00;
    /** u8 SIDE_* */
    public static final int ORD_SIDE = 0x01;
    /** u8 ORD_TYPE_* */
    public static final int ORD_TYPE = 0x02;
    /** u8 ORD_ACTION_* */
    public static final int ORD_ACTION = 0x03;
    /** u16 */
    public static final int ORD_INSTRUMENT = 0x04;
    /** u16 venue message bytes following the descriptor */
    public static final int ORD_MESSAGE_LENGTH = 0x06;
    /** u64, unique per child order */
    public static final int ORD_CLIENT_ORDER_ID = 0x08;
    /** i64 limit price (protection price for market) */
    public static final int ORD_PRICE = 0x10;
    /** i64 */
    public static final int ORD_QUANTITY = 0x18;
    /** u64 opaque to the card, echoed in the completion */
    public static final int ORD_HOST_TAG = 0x20;
    /** 24 bytes zero */
    public static final int ORD_RESERVED = 0x28;
    public static final int ORD_MESSAGE = 0x40;
    public static final int SIDE_BUY = 1;
    public static final int SIDE_SELL = 2;
    public static final int ORD_TYPE_LIMIT = 1;
    public static final int ORD_TYPE_IOC = 2;
    public static final int ORD_TYPE_MARKET = 3;
    public static final int ORD_ACTION_NEW = 1;
    /** cancels pass the kill switch and skip quantity, notional, collar, position and duplicate checks */
    public static final int ORD_ACTION_CANCEL = 2;

    // Exposure ring (host to card): fills and released quantities, and the RESTORE kinds that set
    // position and open quantity on a card that starts with state the host already holds. 32-byte records.
    public static final int EXPOSURE_RECORD_SIZE = 32;
    /** u16 */
    public static final int EXP_INSTRUMENT = 0x00;
    /** u8 */
    public static final int EXP_SIDE = 0x02;
    /** u8 EXP_KIND_* */
    public static final int EXP_KIND = 0x03;
    /** u32 zero */
    public static final int EXP_RESERVED = 0x04;
    /** u64 */
    public static final int EXP_CLIENT_ORDER_ID = 0x08;
    /** i64 quantity filled or released */
    public static final int EXP_QUANTITY = 0x10;
    /** u64 zero */
    public static final int EXP_RESERVED2 = 0x18;
    public static final int EXP_KIND_FILL = 1;
    /** cancel, expiry or reject: open exposure released */
    public static final int EXP_KIND_RELEASE = 2;
    /** set the instrument's position to +QUANTITY (BUY) or -QUANTITY (SELL); open quantities unchanged */
    public static final int EXP_KIND_RESTORE_POSITION = 3;
    /** set the open quantity of SIDE on the instrument to QUANTITY; position unchanged */
    public static final int EXP_KIND_RESTORE_OPEN = 4;

    // Completion ring (card to host): 64-byte records.
    public static final int COMPLETION_RECORD_SIZE = 64;
    /** u16 CMP_TYPE_* */
    public static final int CMP_TYPE = 0x00;
    /** u16 REASON_* */
    public static final int CMP_REASON = 0x02;
    /** u8 */
    public static final int CMP_VENUE = 0x04;
    /** u8 */
    public static final int CMP_SIDE = 0x05;
    /** u16 */
    public static final int CMP_INSTRUMENT = 0x06;
    /** u64 */
    public static final int CMP_CLIENT_ORDER_ID = 0x08;
    /** u64 echoed from the descriptor */
    public static final int CMP_HOST_TAG = 0x10;
    /** i64 */
    public static final int CMP_PRICE = 0x18;
    /** i64 */
    public static final int CMP_QUANTITY = 0x20;
    /** i64 hardware BBO price the collar used (0: none) */
    public static final int CMP_REFERENCE_PRICE = 0x28;
    /** u64 cycle the descriptor entered the gate */
    public static final int CMP_CYCLES_IN = 0x30;
    /** u64 cycle of the verdict */
    public static final int CMP_CYCLES_OUT = 0x38;
    /** passed; message bytes left on the venue port */
    public static final int CMP_TYPE_SENT = 1;
    /** failed; nothing left the card */
    public static final int CMP_TYPE_REJECTED = 2;
    public static final int CMP_TYPE_TRIGGER_FIRED = 3;

    // Reject reasons; 0 is "passed". Each has a counter in the counters block.
    public static final int REASON_NONE = 0;
    public static final int REASON_KILL_SWITCH = 1;
    public static final int REASON_VENUE_DISABLED = 2;
    public static final int REASON_INSTRUMENT_DISABLED = 3;
    public static final int REASON_MAX_QUANTITY = 4;
    public static final int REASON_MAX_NOTIONAL = 5;
    public static final int REASON_PRICE_COLLAR = 6;
    public static final int REASON_NO_REFERENCE_PRICE = 7;
    public static final int REASON_POSITION_LIMIT = 8;
    public static final int REASON_THROTTLE = 9;
    public static final int REASON_DUPLICATE_ORDER_ID = 10;
    public static final int REASON_MALFORMED = 11;
    public static final int REASON_COUNT = 12;

    // Book block: top BOOK_LEVELS levels per side of BOOK_SLOTS books (semantics in slipway_nic.h).
    public static final int BOOK_VERSION = 1;
    public static final int BOOK_LENGTH = 0x100;
    public static final int BOOK_SLOTS = 16;
    /** + 4 x slot: bits 6:0 channel, bit 15 enabled */
    public static final int BOOK_SLOT_CHANNEL = 0x10;
    /** write: slot (bits 3:0) and side ({@link #BOOK_SELECT_BID}) to copy into the SNAP registers */
    public static final int BOOK_SELECT = 0x50;
    /** read-only: bits 7:0 levels per side, bits 15:8 slots */
    public static final int BOOK_GEOMETRY = 0x54;
    public static final int BOOK_SNAP_STATUS = 0x58;
    public static final int BOOK_SNAP_UPDATES = 0x5C;
    public static final int BOOK_SNAP_SEQUENCE_LO = 0x60;
    public static final int BOOK_SNAP_SEQUENCE_HI = 0x64;
    /** 8 x {price lo, hi, qty lo, hi}, best first; empty levels read 0 */
    public static final int BOOK_SNAP_LEVELS = 0x80;
    public static final int BOOK_LEVEL_STRIDE = 16;
    public static final int BOOK_SLOT_ENABLE = 1 << 15;
    public static final int BOOK_SELECT_BID = 1 << 8;
    /** rebuilt from a snapshot, no gap since */
    public static final int BOOK_STATUS_VALID = 1 << 0;
    public static final int BOOK_STATUS_ENABLED = 1 << 1;
    public static final int BOOK_STATUS_COUNT_SHIFT = 8;

    // Latency block: min/max/sum/count in card cycles per path (semantics in slipway_nic.h).
    public static final int LATENCY_VERSION = 1;
    public static final int LATENCY_LENGTH = 0x100;
    public static final int LATENCY_PATHS = 3;
    public static final int LATENCY_PATH_FEED = 0;
    public static final int LATENCY_PATH_RISK = 1;
    public static final int LATENCY_PATH_TRIGGER = 2;
    /** write: bit p clears path p */
    public static final int LATENCY_CLEAR = 0x10;
    /** read-only: bit p set when path p overflowed its open starts */
    public static final int LATENCY_OVERFLOW = 0x14;
    public static final int LATENCY_PATH_BASE = 0x20;
    public static final int LATENCY_PATH_STRIDE = 0x20;
    public static final int LAT_COUNT = 0x00;
    /** 0xFFFFFFFF while COUNT is 0 */
    public static final int LAT_MIN = 0x04;
    public static final int LAT_MAX = 0x08;
    /** reading SUM_LO latches SUM_HI */
    public static final int LAT_SUM_LO = 0x0C;
    public static final int LAT_SUM_HI = 0x10;
    public static final int LATENCY_MAX_OPEN = 32;

    // Card limits fixed by this version of the design.
    public static final int MAX_VENUES = 8;
    public static final int MAX_INSTRUMENTS = 16;
    public static final int MAX_CHANNELS = 128;

    // Feed channel numbering: channel = venue << 4 | instrument.
    public static final int CHANNEL_VENUE_SHIFT = 4;
    public static final int CHANNEL_INSTRUMENT_MASK = 0x0F;
    public static final int BOOK_LEVELS = 8;

    private NicLayout()
    {
    }

    /**
     * Feed channel of a venue's instrument: {@code venue << 4 | instrument}, so a channel names
     * its book.
     */
    public static int channel(final int venue, final int instrument)
    {
        if (venue < 0 || venue >= MAX_VENUES)
        {
            throw new IllegalArgumentException("venue out of range 0.." + (MAX_VENUES - 1) + ": " + venue);
        }
        if (instrument < 0 || instrument > CHANNEL_INSTRUMENT_MASK)
        {
            throw new IllegalArgumentException(
                "instrument out of range 0.." + CHANNEL_INSTRUMENT_MASK + ": " + instrument);
        }

        return venue << CHANNEL_VENUE_SHIFT | instrument;
    }

    /** Venue a channel belongs to. */
    public static int channelVenue(final int channel)
    {
        return channel >>> CHANNEL_VENUE_SHIFT;
    }

    /** Instrument a channel belongs to. */
    public static int channelInstrument(final int channel)
    {
        return channel & CHANNEL_INSTRUMENT_MASK;
    }

    /** Name of a reject reason code for messages and logs, e.g. {@code PRICE_COLLAR}. */
    public static String reasonName(final int reason)
    {
        if (reason >= 0 && reason < REASON_NAMES.length)
        {
            return REASON_NAMES[reason];
        }

        return "UNKNOWN(" + reason + ")";
    }

    /** Address of the counter for a reject reason, within the card's register space. */
    public static int reasonCounterAddress(final int reason)
    {
        return COUNTERS_BASE + CNT_REASON_BASE + 4 * reason;
    }
}
