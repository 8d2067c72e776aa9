// slipway_vsim.cpp - C driver of the simulated card (slipway_vsim.h) over the Verilated RTL.
//
// Every value returned comes from the model: register reads run the card's register bus and
// the cycle counter is the RTL's own counter. A model lives on the thread that opened it
// (Verilator requirement); the host guarantees that, so there is no locking here.

#include "slipway_vsim.h"

#include <new>

#include "Vslipway_card.h"
#include "verilated.h"

namespace {

// The register window the card decodes (16-bit byte address).
constexpr uint32_t REG_WINDOW = 0x10000u;
// A read that does not complete within this many cycles is a hardware fault; the RTL answers
// every read (unmapped ones included) in 2 cycles, so this only trips on a broken build.
constexpr int READ_TIMEOUT_CYCLES = 64;
// What a failed read returns, as a PCIe read that gets no completion does.
constexpr uint32_t READ_FAILED = 0xFFFFFFFFu;
constexpr int RESET_CYCLES = 16;

}  // namespace

struct slipway_vsim {
    VerilatedContext *context;
    Vslipway_card *top;
};

namespace {

// One rising edge. Inputs are set while clk is low; outputs are sampled after the edge.
void tick(slipway_vsim *card) {
    card->top->clk = 1;
    card->top->eval();
    card->context->timeInc(1);
    card->top->clk = 0;
    card->top->eval();
    card->context->timeInc(1);
}

}  // namespace

extern "C" {

uint32_t slipway_vsim_abi_version(void) { return SLIPWAY_VSIM_ABI_VERSION; }

slipway_vsim *slipway_vsim_open(void) {
    slipway_vsim *card = new (std::nothrow) slipway_vsim{nullptr, nullptr};
    if (card == nullptr) return nullptr;
    try {
        card->context = new VerilatedContext;
        card->top = new Vslipway_card{card->context, "slipway_card"};
    } catch (...) {
        delete card->top;
        delete card->context;
        delete card;
        return nullptr;
    }
    Vslipway_card *top = card->top;
    top->clk = 0;
    top->rst = 1;
    top->reg_addr = 0;
    top->reg_wr_en = 0;
    top->reg_wr_data = 0;
    top->reg_rd_en = 0;
    // No receive path or risk gate in this card version: nothing raises the event strobes.
    top->reason_inc = 0;
    top->md_record_inc = 0;
    top->ingress_dropped_inc = 0;
    top->order_sent_inc = 0;
    top->eval();
    for (int i = 0; i < RESET_CYCLES; i++) tick(card);
    top->rst = 0;
    top->eval();
    return card;
}

void slipway_vsim_close(slipway_vsim *card) {
    if (card == nullptr) return;
    // Verilator 5.006 unregisters a model's scopes through the thread's current context, not
    // the model's own; with several models on a thread that can be another (or a freed)
    // context and the destructor deadlocks. Make this model's context current first.
    Verilated::threadContextp(card->context);
    card->top->final();
    delete card->top;
    delete card->context;
    delete card;
}

uint32_t slipway_vsim_reg_read(slipway_vsim *card, uint32_t address) {
    uint32_t value = 0;
    slipway_vsim_reg_read_block(card, address, &value, 1);
    return value;
}

void slipway_vsim_reg_write(slipway_vsim *card, uint32_t address, uint32_t value) {
    // Outside the decoded window nothing would be addressed; dropping the write mirrors
    // what the card does with an unmapped address instead of aliasing onto a real register.
    if (card == nullptr || address >= REG_WINDOW) return;
    Vslipway_card *top = card->top;
    top->reg_addr = static_cast<uint16_t>(address);
    top->reg_wr_data = value;
    top->reg_wr_en = 1;
    tick(card);
    top->reg_wr_en = 0;
}

// Reads are pipelined on the bus: one is issued per cycle while earlier ones complete, so a
// block of n registers takes n + latency cycles, not n x (1 + latency).
uint32_t slipway_vsim_reg_read_block(slipway_vsim *card, uint32_t address, uint32_t *out,
                                     uint32_t count) {
    if (card == nullptr || out == nullptr) return 0;
    Vslipway_card *top = card->top;
    uint32_t issued = 0;
    uint32_t done = 0;
    int idle = 0;
    while (done < count) {
        uint32_t issue_addr = address + 4u * issued;
        bool issue = issued < count;
        if (issue && (issue_addr < address || issue_addr >= REG_WINDOW)) {
            // Beyond the window: reads as unmapped (0), without a bus cycle, and only once
            // every earlier read has completed so results stay in order.
            if (done == issued) {
                out[done++] = 0;
                issued++;
                continue;
            }
            issue = false;
        }
        if (issue) {
            top->reg_addr = static_cast<uint16_t>(issue_addr);
            top->reg_rd_en = 1;
            issued++;
        } else {
            top->reg_rd_en = 0;
        }
        tick(card);
        if (top->reg_rd_valid) {
            out[done++] = top->reg_rd_data;
            idle = 0;
        } else if (++idle > READ_TIMEOUT_CYCLES) {
            top->reg_rd_en = 0;
            for (uint32_t i = done; i < count; i++) out[i] = READ_FAILED;
            return done;
        }
    }
    top->reg_rd_en = 0;
    return done;
}

uint64_t slipway_vsim_run(slipway_vsim *card, uint64_t cycles) {
    if (card == nullptr) return 0;
    for (uint64_t i = 0; i < cycles; i++) tick(card);
    return card->top->cycles;
}

uint64_t slipway_vsim_cycles(const slipway_vsim *card) {
    if (card == nullptr) return 0;
    return card->top->cycles;
}

}  // extern "C"
