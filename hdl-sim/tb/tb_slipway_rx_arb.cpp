// Bench: the frame arbiter alone (slipway_rx_arb): frames never interleave, the two sources take
// turns when both wait, a lone source gets every cycle, backpressure holds the owner.
#include <vector>

#include "Vslipway_rx_arb.h"
#include "tb_common.h"

int main(int argc, char **argv) {
    Verilated::commandArgs(argc, argv);
    VerilatedContext context;
    Vslipway_rx_arb t{&context};
    auto tick = [&]() { t.clk = 1; t.eval(); t.clk = 0; t.eval(); };
    t.clk = 0; t.rst = 1; t.a_tvalid = t.b_tvalid = 0; t.m_tready = 1; t.a_tuser = 0; t.b_tuser = 1;
    t.eval(); tick(); tick(); t.rst = 0;

    // both sources offer 20 frames of 3 beats (a) and 5 beats (b); data = source << 32 | frame << 8 | beat
    int a_frame = 0, a_beat = 0, b_frame = 0, b_beat = 0;
    std::vector<uint64_t> out;
    std::vector<int> lasts;
    int stall = 0;
    for (int cycle = 0; cycle < 400 && (a_frame < 20 || b_frame < 20); cycle++) {
        t.a_tvalid = a_frame < 20;
        t.a_tdata = (1ull << 32) | a_frame << 8 | a_beat;
        t.a_tlast = a_beat == 2;
        t.b_tvalid = b_frame < 20;
        t.b_tdata = (2ull << 32) | b_frame << 8 | b_beat;
        t.b_tlast = b_beat == 4;
        t.a_tstamp = 0xA000000000ull | (uint64_t)a_frame;
        t.b_tstamp = 0xB000000000ull | (uint64_t)b_frame;
        t.m_tready = (stall++ % 7) != 3;  // backpressure now and then
        t.eval();
        CHECK(!(t.a_tready && t.b_tready), "both sources ready at once");
        if (t.m_tvalid && t.m_tready) {
            out.push_back(t.m_tdata);
            if (t.m_tlast) lasts.push_back((int)(t.m_tdata >> 32));
            CHECK_EQ(t.m_tuser, (t.m_tdata >> 32) == 2 ? 1 : 0, "tuser follows its source");
            CHECK_EQ(t.m_tstamp, ((t.m_tdata >> 32) == 2 ? 0xB000000000ull : 0xA000000000ull) | (t.m_tdata >> 8 & 0xFF),
                     "stamp follows its source");
        }
        bool a_go = t.a_tvalid && t.a_tready, b_go = t.b_tvalid && t.b_tready;
        tick();
        if (a_go) { if (++a_beat == 3) { a_beat = 0; a_frame++; } }
        if (b_go) { if (++b_beat == 5) { b_beat = 0; b_frame++; } }
    }
    CHECK_EQ(out.size(), 20 * 3 + 20 * 5, "beats through");
    // frames whole: within a frame, the beat index counts up from 0 on one source
    for (size_t i = 1; i < out.size(); i++) {
        uint64_t p = out[i - 1], c = out[i];
        if ((c & 0xFF) != 0) {
            CHECK(c >> 8 == p >> 8 && (c & 0xFF) == (p & 0xFF) + 1, "beat %zu interleaved: %llx after %llx", i,
                  (unsigned long long)c, (unsigned long long)p);
        }
    }
    // turns while both wait
    for (size_t i = 1; i < lasts.size(); i++) CHECK(lasts[i] != lasts[i - 1], "frame %zu: source %d twice", i, lasts[i]);

    // a lone source streams with no idle cycle
    int got = 0;
    t.b_tvalid = 0;
    t.m_tready = 1;
    for (int i = 0; i < 30; i++) {
        t.a_tvalid = 1; t.a_tdata = i; t.a_tlast = i % 3 == 2; t.eval();
        got += t.a_tready;
        tick();
    }
    t.a_tvalid = 0;
    CHECK_EQ(got, 30, "lone source beats per cycle");
    t.final();
    return tb_finish("tb_slipway_rx_arb");
}
