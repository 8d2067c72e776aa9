// Bench: the order stream alone (slipway_order_stream): slot split into descriptor and message,
// slot length from tkeep, short and oversized slots, messages sent on a pass (tdest, tkeep on the
// last beat, zero-length messages as one empty beat) and dropped on a reject, in slot order, with
// back-pressure from the venue port and from the gate.
#include <cstring>
#include <vector>

#include "Vslipway_order_stream.h"
#include "slipway_nic.h"
#include "tb_common.h"

namespace {

struct Sent {
    int venue;
    std::vector<uint8_t> bytes;
    uint64_t first_cycle;
};

struct Stream {
    std::unique_ptr<VerilatedContext> context{new VerilatedContext};
    std::unique_ptr<Vslipway_order_stream> top{new Vslipway_order_stream{context.get()}};
    uint64_t cycle = 0;
    std::vector<Sent> sent;
    bool in_message = false;

    Stream() {
        top->clk = 0;
        top->rst = 1;
        top->s_ord_tvalid = 0;
        top->m_desc_ready = 0;
        top->s_vrd_valid = 0;
        top->s_vrd_trigger = 0;
        top->s_vrd_slot = 0;
        top->trg_rd_data = 0;
        top->m_venue_tready = 1;
        for (int i = 0; i < 4; i++) tick();
        top->rst = 0;
    }

    ~Stream() { top->final(); }

    void tick() {
        if (top->m_venue_tvalid && top->m_venue_tready) {
            if (!in_message) {
                sent.push_back(Sent{top->m_venue_tdest, {}, cycle});
                in_message = true;
            }
            for (int b = 0; b < 8; b++) {
                if (top->m_venue_tkeep >> b & 1) sent.back().bytes.push_back((uint8_t)(top->m_venue_tdata >> (8 * b)));
            }
            if (top->m_venue_tlast) in_message = false;
        }
        top->clk = 1;
        top->eval();
        context->timeInc(1);
        top->clk = 0;
        top->eval();
        context->timeInc(1);
        cycle++;
    }

    // Feeds a slot of length bytes; returns the cycles it took.
    void slot(const uint8_t *bytes, uint32_t length) {
        uint32_t beats = length == 0 ? 1 : (length + 7) / 8;
        for (uint32_t b = 0; b < beats; b++) {
            uint32_t n = length - 8 * b < 8 ? length - 8 * b : 8;
            if (length == 0) n = 0;
            uint64_t d = 0;
            std::memcpy(&d, bytes + 8 * b, n);
            top->s_ord_tdata = d;
            top->s_ord_tkeep = (uint8_t)((1u << n) - 1);
            top->s_ord_tlast = b + 1 == beats;
            top->s_ord_tvalid = 1;
            int guard = 0;
            while (!top->s_ord_tready && guard++ < 100) tick();
            tick();
        }
        top->s_ord_tvalid = 0;
    }

    // Waits for the descriptor, checks it, accepts it.
    void take_descriptor(const uint8_t *slot_bytes, uint32_t length, uint32_t beats) {
        int guard = 0;
        while (!top->m_desc_valid && guard++ < 8) tick();
        CHECK(top->m_desc_valid, "descriptor handed over");
        CHECK_EQ(top->m_desc_length, length, "slot length");
        CHECK_EQ(top->m_desc_beats, beats, "message beats stored");
        uint8_t want[64] = {0};
        std::memcpy(want, slot_bytes, length < 64 ? length : 64);
        bool same = true;
        for (int w = 0; w < 16; w++) {
            uint32_t v;
            std::memcpy(&v, want + 4 * w, 4);
            same = same && top->m_desc_data[w] == v;
        }
        CHECK(same, "descriptor bytes (zero past the slot's end)");
        top->m_desc_ready = 1;
        tick();
        top->m_desc_ready = 0;
    }

    void verdict(bool pass, int venue, int length, int beats) {
        top->s_vrd_pass = pass;
        top->s_vrd_venue = venue;
        top->s_vrd_length = length;
        top->s_vrd_beats = beats;
        top->s_vrd_valid = 1;
        int guard = 0;
        while (!top->s_vrd_ready && guard++ < 100) tick();
        tick();
        top->s_vrd_valid = 0;
    }
};

void make_slot(uint8_t *slot, uint16_t message_length, uint8_t seed) {
    std::memset(slot, 0, 512);
    for (int i = 0; i < 64; i++) slot[i] = (uint8_t)(seed + i);
    std::memcpy(slot + SLIPWAY_ORD_MESSAGE_LENGTH, &message_length, 2);
    for (int i = 0; i < 448; i++) slot[64 + i] = (uint8_t)(seed * 3 + i * 7);
}

}  // namespace

int main(int argc, char **argv) {
    Verilated::commandArgs(argc, argv);
    Stream s;
    uint8_t slot[512];

    // 20-byte message: 3 beats, sent to venue 5 with tkeep 0x0F on the last
    make_slot(slot, 20, 1);
    const uint64_t last_beat_cycle = s.cycle + 10;
    s.slot(slot, 84);
    CHECK_EQ(s.cycle, last_beat_cycle + 1, "11 beats on 11 cycles");
    s.take_descriptor(slot, 84, 3);
    s.verdict(true, 5, 20, 3);
    for (int i = 0; i < 8; i++) s.tick();
    CHECK_EQ(s.sent.size(), 1, "one message");
    CHECK_EQ(s.sent[0].venue, 5, "tdest");
    CHECK(s.sent[0].bytes == std::vector<uint8_t>(slot + 64, slot + 84), "message bytes");

    // a rejected slot's beats are dropped; the next passed slot sends its own bytes
    make_slot(slot, 100, 2);
    s.slot(slot, 164);
    s.take_descriptor(slot, 164, 13);
    uint8_t next[512];
    make_slot(next, 9, 3);
    s.slot(next, 73);
    s.take_descriptor(next, 73, 2);
    s.verdict(false, 1, 100, 13);
    s.verdict(true, 2, 9, 2);
    for (int i = 0; i < 40; i++) s.tick();
    CHECK_EQ(s.sent.size(), 2, "the rejected message did not leave");
    CHECK_EQ(s.sent[1].venue, 2, "tdest of the second");
    CHECK(s.sent[1].bytes == std::vector<uint8_t>(next + 64, next + 73), "second message bytes");

    // zero-length message: one empty beat with tlast
    make_slot(slot, 0, 4);
    s.slot(slot, 64);
    s.take_descriptor(slot, 64, 0);
    s.verdict(true, 7, 0, 0);
    for (int i = 0; i < 4; i++) s.tick();
    CHECK_EQ(s.sent.size(), 3, "an empty message is still one packet");
    CHECK_EQ(s.sent[2].bytes.size(), 0, "with no bytes");
    CHECK_EQ(s.sent[2].venue, 7, "tdest of the empty message");

    // short slot (40 bytes): descriptor zero past its end, no message beats
    make_slot(slot, 20, 5);
    s.slot(slot, 40);
    s.take_descriptor(slot, 40, 0);
    s.verdict(false, 0, 20, 0);
    // empty slot (no kept bytes at all)
    s.slot(slot, 0);
    s.take_descriptor(slot, 0, 0);
    s.verdict(false, 0, 0, 0);
    // oversized slot (300 bytes): full length counted, 24 beats kept
    make_slot(slot, 236, 6);
    s.slot(slot, 300);
    s.take_descriptor(slot, 300, 24);
    s.verdict(false, 0, 236, 24);
    for (int i = 0; i < 40; i++) s.tick();
    CHECK_EQ(s.sent.size(), 3, "rejected slots sent nothing");

    // back-pressure: the gate does not take the descriptor -> the next slot waits
    make_slot(slot, 8, 7);
    s.slot(slot, 72);
    s.top->s_ord_tdata = 0;
    s.top->s_ord_tkeep = 0xFF;
    s.top->s_ord_tvalid = 1;
    s.top->s_ord_tlast = 0;
    for (int i = 0; i < 5; i++) {
        CHECK(!s.top->s_ord_tready, "next slot held while the descriptor waits");
        s.tick();
    }
    s.top->s_ord_tvalid = 0;
    s.take_descriptor(slot, 72, 1);
    // venue port not ready: the message waits, nothing lost
    s.top->m_venue_tready = 0;
    s.verdict(true, 3, 8, 1);
    for (int i = 0; i < 10; i++) s.tick();
    CHECK_EQ(s.sent.size(), 3, "held by the venue port");
    s.top->m_venue_tready = 1;
    for (int i = 0; i < 4; i++) s.tick();
    CHECK_EQ(s.sent.size(), 4, "sent once the port is ready");
    CHECK(s.sent[3].bytes == std::vector<uint8_t>(slot + 64, slot + 72), "held message bytes");

    return tb_finish("tb_slipway_order_stream");
}
