// slipway_vsim.cpp - C driver of the simulated card (slipway_vsim.h) over the Verilated RTL.
//
// Every value returned comes from the model: register reads run the card's register bus and
// the cycle counter is the RTL's own counter. A model lives on the thread that opened it
// (Verilator requirement); the host guarantees that, so there is no locking here.

#include "slipway_vsim.h"

#include "slipway_nic.h"

#include <cstring>
#include <new>
#include <vector>

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
// Host-side market-data ring the card's records are moved into on every cycle, as the card's
// DMA would write them. When it is full the card sees m_md_ready low and backpressures.
constexpr uint32_t MD_RING_RECORDS = 4096;
constexpr uint32_t MD_RECORD_WORDS = SLIPWAY_MD_RECORD_SIZE / 4;
// A slot is only started when the ring can take every record the card may still hold (its
// 16-record FIFO and the records in flight behind it) plus the slot's own: one BestBidAsk
// frame yields exactly one record, so a started slot always completes.
constexpr uint32_t MD_RING_MARGIN = 32;
// The decoder's pipeline from the last beat to its FIFO output (6 cycles, hdl-sim/README.md),
// rounded up: this many quiet cycles with nothing at the output mean the card is idle.
constexpr int IDLE_CYCLES = 8;
constexpr uint32_t SLOT_BEATS = SLIPWAY_INGRESS_SLOT_SIZE / 8;

}  // namespace

struct slipway_vsim {
    VerilatedContext *context;
    Vslipway_card *top;
    std::vector<uint8_t> md_ring;  // MD_RING_RECORDS x 64 bytes, circular
    uint32_t md_head;              // next record to hand out
    uint32_t md_count;             // records held
};

namespace {

// One rising edge. Inputs are set while clk is low; outputs are sampled after the edge. A record
// at the card's md output is taken at this edge if the host ring has room.
void tick(slipway_vsim *card) {
    Vslipway_card *top = card->top;
    bool take = top->m_md_valid && card->md_count < MD_RING_RECORDS;
    top->m_md_ready = take;
    if (take) {
        uint32_t index = (card->md_head + card->md_count) % MD_RING_RECORDS;
        uint8_t *dst = card->md_ring.data() + index * SLIPWAY_MD_RECORD_SIZE;
        for (uint32_t w = 0; w < MD_RECORD_WORDS; w++) {
            uint32_t v = top->m_md_data[w];
            for (int b = 0; b < 4; b++) dst[4 * w + b] = static_cast<uint8_t>(v >> (8 * b));
        }
        card->md_count++;
    }
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
    slipway_vsim *card = new (std::nothrow) slipway_vsim{nullptr, nullptr, {}, 0, 0};
    if (card == nullptr) return nullptr;
    try {
        card->md_ring.resize(static_cast<size_t>(MD_RING_RECORDS) * SLIPWAY_MD_RECORD_SIZE);
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
    // No risk gate or ingress ring in this card version: nothing raises these event strobes.
    top->reason_inc = 0;
    top->ingress_dropped_inc = 0;
    top->order_sent_inc = 0;
    top->s_ingress_tdata = 0;
    top->s_ingress_tkeep = 0;
    top->s_ingress_tvalid = 0;
    top->s_ingress_tlast = 0;
    top->m_md_ready = 0;
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

// Each slot goes in as the beats holding its header and LENGTH message bytes (the whole slot
// when LENGTH is over the maximum, which the card drops), tlast on the last, one beat per cycle
// while the card is ready.
uint32_t slipway_vsim_ingress(slipway_vsim *card, const uint8_t *slots, uint32_t count) {
    if (card == nullptr || slots == nullptr) return 0;
    Vslipway_card *top = card->top;
    uint32_t taken = 0;
    for (; taken < count; taken++) {
        if (card->md_count + MD_RING_MARGIN > MD_RING_RECORDS) break;
        const uint8_t *slot = slots + static_cast<size_t>(taken) * SLIPWAY_INGRESS_SLOT_SIZE;
        uint32_t length = slot[SLIPWAY_INGRESS_LENGTH] | slot[SLIPWAY_INGRESS_LENGTH + 1] << 8;
        uint32_t beats = length > SLIPWAY_INGRESS_MAX_PAYLOAD
            ? SLOT_BEATS : (SLIPWAY_INGRESS_PAYLOAD + length + 7) / 8;
        for (uint32_t b = 0; b < beats; b++) {
            uint64_t d;
            std::memcpy(&d, slot + 8 * b, 8);  // little-endian host, as the header requires
            top->s_ingress_tdata = d;
            top->s_ingress_tkeep = 0xFF;
            top->s_ingress_tlast = b + 1 == beats;
            top->s_ingress_tvalid = 1;
            while (!top->s_ingress_tready) tick(card);  // the ring margin bounds this wait
            tick(card);
        }
        top->s_ingress_tvalid = 0;
        top->s_ingress_tlast = 0;
    }
    return taken;
}

uint32_t slipway_vsim_drain_md(slipway_vsim *card, uint8_t *out, uint32_t max_records) {
    if (card == nullptr || out == nullptr) return 0;
    int quiet = 0;
    while (quiet < IDLE_CYCLES && card->md_count < MD_RING_RECORDS) {
        quiet = card->top->m_md_valid ? 0 : quiet + 1;
        tick(card);
    }
    uint32_t n = card->md_count < max_records ? card->md_count : max_records;
    for (uint32_t i = 0; i < n; i++) {
        const uint8_t *src = card->md_ring.data() +
            static_cast<size_t>((card->md_head + i) % MD_RING_RECORDS) * SLIPWAY_MD_RECORD_SIZE;
        std::memcpy(out + static_cast<size_t>(i) * SLIPWAY_MD_RECORD_SIZE, src, SLIPWAY_MD_RECORD_SIZE);
    }
    card->md_head = (card->md_head + n) % MD_RING_RECORDS;
    card->md_count -= n;
    return n;
}

}  // extern "C"
