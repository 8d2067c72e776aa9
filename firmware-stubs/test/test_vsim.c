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

    CHECK(vsim.abi_version() == SLIPWAY_VSIM_ABI_VERSION, "abi %u", vsim.abi_version());

    slipway_vsim *card = vsim.open();
    if (card == NULL) {
        fprintf(stderr, "FAIL slipway_vsim_open returned NULL\n");
        return 1;
    }
    CHECK(vsim.cycles(card) == 0, "cycles right after open: %" PRIu64, vsim.cycles(card));

    /* discovery: follow NEXT from 0, as the host does */
    const uint32_t want_base[] = {SLIPWAY_IDENTITY_BASE, SLIPWAY_RISK_BASE, SLIPWAY_COUNTERS_BASE,
                                  SLIPWAY_BOOK_BASE, SLIPWAY_LATENCY_BASE};
    const uint32_t want_type[] = {SLIPWAY_BLK_TYPE_IDENTITY, SLIPWAY_BLK_TYPE_RISK, SLIPWAY_BLK_TYPE_COUNTERS,
                                  SLIPWAY_BLK_TYPE_BOOK, SLIPWAY_BLK_TYPE_LATENCY};
    const uint32_t want_len[] = {SLIPWAY_IDENTITY_LENGTH, SLIPWAY_RISK_LENGTH, SLIPWAY_COUNTERS_LENGTH,
                                 SLIPWAY_BOOK_LENGTH, SLIPWAY_LATENCY_LENGTH};
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
    CHECK(vsim.reg_read(card, 0x0100) == 0, "unmapped 0x100");
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
