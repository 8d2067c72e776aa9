/*
 * test_vsim.c - the simulated card through its C ABI, loaded with dlopen as the JVM loads it.
 *
 * Usage: test_vsim [path/to/libslipway_vsim.so]
 * Walks the register blocks from address 0, checks identity, writes and reads back scratch and
 * risk registers, runs cycles and checks the cycle counter. Exits non-zero on any failure.
 */
#define _POSIX_C_SOURCE 199309L
#include <dlfcn.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
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
} vsim;

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

    CHECK(vsim.abi_version() == SLIPWAY_VSIM_ABI_VERSION, "abi %u", vsim.abi_version());

    slipway_vsim *card = vsim.open();
    if (card == NULL) {
        fprintf(stderr, "FAIL slipway_vsim_open returned NULL\n");
        return 1;
    }
    CHECK(vsim.cycles(card) == 0, "cycles right after open: %" PRIu64, vsim.cycles(card));

    /* discovery: follow NEXT from 0, as the host does */
    const uint32_t want_base[] = {SLIPWAY_IDENTITY_BASE, SLIPWAY_RISK_BASE, SLIPWAY_COUNTERS_BASE};
    const uint32_t want_type[] = {SLIPWAY_BLK_TYPE_IDENTITY, SLIPWAY_BLK_TYPE_RISK, SLIPWAY_BLK_TYPE_COUNTERS};
    const uint32_t want_len[] = {SLIPWAY_IDENTITY_LENGTH, SLIPWAY_RISK_LENGTH, SLIPWAY_COUNTERS_LENGTH};
    uint32_t addr = 0;
    int blocks = 0;
    for (;;) {
        uint32_t hdr[4];
        CHECK(vsim.reg_read_block(card, addr, hdr, 4) == 4, "header read at 0x%x", addr);
        if (blocks < 3) {
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
    CHECK(blocks == 3, "%d blocks on the chain", blocks);

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
    /* nothing drives the event counters in this card version */
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
