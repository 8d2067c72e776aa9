package io.slipway.card;

import org.agrona.DirectBuffer;

import static io.slipway.card.NicLayout.FEED_SUB_CHANNEL_MASK;
import static io.slipway.card.NicLayout.FEED_SUB_CHANNEL_SHIFT;
import static io.slipway.card.NicLayout.FEED_SUB_COUNT;
import static io.slipway.card.NicLayout.FEED_SUB_ENABLE;
import static io.slipway.card.NicLayout.INGRESS_MAX_PAYLOAD;
import static io.slipway.card.NicLayout.MD_FLAG_RECOVERED;
import static io.slipway.card.NicLayout.MD_FLAG_STALE;
import static io.slipway.card.NicLayout.WIRE_MAX_FRAME;
import static io.slipway.card.NicLayout.WIRE_MAX_PAYLOAD;

/**
 * Cycle model of when the card's two receive ports take their beats, so the reference card can stamp
 * a frame's records with the cycle its last beat was taken ({@code MD_CARD_CYCLES}, a NIC's receive
 * timestamp) exactly as the RTL does. It models, cycle for cycle, only the handshakes that decide
 * that: the wire parser's control ({@code slipway_wire_rx.v}: header beats, the verdict cycle with
 * the slot's header beat, payload beats, the flush beat, the output slice and its skid register),
 * the arbiter ({@code slipway_rx_arb.v}) and the SBE decoder's input ready ({@code
 * slipway_sbe_decode.v}: the walker's items through its four-beat window and the wait after a
 * frame's last beat until its end token). Record contents are the reference decoder's business.
 *
 * <p>Beats are 8 bytes on both ports. The host presents a frame's beats from the cycle after the
 * previous frame's last beat was taken (the simulated card's driver does the same); a port that is
 * not ready holds the beat. The decoder's record FIFO is assumed to have room (its output drains a
 * record a cycle; only a full host ring stalls it, which the driver never lets happen mid-frame).
 *
 * <p>It also runs the wire parser's staleness timers ({@code FEED_STALE_CYCLES}) register for register
 * as the RTL keeps them (the deadline recomputed a cycle late, the registered run-out compare masked
 * after a match or a change of the timeout, the registered pick of the lowest entry): the STALE and
 * RECOVERED tokens it sends take the parser's output between slots, the arbiter and the decoder's
 * input like a one-beat frame, and {@link StatusSink#onStatus} is called in the cycle the decoder
 * takes one, so the card writes its record in stream order.
 *
 * <p>Single-threaded, allocation-free once constructed.
 */
final class ReceiveTiming
{
    /** Receives the status records of the staleness timers, in the order the decoder takes them. */
    interface StatusSink
    {
        void onStatus(int channel, int flags, int entry, long stamp);
    }

    private static final int IT_HDR = 0;
    private static final int IT_GRP16 = 1;
    private static final int IT_LVL = 2;
    private static final int IT_GRP32 = 3;
    private static final int IT_TRD = 4;
    private static final int IT_SYM = 5;
    private static final int IT_DONE = 6;
    private static final int IT_ERR = 7;

    private static final int S_HDR = 0;
    private static final int S_SLOT0 = 1;
    private static final int S_PAY = 3;
    private static final int S_FLUSH = 4;
    private static final int S_DROP = 5;

    private static final int S_RECOV = 6;

    private static final int BEAT_SLOT0 = 1;
    private static final int BEAT_OTHER = 0;
    private static final int BEAT_TOKEN = 2;

    /** Wire frames in flight between the parser and the decoder: the one being parsed and one leaving. */
    private static final int WIRE_MESSAGES = 4;

    private final WireFrameParser table;
    private final StatusSink sink;
    private long cycle;

    // staleness, per subscription entry (slipway_wire_rx.v's registers of the same names)
    private long staleCycles;
    private long staleQ;
    private final long[] lastSeen = new long[FEED_SUB_COUNT];
    private final long[] deadline = new long[FEED_SUB_COUNT];
    private int armed;
    private int stale;
    private int matchQ;
    private int expired;
    private int duePick;
    private int recovEntry;
    private long recovStamp;
    private int recovChannel;
    private long staleCount;
    private long recoveredCount;

    // lookaside port: the slot being presented
    private boolean aPresent;
    private int aBeat;
    private int aBeats;
    private final byte[] aMessage = new byte[INGRESS_MAX_PAYLOAD];
    private int aLength;
    private int aChannel;
    private long aStamp;

    // wire port: the frame being presented
    private boolean wPresent;
    private int wBeat;
    private int wBeats;
    private int wLength;
    private final byte[] wFrame = new byte[WIRE_MAX_FRAME];
    private long wStamp;
    private boolean earlyPass;
    private boolean endPass;
    private int passChannel;
    private int passEntry;

    // wire parser registers
    private int wState = S_HDR;
    private int beats;
    private boolean tlastSeen;
    private boolean tlastOld;
    private boolean udpValid;
    private int pcnt;
    private final byte[] hdr = new byte[40];
    private boolean evalPass;
    private int slotChannel;
    private int slotLength;
    // output slice: m (registered output) and k (skid); each beat's kind and last flag
    private boolean mValid;
    private boolean mLast;
    private int mKind;
    private long mToken;
    private long mStamp;
    private boolean kValid;
    private boolean kLast;
    private int kKind;
    private long kToken;
    private long kStamp;
    // SLOT0 beats carry their frame's message into the decoder's queue
    private final byte[][] wireMessages = new byte[WIRE_MESSAGES][WIRE_MAX_FRAME];
    private final int[] wireMessageLength = new int[WIRE_MESSAGES];
    private final int[] wireSlotLength = new int[WIRE_MESSAGES];
    private final int[] wireSlotChannel = new int[WIRE_MESSAGES];
    private int wireHead;
    private int wireTail;

    // arbiter registers
    private boolean busy;
    private boolean owner;
    private boolean lastB = true;

    // decoder registers
    private int dBeat;
    private int dLength;
    private int dChannel;
    private boolean dWire;
    private long rxEnd;
    private boolean tlastIn;
    private int item = IT_HDR;
    private boolean sideAsk;
    private long pos;
    private int entryLength;
    private long remaining;
    private byte[] dMessage = aMessage;
    private int dMessageLength;

    ReceiveTiming(final WireFrameParser table, final StatusSink sink)
    {
        this.table = table;
        this.sink = sink;
    }

    /** {@code FEED_STALE_CYCLES}: 0 stops the timers. */
    void staleCycles(final int value)
    {
        staleCycles = value & 0xFFFF_FFFFL;
    }

    int staleCycles()
    {
        return (int)staleCycles;
    }

    long staleCount()
    {
        return staleCount;
    }

    long recoveredCount()
    {
        return recoveredCount;
    }

    /** The model's clock: the next cycle it evaluates. */
    long cycle()
    {
        return cycle;
    }

    /**
     * Presents a lookaside slot (16-byte header, then {@code length} message bytes) from cycle
     * {@code from} (or later, if the model's clock is past it) and runs until its last beat is taken.
     *
     * @return the cycle in which the slot's last beat was taken.
     */
    long ingress(final long from, final int channel, final DirectBuffer buffer, final int offset, final int length)
    {
        catchUp(from);
        aLength = length;
        aChannel = channel;
        buffer.getBytes(offset, aMessage, 0, length);
        aBeats = 2 + (length + 7) / 8;
        aBeat = 0;
        aPresent = true;
        while (aPresent)
        {
            tick();
        }

        return aStamp;
    }

    /**
     * Presents an Ethernet frame on the wire port from cycle {@code from} and runs until its last beat
     * is taken. {@code passesEarly} is whether the wire parser passes the frame when its verdict
     * comes before the frame's end (every check but the one that needs the frame's end: a frame
     * shorter than its IPv4 total length passes then and is aborted at its last beat);
     * {@code passesAtEnd} whether it passes when the frame ended first (the full verdict);
     * {@code entry} and {@code channel} are the matched subscription entry and its channel.
     *
     * @return the cycle in which the frame's last beat was taken.
     */
    long wire(
        final long from, final DirectBuffer buffer, final int offset, final int length,
        final boolean passesEarly, final boolean passesAtEnd, final int entry, final int channel)
    {
        catchUp(from);
        // a frame that ended before its verdict is judged in the cycle after its last beat, from its
        // bytes: let that happen before the next frame's bytes replace them (the port is not ready then)
        while (S_HDR == wState && tlastSeen)
        {
            tick();
        }
        buffer.getBytes(offset, wFrame, 0, length);
        wLength = length;
        wBeats = 0 == length ? 1 : (length + 7) / 8;
        wBeat = 0;
        wPresent = true;
        earlyPass = passesEarly;
        endPass = passesAtEnd;
        passChannel = channel;
        passEntry = entry;
        while (wPresent)
        {
            tick();
        }

        return wStamp;
    }

    /** Whether nothing is in flight: the clock can jump. */
    boolean idle()
    {
        return !aPresent && !wPresent && S_HDR == wState && 0 == beats && !tlastSeen && !mValid && !kValid &&
            !busy && IT_HDR == item && 0 == dBeat && !tlastIn;
    }

    /**
     * Lets the model's clock reach {@code target} with no input: clocked while busy, jumped while idle,
     * but never past a staleness timer running out (its token is clocked through).
     */
    void catchUp(final long target)
    {
        while (cycle < target)
        {
            if (!idle() || timersSettling())
            {
                tick();
                continue;
            }
            final long deadline = nextDeadline();
            if (deadline >= target)
            {
                cycle = target;
            }
            else
            {
                if (deadline > cycle)
                {
                    cycle = deadline;
                }
                tick();
            }
        }
    }

    /** The earliest cycle an enabled, armed entry that is not yet stale runs out; MAX_VALUE if none. */
    private long nextDeadline()
    {
        long next = Long.MAX_VALUE;
        if (0 != staleCycles)
        {
            for (int e = 0; e < FEED_SUB_COUNT; e++)
            {
                if (dueCandidate(e))
                {
                    next = Math.min(next, lastSeen[e] + staleCycles);
                }
            }
        }
        return next;
    }

    private boolean dueCandidate(final int e)
    {
        return 0 != (table.portChannel(e) & FEED_SUB_ENABLE) && 0 != (armed & 1 << e) && 0 == (stale & 1 << e);
    }

    /**
     * Whether the timers' registers still follow a match or a change of the timeout: the clock must not
     * jump then, or the masks would cover cycles the RTL clocks through.
     */
    private boolean timersSettling()
    {
        if (staleQ != staleCycles || 0 != matchQ)
        {
            return true;
        }
        for (int e = 0; e < FEED_SUB_COUNT; e++)
        {
            if (deadline[e] != lastSeen[e] + staleCycles)
            {
                return true;
            }
        }
        return false;
    }

    /** Entries whose timer has run out (registered) and may send STALE: enabled, armed, not yet stale. */
    private int candidates()
    {
        int cand = 0;
        if (0 != staleQ)
        {
            for (int e = 0; e < FEED_SUB_COUNT; e++)
            {
                if (0 != (expired & 1 << e) && dueCandidate(e))
                {
                    cand |= 1 << e;
                }
            }
        }
        return cand;
    }

    private int frameByte(final int n)
    {
        return n < wLength ? wFrame[n] & 0xFF : 0;
    }

    private int hdrByte(final int n)
    {
        return hdr[n] & 0xFF;
    }

    private int msgByte(final long p)
    {
        return p < dMessageLength ? dMessage[(int)p] & 0xFF : 0;
    }

    private int msgU16(final long p)
    {
        return msgByte(p) | msgByte(p + 1) << 8;
    }

    private static int itemSize(final int item)
    {
        switch (item)
        {
            case IT_HDR:
                return 8;
            case IT_GRP16:
                return 4;
            case IT_LVL:
                return 16;
            case IT_GRP32:
                return 6;
            case IT_TRD:
                return 25;
            default:
                return 1;
        }
    }

    /** One cycle: the handshakes of cycle {@code cycle}, then the registers at its closing edge. */
    private void tick()
    {
        // ---- decoder, combinational from its registers
        final boolean walking = item <= IT_SYM;
        final long itemEnd = pos + itemSize(item);
        final boolean have = walking && itemEnd <= rxEnd;
        final boolean over = walking && 0 != dBeat && itemEnd > dLength;
        final boolean step = walking && (have || over || tlastIn);
        final boolean dReady = !tlastIn && !(walking && have && pos + 16 < rxEnd);
        final boolean stepErr = walking && (over || (!have && tlastIn));
        final boolean symOk = IT_SYM == item && have && !over && itemEnd + msgByte(pos) == dLength;
        final boolean lastStep = step && (stepErr || IT_SYM == item);

        // ---- wire parser, combinational from its registers and the presented beat
        final int stateNow = wState;
        final boolean vlan = 0x81 == hdrByte(12) && 0x00 == hdrByte(13);
        final int l3 = vlan ? 18 : 14;
        final int ihl4 = (hdrByte(vlan ? 18 : 14) & 0xF) * 4;
        final int udpEnd = l3 + ihl4 + 8;
        // the UDP header is looked for with an IHL below 5 placed as 5 (such a frame is dropped anyway)
        final int udpEndPos = l3 + Math.max(ihl4, 20) + 8;
        final int rxb = beats * 8;
        // judged in the cycle after the UDP header's beat, or two cycles after a last beat before it
        final boolean evalNow = S_HDR == wState && (udpValid || tlastOld);
        final boolean wLast = wPresent && wBeat == wBeats - 1;
        final int keepN = wPresent ? Math.max(0, Math.min(8, wLength - 8 * wBeat)) : 0;
        final boolean leftover = 0 != pcnt && keepN > 8 - pcnt;
        final boolean oReady = !kValid;
        boolean sReady = false;
        boolean oValid = false;
        boolean oLast = false;
        int oKind = BEAT_OTHER;
        long oToken = 0;
        long oStamp = 0;
        final boolean chg = staleCycles != staleQ;
        final int cand = candidates();
        final int due = S_HDR == wState && !evalNow && 0 != (duePick & cand) ? Integer.numberOfTrailingZeros(duePick) : -1;
        final boolean pass = evalNow && (tlastSeen ? evalPass : earlyPass);
        final int match = pass ? 1 << passEntry : 0;
        switch (wState)
        {
            case S_HDR:
                sReady = !tlastSeen && !udpValid;
                if (pass && 0 == (stale & 1 << passEntry))
                {
                    // the slot's header beat leaves in the verdict cycle
                    oValid = true;
                    oKind = BEAT_SLOT0;
                }
                else if (due >= 0)
                {
                    oValid = true;
                    oLast = true;
                    oKind = BEAT_TOKEN;
                    oToken = token(MD_FLAG_STALE, due,
                        (table.portChannel(due) >>> FEED_SUB_CHANNEL_SHIFT) & FEED_SUB_CHANNEL_MASK);
                    oStamp = deadline[due];
                }
                break;
            case S_RECOV:
                oValid = true;
                oLast = true;
                oKind = BEAT_TOKEN;
                oToken = token(MD_FLAG_RECOVERED, recovEntry, recovChannel);
                oStamp = recovStamp;
                break;
            case S_DROP:
                sReady = true;
                break;
            case S_SLOT0:
                oValid = true;
                oKind = BEAT_SLOT0;
                break;
            case S_PAY:
                if (tlastSeen)
                {
                    oValid = true;
                    oLast = true;
                }
                else
                {
                    sReady = oReady;
                    oValid = wPresent;
                    oLast = wLast && !leftover;
                }
                break;
            case S_FLUSH:
                oValid = true;
                oLast = true;
                break;
            default:
                break;
        }
        final boolean wIn = wPresent && sReady;

        // ---- arbiter: a = lookaside port, b = the parser's output slice
        final boolean aValid = aPresent;
        final boolean aLast = aPresent && aBeat == aBeats - 1;
        final boolean pick = busy ? owner : (aValid && mValid ? !lastB : mValid);
        final boolean arbValid = pick ? mValid : aValid;
        final boolean arbLast = pick ? mLast : aLast;
        final boolean bReady = pick && dReady;
        final boolean aIn = aValid && !pick && dReady;
        final boolean decIn = arbValid && dReady;
        final boolean tokenIn = decIn && pick && 0 == dBeat && BEAT_TOKEN == mKind;
        final boolean dataIn = decIn && !tokenIn;
        final boolean endFast = dataIn && arbLast && (!walking || (step && IT_SYM == item));
        final boolean endNow = (tlastIn && (!walking || lastStep)) || endFast;

        // ---- decoder registers
        if (tokenIn)
        {
            sink.onStatus(tokenChannel(mToken), tokenFlags(mToken), tokenEntry(mToken), mStamp);
        }
        if (dataIn)
        {
            if (0 == dBeat)
            {
                if (pick)
                {
                    dMessage = wireMessages[wireHead];
                    dMessageLength = wireMessageLength[wireHead];
                    dLength = wireSlotLength[wireHead];
                    dChannel = wireSlotChannel[wireHead];
                    dWire = true;
                    wireHead = (wireHead + 1) % WIRE_MESSAGES;
                }
                else
                {
                    dMessage = aMessage;
                    dMessageLength = aLength;
                    dLength = aLength;
                    dChannel = aChannel;
                    dWire = false;
                }
            }
            if (dBeat >= 2)
            {
                rxEnd += 8;
            }
            if (0 == dBeat && dWire)
            {
                dBeat = 2;  // a wire slot has no beat 1
            }
            else if (dBeat != 63)
            {
                dBeat++;
            }
            if (arbLast)
            {
                tlastIn = true;
            }
        }
        if (step)
        {
            walk(stepErr, itemEnd, symOk);
        }
        if (endNow)
        {
            tlastIn = false;
            dBeat = 0;
            rxEnd = 0;
            item = IT_HDR;
            pos = 0;
        }

        // ---- arbiter registers
        if (decIn)
        {
            busy = !arbLast;
            owner = pick;
            if (arbLast)
            {
                lastB = pick;
            }
        }

        // ---- lookaside port
        if (aIn)
        {
            if (aLast)
            {
                aStamp = cycle;
                aPresent = false;
            }
            aBeat++;
        }

        // ---- output slice (before the parser's state moves: it takes this cycle's o_* beat)
        if (!mValid || bReady)
        {
            if (kValid)
            {
                mLast = kLast;
                mKind = kKind;
                mToken = kToken;
                mStamp = kStamp;
                mValid = true;
                kValid = false;
            }
            else
            {
                mLast = oLast;
                mKind = oKind;
                mToken = oToken;
                mStamp = oStamp;
                mValid = oValid;
            }
        }
        else if (oValid && oReady)
        {
            kLast = oLast;
            kKind = oKind;
            kToken = oToken;
            kStamp = oStamp;
            kValid = true;
        }

        // ---- staleness registers (from this cycle's values, before the verdict moves last_seen)
        for (int e = 0; e < FEED_SUB_COUNT; e++)
        {
            final int bit = 1 << e;
            final boolean runOut = cycle >= deadline[e] && 0 == (match & bit) && 0 == (matchQ & bit) && !chg;
            expired = runOut ? expired | bit : expired & ~bit;
            deadline[e] = lastSeen[e] + staleCycles;
        }
        staleQ = staleCycles;
        matchQ = match;
        duePick = cand & -cand;

        // ---- wire parser registers
        final boolean tlastBefore = tlastSeen;
        boolean clean = false;
        if (due >= 0 && oReady)
        {
            stale |= 1 << due;
            staleCount++;
        }
        switch (wState)
        {
            case S_HDR:
                if (evalNow)
                {
                    pcnt = (rxb - udpEnd) & 7;
                    if (pass)
                    {
                        beginWireMessage(udpEnd);
                        final int e = passEntry;
                        lastSeen[e] = cycle;
                        armed |= 1 << e;
                        recovEntry = e;
                        recovStamp = cycle;
                        recovChannel = passChannel;
                        wState = 0 != (stale & 1 << e) ? S_RECOV : oReady ? S_PAY : S_SLOT0;
                        stale &= ~(1 << e);
                    }
                    else if (tlastSeen)
                    {
                        clean = true;
                    }
                    else
                    {
                        wState = S_DROP;
                    }
                }
                break;
            case S_RECOV:
                if (oReady)
                {
                    wState = S_SLOT0;
                    recoveredCount++;
                }
                break;
            case S_SLOT0:
                if (oReady)
                {
                    wState = S_PAY;
                }
                break;
            case S_PAY:
                if (tlastSeen)
                {
                    if (oReady)
                    {
                        wState = S_HDR;
                        clean = true;
                    }
                }
                else if (wIn && wLast)
                {
                    wState = leftover ? S_FLUSH : S_HDR;
                    clean = !leftover;
                }
                break;
            case S_FLUSH:
                if (oReady)
                {
                    wState = S_HDR;
                    clean = true;
                }
                break;
            case S_DROP:
                if (wIn && wLast)
                {
                    wState = S_HDR;
                    clean = true;
                }
                break;
            default:
                wState = S_HDR;
                break;
        }
        if (wIn)
        {
            if (S_HDR == stateNow && udpEndPos > rxb && udpEndPos <= rxb + 8)
            {
                udpValid = true;
            }
            if (beats < 5)
            {
                for (int i = 0; i < 8; i++)
                {
                    hdr[beats * 8 + i] = (byte)frameByte(wBeat * 8 + i);
                }
            }
            if (beats != 0x3FFF)
            {
                beats++;
            }
            if (wLast)
            {
                tlastSeen = true;
                evalPass = endPass;
                wStamp = cycle;
                wPresent = false;
            }
            wBeat++;
        }
        if (BEAT_SLOT0 == oKind && oValid && oReady)
        {
            // the slot enters the decoder's queue when its first beat leaves the parser
            final int slot = wireTail;
            wireSlotLength[slot] = slotLength;
            wireSlotChannel[slot] = slotChannel;
            wireTail = (wireTail + 1) % WIRE_MESSAGES;
        }
        tlastOld = tlastBefore && !clean;
        if (clean)
        {
            beats = 0;
            udpValid = false;
            tlastSeen = false;
        }

        cycle++;
    }

    /** At a passing verdict: the slot's header and its message (the frame from the UDP payload on). */
    private void beginWireMessage(final int udpEnd)
    {
        final int slot = wireTail;
        final byte[] message = wireMessages[slot];
        final int available = Math.max(0, wLength - udpEnd);
        for (int i = 0; i < available; i++)
        {
            message[i] = wFrame[udpEnd + i];
        }
        wireMessageLength[slot] = available;
        slotLength = ((frameByte(udpEnd - 4) << 8 | frameByte(udpEnd - 3)) - 8) & 0xFFFF;
        slotChannel = passChannel;
    }

    private void walk(final boolean stepErr, final long itemEnd, final boolean symOk)
    {
        if (stepErr)
        {
            item = IT_ERR;
            return;
        }
        final int u16a = msgU16(pos);
        final int u16b = msgU16(pos + 2);
        switch (item)
        {
            case IT_HDR:
                pos = 8 + u16a;
                sideAsk = false;
                if (1 != msgU16(4) || 0 != msgU16(6) || 0 != (dChannel & ~0x7F) ||
                    dLength > (dWire ? WIRE_MAX_PAYLOAD : INGRESS_MAX_PAYLOAD))
                {
                    item = IT_ERR;
                }
                else if (10001 == u16b && u16a >= 50)
                {
                    item = IT_SYM;
                }
                else if ((10003 == u16b && u16a >= 26) || (10002 == u16b && u16a >= 18))
                {
                    item = IT_GRP16;
                }
                else if (10000 == u16b && u16a >= 18)
                {
                    item = IT_GRP32;
                }
                else
                {
                    item = IT_ERR;
                }
                break;
            case IT_GRP16:
                entryLength = u16a;
                remaining = u16b;
                pos = itemEnd;
                if (u16a < 16)
                {
                    item = IT_ERR;
                }
                else if (0 == u16b)
                {
                    item = sideAsk ? IT_SYM : IT_GRP16;
                    sideAsk = true;
                }
                else
                {
                    item = IT_LVL;
                }
                break;
            case IT_LVL:
                pos += entryLength;
                remaining--;
                if (0 == remaining)
                {
                    item = sideAsk ? IT_SYM : IT_GRP16;
                    sideAsk = true;
                }
                break;
            case IT_GRP32:
            {
                final long count = (u16b | (long)msgU16(pos + 4) << 16) & 0xFFFF_FFFFL;
                entryLength = u16a;
                remaining = count;
                pos = itemEnd;
                item = u16a < 25 ? IT_ERR : 0 == count ? IT_SYM : IT_TRD;
                break;
            }
            case IT_TRD:
                pos += entryLength;
                remaining--;
                if (0 == remaining)
                {
                    item = IT_SYM;
                }
                break;
            default:
                item = symOk ? IT_DONE : IT_ERR;
                break;
        }
        pos &= 0x3FFFF;
    }

    private static long token(final int flags, final int entry, final int channel)
    {
        return (long)flags << 16 | (long)entry << 8 | channel;
    }

    private static int tokenFlags(final long token)
    {
        return (int)(token >>> 16) & 0xFF;
    }

    private static int tokenEntry(final long token)
    {
        return (int)(token >>> 8) & 0xF;
    }

    private static int tokenChannel(final long token)
    {
        return (int)token & 0x7F;
    }
}
