/*
 * test_vsim.c - the simulated card through its C ABI, loaded with dlopen as the JVM loads it.
 *
 * Usage: test_vsim [path/to/libslipway_vsim.so]
 * Walks the register blocks from address 0, checks identity, writes and reads back scratch and
 * risk registers, runs cycles and checks the cycle counter, feeds BestBidAsk ingress slots and
 * checks the market-data records drained. Exits non-zero on any failure.
 */
#define _POSIX_C_SOURCE 199309L
#include <dlfcn.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "slipway_nic.h"
#include "slipway_vsim.h"

static int failures = 0;
#define CHECK(cond, ...)                                                        \
    do {                                                                        \
        if (!(cond)) {                                                          \
            failures++;                                                         \
            fprintf(stderr, "FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond);     \
            fprintf(stderr, __VA_ARGS__);                                       \
            fprintf(stderr, "\n");                                              \
        }                                                                       \
    } while (0)

static struct {
    uint32_t (*abi_version)(void);
    slipway_vsim *(*open)(void);
    void (*close)(slipway_vsim *);
    uint32_t (*reg_read)(slipway_vsim *, uint32_t);
    void (*reg_write)(slipway_vsim *, uint32_t, uint32_t);
    uint32_t (*reg_read_block)(slipway_vsim *, uint32_t, uint32_t *, uint32_t);
    uint64_t (*run)(slipway_vsim *, uint64_t);
    uint64_t (*cycles)(const slipway_vsim *);
    uint32_t (*ingress)(slipway_vsim *, const uint8_t *, uint32_t);
    uint32_t (*drain_md)(slipway_vsim *, uint8_t *, uint32_t);
    uint32_t (*wire_rx)(slipway_vsim *, const uint8_t *, const uint32_t *, uint32_t);
    uint32_t (*rx_latency)(slipway_vsim *, const uint8_t *, uint32_t, uint32_t);
    uint32_t (*submit_orders)(slipway_vsim *, const uint8_t *, const uint32_t *, uint32_t);
    uint32_t (*submit_exposures)(slipway_vsim *, const uint8_t *, uint32_t);
    uint32_t (*drain_completions)(slipway_vsim *, uint8_t *, uint32_t);
    uint32_t (*drain_venue)(slipway_vsim *, uint8_t *, uint32_t);
    uint64_t (*advance)(slipway_vsim *, uint64_t);
} vsim;

static void put_le(uint8_t *p, uint64_t v, int n) {
    for (int i = 0; i < n; i++) p[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t get_le(const uint8_t *p, int n) {
    uint64_t v = 0;
    for (int i = n - 1; i >= 0; i--) v = v << 8 | p[i];
    return v;
}

/* One BestBidAsk slot: price exponent -2, qty -6 (the card's scale); schema_id other than 1
 * makes the card drop it. */
static void bbo_slot(uint8_t *slot, uint16_t channel, uint64_t update_id, int64_t bid, uint16_t schema_id) {
    memset(slot, 0, SLIPWAY_INGRESS_SLOT_SIZE);
    const uint16_t length = 8 + 50 + 1 + 7;
    put_le(slot + SLIPWAY_INGRESS_CHANNEL, channel, 2);
    put_le(slot + SLIPWAY_INGRESS_LENGTH, length, 2);
    put_le(slot + SLIPWAY_INGRESS_HOST_TAG, update_id, 8);
    uint8_t *m = slot + SLIPWAY_INGRESS_PAYLOAD;
    put_le(m + 0, 50, 2);
    put_le(m + 2, SLIPWAY_SBE_TEMPLATE_BEST_BID_ASK, 2);
    put_le(m + 4, schema_id, 2);
    put_le(m + 8, 1723075200000000ull + update_id, 8);
    put_le(m + 16, update_id, 8);
    m[24] = (uint8_t)-2;
    m[25] = (uint8_t)-6;
    put_le(m + 26, (uint64_t)bid, 8);
    put_le(m + 34, 1000, 8);
    put_le(m + 42, (uint64_t)(bid + 1), 8);
    put_le(m + 50, 2000, 8);
    m[58] = 7;
    memcpy(m + 59, "BTCUSDT", 7);
}

static void order_slot(uint8_t *slot, uint8_t venue, uint8_t side, uint64_t id, int64_t price, int64_t qty,
                       uint16_t message_length) {
    memset(slot, 0, SLIPWAY_ORDER_SLOT_SIZE);
    slot[SLIPWAY_ORD_VENUE] = venue;
    slot[SLIPWAY_ORD_SIDE] = side;
    slot[SLIPWAY_ORD_TYPE] = SLIPWAY_ORD_TYPE_LIMIT;
    slot[SLIPWAY_ORD_ACTION] = SLIPWAY_ORD_ACTION_NEW;
    put_le(slot + SLIPWAY_ORD_INSTRUMENT, 1, 2);
    put_le(slot + SLIPWAY_ORD_MESSAGE_LENGTH, message_length, 2);
    put_le(slot + SLIPWAY_ORD_CLIENT_ORDER_ID, id, 8);
    put_le(slot + SLIPWAY_ORD_PRICE, (uint64_t)price, 8);
    put_le(slot + SLIPWAY_ORD_QUANTITY, (uint64_t)qty, 8);
    put_le(slot + SLIPWAY_ORD_HOST_TAG, id * 3, 8);
    for (int i = 0; i < message_length && i < (int)SLIPWAY_ORDER_MAX_MESSAGE; i++) {
        slot[SLIPWAY_ORD_MESSAGE + i] = (uint8_t)(id + i);
    }
}

static double now_ns(void);

/* The TX path: limits through the risk block, a BBO through ingress, more order slots than the
 * library's completion ring holds (every 5th over the collar, every 11th with a bad length),
 * exposure records, then every completion and venue message checked in order. */
static void tx_path(slipway_vsim *card) {
    const uint32_t risk = SLIPWAY_RISK_BASE;
    vsim.reg_write(card, risk + SLIPWAY_RISK_VENUE_ENABLE, 0x02);
    vsim.reg_write(card, risk + SLIPWAY_RISK_INSTRUMENT_ENABLE, 0x02);
    vsim.reg_write(card, risk + SLIPWAY_RISK_COLLAR_BPS, 50);
    vsim.reg_write(card, risk + SLIPWAY_RISK_MAX_QTY_LO, 1000000);
    vsim.reg_write(card, risk + SLIPWAY_RISK_MAX_QTY_HI, 0);
    vsim.reg_write(card, risk + SLIPWAY_RISK_MAX_NOTIONAL_LO, 0xFFFFFFFFu);
    vsim.reg_write(card, risk + SLIPWAY_RISK_MAX_NOTIONAL_HI, 0x7FFFFFFF);
    vsim.reg_write(card, risk + SLIPWAY_RISK_THROTTLE_REFILL, 0);
    vsim.reg_write(card, risk + SLIPWAY_RISK_THROTTLE_BURST, 100000);
    vsim.reg_write(card, risk + SLIPWAY_RISK_MAX_POSITION_LO, 0xFFFFFFFFu);
    vsim.reg_write(card, risk + SLIPWAY_RISK_MAX_POSITION_HI, 0x7FFFFFFF);
    vsim.reg_write(card, risk + SLIPWAY_RISK_CONTROL, 0);
    uint8_t bbo[SLIPWAY_INGRESS_SLOT_SIZE];
    bbo_slot(bbo, 0x11, 1, 5600000, SLIPWAY_SBE_SCHEMA_ID);  /* bid 5600000, ask 5600001 */
    CHECK(vsim.ingress(card, bbo, 1) == 1, "bbo slot");
    uint8_t md[SLIPWAY_MD_RECORD_SIZE * 4];
    CHECK(vsim.drain_md(card, md, 4) == 1, "bbo record");

    /* the LATENCY block's RISK path counts every verdict: descriptor taken -> verdict out */
    const uint32_t lat_risk = SLIPWAY_LATENCY_BASE + SLIPWAY_LATENCY_PATH_BASE +
                              SLIPWAY_LATENCY_PATH_RISK * SLIPWAY_LATENCY_PATH_STRIDE;
    vsim.reg_write(card, SLIPWAY_LATENCY_BASE + SLIPWAY_LATENCY_CLEAR, 1u << SLIPWAY_LATENCY_PATH_RISK);

    const uint32_t n = 6000;
    uint8_t *slots = malloc((size_t)n * SLIPWAY_ORDER_SLOT_SIZE);
    uint32_t *lengths = malloc(n * sizeof(uint32_t));
    uint8_t *cmp = malloc((size_t)n * SLIPWAY_COMPLETION_RECORD_SIZE);
    uint8_t *venue = malloc((size_t)n * SLIPWAY_VSIM_VENUE_RECORD_SIZE);
    CHECK(slots && lengths && cmp && venue, "malloc");
    if (!(slots && lengths && cmp && venue)) return;
    for (uint32_t i = 0; i < n; i++) {
        uint8_t *slot = slots + (size_t)i * SLIPWAY_ORDER_SLOT_SIZE;
        int64_t price = i % 5 == 4 ? 5700000 : 5600001;
        order_slot(slot, 1, SLIPWAY_SIDE_BUY, 1000 + i, price, 1, (uint16_t)(i % 40));
        lengths[i] = SLIPWAY_ORDER_DESCRIPTOR_SIZE + i % 40 + (i % 11 == 10 ? 1 : 0);
    }
    double t0 = now_ns();
    uint32_t fed = vsim.submit_orders(card, slots, lengths, n);
    CHECK(fed > 0 && fed < n, "first submit took %u of %u (completion ring margin)", fed, n);
    uint32_t got = vsim.drain_completions(card, cmp, n);
    CHECK(got == fed, "completions %u after %u slots", got, fed);
    uint32_t sent = vsim.drain_venue(card, venue, n);
    uint32_t rest = vsim.submit_orders(card, slots + (size_t)fed * SLIPWAY_ORDER_SLOT_SIZE, lengths + fed, n - fed);
    CHECK(rest == n - fed, "second submit took %u of %u", rest, n - fed);
    got += vsim.drain_completions(card, cmp + (size_t)got * SLIPWAY_COMPLETION_RECORD_SIZE, n - got);
    sent += vsim.drain_venue(card, venue + (size_t)sent * SLIPWAY_VSIM_VENUE_RECORD_SIZE, n - sent);
    double t1 = now_ns();
    CHECK(got == n, "completions %u of %u", got, n);
    uint32_t expect_sent = 0, m = 0;
    uint64_t last_first_cycle = 0;
    for (uint32_t i = 0; i < got; i++) {
        const uint8_t *r = cmp + (size_t)i * SLIPWAY_COMPLETION_RECORD_SIZE;
        uint32_t want = i % 11 == 10 ? SLIPWAY_REASON_MALFORMED : i % 5 == 4 ? SLIPWAY_REASON_PRICE_COLLAR
                                                                            : SLIPWAY_REASON_NONE;
        CHECK(get_le(r + SLIPWAY_CMP_REASON, 2) == want, "completion %u reason %u, want %u", i,
              (unsigned)get_le(r + SLIPWAY_CMP_REASON, 2), want);
        CHECK(get_le(r + SLIPWAY_CMP_CLIENT_ORDER_ID, 8) == 1000 + i, "completion %u id", i);
        CHECK(get_le(r + SLIPWAY_CMP_HOST_TAG, 8) == (1000 + i) * 3, "completion %u tag", i);
        CHECK(get_le(r + SLIPWAY_CMP_CYCLES_OUT, 8) - get_le(r + SLIPWAY_CMP_CYCLES_IN, 8) == 5, "completion %u latency", i);
        if (want == SLIPWAY_REASON_NONE && m < sent) {
            expect_sent++;
            const uint8_t *v = venue + (size_t)m++ * SLIPWAY_VSIM_VENUE_RECORD_SIZE;
            uint32_t len = (uint32_t)get_le(v + SLIPWAY_VSIM_VENUE_LENGTH, 2);
            CHECK(v[SLIPWAY_VSIM_VENUE_VENUE] == 1, "message %u venue", m);
            CHECK(len == i % 40, "message %u length %u", m, len);
            for (uint32_t b = 0; b < len; b++) {
                CHECK(v[SLIPWAY_VSIM_VENUE_BYTES + b] == (uint8_t)(1000 + i + b), "message %u byte %u", m, b);
            }
            uint64_t first = get_le(v + SLIPWAY_VSIM_VENUE_FIRST_CYCLE, 8);
            CHECK(first > get_le(r + SLIPWAY_CMP_CYCLES_OUT, 8) && first > last_first_cycle, "message %u first cycle", m);
            last_first_cycle = first;
        } else if (want == SLIPWAY_REASON_NONE) {
            expect_sent++;
        }
    }
    CHECK(sent == expect_sent, "venue messages %u, passed orders %u", sent, expect_sent);
    CHECK(vsim.reg_read(card, SLIPWAY_COUNTERS_BASE + SLIPWAY_CNT_ORDERS_SENT) == expect_sent, "ORDERS_SENT");
    uint32_t lat[3];
    CHECK(vsim.reg_read_block(card, lat_risk + SLIPWAY_LAT_COUNT, lat, 3) == 3, "latency read");
    CHECK(lat[0] == n && lat[1] == 6 && lat[2] == 6, "RISK latency count %u min %u max %u", lat[0], lat[1], lat[2]);
    CHECK(vsim.reg_read(card, SLIPWAY_LATENCY_BASE + SLIPWAY_LATENCY_OVERFLOW) == 0, "latency overflow");

    /* exposure: a sell fill of 1,000,000 moves the position there; with the limit at 1,000,000
     * one more sell is over it (open buys do not count against a sell) */
    uint8_t exp[SLIPWAY_EXPOSURE_RECORD_SIZE] = {0};
    put_le(exp + SLIPWAY_EXP_INSTRUMENT, 1, 2);
    exp[SLIPWAY_EXP_SIDE] = SLIPWAY_SIDE_SELL;
    exp[SLIPWAY_EXP_KIND] = SLIPWAY_EXP_KIND_FILL;
    put_le(exp + SLIPWAY_EXP_QUANTITY, 1000000, 8);
    CHECK(vsim.submit_exposures(card, exp, 1) == 1, "exposure");
    vsim.reg_write(card, risk + SLIPWAY_RISK_MAX_POSITION_LO, 1000000);
    vsim.reg_write(card, risk + SLIPWAY_RISK_MAX_POSITION_HI, 0);
    order_slot(slots, 1, SLIPWAY_SIDE_SELL, 99999, 5600000, 1, 0);
    lengths[0] = SLIPWAY_ORDER_DESCRIPTOR_SIZE;
    CHECK(vsim.submit_orders(card, slots, lengths, 1) == 1, "sell after the fill");
    CHECK(vsim.drain_completions(card, cmp, 4) == 1, "one completion");
    CHECK(get_le(cmp + SLIPWAY_CMP_REASON, 2) == SLIPWAY_REASON_POSITION_LIMIT, "position after a fill: %u",
          (unsigned)get_le(cmp + SLIPWAY_CMP_REASON, 2));
    vsim.drain_venue(card, venue, n);
    lengths[0] = SLIPWAY_ORDER_SLOT_SIZE + 1;
    CHECK(vsim.submit_orders(card, slots, lengths, 1) == 0, "a slot over 256 bytes is refused");
    printf("  submit + drain: %.0f ns per order slot (%u slots, %u sent)\n", (t1 - t0) / n, n, sent);
    free(slots);
    free(lengths);
    free(cmp);
    free(venue);
}

/* Fast-forward is exact: one card clocked through idle spans, one advanced over them, the same
 * throttle verdicts afterwards (burst 3, one token per 1000 cycles) and the same cycle count. */
static void fast_forward(void) {
    slipway_vsim *cards[2] = {vsim.open(), vsim.open()};
    CHECK(cards[0] != NULL && cards[1] != NULL, "open two cards");
    if (cards[0] == NULL || cards[1] == NULL) return;
    uint8_t bbo[SLIPWAY_INGRESS_SLOT_SIZE];
    uint8_t md[SLIPWAY_MD_RECORD_SIZE * 4];
    uint8_t slots[SLIPWAY_ORDER_SLOT_SIZE * 4];
    uint32_t lengths[4];
    uint8_t cmp[SLIPWAY_COMPLETION_RECORD_SIZE * 8];
    uint8_t venue[SLIPWAY_VSIM_VENUE_RECORD_SIZE * 8];
    const uint64_t spans[] = {4096, 999, 5000, 1500, 123457, 2999, 1000000};
    uint32_t reasons[2][7][4];
    for (int c = 0; c < 2; c++) {
        slipway_vsim *card = cards[c];
        const uint32_t risk = SLIPWAY_RISK_BASE;
        vsim.reg_write(card, risk + SLIPWAY_RISK_VENUE_ENABLE, 0x02);
        vsim.reg_write(card, risk + SLIPWAY_RISK_INSTRUMENT_ENABLE, 0x02);
        vsim.reg_write(card, risk + SLIPWAY_RISK_COLLAR_BPS, 50);
        vsim.reg_write(card, risk + SLIPWAY_RISK_MAX_QTY_LO, 1000);
        vsim.reg_write(card, risk + SLIPWAY_RISK_MAX_QTY_HI, 0);
        vsim.reg_write(card, risk + SLIPWAY_RISK_MAX_NOTIONAL_LO, 0xFFFFFFFFu);
        vsim.reg_write(card, risk + SLIPWAY_RISK_MAX_NOTIONAL_HI, 0x7FFFFFFF);
        vsim.reg_write(card, risk + SLIPWAY_RISK_MAX_POSITION_LO, 0xFFFFFFFFu);
        vsim.reg_write(card, risk + SLIPWAY_RISK_MAX_POSITION_HI, 0x7FFFFFFF);
        vsim.reg_write(card, risk + SLIPWAY_RISK_THROTTLE_REFILL, 1000);
        vsim.reg_write(card, risk + SLIPWAY_RISK_THROTTLE_BURST, 3);
        vsim.reg_write(card, risk + SLIPWAY_RISK_CONTROL, 0);
        bbo_slot(bbo, 0x11, 1, 5600000, SLIPWAY_SBE_SCHEMA_ID);
        vsim.ingress(card, bbo, 1);
        vsim.drain_md(card, md, 4);
        uint64_t id = 1;
        for (int i = 0; i < 7; i++) {
            c == 0 ? vsim.run(card, spans[i]) : vsim.advance(card, spans[i]);
            for (int k = 0; k < 4; k++) {
                order_slot(slots + k * SLIPWAY_ORDER_SLOT_SIZE, 1, SLIPWAY_SIDE_BUY, id++, 5600001, 1, 8);
                lengths[k] = SLIPWAY_ORDER_DESCRIPTOR_SIZE + 8;
            }
            vsim.submit_orders(card, slots, lengths, 4);
            uint32_t n = vsim.drain_completions(card, cmp, 8);
            CHECK(n == 4, "card %d span %d: %u completions", c, i, n);
            for (uint32_t k = 0; k < 4 && k < n; k++) {
                reasons[c][i][k] = (uint32_t)get_le(cmp + k * SLIPWAY_COMPLETION_RECORD_SIZE + SLIPWAY_CMP_REASON, 2);
            }
            vsim.drain_venue(card, venue, 8);
        }
    }
    int throttled = 0, passed = 0;
    for (int i = 0; i < 7; i++) {
        for (int k = 0; k < 4; k++) {
            CHECK(reasons[0][i][k] == reasons[1][i][k], "span %d order %d: clocked %u, advanced %u", i, k,
                  reasons[0][i][k], reasons[1][i][k]);
            throttled += reasons[0][i][k] == SLIPWAY_REASON_THROTTLE;
            passed += reasons[0][i][k] == SLIPWAY_REASON_NONE;
        }
    }
    CHECK(throttled > 4 && passed > 8, "throttle exercised: %d throttled, %d passed", throttled, passed);
    CHECK(vsim.cycles(cards[0]) == vsim.cycles(cards[1]), "cycles clocked %" PRIu64 ", advanced %" PRIu64,
          vsim.cycles(cards[0]), vsim.cycles(cards[1]));
    vsim.close(cards[0]);
    vsim.close(cards[1]);
}

static void *sym(void *lib, const char *name) {
    void *p = dlsym(lib, name);
    if (p == NULL) {
        fprintf(stderr, "FAIL missing symbol %s\n", name);
        exit(1);
    }
    return p;
}

static double now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

int main(int argc, char **argv) {
    const char *path = argc > 1 ? argv[1] : "libslipway_vsim.so";
    void *lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (lib == NULL) {
        fprintf(stderr, "FAIL dlopen %s: %s\n", path, dlerror());
        return 1;
    }
    *(void **)&vsim.abi_version = sym(lib, "slipway_vsim_abi_version");
    *(void **)&vsim.open = sym(lib, "slipway_vsim_open");
    *(void **)&vsim.close = sym(lib, "slipway_vsim_close");
    *(void **)&vsim.reg_read = sym(lib, "slipway_vsim_reg_read");
    *(void **)&vsim.reg_write = sym(lib, "slipway_vsim_reg_write");
    *(void **)&vsim.reg_read_block = sym(lib, "slipway_vsim_reg_read_block");
    *(void **)&vsim.run = sym(lib, "slipway_vsim_run");
    *(void **)&vsim.cycles = sym(lib, "slipway_vsim_cycles");
    *(void **)&vsim.ingress = sym(lib, "slipway_vsim_ingress");
    *(void **)&vsim.drain_md = sym(lib, "slipway_vsim_drain_md");
    *(void **)&vsim.wire_rx = sym(lib, "slipway_vsim_wire_rx");
    *(void **)&vsim.rx_latency = sym(lib, "slipway_vsim_rx_latency");
    *(void **)&vsim.submit_orders = sym(lib, "slipway_vsim_submit_orders");
    *(void **)&vsim.submit_exposures = sym(lib, "slipway_vsim_submit_exposures");
    *(void **)&vsim.drain_completions = sym(lib, "slipway_vsim_drain_completions");
    *(void **)&vsim.drain_venue = sym(lib, "slipway_vsim_drain_venue");
    *(void **)&vsim.advance = sym(lib, "slipway_vsim_advance");

    CHECK(vsim.abi_version() == SLIPWAY_VSIM_ABI_VERSION, "abi %u", vsim.abi_version());

    slipway_vsim *card = vsim.open();
    if (card == NULL) {
        fprintf(stderr, "FAIL slipway_vsim_open returned NULL\n");
        return 1;
    }
    /* open returns once the risk gate has cleared its duplicate-id RAM: 1024 cycles and a few */
    CHECK(vsim.cycles(card) >= 1024 && vsim.cycles(card) < 1100, "cycles right after open: %" PRIu64,
          vsim.cycles(card));

    /* discovery: follow NEXT from 0, as the host does */
    const uint32_t want_base[] = {SLIPWAY_IDENTITY_BASE, SLIPWAY_RISK_BASE, SLIPWAY_COUNTERS_BASE, SLIPWAY_FEED_BASE,
                                  SLIPWAY_BOOK_BASE, SLIPWAY_TRIGGER_BASE, SLIPWAY_LATENCY_BASE};
    const uint32_t want_type[] = {SLIPWAY_BLK_TYPE_IDENTITY, SLIPWAY_BLK_TYPE_RISK, SLIPWAY_BLK_TYPE_COUNTERS,
                                  SLIPWAY_BLK_TYPE_FEED, SLIPWAY_BLK_TYPE_BOOK, SLIPWAY_BLK_TYPE_TRIGGER,
                                  SLIPWAY_BLK_TYPE_LATENCY};
    const uint32_t want_len[] = {SLIPWAY_IDENTITY_LENGTH, SLIPWAY_RISK_LENGTH, SLIPWAY_COUNTERS_LENGTH,
                                 SLIPWAY_FEED_LENGTH, SLIPWAY_BOOK_LENGTH, SLIPWAY_TRIGGER_LENGTH,
                                 SLIPWAY_LATENCY_LENGTH};
    const int want_blocks = (int)(sizeof want_base / sizeof want_base[0]);
    uint32_t addr = 0;
    int blocks = 0;
    for (;;) {
        uint32_t hdr[4];
        CHECK(vsim.reg_read_block(card, addr, hdr, 4) == 4, "header read at 0x%x", addr);
        if (blocks < want_blocks) {
            CHECK(addr == want_base[blocks], "block %d at 0x%x", blocks, addr);
            CHECK(hdr[0] == want_type[blocks], "block %d type %u", blocks, hdr[0]);
            CHECK(hdr[1] == 1, "block %d version %u", blocks, hdr[1]);
            CHECK(hdr[3] == want_len[blocks], "block %d length 0x%x", blocks, hdr[3]);
        }
        printf("  block at 0x%04x: type %u version %u length 0x%x next 0x%04x\n", addr, hdr[0],
               hdr[1], hdr[3], hdr[2]);
        blocks++;
        if (hdr[2] == 0 || blocks > 8) break;
        CHECK(hdr[2] >= addr + hdr[3], "NEXT 0x%x overlaps block at 0x%x", hdr[2], addr);
        addr = hdr[2];
    }
    CHECK(blocks == want_blocks, "%d blocks on the chain", blocks);

    /* identity, read as one block and register by register: both paths must agree */
    uint32_t id[16];
    CHECK(vsim.reg_read_block(card, SLIPWAY_IDENTITY_BASE, id, 16) == 16, "identity block read");
    for (uint32_t i = 0; i < 16; i++) {
        uint32_t v = vsim.reg_read(card, 4 * i);
        CHECK(v == id[i], "identity 0x%02x: single 0x%x vs block 0x%x", 4 * i, v, id[i]);
    }
    CHECK(id[SLIPWAY_ID_MAGIC / 4] == SLIPWAY_NIC_MAGIC, "magic 0x%x", id[SLIPWAY_ID_MAGIC / 4]);
    CHECK(id[SLIPWAY_ID_HEADER_VERSION / 4] == SLIPWAY_NIC_HEADER_VERSION, "header version");
    CHECK(id[SLIPWAY_ID_CLOCK_KHZ / 4] == 322266, "clock %u kHz", id[SLIPWAY_ID_CLOCK_KHZ / 4]);
    CHECK(id[SLIPWAY_ID_MD_RECORD_SIZE / 4] == SLIPWAY_MD_RECORD_SIZE, "md record size");
    CHECK(id[SLIPWAY_ID_ORDER_SLOT_SIZE / 4] == SLIPWAY_ORDER_SLOT_SIZE, "order slot size");
    CHECK(id[SLIPWAY_ID_COMPLETION_RECORD_SIZE / 4] == SLIPWAY_COMPLETION_RECORD_SIZE, "completion size");
    CHECK((id[SLIPWAY_ID_FEATURES / 4] & ~0x1Fu) == 0, "unknown feature bits 0x%x", id[SLIPWAY_ID_FEATURES / 4]);
    printf("  identity: magic 0x%08x header v%u build 0x%08x features 0x%x clock %u kHz\n",
           id[4], id[5], id[6], id[7], id[8]);

    /* scratch and risk registers: written, read back; kill switch set out of reset */
    vsim.reg_write(card, SLIPWAY_ID_SCRATCH, 0x5A5AA5A5u);
    CHECK(vsim.reg_read(card, SLIPWAY_ID_SCRATCH) == 0x5A5AA5A5u, "scratch readback");
    const uint32_t risk = SLIPWAY_RISK_BASE;
    CHECK(vsim.reg_read(card, risk + SLIPWAY_RISK_CONTROL) == SLIPWAY_RISK_CONTROL_KILL, "kill at reset");
    vsim.reg_write(card, risk + SLIPWAY_RISK_COLLAR_BPS, 150);
    vsim.reg_write(card, risk + SLIPWAY_RISK_MAX_NOTIONAL_LO, 0x9502F900u);
    vsim.reg_write(card, risk + SLIPWAY_RISK_MAX_NOTIONAL_HI, 0x00000002u);
    vsim.reg_write(card, risk + SLIPWAY_RISK_VENUE_ENABLE, 0x3u);
    uint32_t rv[12];
    CHECK(vsim.reg_read_block(card, risk + SLIPWAY_RISK_CONTROL, rv, 12) == 12, "risk block read");
    CHECK(rv[0] == 1, "control 0x%x", rv[0]);
    CHECK(rv[1] == 0x3u, "venue enable 0x%x", rv[1]);
    CHECK(rv[3] == 150, "collar %u", rv[3]);
    CHECK(rv[6] == 0x9502F900u && rv[7] == 2, "max notional 0x%x_%08x", rv[7], rv[6]);
    vsim.reg_write(card, risk + SLIPWAY_RISK_CONTROL, 0);
    CHECK(vsim.reg_read(card, risk + SLIPWAY_RISK_CONTROL) == 0, "kill cleared");

    /* unmapped space reads 0, including beyond the 16-bit register window */
    CHECK(vsim.reg_read(card, 0x0500) == 0, "unmapped 0x500");
    CHECK(vsim.reg_read(card, 0x10000) == 0, "beyond window");
    uint32_t edge[3];
    CHECK(vsim.reg_read_block(card, 0xFFF8, edge, 3) == 3 && edge[0] == 0 && edge[1] == 0 &&
              edge[2] == 0, "block read across the window end");

    /* cycles: run advances by exactly N; the counter registers agree with the port */
    uint64_t c0 = vsim.cycles(card);
    uint64_t c1 = vsim.run(card, 1000);
    CHECK(c1 == c0 + 1000, "run(1000): %" PRIu64 " -> %" PRIu64, c0, c1);
    CHECK(vsim.cycles(card) == c1, "cycles() after run");
    uint32_t cyc[2];
    uint64_t before = vsim.cycles(card);
    vsim.reg_read_block(card, SLIPWAY_COUNTERS_BASE + SLIPWAY_CNT_CYCLES_LO, cyc, 2);
    uint64_t after = vsim.cycles(card);
    uint64_t reg = (uint64_t)cyc[1] << 32 | cyc[0];
    CHECK(reg >= before && reg <= after, "CYCLES register %" PRIu64 " outside [%" PRIu64 ", %" PRIu64 "]",
          reg, before, after);
    /* nothing drives the reject counters in this card version */
    uint32_t cnt[16];
    vsim.reg_read_block(card, SLIPWAY_COUNTERS_BASE + SLIPWAY_CNT_REASON_BASE, cnt, 16);
    for (int i = 0; i < 16; i++) CHECK(cnt[i] == 0, "reason counter %d = %u", i, cnt[i]);

    /* two models are independent */
    slipway_vsim *other = vsim.open();
    CHECK(other != NULL, "second open");
    if (other != NULL) {
        CHECK(vsim.reg_read(other, SLIPWAY_ID_SCRATCH) == 0, "second card scratch");
        CHECK(vsim.reg_read(other, risk + SLIPWAY_RISK_CONTROL) == 1, "second card kill");
        vsim.close(other);
    }
    CHECK(vsim.reg_read(card, SLIPWAY_ID_SCRATCH) == 0x5A5AA5A5u, "first card after second closed");
    /* and may be closed in either order */
    slipway_vsim *a = vsim.open();
    slipway_vsim *b = vsim.open();
    CHECK(a != NULL && b != NULL, "open two more");
    if (a != NULL && b != NULL) {
        vsim.reg_write(a, SLIPWAY_ID_SCRATCH, 0xA);
        vsim.reg_write(b, SLIPWAY_ID_SCRATCH, 0xB);
        CHECK(vsim.reg_read(a, SLIPWAY_ID_SCRATCH) == 0xA, "card a scratch");
        CHECK(vsim.reg_read(b, SLIPWAY_ID_SCRATCH) == 0xB, "card b scratch");
    }
    vsim.close(a);
    vsim.close(b);

    /* ingress: more slots than the library's ring holds, every 7th with a wrong schema id; the
     * call takes what is safe, the rest go in after a drain; one record per slot, in order */
    {
        const uint32_t n = 5000;
        uint8_t *slots = malloc((size_t)n * SLIPWAY_INGRESS_SLOT_SIZE);
        uint8_t *recs = malloc((size_t)n * SLIPWAY_MD_RECORD_SIZE);
        CHECK(slots != NULL && recs != NULL, "malloc");
        if (slots != NULL && recs != NULL) {
            for (uint32_t i = 0; i < n; i++) {
                bbo_slot(slots + (size_t)i * SLIPWAY_INGRESS_SLOT_SIZE, (uint16_t)(0x10 | (i % 16)), 100 + i,
                         5600000 + i, i % 7 == 6 ? 2 : SLIPWAY_SBE_SCHEMA_ID);
            }
            uint32_t md_before = vsim.reg_read(card, SLIPWAY_COUNTERS_BASE + SLIPWAY_CNT_MD_RECORDS);
            double ti0 = now_ns();
            uint32_t fed = vsim.ingress(card, slots, n);
            CHECK(fed > 0 && fed < n, "first ingress call took %u of %u", fed, n);
            uint32_t got = vsim.drain_md(card, recs, n);
            CHECK(got == fed, "drained %u after %u slots", got, fed);
            uint32_t rest = vsim.ingress(card, slots + (size_t)fed * SLIPWAY_INGRESS_SLOT_SIZE, n - fed);
            CHECK(rest == n - fed, "second ingress call took %u of %u", rest, n - fed);
            got += vsim.drain_md(card, recs + (size_t)got * SLIPWAY_MD_RECORD_SIZE, n - got);
            double ti1 = now_ns();
            CHECK(got == n, "records %u, slots %u", got, n);
            uint32_t bad_seen = 0;
            for (uint32_t i = 0; i < got; i++) {
                const uint8_t *r = recs + (size_t)i * SLIPWAY_MD_RECORD_SIZE;
                int bad = i % 7 == 6;
                uint32_t type = (uint32_t)get_le(r + SLIPWAY_MD_TYPE, 2);
                CHECK(type == (bad ? SLIPWAY_MD_TYPE_FEED_STATUS : SLIPWAY_MD_TYPE_BBO), "record %u type %u", i, type);
                CHECK(get_le(r + SLIPWAY_MD_CHANNEL, 2) == (0x10 | (i % 16)), "record %u channel", i);
                CHECK(get_le(r + SLIPWAY_MD_SEQUENCE, 8) == (bad ? 0 : 100 + i), "record %u sequence", i);
                CHECK(get_le(r + SLIPWAY_MD_PRICE_0, 8) == (bad ? 0 : 5600000 + i), "record %u bid", i);
                CHECK(get_le(r + SLIPWAY_MD_QTY_1, 8) == (bad ? 0u : 2000u), "record %u ask qty", i);
                CHECK(r[SLIPWAY_MD_FLAGS] == (bad ? SLIPWAY_MD_FLAG_DECODE_ERROR : 0), "record %u flags", i);
                bad_seen += bad;
            }
            CHECK(bad_seen == n / 7, "decode errors %u", bad_seen);
            uint32_t md_after = vsim.reg_read(card, SLIPWAY_COUNTERS_BASE + SLIPWAY_CNT_MD_RECORDS);
            CHECK(md_after - md_before == n, "MD_RECORDS advanced by %u", md_after - md_before);
            CHECK(vsim.drain_md(card, recs, n) == 0, "nothing left to drain");
            printf("  ingress + drain: %.0f ns per 66-byte BestBidAsk slot\n", (ti1 - ti0) / n);
        }
        free(slots);
        free(recs);
    }

    /* wire input: one subscription, a BestBidAsk in a UDP datagram to it, one to another port,
     * one with a broken IPv4 checksum; back to back in one call; then the latency probe */
    {
        const uint32_t group = 0xEF4D0011u;
        const uint16_t port = 30017;
        uint32_t sub = SLIPWAY_FEED_BASE + SLIPWAY_FEED_SUB_BASE + 2 * SLIPWAY_FEED_SUB_STRIDE;
        vsim.reg_write(card, sub + SLIPWAY_FEED_SUB_GROUP, group);
        vsim.reg_write(card, sub + SLIPWAY_FEED_SUB_PORT_CHANNEL,
                       SLIPWAY_FEED_SUB_ENABLE | 0x11u << SLIPWAY_FEED_SUB_CHANNEL_SHIFT | port);
        uint8_t slot[SLIPWAY_INGRESS_SLOT_SIZE];
        bbo_slot(slot, 0, 4242, 5612345, SLIPWAY_SBE_SCHEMA_ID);
        const uint32_t msg = 66;
        uint8_t frames[3 * 128];
        uint32_t lengths[3];
        for (int f = 0; f < 3; f++) {
            uint8_t *e = frames + 128 * f;
            memset(e, 0, 128);
            const uint8_t head[14] = {0x01, 0x00, 0x5E, 0x4D, 0x00, 0x11, 0x02, 0, 0, 0, 0, 1, 0x08, 0x00};
            memcpy(e, head, 14);
            uint8_t *ip = e + 14;
            uint16_t total = (uint16_t)(20 + 8 + msg);
            ip[0] = 0x45; ip[2] = (uint8_t)(total >> 8); ip[3] = (uint8_t)total; ip[6] = 0x40; ip[8] = 1; ip[9] = 17;
            ip[12] = 10; ip[15] = 1;
            ip[16] = (uint8_t)(group >> 24); ip[17] = (uint8_t)(group >> 16); ip[18] = (uint8_t)(group >> 8);
            ip[19] = (uint8_t)group;
            uint32_t sum = 0;
            for (int i = 0; i < 20; i += 2) sum += (uint32_t)ip[i] << 8 | ip[i + 1];
            while (sum >> 16) sum = (sum & 0xFFFF) + (sum >> 16);
            uint16_t csum = (uint16_t)(~sum ^ (f == 2 ? 1 : 0));
            ip[10] = (uint8_t)(csum >> 8); ip[11] = (uint8_t)csum;
            uint8_t *udp = ip + 20;
            uint16_t dport = f == 1 ? port + 1 : port;
            udp[2] = (uint8_t)(dport >> 8); udp[3] = (uint8_t)dport; udp[5] = (uint8_t)(8 + msg);
            memcpy(udp + 8, slot + SLIPWAY_INGRESS_PAYLOAD, msg);
            lengths[f] = 14 + total;
        }
        uint8_t packed[3 * 128];
        uint32_t at = 0;
        for (int f = 0; f < 3; f++) { memcpy(packed + at, frames + 128 * f, lengths[f]); at += lengths[f]; }
        uint32_t feed_before[8];
        vsim.reg_read_block(card, SLIPWAY_FEED_BASE + SLIPWAY_FEED_FRAMES, feed_before, 8);
        CHECK(vsim.wire_rx(card, packed, lengths, 3) == 3, "wire frames taken");
        uint8_t recs[4 * SLIPWAY_MD_RECORD_SIZE];
        uint32_t got = vsim.drain_md(card, recs, 4);
        CHECK(got == 1, "wire records %u", got);
        CHECK(get_le(recs + SLIPWAY_MD_TYPE, 2) == SLIPWAY_MD_TYPE_BBO, "wire record type");
        CHECK(get_le(recs + SLIPWAY_MD_CHANNEL, 2) == 0x11, "wire record channel");
        CHECK(get_le(recs + SLIPWAY_MD_SEQUENCE, 8) == 4242, "wire record sequence");
        CHECK(get_le(recs + SLIPWAY_MD_PRICE_0, 8) == 5612345, "wire record bid");
        uint32_t feed[8];
        vsim.reg_read_block(card, SLIPWAY_FEED_BASE + SLIPWAY_FEED_FRAMES, feed, 8);
        CHECK(feed[0] - feed_before[0] == 3, "FEED_FRAMES %u", feed[0] - feed_before[0]);
        CHECK(feed[1] - feed_before[1] == 1, "FEED_NOT_SUBSCRIBED %u", feed[1] - feed_before[1]);
        CHECK(feed[3] - feed_before[3] == 1, "FEED_DROP_L3 %u", feed[3] - feed_before[3]);
        CHECK(feed[7] - feed_before[7] == 1, "FEED_DELIVERED %u", feed[7] - feed_before[7]);
        uint32_t wire_latency = vsim.rx_latency(card, packed, lengths[0], 1);
        uint32_t slot_latency = vsim.rx_latency(card, slot + SLIPWAY_INGRESS_PAYLOAD, msg, 0);
        CHECK(wire_latency > 0 && wire_latency <= 12, "wire latency %u cycles", wire_latency);
        CHECK(slot_latency > 0 && slot_latency <= 12, "lookaside latency %u cycles", slot_latency);
        CHECK(vsim.drain_md(card, recs, 4) == 2, "latency probes leave their records");
        printf("  latency, last beat to first record: wire %u cycles, lookaside %u cycles (BestBidAsk)\n",
               wire_latency, slot_latency);
    }

    tx_path(card);
    fast_forward();

    /* cost figures for the host side */
    const int reads = 20000;
    double t0 = now_ns();
    uint32_t sink = 0;
    for (int i = 0; i < reads; i++) sink ^= vsim.reg_read(card, SLIPWAY_ID_MAGIC);
    double t1 = now_ns();
    uint32_t buf[64];
    for (int i = 0; i < reads / 64; i++) vsim.reg_read_block(card, 0, buf, 64);
    double t2 = now_ns();
    vsim.run(card, 1000000);
    double t3 = now_ns();
    (void)sink;
    printf("  reg_read: %.0f ns/call; reg_read_block: %.0f ns/register; run: %.1f ns/cycle\n",
           (t1 - t0) / reads, (t2 - t1) / ((reads / 64) * 64), (t3 - t2) / 1e6);

    vsim.close(card);
    dlclose(lib);
    printf("test_vsim: %s\n", failures == 0 ? "all checks passed" : "FAILED");
    return failures == 0 ? 0 : 1;
}
