// slipway_vsim.cpp - C driver of the simulated card (slipway_vsim.h) over the Verilated RTL.
//
// Every value returned comes from the model: register reads run the card's register bus and
// the cycle counter is the RTL's own counter. A model lives on the thread that opened it
// (Verilator requirement); the host guarantees that, so there is no locking here.

#include "slipway_vsim.h"

#include "slipway_nic.h"
#include "vsim_reg_bus.hpp"

#include <cstring>
#include <new>
#include <vector>

#include "Vslipway_card.h"
#include "Vslipway_card___024root.h"
#include "verilated.h"

namespace {

// The register window the card decodes (16-bit byte address).
constexpr uint32_t REG_WINDOW = 0x10000u;
constexpr int RESET_CYCLES = 16;
// Host-side market-data ring the card's records are moved into on every cycle, as the card's
// DMA would write them. When it is full the card sees m_md_ready low and backpressures.
constexpr uint32_t MD_RING_RECORDS = 4096;
constexpr uint32_t MD_RECORD_WORDS = SLIPWAY_MD_RECORD_SIZE / 4;
// A frame is only started when the ring can take every record the card may still hold (its
// 256-record FIFO, the records in flight behind it and the output register) plus the frame's
// own (at most 93 for a 1472-byte wire message), so a started frame always completes.
constexpr uint32_t MD_RING_MARGIN = 256 + 8 + 1 + 93;
// The decoder's pipeline from the last beat to its output (5 cycles when the last item ends in
// the last beat, a few more when several items wait there; hdl-sim/README.md), with room: this
// many quiet cycles with nothing at the output mean the card is idle.
constexpr int IDLE_CYCLES = 16;
constexpr uint32_t SLOT_BEATS = SLIPWAY_INGRESS_SLOT_SIZE / 8;
// Host-side completion and venue rings, filled on every cycle as the card's DMA and the venue
// ports' consumers would. An order slot is only started when both can take every output the
// card may still hold (gate FIFOs of 32 and its 5-stage pipeline, the slot in the parser).
constexpr uint32_t CMP_RING_RECORDS = 4096;
constexpr uint32_t CMP_RECORD_WORDS = SLIPWAY_COMPLETION_RECORD_SIZE / 4;
constexpr uint32_t VENUE_RING_MESSAGES = 4096;
constexpr uint32_t TX_RING_MARGIN = 64;
// Quiet cycles that mean the TX path is idle: longer than the gate (5) plus the sender dropping
// a rejected slot's 24 message beats.
constexpr int TX_IDLE_CYCLES = 40;

// The library's side of one card output: fixed-size records, circular, filled by tick() as the
// card offers them and emptied oldest first by the drain calls.
struct HostRing {
    std::vector<uint8_t> bytes;
    uint32_t capacity = 0;     // records
    uint32_t record_size = 0;  // bytes
    uint32_t head = 0;         // next record to hand out
    uint32_t count = 0;        // records held

    void init(uint32_t records, uint32_t size) {
        capacity = records;
        record_size = size;
        bytes.resize(static_cast<size_t>(records) * size);
    }
    bool full() const { return count >= capacity; }
    // Where the next record goes; it counts once push() is called.
    uint8_t *tail() { return bytes.data() + static_cast<size_t>((head + count) % capacity) * record_size; }
    void push() { count++; }
    // Copies up to max records, oldest first, into out; returns how many.
    uint32_t drain(uint8_t *out, uint32_t max) {
        const uint32_t n = count < max ? count : max;
        for (uint32_t i = 0; i < n; i++) {
            std::memcpy(out + static_cast<size_t>(i) * record_size,
                        bytes.data() + static_cast<size_t>((head + i) % capacity) * record_size, record_size);
        }
        head = (head + n) % capacity;
        count -= n;
        return n;
    }
};

// A record port's 32-bit words, little-endian, into the ring's bytes.
void store_words(uint8_t *dst, const uint32_t *words, uint32_t count) {
    for (uint32_t w = 0; w < count; w++) {
        for (int b = 0; b < 4; b++) dst[4 * w + b] = static_cast<uint8_t>(words[w] >> (8 * b));
    }
}

}  // namespace

struct slipway_vsim {
    VerilatedContext *context;
    Vslipway_card *top;
    HostRing md;                   // MD_RING_RECORDS x 64-byte MD records
    HostRing cmp;                  // CMP_RING_RECORDS x 64-byte completions
    HostRing venue;                // VENUE_RING_MESSAGES x SLIPWAY_VSIM_VENUE_RECORD_SIZE
    uint32_t venue_fill;           // bytes of the message being received
    uint32_t orders_in_flight;     // slots submitted (or fired) whose completion is not yet in the ring
    uint64_t last_ingress_beat;    // cycle the last ingress beat was taken
    uint64_t last_order_beat;      // cycle the last order-slot beat was taken
};

namespace {

// One rising edge. Inputs are set while clk is low; outputs are sampled after the edge. A record
// at the card's md output is taken at this edge if the host ring has room.
void tick(slipway_vsim *card) {
    Vslipway_card *top = card->top;
    bool take = top->m_md_valid && !card->md.full();
    top->m_md_ready = take;
    if (take) {
        store_words(card->md.tail(), top->m_md_data, MD_RECORD_WORDS);
        card->md.push();
    }
    bool take_cmp = top->m_cmp_valid && !card->cmp.full();
    top->m_cmp_ready = take_cmp;
    if (take_cmp) {
        uint8_t *dst = card->cmp.tail();
        store_words(dst, top->m_cmp_data, CMP_RECORD_WORDS);
        card->cmp.push();
        // A TRIGGER_FIRED record announces a triggered order whose completion is still to come.
        if ((dst[SLIPWAY_CMP_TYPE] | dst[SLIPWAY_CMP_TYPE + 1] << 8) == SLIPWAY_CMP_TYPE_TRIGGER_FIRED) {
            card->orders_in_flight++;
        } else if (card->orders_in_flight > 0) {
            card->orders_in_flight--;
        }
    }
    bool take_beat = top->m_venue_tvalid && !card->venue.full();
    top->m_venue_tready = take_beat;
    if (take_beat) {
        uint8_t *rec = card->venue.tail();
        if (card->venue_fill == 0) {
            std::memset(rec, 0, SLIPWAY_VSIM_VENUE_RECORD_SIZE);
            rec[SLIPWAY_VSIM_VENUE_VENUE] = top->m_venue_tdest;
            uint64_t first = top->cycles;
            std::memcpy(rec + SLIPWAY_VSIM_VENUE_FIRST_CYCLE, &first, 8);
        }
        uint64_t d = top->m_venue_tdata;
        for (int b = 0; b < 8; b++) {
            if ((top->m_venue_tkeep >> b & 1) && card->venue_fill < SLIPWAY_ORDER_MAX_MESSAGE) {
                rec[SLIPWAY_VSIM_VENUE_BYTES + card->venue_fill++] = static_cast<uint8_t>(d >> (8 * b));
            }
        }
        if (top->m_venue_tlast) {
            rec[SLIPWAY_VSIM_VENUE_LENGTH] = static_cast<uint8_t>(card->venue_fill);
            rec[SLIPWAY_VSIM_VENUE_LENGTH + 1] = static_cast<uint8_t>(card->venue_fill >> 8);
            card->venue_fill = 0;
            card->venue.push();
        }
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
    slipway_vsim *card = new (std::nothrow) slipway_vsim{nullptr, nullptr, {}, {}, {}, 0, 0, 0, 0};
    if (card == nullptr) return nullptr;
    try {
        card->md.init(MD_RING_RECORDS, SLIPWAY_MD_RECORD_SIZE);
        card->cmp.init(CMP_RING_RECORDS, SLIPWAY_COMPLETION_RECORD_SIZE);
        card->venue.init(VENUE_RING_MESSAGES, SLIPWAY_VSIM_VENUE_RECORD_SIZE);
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
    // No ingress ring in this card version: nothing raises this event strobe.
    top->ingress_dropped_inc = 0;
    top->s_order_tdata = 0;
    top->s_order_tkeep = 0;
    top->s_order_tvalid = 0;
    top->s_order_tlast = 0;
    for (uint32_t w = 0; w < SLIPWAY_EXPOSURE_RECORD_SIZE / 4; w++) top->s_exposure_data[w] = 0;
    top->s_exposure_valid = 0;
    top->m_cmp_ready = 0;
    top->m_venue_tready = 0;
    top->s_ingress_tdata = 0;
    top->s_ingress_tkeep = 0;
    top->s_ingress_tvalid = 0;
    top->s_ingress_tlast = 0;
    top->s_wire_tdata = 0;
    top->s_wire_tkeep = 0;
    top->s_wire_tvalid = 0;
    top->s_wire_tlast = 0;
    top->m_md_ready = 0;
    top->eval();
    for (int i = 0; i < RESET_CYCLES; i++) tick(card);
    top->rst = 0;
    top->eval();
    // The risk gate clears its duplicate-id RAM after reset (1024 cycles); a card is open once
    // it can judge an order, so a trigger or order never waits on the sweep.
    for (int i = 0; i < 4096 && !top->tx_ready; i++) tick(card);
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
    if (card == nullptr) return;
    slipway_vsim_bus::write<uint16_t>(card->top, address, REG_WINDOW, value, [card] { tick(card); });
}

uint32_t slipway_vsim_reg_read_block(slipway_vsim *card, uint32_t address, uint32_t *out,
                                     uint32_t count) {
    if (card == nullptr || out == nullptr) return 0;
    return slipway_vsim_bus::read_block<uint16_t>(card->top, address, REG_WINDOW, out, count,
                                                  [card] { tick(card); });
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
        if (card->md.count + MD_RING_MARGIN > MD_RING_RECORDS) break;
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
            card->last_ingress_beat = top->cycles;
            tick(card);
        }
        top->s_ingress_tvalid = 0;
        top->s_ingress_tlast = 0;
    }
    return taken;
}

// Frames go in back to back, one beat per cycle while the card is ready, with no idle cycle
// between them: tkeep all ones except on a frame's last beat.
uint32_t slipway_vsim_wire_rx(slipway_vsim *card, const uint8_t *frames, const uint32_t *lengths,
                              uint32_t count) {
    if (card == nullptr || frames == nullptr || lengths == nullptr) return 0;
    Vslipway_card *top = card->top;
    const uint8_t *frame = frames;
    uint32_t taken = 0;
    for (; taken < count; taken++) {
        if (card->md.count + MD_RING_MARGIN > MD_RING_RECORDS) break;
        uint32_t length = lengths[taken];
        uint32_t beats = length == 0 ? 1 : (length + 7) / 8;
        for (uint32_t b = 0; b < beats; b++) {
            uint64_t d = 0;
            uint32_t n = length > 8 * b ? length - 8 * b : 0;
            if (n > 8) n = 8;
            std::memcpy(&d, frame + 8 * b, n);
            top->s_wire_tdata = d;
            top->s_wire_tkeep = static_cast<uint8_t>((1u << n) - 1u);
            top->s_wire_tlast = b + 1 == beats;
            top->s_wire_tvalid = 1;
            while (!top->s_wire_tready) tick(card);  // the ring margin bounds this wait
            card->last_ingress_beat = top->cycles;
            tick(card);
        }
        top->s_wire_tvalid = 0;
        top->s_wire_tlast = 0;
        frame += length;
    }
    return taken;
}

uint32_t slipway_vsim_rx_latency(slipway_vsim *card, const uint8_t *bytes, uint32_t length,
                                 uint32_t wire) {
    if (card == nullptr || bytes == nullptr) return 0;
    slipway_vsim_drain_md(card, nullptr, 0);
    Vslipway_card *top = card->top;
    uint32_t before = card->md.count;
    uint32_t beats = wire ? (length == 0 ? 1 : (length + 7) / 8)
                          : (SLIPWAY_INGRESS_PAYLOAD + length + 7) / 8;
    for (uint32_t b = 0; b < beats; b++) {
        uint64_t d = 0;
        if (wire) {
            uint32_t n = length > 8 * b ? length - 8 * b : 0;
            if (n > 8) n = 8;
            std::memcpy(&d, bytes + 8 * b, n);
            top->s_wire_tdata = d;
            top->s_wire_tkeep = static_cast<uint8_t>((1u << n) - 1u);
            top->s_wire_tlast = b + 1 == beats;
            top->s_wire_tvalid = 1;
            while (!top->s_wire_tready) tick(card);
        } else {
            uint8_t beat[8] = {0};
            for (uint32_t i = 0; i < 8; i++) {
                uint32_t at = 8 * b + i;  // slot byte: 16-byte header (channel 0), then the message
                if (at == SLIPWAY_INGRESS_LENGTH) beat[i] = static_cast<uint8_t>(length);
                else if (at == SLIPWAY_INGRESS_LENGTH + 1) beat[i] = static_cast<uint8_t>(length >> 8);
                else if (at >= SLIPWAY_INGRESS_PAYLOAD && at - SLIPWAY_INGRESS_PAYLOAD < length)
                    beat[i] = bytes[at - SLIPWAY_INGRESS_PAYLOAD];
            }
            std::memcpy(&d, beat, 8);
            top->s_ingress_tdata = d;
            top->s_ingress_tkeep = 0xFF;
            top->s_ingress_tlast = b + 1 == beats;
            top->s_ingress_tvalid = 1;
            while (!top->s_ingress_tready) tick(card);
        }
        tick(card);  // the edge that samples this beat
    }
    top->s_wire_tvalid = 0;
    top->s_wire_tlast = 0;
    top->s_ingress_tvalid = 0;
    top->s_ingress_tlast = 0;
    // edges from the one that sampled the last beat until a record is at the output: that edge
    // counts as 1, and each further edge until m_md_valid is seen high after it
    uint32_t edges = 1;
    while (!top->m_md_valid && card->md.count == before && edges < 256) {
        tick(card);
        edges++;
    }
    return top->m_md_valid || card->md.count != before ? edges : 0;
}

uint32_t slipway_vsim_drain_md(slipway_vsim *card, uint8_t *out, uint32_t max_records) {
    if (card == nullptr || (out == nullptr && max_records != 0)) return 0;
    int quiet = 0;
    while (quiet < IDLE_CYCLES && card->md.count < MD_RING_RECORDS) {
        quiet = card->top->m_md_valid ? 0 : quiet + 1;
        tick(card);
    }
    return card->md.drain(out, max_records);
}

}  // extern "C"

namespace {

// Clocks until nothing has come out of the TX path for TX_IDLE_CYCLES and every submitted slot
// has its completion, or the host rings are full.
void run_tx_idle(slipway_vsim *card) {
    Vslipway_card *top = card->top;
    int quiet = 0;
    while (card->cmp.count < CMP_RING_RECORDS && card->venue.count < VENUE_RING_MESSAGES &&
           (quiet < TX_IDLE_CYCLES || card->orders_in_flight > 0)) {
        quiet = (top->m_cmp_valid || top->m_venue_tvalid) ? 0 : quiet + 1;
        tick(card);
    }
}

}  // namespace

extern "C" {

uint32_t slipway_vsim_submit_orders(slipway_vsim *card, const uint8_t *slots, const uint32_t *lengths,
                                    uint32_t count) {
    if (card == nullptr || slots == nullptr || lengths == nullptr) return 0;
    Vslipway_card *top = card->top;
    uint32_t taken = 0;
    for (; taken < count; taken++) {
        uint32_t length = lengths[taken];
        if (length > SLIPWAY_ORDER_SLOT_SIZE) break;
        if (card->cmp.count + card->orders_in_flight + TX_RING_MARGIN > CMP_RING_RECORDS ||
            card->venue.count + card->orders_in_flight + TX_RING_MARGIN > VENUE_RING_MESSAGES) break;
        const uint8_t *slot = slots + static_cast<size_t>(taken) * SLIPWAY_ORDER_SLOT_SIZE;
        // An empty slot still goes as one beat with no kept bytes, so the gate sees (and rejects) it.
        uint32_t beats = length == 0 ? 1 : (length + 7) / 8;
        for (uint32_t b = 0; b < beats; b++) {
            uint32_t bytes = length - 8 * b < 8 ? length - 8 * b : 8;
            if (length == 0) bytes = 0;
            uint64_t d = 0;
            std::memcpy(&d, slot + 8 * b, bytes);
            top->s_order_tdata = d;
            top->s_order_tkeep = static_cast<uint8_t>((1u << bytes) - 1u);
            top->s_order_tlast = b + 1 == beats;
            top->s_order_tvalid = 1;
            while (!top->s_order_tready) tick(card);  // the ring margin bounds this wait
            card->last_order_beat = top->cycles;
            tick(card);
        }
        top->s_order_tvalid = 0;
        top->s_order_tlast = 0;
        card->orders_in_flight++;
    }
    return taken;
}

uint32_t slipway_vsim_submit_exposures(slipway_vsim *card, const uint8_t *records, uint32_t count) {
    if (card == nullptr || records == nullptr) return 0;
    Vslipway_card *top = card->top;
    for (uint32_t i = 0; i < count; i++) {
        const uint8_t *rec = records + static_cast<size_t>(i) * SLIPWAY_EXPOSURE_RECORD_SIZE;
        for (uint32_t w = 0; w < SLIPWAY_EXPOSURE_RECORD_SIZE / 4; w++) {
            uint32_t v;
            std::memcpy(&v, rec + 4 * w, 4);
            top->s_exposure_data[w] = v;
        }
        top->s_exposure_valid = 1;
        // The gate takes a record only with no order in its pipeline; the parser may still hold
        // a slot, so wait for every earlier order's verdict first.
        while (card->orders_in_flight > 0 || !top->s_exposure_ready) tick(card);
        tick(card);
        top->s_exposure_valid = 0;
    }
    return count;
}

uint32_t slipway_vsim_drain_completions(slipway_vsim *card, uint8_t *out, uint32_t max_records) {
    if (card == nullptr || out == nullptr) return 0;
    run_tx_idle(card);
    return card->cmp.drain(out, max_records);
}

namespace {

// The token bucket registers of venue v (verilator public in slipway_risk_gate.v).
#define SLIPWAY_BUCKET(root, v, field) \
    (root)->slipway_card__DOT__risk_gate_inst__DOT__gen_bucket__BRA__##v##__KET____DOT__##field

uint32_t *bucket_field(Vslipway_card___024root *root, int venue, bool since) {
    switch (venue) {
        case 0: return since ? &SLIPWAY_BUCKET(root, 0, since) : &SLIPWAY_BUCKET(root, 0, tokens);
        case 1: return since ? &SLIPWAY_BUCKET(root, 1, since) : &SLIPWAY_BUCKET(root, 1, tokens);
        case 2: return since ? &SLIPWAY_BUCKET(root, 2, since) : &SLIPWAY_BUCKET(root, 2, tokens);
        case 3: return since ? &SLIPWAY_BUCKET(root, 3, since) : &SLIPWAY_BUCKET(root, 3, tokens);
        case 4: return since ? &SLIPWAY_BUCKET(root, 4, since) : &SLIPWAY_BUCKET(root, 4, tokens);
        case 5: return since ? &SLIPWAY_BUCKET(root, 5, since) : &SLIPWAY_BUCKET(root, 5, tokens);
        case 6: return since ? &SLIPWAY_BUCKET(root, 6, since) : &SLIPWAY_BUCKET(root, 6, tokens);
        default: return since ? &SLIPWAY_BUCKET(root, 7, since) : &SLIPWAY_BUCKET(root, 7, tokens);
    }
}

// The bucket's registered flags: has (tokens != 0) or due (a token is earned this cycle).
CData *bucket_flag(Vslipway_card___024root *root, int venue, bool due) {
    switch (venue) {
        case 0: return due ? &SLIPWAY_BUCKET(root, 0, due) : &SLIPWAY_BUCKET(root, 0, has);
        case 1: return due ? &SLIPWAY_BUCKET(root, 1, due) : &SLIPWAY_BUCKET(root, 1, has);
        case 2: return due ? &SLIPWAY_BUCKET(root, 2, due) : &SLIPWAY_BUCKET(root, 2, has);
        case 3: return due ? &SLIPWAY_BUCKET(root, 3, due) : &SLIPWAY_BUCKET(root, 3, has);
        case 4: return due ? &SLIPWAY_BUCKET(root, 4, due) : &SLIPWAY_BUCKET(root, 4, has);
        case 5: return due ? &SLIPWAY_BUCKET(root, 5, due) : &SLIPWAY_BUCKET(root, 5, has);
        case 6: return due ? &SLIPWAY_BUCKET(root, 6, due) : &SLIPWAY_BUCKET(root, 6, has);
        default: return due ? &SLIPWAY_BUCKET(root, 7, due) : &SLIPWAY_BUCKET(root, 7, has);
    }
}

// Spans shorter than this are clocked: settling and the register reads cost more than they save.
constexpr uint64_t FAST_FORWARD_MIN = 4096;
constexpr int SETTLE_QUIET_CYCLES = 64;

// Jumps an idle card skip cycles: the cycle counter and the token buckets (the only state that
// changes on an idle card but for the staleness timers, which the caller never jumps over).
void jump_idle(slipway_vsim *card, uint64_t skip, uint64_t burst, uint64_t refill) {
    Vslipway_card *top = card->top;
    Vslipway_card___024root *root = top->rootp;
    // Idle evolution of each bucket over skip cycles, as slipway_risk_gate steps it.
    for (int v = 0; v < (int)SLIPWAY_MAX_VENUES; v++) {
        uint32_t *tokens = bucket_field(root, v, false);
        uint32_t *since = bucket_field(root, v, true);
        if (refill == 0) continue;
        uint64_t t = *tokens;
        uint64_t s = *since;
        if (t >= burst) {
            t = burst;
            s = 0;
        } else {
            uint64_t total = s + skip;
            uint64_t earned = total / refill;
            if (t + earned >= burst) {
                t = burst;
                s = 0;
            } else {
                t += earned;
                s = total % refill;
            }
        }
        *tokens = static_cast<uint32_t>(t);
        *since = static_cast<uint32_t>(s);
        // the gate keeps these two flags beside the counts so its commit reads one bit
        *bucket_flag(root, v, false) = t != 0;
        *bucket_flag(root, v, true) = s + 1 >= refill;
    }
    uint64_t now = static_cast<uint64_t>(root->slipway_card__DOT__cycle_hi) << 32 | root->slipway_card__DOT__cycle_lo;
    now += skip;
    root->slipway_card__DOT__cycle_lo = static_cast<uint32_t>(now);
    root->slipway_card__DOT__cycle_hi = static_cast<uint32_t>(now >> 32);
    root->slipway_card__DOT__cycle_lo_all_ones = static_cast<uint32_t>(now) == 0xFFFFFFFFu;
    top->eval();
}

// The next cycle after now at which an armed subscription entry that is not stale runs out of its
// staleness timeout (slipway_wire_rx.v), or UINT64_MAX. A disabled entry already past its deadline
// cannot fire until enabled, so only deadlines still ahead count.
uint64_t next_stale_deadline(slipway_vsim *card, uint64_t stale_cycles) {
    if (stale_cycles == 0) return UINT64_MAX;
    Vslipway_card___024root *root = card->top->rootp;
    const uint64_t now = card->top->cycles;
    const uint32_t armed = root->slipway_card__DOT__wire_rx_inst__DOT__armed;
    const uint32_t stale = root->slipway_card__DOT__wire_rx_inst__DOT__stale;
    uint64_t next = UINT64_MAX;
    for (int e = 0; e < (int)SLIPWAY_FEED_SUB_COUNT; e++) {
        if (!(armed >> e & 1) || (stale >> e & 1)) continue;
        uint64_t due = root->slipway_card__DOT__wire_rx_inst__DOT__last_seen[e] + stale_cycles;
        if (due > now && due < next) next = due;
    }
    return next;
}

}  // namespace

uint64_t slipway_vsim_advance(slipway_vsim *card, uint64_t cycles) {
    if (card == nullptr) return 0;
    Vslipway_card *top = card->top;
    if (cycles < FAST_FORWARD_MIN) return slipway_vsim_run(card, cycles);
    // Settle: clock until nothing has come out for a while and no order is in flight, counting
    // those cycles against the span, then read the throttle limits and the staleness timeout
    // through the bus (also counted).
    uint64_t start = top->cycles;
    const uint64_t end = start + cycles;
    int quiet = 0;
    while (quiet < SETTLE_QUIET_CYCLES || card->orders_in_flight > 0) {
        if (top->cycles + 16 >= end || card->md.count >= MD_RING_RECORDS ||
            card->cmp.count >= CMP_RING_RECORDS || card->venue.count >= VENUE_RING_MESSAGES) {
            // Not idle within the span, or stalled on a full host ring: only clocking is faithful.
            return slipway_vsim_run(card, end - top->cycles);
        }
        quiet = (top->m_md_valid || top->m_cmp_valid || top->m_venue_tvalid) ? 0 : quiet + 1;
        tick(card);
    }
    uint32_t limits[2];
    slipway_vsim_reg_read_block(card, SLIPWAY_RISK_BASE + SLIPWAY_RISK_THROTTLE_BURST, limits, 2);
    uint32_t stale_cycles = 0;
    slipway_vsim_reg_read_block(card, SLIPWAY_FEED_BASE + SLIPWAY_FEED_STALE_CYCLES, &stale_cycles, 1);
    // Jump from idle to idle, stopping a cycle before each staleness deadline and clocking the
    // STALE record through, so records come out in the order and on the cycles clocking gives.
    while (top->cycles < end) {
        const uint64_t deadline = next_stale_deadline(card, stale_cycles);
        const uint64_t to = deadline < end ? deadline - 1 : end;
        if (to > top->cycles) jump_idle(card, to - top->cycles, limits[0], limits[1]);
        if (deadline >= end) break;
        quiet = 0;
        while (top->cycles < end && (quiet < SETTLE_QUIET_CYCLES || top->cycles <= deadline)) {
            quiet = top->m_md_valid ? 0 : quiet + 1;
            tick(card);
        }
    }
    return top->cycles;
}

uint64_t slipway_vsim_last_ingress_beat_cycle(const slipway_vsim *card) {
    return card == nullptr ? 0 : card->last_ingress_beat;
}

uint64_t slipway_vsim_last_order_beat_cycle(const slipway_vsim *card) {
    return card == nullptr ? 0 : card->last_order_beat;
}

uint32_t slipway_vsim_drain_venue(slipway_vsim *card, uint8_t *out, uint32_t max_messages) {
    if (card == nullptr || out == nullptr) return 0;
    run_tx_idle(card);
    return card->venue.drain(out, max_messages);
}

}  // extern "C"
