// Bench: counters block alone (slipway_reg_counters): header, each counter counts only its
// own event, reserved slots, read-only behaviour, and the consistent 64-bit cycles read.
#include "Vslipway_reg_counters.h"
#include "slipway_nic.h"
#include "tb_common.h"

using Tb = Bench<Vslipway_reg_counters>;

static void idle_inputs(Tb &tb) {
    tb.top->reason_inc = 0;
    tb.top->md_record_inc = 0;
    tb.top->ingress_dropped_inc = 0;
    tb.top->order_sent_inc = 0;
    tb.top->exposure_malformed_inc = 0;
}

int main(int argc, char **argv) {
    Verilated::commandArgs(argc, argv);
    Tb tb;
    idle_inputs(tb);
    tb.top->cycles = 0;
    tb.reset();

    CHECK_EQ(tb.read(SLIPWAY_BLK_HDR_TYPE), SLIPWAY_BLK_TYPE_COUNTERS, "type");
    CHECK_EQ(tb.read(SLIPWAY_BLK_HDR_VERSION), SLIPWAY_COUNTERS_VERSION, "version");
    CHECK_EQ(tb.read(SLIPWAY_BLK_HDR_NEXT), 0, "next (last block)");
    CHECK_EQ(tb.read(SLIPWAY_BLK_HDR_LENGTH), SLIPWAY_COUNTERS_LENGTH, "length");
    for (uint32_t off = SLIPWAY_CNT_REASON_BASE; off < SLIPWAY_COUNTERS_LENGTH; off += 4) {
        if (off == SLIPWAY_CNT_CYCLES_LO || off == SLIPWAY_CNT_CYCLES_HI) continue;
        CHECK(tb.read(off) == 0, "counter 0x%02x not zero at reset", off);
    }

    // reason r is pulsed r + 1 times, with the events spread so several counters step in the
    // same cycle; each counter must count only its own enable.
    for (uint32_t step = 0; step < SLIPWAY_REASON_COUNT; step++) {
        uint32_t mask = 0;
        for (uint32_t r = 0; r < SLIPWAY_REASON_COUNT; r++) {
            if (step <= r) mask |= 1u << r;
        }
        tb.top->reason_inc = mask;
        tb.top->md_record_inc = 1;
        tb.top->ingress_dropped_inc = step & 1;
        tb.top->order_sent_inc = step < 3;
        tb.top->exposure_malformed_inc = step % 3 == 0;
        tb.tick();
        idle_inputs(tb);
        tb.tick();  // gaps between events must not count
    }
    for (uint32_t r = 0; r < SLIPWAY_REASON_COUNT; r++) {
        uint32_t v = tb.read(SLIPWAY_CNT_REASON_BASE + 4 * r);
        CHECK(v == r + 1, "reason %u counter: got %u, expected %u", r, v, r + 1);
    }
    for (uint32_t r = SLIPWAY_REASON_COUNT; r < 16; r++) {
        CHECK_EQ(tb.read(SLIPWAY_CNT_REASON_BASE + 4 * r), 0, "reserved reason slot");
    }
    CHECK_EQ(tb.read(SLIPWAY_CNT_MD_RECORDS), SLIPWAY_REASON_COUNT, "md records");
    CHECK_EQ(tb.read(SLIPWAY_CNT_INGRESS_DROPPED), SLIPWAY_REASON_COUNT / 2, "ingress dropped");
    CHECK_EQ(tb.read(SLIPWAY_CNT_ORDERS_SENT), 3, "orders sent");
    CHECK_EQ(tb.read(SLIPWAY_CNT_EXPOSURE_MALFORMED), (SLIPWAY_REASON_COUNT + 2) / 3, "malformed exposures");

    // counters keep counting while being read (increment and read in the same cycle)
    tb.top->order_sent_inc = 1;
    uint32_t during = tb.read(SLIPWAY_CNT_ORDERS_SENT);
    idle_inputs(tb);
    CHECK(during >= 3 && during <= 5, "orders sent read while counting: %u", during);

    // read-only: writes change nothing
    uint32_t md_before = tb.read(SLIPWAY_CNT_MD_RECORDS);
    for (uint32_t off = 0; off < SLIPWAY_COUNTERS_LENGTH; off += 4) tb.write(off, 0xFFFFFFFFu);
    CHECK_EQ(tb.read(SLIPWAY_BLK_HDR_TYPE), SLIPWAY_BLK_TYPE_COUNTERS, "type after writes");
    CHECK_EQ(tb.read(SLIPWAY_CNT_MD_RECORDS), md_before, "md records after writes");
    CHECK_EQ(tb.read(SLIPWAY_CNT_REASON_BASE), 1, "reason 0 after writes");

    // 64-bit cycles: LO latches HI, so a LO/HI pair is consistent across a low-word wrap
    tb.top->cycles = 0x00000001'FFFFFFFFull;
    uint32_t lo = tb.read(SLIPWAY_CNT_CYCLES_LO);
    tb.top->cycles = 0x00000002'00000000ull;  // the counter wraps between the two reads
    uint32_t hi = tb.read(SLIPWAY_CNT_CYCLES_HI);
    CHECK_EQ((uint64_t)hi << 32 | lo, 0x00000001'FFFFFFFFull, "cycles LO/HI pair");
    lo = tb.read(SLIPWAY_CNT_CYCLES_LO);
    hi = tb.read(SLIPWAY_CNT_CYCLES_HI);
    CHECK_EQ((uint64_t)hi << 32 | lo, 0x00000002'00000000ull, "cycles after the next LO read");

    tb.reset();
    CHECK_EQ(tb.read(SLIPWAY_CNT_REASON_BASE + 4 * 11), 0, "counter after reset");
    CHECK_EQ(tb.read(SLIPWAY_CNT_MD_RECORDS), 0, "md records after reset");

    return tb_finish("tb_slipway_reg_counters");
}
