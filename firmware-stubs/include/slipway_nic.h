/*
 * slipway_nic.h - THE contract between the Slipway host and its card.
 *
 * The RTL (hdl-sim/rtl), the C driver stubs (firmware-stubs/src) and the Java flyweights
 * (fpga-bridge, io.slipway.card.NicLayout) are all written against this one file. A Java test
 * parses the #defines below and fails if NicLayout disagrees; a C test checks the structs
 * against the offsets with static assertions. Change this file first, then the three sides.
 *
 * Conventions
 *  - All multi-byte fields are little-endian.
 *  - Registers are 32 bits wide at byte addresses; 64-bit values span two registers,
 *    low word first.
 *  - Prices and quantities are signed 64-bit fixed-point integers in the instrument's scale
 *    (host and card agree on the scale per instrument; the card never rescales an order, it
 *    rescales SBE mantissas into the instrument scale on the receive path).
 *  - Every ring is single-producer/single-consumer of fixed-size records.
 */
#ifndef SLIPWAY_NIC_H
#define SLIPWAY_NIC_H

#include <stdint.h>

#define SLIPWAY_NIC_HEADER_VERSION        1u
#define SLIPWAY_NIC_MAGIC                 0x57504C53u /* "SLPW" little-endian */

/* ------------------------------------------------------------------------------------------
 * Register blocks. Software discovers them by walking from address 0: each block starts with
 * a 16-byte header {type, version, next block address (0 = last), block length in bytes}.
 * Register offsets below (SLIPWAY_ID_*, SLIPWAY_RISK_* ...) are relative to their block's base.
 * ---------------------------------------------------------------------------------------- */
#define SLIPWAY_BLK_HDR_TYPE              0x00u
#define SLIPWAY_BLK_HDR_VERSION           0x04u
#define SLIPWAY_BLK_HDR_NEXT              0x08u
#define SLIPWAY_BLK_HDR_LENGTH            0x0Cu
#define SLIPWAY_BLK_HDR_SIZE              16u

#define SLIPWAY_BLK_TYPE_IDENTITY         0x0001u
#define SLIPWAY_BLK_TYPE_RISK             0x0002u
#define SLIPWAY_BLK_TYPE_COUNTERS         0x0003u
#define SLIPWAY_BLK_TYPE_FEED             0x0004u /* wire RX: subscriptions, per-channel sequence, feed errors */
#define SLIPWAY_BLK_TYPE_BOOK             0x0005u /* price-level book in block RAM */
#define SLIPWAY_BLK_TYPE_TRIGGER          0x0006u /* armed orders fired on the hardware BBO */
#define SLIPWAY_BLK_TYPE_LATENCY          0x0007u /* min/max/sum/count per path, in cycles */

/* Fixed bases of the blocks that follow the counters block; each is 0x100 bytes long. Their
 * register offsets are defined in the block's own section below. The chain runs
 * identity -> risk -> counters -> feed -> book -> trigger -> latency. */
#define SLIPWAY_FEED_BASE                 0x0100u
#define SLIPWAY_BOOK_BASE                 0x0200u
#define SLIPWAY_TRIGGER_BASE              0x0300u
#define SLIPWAY_LATENCY_BASE              0x0400u

/* Identity block: always at address 0. Read-only. */
#define SLIPWAY_IDENTITY_BASE             0x0000u
#define SLIPWAY_IDENTITY_VERSION          1u
#define SLIPWAY_IDENTITY_LENGTH           0x40u
#define SLIPWAY_ID_MAGIC                  0x10u /* SLIPWAY_NIC_MAGIC */
#define SLIPWAY_ID_HEADER_VERSION         0x14u /* SLIPWAY_NIC_HEADER_VERSION the card was built against */
#define SLIPWAY_ID_BUILD_ID               0x18u /* build identifier (e.g. source hash) */
#define SLIPWAY_ID_FEATURES               0x1Cu /* SLIPWAY_FEATURE_* bits */
#define SLIPWAY_ID_CLOCK_KHZ              0x20u /* design clock in kHz (322266 for 322.266 MHz) */
#define SLIPWAY_ID_MD_RECORD_SIZE         0x24u
#define SLIPWAY_ID_ORDER_SLOT_SIZE        0x28u
#define SLIPWAY_ID_COMPLETION_RECORD_SIZE 0x2Cu
#define SLIPWAY_ID_SCRATCH                0x30u /* read/write; proves the write path */

#define SLIPWAY_FEATURE_RX_SBE            (1u << 0)
#define SLIPWAY_FEATURE_BOOK              (1u << 1)
#define SLIPWAY_FEATURE_RISK_GATE         (1u << 2)
#define SLIPWAY_FEATURE_TRIGGERS          (1u << 3)
#define SLIPWAY_FEATURE_LATENCY_STATS     (1u << 4)

/* Risk block: written only by the admin path. The strategy has no handle on it. */
#define SLIPWAY_RISK_BASE                 0x0040u
#define SLIPWAY_RISK_VERSION              1u
#define SLIPWAY_RISK_LENGTH               0x40u
#define SLIPWAY_RISK_CONTROL              0x10u /* bit 0: kill switch (1 = nothing leaves) */
#define SLIPWAY_RISK_VENUE_ENABLE         0x14u /* bit v: venue v enabled */
#define SLIPWAY_RISK_INSTRUMENT_ENABLE    0x18u /* bit i: instrument i enabled */
#define SLIPWAY_RISK_COLLAR_BPS           0x1Cu /* max |price - reference| in bps of reference, where the
                                                   reference is the hardware BBO touch the order would
                                                   take: best ask for a buy, best bid for a sell */
#define SLIPWAY_RISK_MAX_QTY_LO           0x20u /* max order quantity, instrument scale */
#define SLIPWAY_RISK_MAX_QTY_HI           0x24u
#define SLIPWAY_RISK_MAX_NOTIONAL_LO      0x28u /* max price x qty, in (price scale x qty scale) units */
#define SLIPWAY_RISK_MAX_NOTIONAL_HI      0x2Cu
#define SLIPWAY_RISK_THROTTLE_BURST       0x30u /* token bucket depth per venue, messages */
#define SLIPWAY_RISK_THROTTLE_REFILL      0x34u /* cycles per token */
#define SLIPWAY_RISK_MAX_POSITION_LO      0x38u /* max |position + open exposure| per instrument */
#define SLIPWAY_RISK_MAX_POSITION_HI      0x3Cu

#define SLIPWAY_RISK_CONTROL_KILL         (1u << 0)

/* Counters block: read-only, free-running. One 32-bit counter per reject reason, then totals. */
#define SLIPWAY_COUNTERS_BASE             0x0080u
#define SLIPWAY_COUNTERS_VERSION          1u
#define SLIPWAY_COUNTERS_LENGTH           0x80u
#define SLIPWAY_CNT_REASON_BASE           0x10u /* + 4 x reason code, reasons 0..15 */
#define SLIPWAY_CNT_MD_RECORDS            0x50u
#define SLIPWAY_CNT_INGRESS_DROPPED       0x54u
#define SLIPWAY_CNT_ORDERS_SENT           0x58u
#define SLIPWAY_CNT_CYCLES_LO             0x5Cu
#define SLIPWAY_CNT_CYCLES_HI             0x60u
#define SLIPWAY_CNT_EXPOSURE_MALFORMED    0x64u /* exposure records that changed no state (bad
                                                   instrument, side, kind or quantity) */

/* Feed block (wire RX) at SLIPWAY_FEED_BASE. The wire input is Ethernet II (at most one 802.1Q
 * tag) / IPv4 (header checksum verified, options skipped by IHL, fragments dropped) / UDP; a
 * datagram to a subscribed IPv4 destination and UDP port carries exactly one SBE message, which
 * is decoded for the entry's channel as a lookaside slot would be, up to SLIPWAY_WIRE_MAX_PAYLOAD
 * bytes. The Ethernet FCS is the MAC's to check, before the card's stream; the UDP checksum is
 * not checked (optional in IPv4, and checking it would hold every datagram until its last byte).
 * Every other frame is counted in one drop counter and changes no state. Counters are 32-bit,
 * read-only, wrap, cleared by reset. */
#define SLIPWAY_FEED_VERSION              1u
#define SLIPWAY_FEED_LENGTH               0x100u
#define SLIPWAY_FEED_FRAMES               0x10u /* wire frames received, whatever became of them */
#define SLIPWAY_FEED_NOT_SUBSCRIBED       0x14u /* well-formed IPv4 that is not UDP, or UDP to no enabled entry */
#define SLIPWAY_FEED_DROP_L2              0x18u /* shorter than an Ethernet + IPv4 header, or EtherType not IPv4 */
#define SLIPWAY_FEED_DROP_L3              0x1Cu /* IPv4 version, IHL < 5, header checksum, total length (short
                                                   or past the frame), fragment (MF or offset) */
#define SLIPWAY_FEED_DROP_L4              0x20u /* UDP length < 8 or past the IPv4 payload */
#define SLIPWAY_FEED_DECODE_ERRORS        0x24u /* messages (wire or lookaside) dropped by the SBE decoder */
#define SLIPWAY_FEED_GAPS                 0x28u /* depth-diff sequence gaps (FEED_STATUS GAP records) */
#define SLIPWAY_FEED_DELIVERED            0x2Cu /* SBE messages handed from the wire to the decoder */
/* Staleness: each subscription entry's timer restarts at the verdict of every datagram the entry
 * matches (it starts with the first). When an enabled entry has matched nothing for STALE_CYCLES
 * card cycles, the card writes one FEED_STATUS record with SLIPWAY_MD_FLAG_STALE for the entry's
 * channel, SEQUENCE = the entry index, stamped with the cycle the timer ran out (last match +
 * STALE_CYCLES); the next datagram the entry matches is preceded by one with
 * SLIPWAY_MD_FLAG_RECOVERED, stamped with that datagram's verdict cycle. The records go into the
 * market-data stream between frames, in the order the wire parser emits them (hdl-sim/RX-PATH.md);
 * several entries due at once go lowest index first. A disabled entry is never stale. */
#define SLIPWAY_FEED_STALE_CYCLES         0x30u /* read-write, 0 (reset) disables the timers */
#define SLIPWAY_FEED_STALE                0x34u /* STALE records written */
#define SLIPWAY_FEED_RECOVERED            0x38u /* RECOVERED records written */
#define SLIPWAY_FEED_SUB_BASE             0x80u /* subscription table: SLIPWAY_FEED_SUB_COUNT entries */
#define SLIPWAY_FEED_SUB_STRIDE           8u
#define SLIPWAY_FEED_SUB_COUNT            16u
#define SLIPWAY_FEED_SUB_GROUP            0x00u /* IPv4 destination as a number: 239.1.2.3 = 0xEF010203 */
#define SLIPWAY_FEED_SUB_PORT_CHANNEL     0x04u /* 15:0 UDP destination port, 22:16 channel, 31 enable;
                                                   write GROUP first, then this word with the enable bit */
#define SLIPWAY_FEED_SUB_CHANNEL_SHIFT    16u
#define SLIPWAY_FEED_SUB_CHANNEL_MASK     0x7Fu
#define SLIPWAY_FEED_SUB_ENABLE           (1u << 31)
#define SLIPWAY_WIRE_MAX_PAYLOAD          1472u /* longest SBE message in one UDP datagram (1500-byte MTU) */
#define SLIPWAY_WIRE_MAX_FRAME            1522u /* Ethernet frame without FCS, with one 802.1Q tag */

/* Trigger block at SLIPWAY_TRIGGER_BASE: SLIPWAY_TRIGGER_SLOTS pre-built order slots, each
 * armed with a condition on the hardware BBO of one channel. When a BBO record of that channel
 * meets it, the card disarms the slot (one-shot), writes a TRIGGER_FIRED completion and sends the
 * slot through the risk gate like a host order (its own SENT/REJECTED completion follows), with
 * no host round trip. Admin path only. To arm slot k: write SELECT = k, DATA_POINTER = 0, the
 * slot bytes (descriptor + message, as an order slot) as DATA words in order, then CHANNEL,
 * CONDITION, LEVEL (low word first), SLOT_LENGTH, then ARM = k. Writes of DATA to a slot that
 * is armed or still sending are ignored, and so is ARM of such a slot or with an undefined
 * condition or a length over SLIPWAY_ORDER_SLOT_SIZE: ARMED says what took effect. */
#define SLIPWAY_TRIGGER_VERSION           1u
#define SLIPWAY_TRIGGER_LENGTH            0x100u
#define SLIPWAY_TRIGGER_SLOTS             4u
#define SLIPWAY_TRG_SELECT                0x10u /* slot the DATA writes go to, 0..SLOTS-1 */
#define SLIPWAY_TRG_DATA_POINTER          0x14u /* word index (0..63) of the next DATA write */
#define SLIPWAY_TRG_DATA                  0x18u /* write: 4 slot bytes at DATA_POINTER, which then advances */
#define SLIPWAY_TRG_CHANNEL               0x1Cu /* staged: channel (venue << 4 | instrument) watched */
#define SLIPWAY_TRG_CONDITION             0x20u /* staged: SLIPWAY_TRG_COND_* */
#define SLIPWAY_TRG_LEVEL_LO              0x24u /* staged: price level, instrument scale */
#define SLIPWAY_TRG_LEVEL_HI              0x28u
#define SLIPWAY_TRG_SLOT_LENGTH           0x2Cu /* staged: order slot bytes, as an order ring slot */
#define SLIPWAY_TRG_ARM                   0x30u /* write k: arm slot k with the staged registers */
#define SLIPWAY_TRG_DISARM                0x34u /* write k: disarm slot k */
#define SLIPWAY_TRG_ARMED                 0x38u /* read: bit k = slot k armed */
#define SLIPWAY_TRG_FIRED                 0x3Cu /* read: firings since reset */
#define SLIPWAY_TRG_COND_ASK_AT_OR_BELOW  1u    /* best ask > 0 and <= level (buy the dip) */
#define SLIPWAY_TRG_COND_BID_AT_OR_ABOVE  2u    /* best bid > 0 and >= level */
/* Book block: the top SLIPWAY_BOOK_LEVELS price levels per side of SLIPWAY_BOOK_SLOTS books, kept
 * by the card from the records on its market-data stream (which pass on unchanged). A slot follows
 * one feed channel (SLOT_CHANNEL). Per record on an enabled slot's channel:
 *  - BOOK_LEVEL (side from FLAG_BID; bids best = highest first, asks best = lowest first):
 *    a level at the same price gets the new quantity, or is deleted if the quantity is 0 (the
 *    levels behind it move up); a quantity of 0 for a price not held changes nothing; a new price
 *    is inserted in order and, with all levels held, the worst level falls off; a new price worse
 *    than all 8 held levels changes nothing. A negative quantity changes nothing. Crossed books are
 *    kept as sent (the card does not uncross). Every BOOK_LEVEL record counts in UPDATES.
 *    Top-N only: a level that fell off is forgotten. If the levels in front of it are later
 *    deleted by diffs, it does not come back until a diff names it again, so after deletes the
 *    book can hold fewer levels than the venue has, or skip one the venue still has; only the
 *    next snapshot restores the full top N.
 *  - BOOK_LEVEL with FLAG_SNAPSHOT: if the slot is not VALID or the sequence differs from the
 *    slot's snapshot sequence, both sides are cleared first, SEQUENCE takes the record's sequence
 *    and the slot becomes VALID; then the level is applied as above. (All levels of one snapshot
 *    message share its sequence, so the first clears and the rest fill.)
 *  - FEED_STATUS with FLAG_GAP: the slot is no longer VALID (levels kept, but not to be trusted)
 *    until the next snapshot. Diffs are still applied.
 * Writing SLOT_CHANNEL[s] empties slot s, clears VALID, UPDATES and SEQUENCE. A write that would
 * enable a channel another enabled slot already follows is ignored (the old value stays).
 * Reading a book: write SELECT; reads the block takes from the fourth cycle after the write on
 * return one consistent copy of that slot and side in the SNAP_* registers (reading SELECT back
 * three times first covers the wait on any bus), taken after every record before the write. Reset:
 * every slot disabled and empty. */
#define SLIPWAY_BOOK_VERSION              1u
#define SLIPWAY_BOOK_LENGTH               0x100u
#define SLIPWAY_BOOK_SLOTS                16u
#define SLIPWAY_BOOK_SLOT_CHANNEL         0x10u /* + 4 x slot: bits 6:0 channel, bit 15 enabled */
#define SLIPWAY_BOOK_SELECT               0x50u /* write: slot (bits 3:0) and side (SELECT_BID) to copy */
#define SLIPWAY_BOOK_GEOMETRY             0x54u /* read-only: bits 7:0 levels per side, bits 15:8 slots */
#define SLIPWAY_BOOK_SNAP_STATUS          0x58u /* SLIPWAY_BOOK_STATUS_*, bits 11:8 levels held */
#define SLIPWAY_BOOK_SNAP_UPDATES         0x5Cu /* BOOK_LEVEL records applied to the slot, wraps */
#define SLIPWAY_BOOK_SNAP_SEQUENCE_LO     0x60u /* sequence of the snapshot the slot was rebuilt from */
#define SLIPWAY_BOOK_SNAP_SEQUENCE_HI     0x64u
#define SLIPWAY_BOOK_SNAP_LEVELS          0x80u /* 8 x {price lo, hi, qty lo, hi}, best first; empty = 0 */
#define SLIPWAY_BOOK_LEVEL_STRIDE         16u

#define SLIPWAY_BOOK_SLOT_ENABLE          (1u << 15)
#define SLIPWAY_BOOK_SELECT_BID           (1u << 8)
#define SLIPWAY_BOOK_STATUS_VALID         (1u << 0) /* rebuilt from a snapshot, no gap since */
#define SLIPWAY_BOOK_STATUS_ENABLED       (1u << 1)
#define SLIPWAY_BOOK_STATUS_COUNT_SHIFT   8u

/* Latency block: min/max/sum/count in card cycles per path, kept in hardware. A path measures
 * from a start event to the matching end event, in order (the k-th end closes the k-th start):
 *   FEED:    the cycle the decoder takes an SBE message's last beat (lookaside slot or wire
 *            datagram) -> the decoder commits its records (or drops it as malformed);
 *   RISK:    an order descriptor (host order or fired trigger) enters the gate -> its verdict is
 *            on the gate's outputs (one cycle after CMP_CYCLES_OUT);
 *   TRIGGER: tick-to-trade: the cycle the decoder takes the last beat of the BestBidAsk message
 *            whose BBO record fired a trigger slot -> the cycle the first beat of that slot's
 *            order is taken on the venue port. One sample per triggered order that leaves (a fired
 *            order the gate rejects adds none); queueing behind host orders in the gate or on the
 *            venue port is included. Same definition as `slipway card bench`'s tick-to-trade.
 * A path holds up to 32 open starts; a 33rd sets its OVERFLOW bit and the path stops counting
 * until cleared (its pairing would be wrong). Latencies above 0xFFFFFFFF cycles count as
 * 0xFFFFFFFF. MIN reads 0xFFFFFFFF while COUNT is 0. */
#define SLIPWAY_LATENCY_VERSION           1u
#define SLIPWAY_LATENCY_LENGTH            0x100u
#define SLIPWAY_LATENCY_PATHS             3u
#define SLIPWAY_LATENCY_PATH_FEED         0u
#define SLIPWAY_LATENCY_PATH_RISK         1u
#define SLIPWAY_LATENCY_PATH_TRIGGER      2u
#define SLIPWAY_LATENCY_CLEAR             0x10u /* write: bit p clears path p (figures, open starts, OVERFLOW) */
#define SLIPWAY_LATENCY_OVERFLOW          0x14u /* read-only: bit p set when path p overflowed */
#define SLIPWAY_LATENCY_PATH_BASE         0x20u /* + SLIPWAY_LATENCY_PATH_STRIDE x path */
#define SLIPWAY_LATENCY_PATH_STRIDE       0x20u
#define SLIPWAY_LAT_COUNT                 0x00u
#define SLIPWAY_LAT_MIN                   0x04u
#define SLIPWAY_LAT_MAX                   0x08u
#define SLIPWAY_LAT_SUM_LO                0x0Cu /* reading SUM_LO latches SUM_HI */
#define SLIPWAY_LAT_SUM_HI                0x10u
#define SLIPWAY_LATENCY_MAX_OPEN          32u

/* ------------------------------------------------------------------------------------------
 * Market-data ring (card -> host): 64-byte records.
 * ---------------------------------------------------------------------------------------- */
#define SLIPWAY_MD_RECORD_SIZE            64u
#define SLIPWAY_MD_TYPE                   0x00u /* u16 SLIPWAY_MD_TYPE_* */
#define SLIPWAY_MD_CHANNEL                0x02u /* u16 feed channel (one per venue and instrument) */
#define SLIPWAY_MD_INSTRUMENT             0x04u /* u16 */
#define SLIPWAY_MD_VENUE                  0x06u /* u8 */
#define SLIPWAY_MD_FLAGS                  0x07u /* u8: SLIPWAY_MD_FLAG_* */
#define SLIPWAY_MD_SEQUENCE               0x08u /* u64 venue update id or trade id */
#define SLIPWAY_MD_PRICE_0                0x10u /* i64 bid price, trade price, or level price */
#define SLIPWAY_MD_QTY_0                  0x18u /* i64 bid qty, trade qty, or level qty */
#define SLIPWAY_MD_PRICE_1                0x20u /* i64 ask price (BBO) */
#define SLIPWAY_MD_QTY_1                  0x28u /* i64 ask qty (BBO) */
#define SLIPWAY_MD_EVENT_TIME_US          0x30u /* i64 venue event time, microseconds */
#define SLIPWAY_MD_CARD_CYCLES            0x38u /* u64 receive stamp: the card cycle in which the last beat
                                                   of the record's frame was taken at the card's ingress
                                                   port (wire input or lookaside ring), as a NIC's receive
                                                   timestamp; every record of a frame carries it. FEED_STATUS
                                                   STALE: the cycle the timer ran out; RECOVERED: the
                                                   resuming datagram's verdict cycle (SLIPWAY_FEED_*). */

#define SLIPWAY_MD_TYPE_BBO               1u
#define SLIPWAY_MD_TYPE_TRADE             2u
#define SLIPWAY_MD_TYPE_BOOK_LEVEL        3u
#define SLIPWAY_MD_TYPE_FEED_STATUS       4u

#define SLIPWAY_MD_FLAG_BID               (1u << 0) /* BOOK_LEVEL: bid side (else ask) */
#define SLIPWAY_MD_FLAG_BUYER_MAKER       (1u << 1) /* TRADE: buyer was the maker (seller aggressed) */
#define SLIPWAY_MD_FLAG_GAP               (1u << 2) /* FEED_STATUS: sequence gap detected */
#define SLIPWAY_MD_FLAG_STALE             (1u << 3) /* FEED_STATUS: feed stale */
#define SLIPWAY_MD_FLAG_DECODE_ERROR      (1u << 4) /* FEED_STATUS: frame dropped as malformed */
#define SLIPWAY_MD_FLAG_RECOVERED         (1u << 6) /* FEED_STATUS: a stale feed has traffic again */
#define SLIPWAY_MD_FLAG_SNAPSHOT          (1u << 5) /* BOOK_LEVEL: level from a depth snapshot (the book of
                                                       its channel is rebuilt from the snapshot's levels) */

/* ------------------------------------------------------------------------------------------
 * Lookaside ingress ring (host -> card): SBE messages that arrived over TLS/WebSocket.
 * A slot is a 16-byte header followed by up to 496 bytes of SBE message (header included).
 * ---------------------------------------------------------------------------------------- */
#define SLIPWAY_INGRESS_SLOT_SIZE         512u
#define SLIPWAY_INGRESS_CHANNEL           0x00u /* u16 feed channel */
#define SLIPWAY_INGRESS_LENGTH            0x02u /* u16 SBE message length in bytes */
#define SLIPWAY_INGRESS_RESERVED          0x04u /* u32 zero */
#define SLIPWAY_INGRESS_HOST_TAG          0x08u /* u64 opaque to the card */
#define SLIPWAY_INGRESS_PAYLOAD           0x10u
#define SLIPWAY_INGRESS_MAX_PAYLOAD       496u

/* Binance spot market-data stream SBE schema, the first schema the card decodes. */
#define SLIPWAY_SBE_SCHEMA_ID             1u
#define SLIPWAY_SBE_SCHEMA_VERSION        0u
#define SLIPWAY_SBE_TEMPLATE_TRADES       10000u
#define SLIPWAY_SBE_TEMPLATE_BEST_BID_ASK 10001u
#define SLIPWAY_SBE_TEMPLATE_DEPTH_SNAP   10002u
#define SLIPWAY_SBE_TEMPLATE_DEPTH_DIFF   10003u

/* ------------------------------------------------------------------------------------------
 * Order ring (host -> card): a 64-byte normalized descriptor followed by the venue message
 * bytes the card sends on the venue port if every check passes.
 * ---------------------------------------------------------------------------------------- */
#define SLIPWAY_ORDER_SLOT_SIZE           256u
#define SLIPWAY_ORDER_DESCRIPTOR_SIZE     64u
#define SLIPWAY_ORDER_MAX_MESSAGE         192u
#define SLIPWAY_ORD_VENUE                 0x00u /* u8 */
#define SLIPWAY_ORD_SIDE                  0x01u /* u8 SLIPWAY_SIDE_* */
#define SLIPWAY_ORD_TYPE                  0x02u /* u8 SLIPWAY_ORD_TYPE_* */
#define SLIPWAY_ORD_ACTION                0x03u /* u8 SLIPWAY_ORD_ACTION_* */
#define SLIPWAY_ORD_INSTRUMENT            0x04u /* u16 */
#define SLIPWAY_ORD_MESSAGE_LENGTH        0x06u /* u16 venue message bytes following the descriptor */
#define SLIPWAY_ORD_CLIENT_ORDER_ID       0x08u /* u64, unique per child order */
#define SLIPWAY_ORD_PRICE                 0x10u /* i64 limit price (protection price for market) */
#define SLIPWAY_ORD_QUANTITY              0x18u /* i64 */
#define SLIPWAY_ORD_HOST_TAG              0x20u /* u64 opaque to the card, echoed in the completion */
#define SLIPWAY_ORD_RESERVED              0x28u /* 24 bytes zero */
#define SLIPWAY_ORD_MESSAGE               0x40u

#define SLIPWAY_SIDE_BUY                  1u
#define SLIPWAY_SIDE_SELL                 2u
#define SLIPWAY_ORD_TYPE_LIMIT            1u
#define SLIPWAY_ORD_TYPE_IOC              2u
#define SLIPWAY_ORD_TYPE_MARKET           3u
#define SLIPWAY_ORD_ACTION_NEW            1u
#define SLIPWAY_ORD_ACTION_CANCEL         2u /* cancels pass the kill switch (a kill must be able to cancel)
                                                   and skip quantity, notional, collar, position and
                                                   duplicate checks; they obey venue enable and throttle */

/* ------------------------------------------------------------------------------------------
 * Exposure ring (host -> card): fills and cancels the venues reported, so the card's
 * position and open exposure follow reality. 32-byte records.
 *
 * Kinds. QUANTITY is never negative; SIDE says the direction.
 *  FILL      position += QUANTITY (BUY) or -= QUANTITY (SELL); the side's open quantity
 *            -= QUANTITY, floored at 0.
 *  RELEASE   the side's open quantity -= QUANTITY, floored at 0.
 *  RESTORE_POSITION  position = +QUANTITY (BUY) or -QUANTITY (SELL). The open quantities
 *            are left as they are.
 *  RESTORE_OPEN      the side's open quantity = QUANTITY. The position is left as it is.
 * The two RESTORE kinds set, not add. A host that starts a card with state it already holds
 * sends them before any order: after a crash and replay, or when a new cluster leader takes
 * over the card. Sending the same restore twice leaves the same state. CLIENT_ORDER_ID is not
 * read for them (0). Like every record, they apply only between orders.
 * A record with an instrument >= SLIPWAY_MAX_INSTRUMENTS, a side other than BUY or SELL, an
 * unknown kind or a negative quantity changes no state; it is counted in
 * SLIPWAY_CNT_EXPOSURE_MALFORMED.
 * ---------------------------------------------------------------------------------------- */
#define SLIPWAY_EXPOSURE_RECORD_SIZE      32u
#define SLIPWAY_EXP_INSTRUMENT            0x00u /* u16 */
#define SLIPWAY_EXP_SIDE                  0x02u /* u8 */
#define SLIPWAY_EXP_KIND                  0x03u /* u8 SLIPWAY_EXP_KIND_* */
#define SLIPWAY_EXP_RESERVED              0x04u /* u32 zero */
#define SLIPWAY_EXP_CLIENT_ORDER_ID       0x08u /* u64 */
#define SLIPWAY_EXP_QUANTITY              0x10u /* i64 quantity filled or released */
#define SLIPWAY_EXP_RESERVED2             0x18u /* u64 zero */
#define SLIPWAY_EXP_KIND_FILL             1u
#define SLIPWAY_EXP_KIND_RELEASE          2u /* cancel, expiry or reject: open exposure released */
#define SLIPWAY_EXP_KIND_RESTORE_POSITION 3u /* set the instrument's position (sign from SIDE) */
#define SLIPWAY_EXP_KIND_RESTORE_OPEN     4u /* set the open quantity of SIDE on the instrument */

/* ------------------------------------------------------------------------------------------
 * Completion ring (card -> host): one 64-byte record per order descriptor, plus one per
 * trigger firing.
 * ---------------------------------------------------------------------------------------- */
#define SLIPWAY_COMPLETION_RECORD_SIZE    64u
#define SLIPWAY_CMP_TYPE                  0x00u /* u16 SLIPWAY_CMP_TYPE_* */
#define SLIPWAY_CMP_REASON                0x02u /* u16 SLIPWAY_REASON_* */
#define SLIPWAY_CMP_VENUE                 0x04u /* u8 */
#define SLIPWAY_CMP_SIDE                  0x05u /* u8 */
#define SLIPWAY_CMP_INSTRUMENT            0x06u /* u16 */
#define SLIPWAY_CMP_CLIENT_ORDER_ID       0x08u /* u64 */
#define SLIPWAY_CMP_HOST_TAG              0x10u /* u64 echoed from the descriptor */
#define SLIPWAY_CMP_PRICE                 0x18u /* i64 */
#define SLIPWAY_CMP_QUANTITY              0x20u /* i64 */
#define SLIPWAY_CMP_REFERENCE_PRICE       0x28u /* i64 hardware BBO price the collar used (0: none) */
#define SLIPWAY_CMP_CYCLES_IN             0x30u /* u64 cycle the descriptor entered the gate */
#define SLIPWAY_CMP_CYCLES_OUT            0x38u /* u64 cycle of the verdict */

#define SLIPWAY_CMP_TYPE_SENT             1u /* passed; message bytes left on the venue port */
#define SLIPWAY_CMP_TYPE_REJECTED         2u /* failed; nothing left the card */
#define SLIPWAY_CMP_TYPE_TRIGGER_FIRED    3u /* a trigger slot fired: descriptor fields of the slot,
                                                  REFERENCE_PRICE = the BBO touch its side takes
                                                  (0: none), reason 0; its order's completion follows */

/* Reject reasons. 0 is "passed". Each has a counter in the counters block. */
#define SLIPWAY_REASON_NONE               0u
#define SLIPWAY_REASON_KILL_SWITCH        1u
#define SLIPWAY_REASON_VENUE_DISABLED     2u
#define SLIPWAY_REASON_INSTRUMENT_DISABLED 3u
#define SLIPWAY_REASON_MAX_QUANTITY       4u
#define SLIPWAY_REASON_MAX_NOTIONAL       5u
#define SLIPWAY_REASON_PRICE_COLLAR       6u
#define SLIPWAY_REASON_NO_REFERENCE_PRICE 7u
#define SLIPWAY_REASON_POSITION_LIMIT     8u
#define SLIPWAY_REASON_THROTTLE           9u
#define SLIPWAY_REASON_DUPLICATE_ORDER_ID 10u
#define SLIPWAY_REASON_MALFORMED          11u
#define SLIPWAY_REASON_COUNT              12u

/* Card limits fixed by this version of the design. */
#define SLIPWAY_MAX_VENUES                8u
#define SLIPWAY_MAX_INSTRUMENTS           16u
#define SLIPWAY_MAX_CHANNELS              128u

/* Feed channel numbering: channel = venue << 4 | instrument, so a channel names its book. */
#define SLIPWAY_CHANNEL_VENUE_SHIFT       4u
#define SLIPWAY_CHANNEL_INSTRUMENT_MASK   0x0Fu
#define SLIPWAY_BOOK_LEVELS               8u

#endif /* SLIPWAY_NIC_H */
