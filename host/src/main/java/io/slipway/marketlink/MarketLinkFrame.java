package io.slipway.marketlink;

import io.slipway.domain.Side;
import io.slipway.journal.InputDecoder;
import io.slipway.journal.JournalFormatException;
import io.slipway.venue.VenueOrderStatus;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The frames between the market process and the appliance ({@code docs/market.md}). Every frame
 * starts with the same 24-byte header, little-endian like the journal:
 *
 * <pre>
 *   0  u16 frame type (below)
 *   2  u16 version of that frame type (a reader refuses a version it does not know)
 *   4  i32 length of the whole frame in bytes
 *   8  i64 session: the appliance run the frame belongs to
 *  16  i64 time at the sender, ns since the epoch (information only: the appliance stamps its own)
 *  24  body
 * </pre>
 *
 * The bodies carry formats that already exist rather than new ones: an order is the venue's
 * order-entry bytes as they left the card's venue port; market data is the venue's SBE message
 * for the card's ingress; a venue report is one message of the journal's input codec
 * (VENUE_ACCEPTED, VENUE_REJECTED, VENUE_FILL or VENUE_DONE, and a dealer's DEALER_QUOTE or
 * DEALER_DECLINE), so the appliance journals it as it would any venue report. Only the session
 * handshake, the order status answer, the request for quote and the own-impact figure are new.
 *
 * <p>A malformed frame is refused with a {@link MarketLinkFormatException} naming the frame and the
 * problem; nothing is applied from it. Flyweight-like: one instance wraps one frame at a time.
 */
public final class MarketLinkFrame
{
    public static final int TYPE_OFFSET = 0;
    public static final int VERSION_OFFSET = 2;
    public static final int LENGTH_OFFSET = 4;
    public static final int SESSION_OFFSET = 8;
    public static final int TIME_OFFSET = 16;
    public static final int HEADER_LENGTH = 24;

    /** Appliance to market: a new appliance run takes over the session (body empty). */
    public static final int HELLO = 1;
    /** Appliance to market: u16 venue @24, order-entry bytes @28. */
    public static final int ORDER = 2;
    /** Market to appliance: i32 feed channel @24, SBE message @28. */
    public static final int MARKET_DATA = 3;
    /** Market to appliance: one journal venue-report message @24. */
    public static final int VENUE_REPORT = 4;
    /** Market to appliance, before WELCOME: one host order as a venue holds it (layout in {@link #orderStatus}). */
    public static final int ORDER_STATUS = 5;
    /** Market to appliance: i32 order-status count @24, i64 settle ns @32, world fingerprint text @40. */
    public static final int WELCOME = 6;
    /**
     * Market to appliance, while a session is live (body empty): the market is there. Its absence
     * is how an appliance learns the market died or dropped the session, and greets it again.
     */
    public static final int HEARTBEAT = 7;
    /**
     * Appliance to market: a request for quote to a dealer: u16 venue @24, u8 side @26 (the
     * requester's, 0 BUY 1 SELL), u8 zero @27, i32 instrument id @28, i64 rfq id @32, i64 quantity
     * @40; 48 bytes. The answer comes back as a VENUE_REPORT carrying DEALER_QUOTE or DEALER_DECLINE.
     */
    public static final int RFQ = 8;
    /**
     * Market to appliance: one parent order's own impact as the market's impact model measures it
     * (information for the feedback loop; the core never reads it): i32 instrument id @24, i32 zero
     * @28, i64 parent sequence @32, f64 cumulative own-impact cost @40 (sum over the parent's fills,
     * its dealers' hedges included, of signed base quantity x the relative impact its own flow had put
     * into the price), f64 cumulative base quantity filled @48; 56 bytes. Sent whenever the figure
     * changes, so before the VENUE_REPORT of the fill that changed it, and for every parent the market
     * keeps between the ORDER_STATUS frames and WELCOME of a greeting.
     */
    public static final int OWN_IMPACT = 9;

    public static final int VERSION = 1;
    static final int ORDER_BODY = 28;
    static final int MARKET_DATA_BODY = 28;
    static final int STATUS_FILLS = 64;
    static final int FILL_LENGTH = 32;
    static final int WELCOME_TEXT = 40;
    static final int RFQ_LENGTH = 48;
    static final int OWN_IMPACT_LENGTH = 56;
    /** Parent sequences fit below this ({@code io.slipway.domain.ChildOrderIds}: 63 - 24 bits). */
    static final long PARENT_LIMIT = 1L << 39;

    private static final String[] NAMES = {"unknown", "HELLO", "ORDER", "MARKET_DATA", "VENUE_REPORT",
        "ORDER_STATUS", "WELCOME", "HEARTBEAT", "RFQ", "OWN_IMPACT"};

    private DirectBuffer buffer;
    private int offset;
    private int length;

    /** Name of a frame type, for messages. */
    public static String name(final int type)
    {
        return type > 0 && type < NAMES.length ? NAMES[type] : "unknown frame type " + type;
    }

    // ------------------------------------------------------------------------------------------
    // Encoding: each returns the frame's length
    // ------------------------------------------------------------------------------------------

    public static int encodeHello(final MutableDirectBuffer target, final int offset, final long session,
        final long timeNs)
    {
        return header(target, offset, HELLO, HEADER_LENGTH, session, timeNs);
    }

    public static int encodeHeartbeat(final MutableDirectBuffer target, final int offset, final long session,
        final long timeNs)
    {
        return header(target, offset, HEARTBEAT, HEADER_LENGTH, session, timeNs);
    }

    public static int encodeOrder(final MutableDirectBuffer target, final int offset, final long session,
        final long timeNs, final int venueId, final DirectBuffer order, final int orderOffset, final int orderLength)
    {
        target.putShort(offset + 24, (short)venueId);
        target.putShort(offset + 26, (short)0);
        target.putBytes(offset + ORDER_BODY, order, orderOffset, orderLength);
        return header(target, offset, ORDER, ORDER_BODY + orderLength, session, timeNs);
    }

    public static int encodeMarketData(final MutableDirectBuffer target, final int offset, final long session,
        final long timeNs, final int channel, final DirectBuffer sbe, final int sbeOffset, final int sbeLength)
    {
        target.putInt(offset + 24, channel);
        target.putBytes(offset + MARKET_DATA_BODY, sbe, sbeOffset, sbeLength);
        return header(target, offset, MARKET_DATA, MARKET_DATA_BODY + sbeLength, session, timeNs);
    }

    /** The journal message must already sit at {@code offset + HEADER_LENGTH}. */
    public static int encodeRfq(final MutableDirectBuffer target, final int offset, final long session,
        final long timeNs, final int venueId, final long rfqId, final int instrumentId, final Side side,
        final long quantity)
    {
        target.putShort(offset + 24, (short)venueId);
        target.putByte(offset + 26, (byte)(side == Side.BUY ? 0 : 1));
        target.putByte(offset + 27, (byte)0);
        target.putInt(offset + 28, instrumentId);
        target.putLong(offset + 32, rfqId);
        target.putLong(offset + 40, quantity);
        return header(target, offset, RFQ, RFQ_LENGTH, session, timeNs);
    }

    public static int encodeOwnImpact(final MutableDirectBuffer target, final int offset, final long session,
        final long timeNs, final int instrumentId, final long parentSequence, final double costBase,
        final double filledBase)
    {
        target.putInt(offset + 24, instrumentId);
        target.putInt(offset + 28, 0);
        target.putLong(offset + 32, parentSequence);
        target.putDouble(offset + 40, costBase);
        target.putDouble(offset + 48, filledBase);
        return header(target, offset, OWN_IMPACT, OWN_IMPACT_LENGTH, session, timeNs);
    }

    public static int encodeVenueReport(final MutableDirectBuffer target, final int offset, final long session,
        final long timeNs, final int reportLength)
    {
        return header(target, offset, VENUE_REPORT, HEADER_LENGTH + reportLength, session, timeNs);
    }

    public static int encodeOrderStatus(final MutableDirectBuffer target, final int offset, final long session,
        final long timeNs, final int venueId, final long clientOrderId, final VenueOrderStatus status)
    {
        target.putShort(offset + 24, (short)venueId);
        target.putByte(offset + 26, (byte)status.state().ordinal());
        target.putByte(offset + 27, (byte)0);
        target.putInt(offset + 28, status.received());
        target.putLong(offset + 32, clientOrderId);
        target.putLong(offset + 40, status.quantity());
        target.putLong(offset + 48, status.releasedQuantity());
        target.putInt(offset + 56, status.fills().size());
        target.putInt(offset + 60, 0);
        int at = offset + STATUS_FILLS;
        for (final VenueOrderStatus.Fill fill : status.fills())
        {
            target.putLong(at, fill.price());
            target.putLong(at + 8, fill.quantity());
            target.putDouble(at + 16, fill.fee());
            target.putLong(at + 24, fill.maker() ? 1 : 0);
            at += FILL_LENGTH;
        }
        at += putText(target, at, status.reason());
        return header(target, offset, ORDER_STATUS, at - offset, session, timeNs);
    }

    public static int encodeWelcome(final MutableDirectBuffer target, final int offset, final long session,
        final long timeNs, final int statusCount, final long settleNs, final String fingerprint)
    {
        target.putInt(offset + 24, statusCount);
        target.putInt(offset + 28, 0);
        target.putLong(offset + 32, settleNs);
        final int textLength = putText(target, offset + WELCOME_TEXT, fingerprint);
        return header(target, offset, WELCOME, WELCOME_TEXT + textLength, session, timeNs);
    }

    private static int header(final MutableDirectBuffer target, final int offset, final int type, final int length,
        final long session, final long timeNs)
    {
        target.putShort(offset + TYPE_OFFSET, (short)type);
        target.putShort(offset + VERSION_OFFSET, (short)VERSION);
        target.putInt(offset + LENGTH_OFFSET, length);
        target.putLong(offset + SESSION_OFFSET, session);
        target.putLong(offset + TIME_OFFSET, timeNs);
        return length;
    }

    private static int putText(final MutableDirectBuffer target, final int at, final String text)
    {
        if (text == null)
        {
            target.putInt(at, -1);
            return 4;
        }
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        target.putInt(at, bytes.length);
        target.putBytes(at + 4, bytes);
        return 4 + bytes.length;
    }

    // ------------------------------------------------------------------------------------------
    // Decoding
    // ------------------------------------------------------------------------------------------

    /**
     * Wraps a received frame after checking its header and the fixed part of its body; returns its
     * type. A frame that fails any check is refused by name and nothing is read from it.
     */
    public int wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < HEADER_LENGTH)
        {
            throw new MarketLinkFormatException("frame of " + length + " bytes is shorter than the " + HEADER_LENGTH +
                "-byte header");
        }
        final int type = buffer.getShort(offset + TYPE_OFFSET) & 0xFFFF;
        if (type < HELLO || type > OWN_IMPACT)
        {
            throw new MarketLinkFormatException(name(type) + " (" + length + " bytes) is not a market link frame");
        }
        final int version = buffer.getShort(offset + VERSION_OFFSET) & 0xFFFF;
        if (version != VERSION)
        {
            throw new MarketLinkFormatException(name(type) + " version " + version +
                " is not readable by this build (reads version " + VERSION + ")");
        }
        final int declared = buffer.getInt(offset + LENGTH_OFFSET);
        if (declared != length)
        {
            throw new MarketLinkFormatException(name(type) + " declares " + declared + " bytes in a " + length +
                "-byte fragment");
        }
        final int minimum = switch (type)
        {
            case ORDER -> ORDER_BODY + 1;
            case MARKET_DATA -> MARKET_DATA_BODY + 1;
            case VENUE_REPORT -> HEADER_LENGTH + 16;
            case ORDER_STATUS -> STATUS_FILLS + 4;
            case WELCOME -> WELCOME_TEXT + 4;
            case RFQ -> RFQ_LENGTH;
            case OWN_IMPACT -> OWN_IMPACT_LENGTH;
            default -> HEADER_LENGTH;
        };
        if (length < minimum)
        {
            throw new MarketLinkFormatException(name(type) + " of " + length + " bytes is shorter than its fixed part (" +
                minimum + " bytes)");
        }
        if (type == RFQ)
        {
            checkRfq(buffer, offset, length);
        }
        if (type == OWN_IMPACT)
        {
            checkOwnImpact(buffer, offset, length);
        }
        if ((type == HELLO || type == HEARTBEAT) && length != HEADER_LENGTH)
        {
            throw new MarketLinkFormatException(name(type) + " has " + (length - HEADER_LENGTH) +
                " bytes past its header");
        }
        if (type == VENUE_REPORT)
        {
            checkReport(buffer, offset, length);
        }
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        if (type == ORDER_STATUS)
        {
            checkOrderStatus();
        }
        if (type == WELCOME)
        {
            final int textEnd = textEnd(WELCOME_TEXT, "WELCOME");
            if (textEnd != length)
            {
                throw new MarketLinkFormatException("WELCOME has " + (length - textEnd) + " bytes past its last field");
            }
        }
        return type;
    }

    private static void checkReport(final DirectBuffer buffer, final int offset, final int length)
    {
        final int template;
        try
        {
            template = InputDecoder.templateId(buffer, offset + HEADER_LENGTH, length - HEADER_LENGTH);
        }
        catch (final JournalFormatException ex)
        {
            throw new MarketLinkFormatException("VENUE_REPORT: " + ex.getMessage());
        }
        final boolean venueReport = template >= io.slipway.journal.InputTemplates.VENUE_ACCEPTED &&
            template <= io.slipway.journal.InputTemplates.VENUE_DONE;
        final boolean dealerAnswer = template == io.slipway.journal.InputTemplates.DEALER_QUOTE ||
            template == io.slipway.journal.InputTemplates.DEALER_DECLINE;
        if (!venueReport && !dealerAnswer)
        {
            throw new MarketLinkFormatException("VENUE_REPORT carries journal template " + template + " (" +
                io.slipway.journal.InputTemplates.name(template) + "); only VENUE_ACCEPTED, VENUE_REJECTED, " +
                "VENUE_FILL, VENUE_DONE, DEALER_QUOTE and DEALER_DECLINE are venue reports");
        }
    }

    private static void checkRfq(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length != RFQ_LENGTH)
        {
            throw new MarketLinkFormatException("RFQ has " + (length - RFQ_LENGTH) + " bytes past its last field");
        }
        final int side = buffer.getByte(offset + 26) & 0xFF;
        if (side > 1)
        {
            throw new MarketLinkFormatException("RFQ has side " + side + " (0 BUY, 1 SELL)");
        }
        if (buffer.getLong(offset + 32) <= 0 || buffer.getLong(offset + 40) <= 0)
        {
            throw new MarketLinkFormatException("RFQ needs a positive rfq id and quantity, had " +
                buffer.getLong(offset + 32) + " and " + buffer.getLong(offset + 40));
        }
    }

    private static void checkOwnImpact(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length != OWN_IMPACT_LENGTH)
        {
            throw new MarketLinkFormatException("OWN_IMPACT has " + (length - OWN_IMPACT_LENGTH) +
                " bytes past its last field");
        }
        final int instrumentId = buffer.getInt(offset + 24);
        if (instrumentId < 0 || instrumentId > 0xFFFF)
        {
            throw new MarketLinkFormatException("OWN_IMPACT has instrument id " + instrumentId + " (0 to 65535)");
        }
        final long parent = buffer.getLong(offset + 32);
        if (parent < 0 || parent >= PARENT_LIMIT)
        {
            throw new MarketLinkFormatException("OWN_IMPACT has parent sequence " + parent + " (0 to 2^39 - 1)");
        }
        final double cost = buffer.getDouble(offset + 40);
        final double filled = buffer.getDouble(offset + 48);
        if (!Double.isFinite(cost) || !Double.isFinite(filled) || filled < 0)
        {
            throw new MarketLinkFormatException("OWN_IMPACT needs a finite cost and a finite non-negative filled " +
                "quantity, had " + cost + " and " + filled);
        }
    }

    private void checkOrderStatus()
    {
        final int state = buffer.getByte(offset + 26) & 0xFF;
        if (state >= VenueOrderStatus.State.values().length)
        {
            throw new MarketLinkFormatException("ORDER_STATUS has order state " + state + ", which does not exist");
        }
        final int fills = buffer.getInt(offset + 56);
        if (fills < 0 || (long)STATUS_FILLS + (long)fills * FILL_LENGTH + 4 > length)
        {
            throw new MarketLinkFormatException("ORDER_STATUS declares " + fills + " fills in a " + length +
                "-byte frame");
        }
        final int end = textEnd(STATUS_FILLS + fills * FILL_LENGTH, "ORDER_STATUS");
        if (end != length)
        {
            throw new MarketLinkFormatException("ORDER_STATUS has " + (length - end) + " bytes past its last field");
        }
    }

    private int textEnd(final int at, final String frame)
    {
        final int textLength = buffer.getInt(offset + at);
        if (textLength < -1 || (long)at + 4 + Math.max(0, textLength) > length)
        {
            throw new MarketLinkFormatException(frame + " has a text field of " + textLength + " bytes past its end");
        }
        return at + 4 + Math.max(0, textLength);
    }

    private String text(final int at)
    {
        final int textLength = buffer.getInt(offset + at);
        if (textLength < 0)
        {
            return null;
        }
        final byte[] bytes = new byte[textLength];
        buffer.getBytes(offset + at + 4, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    public int type()
    {
        return buffer.getShort(offset + TYPE_OFFSET) & 0xFFFF;
    }

    public long session()
    {
        return buffer.getLong(offset + SESSION_OFFSET);
    }

    public long timeNs()
    {
        return buffer.getLong(offset + TIME_OFFSET);
    }

    /** ORDER: the venue the order-entry bytes are for. */
    public int orderVenue()
    {
        return buffer.getShort(offset + 24) & 0xFFFF;
    }

    /** ORDER: offset of the order-entry bytes in the wrapped buffer. */
    public int orderOffset()
    {
        return offset + ORDER_BODY;
    }

    public int orderLength()
    {
        return length - ORDER_BODY;
    }

    /** MARKET_DATA: the card feed channel. */
    public int channel()
    {
        return buffer.getInt(offset + 24);
    }

    public int marketDataOffset()
    {
        return offset + MARKET_DATA_BODY;
    }

    public int marketDataLength()
    {
        return length - MARKET_DATA_BODY;
    }

    /** VENUE_REPORT: offset of the journal message in the wrapped buffer. */
    public int reportOffset()
    {
        return offset + HEADER_LENGTH;
    }

    public int reportLength()
    {
        return length - HEADER_LENGTH;
    }

    /** ORDER_STATUS: the venue. */
    public int statusVenue()
    {
        return buffer.getShort(offset + 24) & 0xFFFF;
    }

    /** ORDER_STATUS: the host's client order id. */
    public long statusClientOrderId()
    {
        return buffer.getLong(offset + 32);
    }

    /** ORDER_STATUS as the venue's answer. */
    public VenueOrderStatus orderStatus()
    {
        final int count = buffer.getInt(offset + 56);
        final List<VenueOrderStatus.Fill> fills = new ArrayList<>(count);
        int at = offset + STATUS_FILLS;
        for (int i = 0; i < count; i++)
        {
            fills.add(new VenueOrderStatus.Fill(buffer.getLong(at), buffer.getLong(at + 8), buffer.getDouble(at + 16),
                buffer.getLong(at + 24) != 0));
            at += FILL_LENGTH;
        }
        return new VenueOrderStatus(VenueOrderStatus.State.values()[buffer.getByte(offset + 26) & 0xFF],
            buffer.getLong(offset + 40), List.copyOf(fills), buffer.getLong(offset + 48),
            text(STATUS_FILLS + count * FILL_LENGTH), buffer.getInt(offset + 28));
    }

    /** RFQ: the dealer asked. */
    public int rfqVenue()
    {
        return buffer.getShort(offset + 24) & 0xFFFF;
    }

    /** RFQ: the requester's side. */
    public Side rfqSide()
    {
        return buffer.getByte(offset + 26) == 0 ? Side.BUY : Side.SELL;
    }

    public int rfqInstrumentId()
    {
        return buffer.getInt(offset + 28);
    }

    public long rfqId()
    {
        return buffer.getLong(offset + 32);
    }

    public long rfqQuantity()
    {
        return buffer.getLong(offset + 40);
    }

    /** OWN_IMPACT: the instrument the parent traded. */
    public int ownImpactInstrumentId()
    {
        return buffer.getInt(offset + 24);
    }

    /** OWN_IMPACT: the parent's sequence (the high bits of its children's client order ids). */
    public long ownImpactParentSequence()
    {
        return buffer.getLong(offset + 32);
    }

    /** OWN_IMPACT: cumulative signed base quantity x own relative impact over the parent's fills. */
    public double ownImpactCostBase()
    {
        return buffer.getDouble(offset + 40);
    }

    /** OWN_IMPACT: cumulative base quantity counted in the cost. */
    public double ownImpactFilledBase()
    {
        return buffer.getDouble(offset + 48);
    }

    /** WELCOME: how many ORDER_STATUS frames preceded it. */
    public int welcomeStatusCount()
    {
        return buffer.getInt(offset + 24);
    }

    /** WELCOME: how long the market waited after HELLO before answering, ns. */
    public long welcomeSettleNs()
    {
        return buffer.getLong(offset + 32);
    }

    /** WELCOME: the market's world (scenario, seed, venues). */
    public String welcomeFingerprint()
    {
        return text(WELCOME_TEXT);
    }
}
