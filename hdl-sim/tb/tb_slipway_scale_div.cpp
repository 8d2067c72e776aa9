// Bench: the mantissa rescaler alone (slipway_scale_div, SCALE = -2) against the reference card's
// rule computed here with plain 64-bit arithmetic: same exponent or zero mantissa pass as they
// are; a finer exponent divides by 10^k only when exact; anything else fails. Random and edge
// mantissas over exponents -30..+5, results checked LATENCY (5) cycles after the inputs.
#include <cstdint>
#include <deque>
#include <random>

#include "Vslipway_scale_div.h"
#include "tb_common.h"

namespace {

constexpr int SCALE = -2;
constexpr size_t LATENCY = 5;  // slipway_scale_div's register stages

struct Expect {
    int64_t mantissa;
    int exp;
    bool ok;
    int64_t value;
};

Expect reference(int64_t m, int exp) {
    Expect e{m, exp, false, 0};
    int shift = exp - SCALE;
    if (shift == 0 || m == 0) {
        e.ok = true;
        e.value = m;
    } else if (shift < 0 && -shift <= 18) {
        int64_t d = 1;
        for (int i = 0; i < -shift; i++) d *= 10;
        if (m % d == 0) {
            e.ok = true;
            e.value = m / d;
        }
    }
    return e;
}

}  // namespace

int main(int argc, char **argv) {
    Verilated::commandArgs(argc, argv);
    std::unique_ptr<VerilatedContext> context{new VerilatedContext};
    std::unique_ptr<Vslipway_scale_div> top{new Vslipway_scale_div{context.get()}};
    top->clk = 0;
    top->eval();

    std::mt19937_64 rng(20240808);
    std::deque<Expect> pipe;
    int passed = 0, exact = 0;
    auto tick = [&]() {
        top->clk = 1;
        top->eval();
        top->clk = 0;
        top->eval();
    };
    auto step = [&](int64_t m, int exp) {
        top->in_mantissa = (uint64_t)m;
        top->in_exp = (uint8_t)(int8_t)exp;
        pipe.push_back(reference(m, exp));
        tick();
        if (pipe.size() == LATENCY + 1) {  // the output now holds the input of LATENCY edges ago
            pipe.pop_front();
        }
        if (pipe.size() == LATENCY) {
            const Expect &e = pipe.front();
            CHECK(top->out_ok == e.ok, "m %lld exp %d: ok %d, expected %d", (long long)e.mantissa, e.exp,
                  top->out_ok, e.ok);
            if (e.ok) {
                CHECK((int64_t)top->out_value == e.value, "m %lld exp %d: %lld, expected %lld",
                      (long long)e.mantissa, e.exp, (long long)top->out_value, (long long)e.value);
                passed++;
                exact += e.exp != SCALE && e.mantissa != 0;
            }
        }
    };

    const int64_t edges[] = {0, 1, -1, 10, -10, 100, 1000000, -1000000, INT64_MAX, INT64_MIN,
                             INT64_MIN + 1, 5601234000000LL, -5601234000000LL, 1000000000000000000LL,
                             -1000000000000000000LL, 9000000000000000000LL, 7, 125000000LL};
    for (int exp = -30; exp <= 5; exp++) {
        for (int64_t m : edges) step(m, exp);
    }
    for (int i = 0; i < 200000; i++) {
        int exp = -20 + (int)(rng() % 21);
        int64_t m = (int64_t)rng();
        switch (i % 4) {
            case 0: break;  // random: almost never a multiple
            case 1: m >>= rng() % 63; break;
            default: {      // a multiple of 10^k for the k this exponent needs, often
                int64_t d = 1;
                for (int k = 0; k < SCALE - exp && k < 18; k++) d *= 10;
                m = (m >> (rng() % 63)) / d * d;
                if (i % 8 == 3) m += 1;  // and just off one
            }
        }
        step(m, exp);
    }
    for (size_t i = 0; i < LATENCY; i++) step(0, SCALE);
    CHECK(exact > 20000, "exact divisions exercised: %d", exact);
    std::printf("  %d values passed, %d of them divided exactly\n", passed, exact);
    return tb_finish("tb_slipway_scale_div");
}
