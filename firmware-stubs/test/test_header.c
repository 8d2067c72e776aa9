/*
 * test_header.c - internal consistency of slipway_nic.h.
 *
 * Most checks are compile-time: each record is mirrored by a packed struct whose field
 * offsets must equal the #defines, so a field moved, resized or overlapping breaks the build.
 * The runtime part checks what C cannot assert statically (byte order of the magic).
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "slipway_nic.h"

#define SA(cond) _Static_assert(cond, #cond)

/* ---- register blocks: inside their length, no overlap, chain ordered and ending ---------- */
SA(SLIPWAY_BLK_HDR_LENGTH + 4 == SLIPWAY_BLK_HDR_SIZE);
SA(SLIPWAY_IDENTITY_BASE == 0);
SA(SLIPWAY_IDENTITY_BASE + SLIPWAY_IDENTITY_LENGTH <= SLIPWAY_RISK_BASE);
SA(SLIPWAY_RISK_BASE + SLIPWAY_RISK_LENGTH <= SLIPWAY_COUNTERS_BASE);
SA(SLIPWAY_IDENTITY_BASE % SLIPWAY_IDENTITY_LENGTH == 0); /* naturally aligned: simple decode */
SA(SLIPWAY_RISK_BASE % SLIPWAY_RISK_LENGTH == 0);
SA(SLIPWAY_COUNTERS_BASE % SLIPWAY_COUNTERS_LENGTH == 0);

SA(SLIPWAY_ID_MAGIC >= SLIPWAY_BLK_HDR_SIZE);
SA(SLIPWAY_ID_SCRATCH + 4 <= SLIPWAY_IDENTITY_LENGTH);
SA(SLIPWAY_RISK_CONTROL >= SLIPWAY_BLK_HDR_SIZE);
SA(SLIPWAY_RISK_MAX_POSITION_HI + 4 <= SLIPWAY_RISK_LENGTH);
SA(SLIPWAY_CNT_REASON_BASE >= SLIPWAY_BLK_HDR_SIZE);
SA(SLIPWAY_CNT_EXPOSURE_MALFORMED + 4 <= SLIPWAY_COUNTERS_LENGTH);

/* registers are consecutive 32-bit words, 64-bit values low word first */
struct identity_regs {
    uint32_t type, version, next, length;
    uint32_t magic, header_version, build_id, features, clock_khz;
    uint32_t md_record_size, order_slot_size, completion_record_size, scratch;
};
SA(offsetof(struct identity_regs, magic) == SLIPWAY_ID_MAGIC);
SA(offsetof(struct identity_regs, header_version) == SLIPWAY_ID_HEADER_VERSION);
SA(offsetof(struct identity_regs, build_id) == SLIPWAY_ID_BUILD_ID);
SA(offsetof(struct identity_regs, features) == SLIPWAY_ID_FEATURES);
SA(offsetof(struct identity_regs, clock_khz) == SLIPWAY_ID_CLOCK_KHZ);
SA(offsetof(struct identity_regs, md_record_size) == SLIPWAY_ID_MD_RECORD_SIZE);
SA(offsetof(struct identity_regs, order_slot_size) == SLIPWAY_ID_ORDER_SLOT_SIZE);
SA(offsetof(struct identity_regs, completion_record_size) == SLIPWAY_ID_COMPLETION_RECORD_SIZE);
SA(offsetof(struct identity_regs, scratch) == SLIPWAY_ID_SCRATCH);
SA(offsetof(struct identity_regs, type) == SLIPWAY_BLK_HDR_TYPE);
SA(offsetof(struct identity_regs, version) == SLIPWAY_BLK_HDR_VERSION);
SA(offsetof(struct identity_regs, next) == SLIPWAY_BLK_HDR_NEXT);
SA(offsetof(struct identity_regs, length) == SLIPWAY_BLK_HDR_LENGTH);

struct risk_regs {
    uint32_t hdr[4];
    uint32_t control, venue_enable, instrument_enable, collar_bps;
    uint32_t max_qty_lo, max_qty_hi, max_notional_lo, max_notional_hi;
    uint32_t throttle_burst, throttle_refill, max_position_lo, max_position_hi;
};
SA(offsetof(struct risk_regs, control) == SLIPWAY_RISK_CONTROL);
SA(offsetof(struct risk_regs, venue_enable) == SLIPWAY_RISK_VENUE_ENABLE);
SA(offsetof(struct risk_regs, instrument_enable) == SLIPWAY_RISK_INSTRUMENT_ENABLE);
SA(offsetof(struct risk_regs, collar_bps) == SLIPWAY_RISK_COLLAR_BPS);
SA(offsetof(struct risk_regs, max_qty_lo) == SLIPWAY_RISK_MAX_QTY_LO);
SA(offsetof(struct risk_regs, max_qty_hi) == SLIPWAY_RISK_MAX_QTY_HI);
SA(offsetof(struct risk_regs, max_notional_lo) == SLIPWAY_RISK_MAX_NOTIONAL_LO);
SA(offsetof(struct risk_regs, max_notional_hi) == SLIPWAY_RISK_MAX_NOTIONAL_HI);
SA(offsetof(struct risk_regs, throttle_burst) == SLIPWAY_RISK_THROTTLE_BURST);
SA(offsetof(struct risk_regs, throttle_refill) == SLIPWAY_RISK_THROTTLE_REFILL);
SA(offsetof(struct risk_regs, max_position_lo) == SLIPWAY_RISK_MAX_POSITION_LO);
SA(offsetof(struct risk_regs, max_position_hi) == SLIPWAY_RISK_MAX_POSITION_HI);
SA(sizeof(struct risk_regs) == SLIPWAY_RISK_LENGTH);

struct counter_regs {
    uint32_t hdr[4];
    uint32_t reason[16];
    uint32_t md_records, ingress_dropped, orders_sent, cycles_lo, cycles_hi, exposure_malformed;
};
SA(offsetof(struct counter_regs, reason) == SLIPWAY_CNT_REASON_BASE);
SA(offsetof(struct counter_regs, md_records) == SLIPWAY_CNT_MD_RECORDS);
SA(offsetof(struct counter_regs, ingress_dropped) == SLIPWAY_CNT_INGRESS_DROPPED);
SA(offsetof(struct counter_regs, orders_sent) == SLIPWAY_CNT_ORDERS_SENT);
SA(offsetof(struct counter_regs, cycles_lo) == SLIPWAY_CNT_CYCLES_LO);
SA(offsetof(struct counter_regs, cycles_hi) == SLIPWAY_CNT_CYCLES_HI);
SA(offsetof(struct counter_regs, exposure_malformed) == SLIPWAY_CNT_EXPOSURE_MALFORMED);
SA(sizeof(struct counter_regs) <= SLIPWAY_COUNTERS_LENGTH);

/* ---- reasons: consecutive from 0, one counter slot each -------------------------------- */
SA(SLIPWAY_REASON_NONE == 0);
SA(SLIPWAY_REASON_MALFORMED + 1 == SLIPWAY_REASON_COUNT);
SA(SLIPWAY_REASON_COUNT <= 16); /* the counters block has 16 reason slots */
SA(SLIPWAY_CNT_REASON_BASE + 4 * 16 == SLIPWAY_CNT_MD_RECORDS);

/* ---- card limits fit their registers and the channel numbering ------------------------- */
SA(SLIPWAY_MAX_VENUES <= 32);      /* one bit per venue in RISK_VENUE_ENABLE */
SA(SLIPWAY_MAX_INSTRUMENTS <= 32); /* one bit per instrument in RISK_INSTRUMENT_ENABLE */
SA(SLIPWAY_CHANNEL_INSTRUMENT_MASK + 1 == SLIPWAY_MAX_INSTRUMENTS);
SA((1u << SLIPWAY_CHANNEL_VENUE_SHIFT) == SLIPWAY_MAX_INSTRUMENTS);
SA(SLIPWAY_MAX_VENUES << SLIPWAY_CHANNEL_VENUE_SHIFT == SLIPWAY_MAX_CHANNELS);
SA((SLIPWAY_FEATURE_RX_SBE | SLIPWAY_FEATURE_BOOK | SLIPWAY_FEATURE_RISK_GATE |
    SLIPWAY_FEATURE_TRIGGERS | SLIPWAY_FEATURE_LATENCY_STATS) == 0x1Fu); /* distinct bits */

/* ---- records: packed mirrors, last field offset + width = record size ------------------ */
#define PACKED __attribute__((packed))

struct PACKED md_record {
    uint16_t type, channel, instrument;
    uint8_t venue, flags;
    uint64_t sequence;
    int64_t price_0, qty_0, price_1, qty_1, event_time_us;
    uint64_t card_cycles;
};
SA(offsetof(struct md_record, type) == SLIPWAY_MD_TYPE);
SA(offsetof(struct md_record, channel) == SLIPWAY_MD_CHANNEL);
SA(offsetof(struct md_record, instrument) == SLIPWAY_MD_INSTRUMENT);
SA(offsetof(struct md_record, venue) == SLIPWAY_MD_VENUE);
SA(offsetof(struct md_record, flags) == SLIPWAY_MD_FLAGS);
SA(offsetof(struct md_record, sequence) == SLIPWAY_MD_SEQUENCE);
SA(offsetof(struct md_record, price_0) == SLIPWAY_MD_PRICE_0);
SA(offsetof(struct md_record, qty_0) == SLIPWAY_MD_QTY_0);
SA(offsetof(struct md_record, price_1) == SLIPWAY_MD_PRICE_1);
SA(offsetof(struct md_record, qty_1) == SLIPWAY_MD_QTY_1);
SA(offsetof(struct md_record, event_time_us) == SLIPWAY_MD_EVENT_TIME_US);
SA(offsetof(struct md_record, card_cycles) == SLIPWAY_MD_CARD_CYCLES);
SA(SLIPWAY_MD_CARD_CYCLES + 8 == SLIPWAY_MD_RECORD_SIZE);
SA(sizeof(struct md_record) == SLIPWAY_MD_RECORD_SIZE);

struct PACKED ingress_slot {
    uint16_t channel, length;
    uint32_t reserved;
    uint64_t host_tag;
    uint8_t payload[SLIPWAY_INGRESS_MAX_PAYLOAD];
};
SA(offsetof(struct ingress_slot, channel) == SLIPWAY_INGRESS_CHANNEL);
SA(offsetof(struct ingress_slot, length) == SLIPWAY_INGRESS_LENGTH);
SA(offsetof(struct ingress_slot, reserved) == SLIPWAY_INGRESS_RESERVED);
SA(offsetof(struct ingress_slot, host_tag) == SLIPWAY_INGRESS_HOST_TAG);
SA(offsetof(struct ingress_slot, payload) == SLIPWAY_INGRESS_PAYLOAD);
SA(SLIPWAY_INGRESS_PAYLOAD + SLIPWAY_INGRESS_MAX_PAYLOAD == SLIPWAY_INGRESS_SLOT_SIZE);
SA(sizeof(struct ingress_slot) == SLIPWAY_INGRESS_SLOT_SIZE);

struct PACKED order_slot {
    uint8_t venue, side, type, action;
    uint16_t instrument, message_length;
    uint64_t client_order_id;
    int64_t price, quantity;
    uint64_t host_tag;
    uint8_t reserved[24];
    uint8_t message[SLIPWAY_ORDER_MAX_MESSAGE];
};
SA(offsetof(struct order_slot, venue) == SLIPWAY_ORD_VENUE);
SA(offsetof(struct order_slot, side) == SLIPWAY_ORD_SIDE);
SA(offsetof(struct order_slot, type) == SLIPWAY_ORD_TYPE);
SA(offsetof(struct order_slot, action) == SLIPWAY_ORD_ACTION);
SA(offsetof(struct order_slot, instrument) == SLIPWAY_ORD_INSTRUMENT);
SA(offsetof(struct order_slot, message_length) == SLIPWAY_ORD_MESSAGE_LENGTH);
SA(offsetof(struct order_slot, client_order_id) == SLIPWAY_ORD_CLIENT_ORDER_ID);
SA(offsetof(struct order_slot, price) == SLIPWAY_ORD_PRICE);
SA(offsetof(struct order_slot, quantity) == SLIPWAY_ORD_QUANTITY);
SA(offsetof(struct order_slot, host_tag) == SLIPWAY_ORD_HOST_TAG);
SA(offsetof(struct order_slot, reserved) == SLIPWAY_ORD_RESERVED);
SA(offsetof(struct order_slot, message) == SLIPWAY_ORD_MESSAGE);
SA(SLIPWAY_ORD_MESSAGE == SLIPWAY_ORDER_DESCRIPTOR_SIZE);
SA(SLIPWAY_ORDER_DESCRIPTOR_SIZE + SLIPWAY_ORDER_MAX_MESSAGE == SLIPWAY_ORDER_SLOT_SIZE);
SA(sizeof(struct order_slot) == SLIPWAY_ORDER_SLOT_SIZE);

struct PACKED exposure_record {
    uint16_t instrument;
    uint8_t side, kind;
    uint32_t reserved;
    uint64_t client_order_id;
    int64_t quantity;
    uint64_t reserved2;
};
SA(offsetof(struct exposure_record, instrument) == SLIPWAY_EXP_INSTRUMENT);
SA(offsetof(struct exposure_record, side) == SLIPWAY_EXP_SIDE);
SA(offsetof(struct exposure_record, kind) == SLIPWAY_EXP_KIND);
SA(offsetof(struct exposure_record, reserved) == SLIPWAY_EXP_RESERVED);
SA(offsetof(struct exposure_record, client_order_id) == SLIPWAY_EXP_CLIENT_ORDER_ID);
SA(offsetof(struct exposure_record, quantity) == SLIPWAY_EXP_QUANTITY);
SA(offsetof(struct exposure_record, reserved2) == SLIPWAY_EXP_RESERVED2);
SA(SLIPWAY_EXP_RESERVED2 + 8 == SLIPWAY_EXPOSURE_RECORD_SIZE);
SA(sizeof(struct exposure_record) == SLIPWAY_EXPOSURE_RECORD_SIZE);

struct PACKED completion_record {
    uint16_t type, reason;
    uint8_t venue, side;
    uint16_t instrument;
    uint64_t client_order_id, host_tag;
    int64_t price, quantity, reference_price;
    uint64_t cycles_in, cycles_out;
};
SA(offsetof(struct completion_record, type) == SLIPWAY_CMP_TYPE);
SA(offsetof(struct completion_record, reason) == SLIPWAY_CMP_REASON);
SA(offsetof(struct completion_record, venue) == SLIPWAY_CMP_VENUE);
SA(offsetof(struct completion_record, side) == SLIPWAY_CMP_SIDE);
SA(offsetof(struct completion_record, instrument) == SLIPWAY_CMP_INSTRUMENT);
SA(offsetof(struct completion_record, client_order_id) == SLIPWAY_CMP_CLIENT_ORDER_ID);
SA(offsetof(struct completion_record, host_tag) == SLIPWAY_CMP_HOST_TAG);
SA(offsetof(struct completion_record, price) == SLIPWAY_CMP_PRICE);
SA(offsetof(struct completion_record, quantity) == SLIPWAY_CMP_QUANTITY);
SA(offsetof(struct completion_record, reference_price) == SLIPWAY_CMP_REFERENCE_PRICE);
SA(offsetof(struct completion_record, cycles_in) == SLIPWAY_CMP_CYCLES_IN);
SA(offsetof(struct completion_record, cycles_out) == SLIPWAY_CMP_CYCLES_OUT);
SA(SLIPWAY_CMP_CYCLES_OUT + 8 == SLIPWAY_COMPLETION_RECORD_SIZE);
SA(sizeof(struct completion_record) == SLIPWAY_COMPLETION_RECORD_SIZE);

/* Records are whole cache lines (or multiples) so a DMA write never shares a line. */
SA(SLIPWAY_MD_RECORD_SIZE % 64 == 0);
SA(SLIPWAY_COMPLETION_RECORD_SIZE % 64 == 0);
SA(SLIPWAY_ORDER_SLOT_SIZE % 64 == 0);
SA(SLIPWAY_INGRESS_SLOT_SIZE % 64 == 0);
SA(64 % SLIPWAY_EXPOSURE_RECORD_SIZE == 0);

int main(void) {
    /* The magic reads "SLPW" from memory on a little-endian bus. */
    uint32_t magic = SLIPWAY_NIC_MAGIC;
    unsigned char bytes[4];
    memcpy(bytes, &magic, 4);
    uint32_t one = 1;
    unsigned char first;
    memcpy(&first, &one, 1);
    if (first == 1) { /* little-endian host, as the card */
        assert(memcmp(bytes, "SLPW", 4) == 0);
    }

    /* Block chain as the card exposes it: identity -> risk -> counters -> end, ascending. */
    const uint32_t bases[] = {SLIPWAY_IDENTITY_BASE, SLIPWAY_RISK_BASE, SLIPWAY_COUNTERS_BASE};
    const uint32_t lengths[] = {SLIPWAY_IDENTITY_LENGTH, SLIPWAY_RISK_LENGTH, SLIPWAY_COUNTERS_LENGTH};
    const uint32_t types[] = {SLIPWAY_BLK_TYPE_IDENTITY, SLIPWAY_BLK_TYPE_RISK, SLIPWAY_BLK_TYPE_COUNTERS};
    for (int i = 0; i < 3; i++) {
        for (int j = i + 1; j < 3; j++) {
            assert(types[i] != types[j]);
            assert(bases[i] + lengths[i] <= bases[j] || bases[j] + lengths[j] <= bases[i]);
        }
    }

    /* Reason codes are 0..COUNT-1 with no gaps. */
    const uint32_t reasons[] = {
        SLIPWAY_REASON_NONE, SLIPWAY_REASON_KILL_SWITCH, SLIPWAY_REASON_VENUE_DISABLED,
        SLIPWAY_REASON_INSTRUMENT_DISABLED, SLIPWAY_REASON_MAX_QUANTITY,
        SLIPWAY_REASON_MAX_NOTIONAL, SLIPWAY_REASON_PRICE_COLLAR,
        SLIPWAY_REASON_NO_REFERENCE_PRICE, SLIPWAY_REASON_POSITION_LIMIT,
        SLIPWAY_REASON_THROTTLE, SLIPWAY_REASON_DUPLICATE_ORDER_ID, SLIPWAY_REASON_MALFORMED,
    };
    assert(sizeof(reasons) / sizeof(reasons[0]) == SLIPWAY_REASON_COUNT);
    for (uint32_t i = 0; i < SLIPWAY_REASON_COUNT; i++) assert(reasons[i] == i);

    printf("test_header: slipway_nic.h v%u consistent\n", SLIPWAY_NIC_HEADER_VERSION);
    return 0;
}
