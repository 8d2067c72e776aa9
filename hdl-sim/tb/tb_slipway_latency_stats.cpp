// Bench: latency statistics block alone (slipway_latency_stats). Header; reset figures; random
// start/end traffic on all paths at once (in-order pairing, starts and ends in the same cycle,
// ends with nothing open) against a plain model; 32-bit saturation; the SUM_LO/HI latch;
// overflow of the open starts and CLEAR per path.
#include <deque>
#include <random>

#include "Vslipway_latency_stats.h"
#include "slipway_nic.h"
#include "tb_common.h"

using Tb = Bench<Vslipway_latency_stats>;

static constexpr int PATHS = SLIPWAY_LATENCY_PATHS;

struct PathModel {
    std::deque<uint64_t> open;
    bool overflow = false;
    uint32_t count = 0, min = 0xFFFFFFFFu, max = 0;
    uint64_t sum = 0;

    void clear() { *this = PathModel{}; }

    // One cycle of inputs at cycle value now, in the block's order.
    void step(bool start, uint64_t start_cycle, bool end, uint64_t now) {
        if (overflow) return;
        if (end) {
            bool have = !open.empty() || start;
            if (have) {
                uint64_t begin = open.empty() ? start_cycle : open.front();
                bool bypass = open.empty();
                if (!open.empty()) open.pop_front();
                uint64_t elapsed = now - begin;
                uint32_t s = elapsed > 0xFFFFFFFFull ? 0xFFFFFFFFu : static_cast<uint32_t>(elapsed);
                count++;
                sum += s;
                if (s < min) min = s;
                if (s > max) max = s;
                if (bypass) start = false;  // that start is closed already
            }
        }
        if (start) {
            if (open.size() >= SLIPWAY_LATENCY_MAX_OPEN) overflow = true;
            else open.push_back(start_cycle);
        }
    }
};

static void check_path(Tb &tb, const PathModel &m, int p, const char *what) {
    uint32_t base = SLIPWAY_LATENCY_PATH_BASE + SLIPWAY_LATENCY_PATH_STRIDE * p;
    char label[96];
    std::snprintf(label, sizeof label, "%s path %d count", what, p);
    CHECK_EQ(tb.read(base + SLIPWAY_LAT_COUNT), m.count, label);
    std::snprintf(label, sizeof label, "%s path %d min", what, p);
    CHECK_EQ(tb.read(base + SLIPWAY_LAT_MIN), m.min, label);
    std::snprintf(label, sizeof label, "%s path %d max", what, p);
    CHECK_EQ(tb.read(base + SLIPWAY_LAT_MAX), m.max, label);
    uint64_t sum = tb.read(base + SLIPWAY_LAT_SUM_LO);
    sum |= static_cast<uint64_t>(tb.read(base + SLIPWAY_LAT_SUM_HI)) << 32;
    std::snprintf(label, sizeof label, "%s path %d sum", what, p);
    CHECK_EQ(sum, m.sum, label);
}

static void check_all(Tb &tb, PathModel *m, const char *what) {
    uint32_t ovf = 0;
    for (int p = 0; p < PATHS; p++) {
        check_path(tb, m[p], p, what);
        if (m[p].overflow) ovf |= 1u << p;
    }
    CHECK_EQ(tb.read(SLIPWAY_LATENCY_OVERFLOW), ovf, what);
}

struct Driver {
    Tb &tb;
    PathModel *model;
    uint64_t now = 1000;

    void idle() {
        tb.top->start_valid = 0;
        tb.top->end_valid = 0;
        tb.top->cycles = now;
    }

    // One cycle; starts stamp `stamp_back` cycles before now (a path may stamp early).
    void cycle(uint32_t starts, uint32_t ends, uint64_t stamp_back = 0) {
        tb.top->cycles = now;
        tb.top->start_valid = starts;
        tb.top->end_valid = ends;
        for (int p = 0; p < PATHS; p++) {
            uint64_t stamp = now - stamp_back;
            tb.top->start_cycle[2 * p] = static_cast<uint32_t>(stamp);
            tb.top->start_cycle[2 * p + 1] = static_cast<uint32_t>(stamp >> 32);
            model[p].step(starts >> p & 1, stamp, ends >> p & 1, now);
        }
        tb.tick();
        now++;
        idle();
    }

    // Register reads tick the clock too; keep the cycle input moving with them.
    void settle() {
        for (int i = 0; i < 4; i++) { tb.tick(); now++; tb.top->cycles = now; }
    }
};

int main(int argc, char **argv) {
    Verilated::commandArgs(argc, argv);
    Tb tb;
    PathModel model[PATHS];
    Driver drv{tb, model};
    drv.idle();
    tb.reset();

    CHECK_EQ(tb.read(SLIPWAY_BLK_HDR_TYPE), SLIPWAY_BLK_TYPE_LATENCY, "type");
    CHECK_EQ(tb.read(SLIPWAY_BLK_HDR_VERSION), SLIPWAY_LATENCY_VERSION, "version");
    CHECK_EQ(tb.read(SLIPWAY_BLK_HDR_NEXT), 0, "next");
    CHECK_EQ(tb.read(SLIPWAY_BLK_HDR_LENGTH), SLIPWAY_LATENCY_LENGTH, "length");
    check_all(tb, model, "reset");
    for (uint32_t off = SLIPWAY_LATENCY_PATH_BASE + SLIPWAY_LATENCY_PATH_STRIDE * PATHS; off < SLIPWAY_LATENCY_LENGTH; off += 4) {
        CHECK_EQ(tb.read(off), 0, "beyond the last path");
    }

    // fixed latencies: path 0 always 4 cycles, path 1 always 2, path 2 a start and end together
    for (int i = 0; i < 10; i++) {
        drv.cycle(0b011, 0);
        drv.cycle(0, 0);
        drv.cycle(0, 0b010);
        drv.cycle(0b100, 0b100);  // bypass: latency 0
        drv.cycle(0, 0b001);
    }
    drv.settle();
    check_all(tb, model, "fixed");
    CHECK_EQ(model[0].min, 4, "model path 0");  // start at t, end at t + 4
    CHECK_EQ(model[2].max, 0, "model path 2");

    // ends with nothing open are ignored
    drv.cycle(0, 0b111);
    drv.settle();
    check_all(tb, model, "stray ends");

    // random traffic, stamps taken up to 3 cycles before the pulse
    std::mt19937_64 rng(7);
    for (int round = 0; round < 20; round++) {
        for (int n = 0; n < 2000; n++) {
            uint32_t starts = 0, ends = 0;
            for (int p = 0; p < PATHS; p++) {
                if (rng() % 100 < 30) starts |= 1u << p;
                size_t open = model[p].open.size();
                if (rng() % 100 < (open > 20 ? 60u : 28u)) ends |= 1u << p;
            }
            drv.cycle(starts, ends, rng() % 4);
        }
        // drain so nothing is left open at a check (and none overflowed)
        for (int n = 0; n < 40; n++) drv.cycle(0, 0b111);
        drv.settle();
        check_all(tb, model, "random");
    }

    // saturation: a latency above 2^32 - 1 counts as 0xFFFFFFFF, and the sum carries into HI
    tb.write(SLIPWAY_LATENCY_CLEAR, 0b001);
    model[0].clear();
    drv.cycle(0b001, 0);
    drv.now += 0x1'0000'0000ull;
    drv.cycle(0, 0b001);
    drv.cycle(0b001, 0);
    drv.now += 0xFFFF'0000ull;
    drv.cycle(0, 0b001);
    drv.settle();
    check_all(tb, model, "saturation");
    CHECK(model[0].sum > 0xFFFFFFFFull, "model sum carried");

    // SUM_LO latches SUM_HI: the pair read around a carry is consistent
    uint32_t base0 = SLIPWAY_LATENCY_PATH_BASE;
    uint32_t lo = tb.read(base0 + SLIPWAY_LAT_SUM_LO);
    drv.cycle(0b001, 0);
    drv.now += 0xFFFF'0000ull;
    drv.cycle(0, 0b001);
    drv.settle();
    uint32_t hi = tb.read(base0 + SLIPWAY_LAT_SUM_HI);
    CHECK_EQ(static_cast<uint64_t>(hi) << 32 | lo, model[0].sum - 0xFFFF0001ull, "latched pair from before the carry");

    // overflow: 33 open starts on path 1 set its bit and freeze it; other paths go on; CLEAR resets
    tb.write(SLIPWAY_LATENCY_CLEAR, 0b111);
    for (auto &m : model) m.clear();
    for (uint32_t i = 0; i < SLIPWAY_LATENCY_MAX_OPEN + 1; i++) drv.cycle(0b010, 0);
    drv.cycle(0b001, 0b010);
    drv.cycle(0, 0b011);
    drv.settle();
    CHECK(model[1].overflow, "model overflowed");
    check_all(tb, model, "overflow");
    tb.write(SLIPWAY_LATENCY_CLEAR, 0b010);
    model[1].clear();
    drv.cycle(0b010, 0);
    drv.cycle(0, 0b010);
    drv.settle();
    check_all(tb, model, "after clear");
    // writes elsewhere change nothing
    for (uint32_t off = 0; off < SLIPWAY_LATENCY_LENGTH; off += 4) {
        if (off != SLIPWAY_LATENCY_CLEAR) tb.write(off, 0xFFFFFFFFu);
    }
    check_all(tb, model, "after writes");
    return tb_finish("tb_slipway_latency_stats");
}
