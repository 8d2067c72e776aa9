// tb_common.h - minimal harness shared by the Verilator benches.
//
// A bench drives one model on one thread: inputs are set while clk is low, tick() makes one
// rising edge, outputs are sampled after it. CHECK records a failure and carries on so one
// run reports every broken register; the bench's exit status is the verdict.
#ifndef TB_COMMON_H
#define TB_COMMON_H

#include <cstdint>
#include <cstdio>
#include <memory>

#include "verilated.h"

static int tb_failures = 0;
static int tb_checks = 0;

#define CHECK(cond, ...)                                                    \
    do {                                                                    \
        tb_checks++;                                                        \
        if (!(cond)) {                                                      \
            tb_failures++;                                                  \
            std::fprintf(stderr, "FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond); \
            std::fprintf(stderr, __VA_ARGS__);                              \
            std::fprintf(stderr, "\n");                                     \
        }                                                                   \
    } while (0)

#define CHECK_EQ(actual, expected, what)                                    \
    do {                                                                    \
        unsigned long long a_ = (unsigned long long)(actual);               \
        unsigned long long e_ = (unsigned long long)(expected);             \
        CHECK(a_ == e_, "%s: got 0x%llx, expected 0x%llx", what, a_, e_);   \
    } while (0)

// Register bench over any model with the common register-slice ports.
template <typename Model>
struct Bench {
    std::unique_ptr<VerilatedContext> context{new VerilatedContext};
    std::unique_ptr<Model> top{new Model{context.get()}};
    uint64_t edges = 0;

    Bench() {
        top->clk = 0;
        top->rst = 0;
        top->reg_addr = 0;
        top->reg_wr_en = 0;
        top->reg_wr_data = 0;
        top->reg_rd_en = 0;
        top->eval();
    }

    ~Bench() { top->final(); }

    void tick() {
        top->clk = 1;
        top->eval();
        context->timeInc(1);
        top->clk = 0;
        top->eval();
        context->timeInc(1);
        edges++;
    }

    void reset(int cycles = 4) {
        top->rst = 1;
        for (int i = 0; i < cycles; i++) tick();
        top->rst = 0;
    }

    void write(uint32_t addr, uint32_t value) {
        top->reg_addr = addr;
        top->reg_wr_data = value;
        top->reg_wr_en = 1;
        tick();
        top->reg_wr_en = 0;
    }

    // Issues one read and waits for it; latency is the number of rising edges from the one
    // that samples reg_rd_en to the one after which reg_rd_valid is high.
    uint32_t read(uint32_t addr, int *latency = nullptr) {
        top->reg_addr = addr;
        top->reg_rd_en = 1;
        tick();
        top->reg_rd_en = 0;
        int edges_taken = 1;
        while (!top->reg_rd_valid && edges_taken < 64) {
            CHECK_EQ(top->reg_rd_data, 0, "read data while not valid");
            tick();
            edges_taken++;
        }
        CHECK(top->reg_rd_valid, "read of 0x%x never completed", addr);
        if (latency) *latency = edges_taken;
        uint32_t value = top->reg_rd_data;
        tick();
        CHECK(!top->reg_rd_valid, "reg_rd_valid held for more than one cycle after 0x%x", addr);
        return value;
    }
};

static int tb_finish(const char *name) {
    std::printf("%s: %d checks, %d failed\n", name, tb_checks, tb_failures);
    return tb_failures == 0 ? 0 : 1;
}

#endif  // TB_COMMON_H
