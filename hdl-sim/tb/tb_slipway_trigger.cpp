// Bench: the trigger block alone (slipway_trigger): header, arming through the registers, the
// two conditions against BBO records (edges, zero prices, other channels, non-BBO records), one
// shot, marker-then-order to the gate in slot order, message read port, busy until released,
// ignored arms (bad condition, oversized slot, busy slot) and disarm. Tick-to-trade stamps:
// frames of each kind (BestBidAsk, other template, aborted, dropped by the decoder) pair with
// the BBO records that follow, and the venue-port beat of each fired slot gets its own stamp.
#include <cstring>
#include <vector>

#include "Vslipway_trigger.h"
#include "slipway_nic.h"
#include "tb_common.h"

using Tb = Bench<Vslipway_trigger>;

namespace {

void md(Tb &tb, uint16_t type, uint16_t channel, int64_t bid, int64_t ask) {
    uint8_t r[64] = {0};
    std::memcpy(r + SLIPWAY_MD_TYPE, &type, 2);
    std::memcpy(r + SLIPWAY_MD_CHANNEL, &channel, 2);
    std::memcpy(r + SLIPWAY_MD_PRICE_0, &bid, 8);
    std::memcpy(r + SLIPWAY_MD_PRICE_1, &ask, 8);
    for (int w = 0; w < 16; w++) {
        uint32_t v;
        std::memcpy(&v, r + 4 * w, 4);
        tb.top->md_data[w] = v;
    }
    tb.top->md_take = 1;
    tb.tick();
    tb.top->md_take = 0;
}

void arm(Tb &tb, uint32_t slot, uint8_t seed, uint32_t channel, uint32_t condition, int64_t level, uint32_t length) {
    tb.write(SLIPWAY_TRG_SELECT, slot);
    tb.write(SLIPWAY_TRG_DATA_POINTER, 0);
    for (uint32_t w = 0; w < (length + 3) / 4; w++) {
        uint32_t v = 0;
        for (int b = 0; b < 4; b++) v |= (uint32_t)(uint8_t)(seed + 4 * w + b) << (8 * b);
        tb.write(SLIPWAY_TRG_DATA, v);
    }
    tb.write(SLIPWAY_TRG_CHANNEL, channel);
    tb.write(SLIPWAY_TRG_CONDITION, condition);
    tb.write(SLIPWAY_TRG_LEVEL_LO, (uint32_t)level);
    tb.write(SLIPWAY_TRG_LEVEL_HI, (uint32_t)((uint64_t)level >> 32));
    tb.write(SLIPWAY_TRG_SLOT_LENGTH, length);
    tb.write(SLIPWAY_TRG_ARM, slot);
}

struct Out {
    bool marker;
    int slot;
    uint8_t first_byte;
    uint32_t length, beats;
};

// Takes whatever the block offers the gate for a few cycles.
std::vector<Out> collect(Tb &tb, int cycles = 8) {
    std::vector<Out> out;
    tb.top->m_desc_ready = 1;
    for (int i = 0; i < cycles; i++) {
        if (tb.top->m_desc_valid) {
            out.push_back(Out{tb.top->m_desc_marker != 0, tb.top->m_desc_slot,
                              (uint8_t)(tb.top->m_desc_data[0] & 0xFF), tb.top->m_desc_length, tb.top->m_desc_beats});
        }
        tb.tick();
    }
    return out;
}

void release(Tb &tb, int slot) {
    tb.top->msg_done = 1;
    tb.top->msg_done_slot = slot;
    tb.tick();
    tb.top->msg_done = 0;
}

// One frame into the decoder's input: `beats` beats, the SBE templateId in beat 2, the last beat
// taken while `cycles` reads `stamp`.
// A wire slot (`wire`) has a one-beat header, so its templateId comes in its second beat.
void frame(Tb &tb, uint16_t template_id, int beats, uint64_t stamp, bool abort, bool wire = false) {
    const int template_beat = wire ? 1 : 2;
    for (int b = 0; b < beats; b++) {
        tb.top->tick_beat = 1;
        tb.top->tick_wire = wire && b == 0;
        tb.top->tick_data = b == template_beat ? (uint64_t)template_id << 16 : 0x1111111111111111ull;
        tb.top->tick_last = b == beats - 1;
        tb.top->tick_abort = abort && b == beats - 1;
        tb.top->cycles = b == beats - 1 ? stamp : 7;
        tb.tick();
    }
    tb.top->tick_beat = 0;
    tb.top->tick_wire = 0;
    tb.top->tick_last = 0;
    tb.top->tick_abort = 0;
}

// The decoder's commit of the oldest open frame; `dropped` raises tick_error on the next cycle.
void commit(Tb &tb, bool dropped) {
    tb.top->tick_commit = 1;
    tb.tick();
    tb.top->tick_commit = 0;
    tb.top->tick_error = dropped;
    tb.tick();
    tb.top->tick_error = 0;
}

// The first venue-port beat of a slot's order: the sample the latency block gets.
uint64_t sent(Tb &tb, int slot) {
    tb.top->sent_first = 1;
    tb.top->sent_slot = slot;
    tb.top->eval();
    CHECK(tb.top->lat_valid, "a sample with the venue beat");
    const uint64_t start = tb.top->lat_start;
    tb.tick();
    tb.top->sent_first = 0;
    tb.top->eval();
    CHECK(!tb.top->lat_valid, "one sample per venue beat");
    return start;
}

}  // namespace

int main(int argc, char **argv) {
    Verilated::commandArgs(argc, argv);
    Tb tb;
    tb.top->md_take = 0;
    tb.top->m_desc_ready = 0;
    tb.top->msg_done = 0;
    tb.reset();

    CHECK_EQ(tb.read(SLIPWAY_BLK_HDR_TYPE), SLIPWAY_BLK_TYPE_TRIGGER, "type");
    CHECK_EQ(tb.read(SLIPWAY_BLK_HDR_VERSION), SLIPWAY_TRIGGER_VERSION, "version");
    CHECK_EQ(tb.read(SLIPWAY_BLK_HDR_NEXT), 0, "next");
    CHECK_EQ(tb.read(SLIPWAY_BLK_HDR_LENGTH), SLIPWAY_TRIGGER_LENGTH, "length");
    CHECK_EQ(tb.read(SLIPWAY_TRG_ARMED), 0, "nothing armed at reset");

    // slot 0: buy the dip at ask <= 100 on channel 0x11, 76-byte slot (12-byte message)
    arm(tb, 0, 10, 0x11, SLIPWAY_TRG_COND_ASK_AT_OR_BELOW, 100, 76);
    CHECK_EQ(tb.read(SLIPWAY_TRG_ARMED), 1, "slot 0 armed");
    CHECK_EQ(tb.read(SLIPWAY_TRG_LEVEL_LO), 100, "level read back");
    md(tb, SLIPWAY_MD_TYPE_BBO, 0x11, 99, 101);
    md(tb, SLIPWAY_MD_TYPE_BBO, 0x12, 99, 50);
    md(tb, SLIPWAY_MD_TYPE_TRADE, 0x11, 50, 50);
    md(tb, SLIPWAY_MD_TYPE_BBO, 0x11, 99, 0);
    CHECK(collect(tb).empty(), "ask above the level, other channel, a trade, or no ask: no fire");
    tb.top->m_desc_ready = 0;
    md(tb, SLIPWAY_MD_TYPE_BBO, 0x11, 99, 100);
    CHECK(!tb.top->m_desc_valid, "the record is registered first");
    tb.tick();
    CHECK(tb.top->m_desc_valid, "offered to the gate from the second cycle after the record");
    std::vector<Out> out = collect(tb);
    CHECK_EQ(out.size(), 2, "marker and order");
    if (out.size() == 2) {
        CHECK(out[0].marker && !out[1].marker, "marker first");
        CHECK_EQ(out[1].first_byte, 10, "the slot's descriptor");
        CHECK_EQ(out[1].length, 76, "slot length");
        CHECK_EQ(out[1].beats, 2, "message beats");
    }
    CHECK_EQ(tb.read(SLIPWAY_TRG_ARMED), 0, "one shot: disarmed");
    CHECK_EQ(tb.read(SLIPWAY_TRG_FIRED), 1, "fired count");
    // message read port: beat 1 holds slot bytes 72..79 (only 72..75 are the slot's)
    tb.top->msg_rd_slot = 0;
    tb.top->msg_rd_beat = 1;
    tb.top->eval();
    CHECK_EQ(tb.top->msg_rd_data & 0xFFFFFFFFu, 0x55545352u, "message bytes 72..75");
    md(tb, SLIPWAY_MD_TYPE_BBO, 0x11, 99, 90);
    CHECK(collect(tb).empty(), "no second firing");

    // busy until the sender releases it: arming again is ignored
    arm(tb, 0, 20, 0x11, SLIPWAY_TRG_COND_ASK_AT_OR_BELOW, 100, 64);
    CHECK_EQ(tb.read(SLIPWAY_TRG_ARMED), 0, "a busy slot does not arm");
    release(tb, 0);
    arm(tb, 0, 20, 0x11, SLIPWAY_TRG_COND_BID_AT_OR_ABOVE, 200, 64);
    CHECK_EQ(tb.read(SLIPWAY_TRG_ARMED), 1, "armed after release");

    // ignored arms
    arm(tb, 1, 30, 0x11, 3, 0, 64);
    CHECK_EQ(tb.read(SLIPWAY_TRG_ARMED), 1, "undefined condition");
    arm(tb, 1, 30, 0x11, SLIPWAY_TRG_COND_ASK_AT_OR_BELOW, 0, 257);
    CHECK_EQ(tb.read(SLIPWAY_TRG_ARMED), 1, "slot over 256 bytes");

    // two slots on one record fire in slot order; bid edge is inclusive, bid 0 never fires
    arm(tb, 3, 40, 0x11, SLIPWAY_TRG_COND_BID_AT_OR_ABOVE, 150, 64);
    CHECK_EQ(tb.read(SLIPWAY_TRG_ARMED), 0x9, "slots 0 and 3");
    md(tb, SLIPWAY_MD_TYPE_BBO, 0x11, 0, 1);
    CHECK(collect(tb).empty(), "bid 0 is no bid");
    md(tb, SLIPWAY_MD_TYPE_BBO, 0x11, 199, 300);
    out = collect(tb, 12);
    CHECK_EQ(out.size(), 2, "only slot 3 (bid 199 >= 150, < 200)");
    if (out.size() == 2) CHECK_EQ(out[1].slot, 3, "slot 3");
    release(tb, 3);
    arm(tb, 3, 40, 0x11, SLIPWAY_TRG_COND_BID_AT_OR_ABOVE, 150, 64);
    tb.top->m_desc_ready = 0;
    md(tb, SLIPWAY_MD_TYPE_BBO, 0x11, 200, 300);
    tb.tick();
    for (int i = 0; i < 3; i++) {
        CHECK(tb.top->m_desc_valid && tb.top->m_desc_marker && tb.top->m_desc_slot == 0, "held while the gate is busy");
        tb.tick();
    }
    out = collect(tb, 12);
    CHECK_EQ(out.size(), 4, "two markers and two orders");
    if (out.size() == 4) {
        CHECK(out[0].slot == 0 && out[1].slot == 0 && out[2].slot == 3 && out[3].slot == 3, "slot order");
        CHECK(out[0].marker && !out[1].marker && out[2].marker && !out[3].marker, "marker, order, marker, order");
    }
    CHECK_EQ(tb.read(SLIPWAY_TRG_FIRED), 4, "fired count");

    // disarm
    release(tb, 0);
    arm(tb, 0, 50, 0x11, SLIPWAY_TRG_COND_BID_AT_OR_ABOVE, 1, 64);
    tb.write(SLIPWAY_TRG_DISARM, 0);
    CHECK_EQ(tb.read(SLIPWAY_TRG_ARMED), 0, "disarmed");
    md(tb, SLIPWAY_MD_TYPE_BBO, 0x11, 500, 600);
    CHECK(collect(tb).empty(), "a disarmed slot does not fire");

    // ---- tick-to-trade stamps ----
    tb.reset();
    arm(tb, 0, 60, 0x21, SLIPWAY_TRG_COND_ASK_AT_OR_BELOW, 100, 64);
    arm(tb, 1, 70, 0x22, SLIPWAY_TRG_COND_BID_AT_OR_ABOVE, 500, 64);
    // in flight together, as the decoder's pipeline holds them: BBO, trade, aborted BBO, dropped
    // BBO, BBO, a 2-beat frame (no templateId beat), BBO
    frame(tb, SLIPWAY_SBE_TEMPLATE_BEST_BID_ASK, 11, 1001, false);
    frame(tb, SLIPWAY_SBE_TEMPLATE_TRADES, 9, 1002, false);
    frame(tb, SLIPWAY_SBE_TEMPLATE_BEST_BID_ASK, 11, 1003, true);
    frame(tb, SLIPWAY_SBE_TEMPLATE_BEST_BID_ASK, 11, 1004, false);
    frame(tb, SLIPWAY_SBE_TEMPLATE_BEST_BID_ASK, 11, 1005, false);
    frame(tb, SLIPWAY_SBE_TEMPLATE_BEST_BID_ASK, 2, 1006, false);
    frame(tb, SLIPWAY_SBE_TEMPLATE_BEST_BID_ASK, 3, 1007, false);
    commit(tb, false);  // 1001: a BBO record
    commit(tb, false);  // 1002: trades, no BBO record
    commit(tb, false);  // 1003: aborted, no record
    commit(tb, true);   // 1004: dropped, a FEED_STATUS record instead
    commit(tb, false);  // 1005: a BBO record
    commit(tb, true);   // 1006: dropped (too short)
    commit(tb, false);  // 1007: a BBO record
    // the records in order: 1001's does not meet slot 0, 1005's fires slot 1, 1007's fires slot 0
    tb.top->m_desc_ready = 0;
    md(tb, SLIPWAY_MD_TYPE_BBO, 0x21, 99, 101);
    md(tb, SLIPWAY_MD_TYPE_TRADE, 0x21, 1, 1);
    md(tb, SLIPWAY_MD_TYPE_FEED_STATUS, 0x21, 0, 0);
    md(tb, SLIPWAY_MD_TYPE_BBO, 0x22, 500, 600);
    md(tb, SLIPWAY_MD_TYPE_BBO, 0x21, 90, 100);
    out = collect(tb, 12);
    CHECK_EQ(out.size(), 4, "slots 1 and 0 fired");
    CHECK_EQ(sent(tb, 1), 1005, "slot 1: its BestBidAsk's last-beat stamp");
    CHECK_EQ(sent(tb, 0), 1007, "slot 0: its BestBidAsk's last-beat stamp");
    // two slots fired by one record share its stamp; a record right after still gets its own
    release(tb, 0);
    release(tb, 1);
    arm(tb, 0, 60, 0x21, SLIPWAY_TRG_COND_ASK_AT_OR_BELOW, 100, 64);
    arm(tb, 1, 70, 0x21, SLIPWAY_TRG_COND_BID_AT_OR_ABOVE, 50, 64);
    arm(tb, 2, 80, 0x23, SLIPWAY_TRG_COND_BID_AT_OR_ABOVE, 50, 64);
    frame(tb, SLIPWAY_SBE_TEMPLATE_BEST_BID_ASK, 11, 0x1234567890ull, false);
    frame(tb, SLIPWAY_SBE_TEMPLATE_BEST_BID_ASK, 11, 0x1234567899ull, false);
    commit(tb, false);
    commit(tb, false);
    tb.top->m_desc_ready = 0;
    md(tb, SLIPWAY_MD_TYPE_BBO, 0x21, 60, 90);
    md(tb, SLIPWAY_MD_TYPE_BBO, 0x23, 60, 90);
    out = collect(tb, 16);
    CHECK_EQ(out.size(), 6, "three slots fired on back-to-back records");
    CHECK_EQ(sent(tb, 1), 0x1234567890ull, "slot 1 shares the first record's stamp");
    CHECK_EQ(sent(tb, 0), 0x1234567890ull, "slot 0 shares the first record's stamp");
    CHECK_EQ(sent(tb, 2), 0x1234567899ull, "slot 2: the next record's stamp");
    // wire slots: a one-beat header, the templateId in the second beat; a wire trade between
    // two wire BestBidAsk frames must not be taken for one
    release(tb, 0);
    release(tb, 1);
    release(tb, 2);
    arm(tb, 0, 60, 0x21, SLIPWAY_TRG_COND_ASK_AT_OR_BELOW, 100, 64);
    arm(tb, 1, 70, 0x22, SLIPWAY_TRG_COND_BID_AT_OR_ABOVE, 500, 64);
    frame(tb, SLIPWAY_SBE_TEMPLATE_BEST_BID_ASK, 10, 2001, false, true);
    frame(tb, SLIPWAY_SBE_TEMPLATE_TRADES, 8, 2002, false, true);
    frame(tb, SLIPWAY_SBE_TEMPLATE_BEST_BID_ASK, 10, 2003, false, true);
    commit(tb, false);
    commit(tb, false);
    commit(tb, false);
    tb.top->m_desc_ready = 0;
    md(tb, SLIPWAY_MD_TYPE_BBO, 0x22, 500, 600);
    md(tb, SLIPWAY_MD_TYPE_TRADE, 0x21, 1, 1);
    md(tb, SLIPWAY_MD_TYPE_BBO, 0x21, 90, 100);
    out = collect(tb, 12);
    CHECK_EQ(out.size(), 4, "both wire-fed slots fired");
    CHECK_EQ(sent(tb, 1), 2001, "slot 1: the first wire BestBidAsk's stamp");
    CHECK_EQ(sent(tb, 0), 2003, "slot 0: the second wire BestBidAsk's stamp, the trade skipped");

    // prices past 16 bits: the compares are taken in 16-bit chunks, so the chunk that decides
    // must be any of the four (and the top one signed)
    release(tb, 0);
    release(tb, 1);
    tb.top->m_desc_ready = 1;
    const int64_t wide = 0x0001000100010001LL;
    arm(tb, 0, 60, 0x21, SLIPWAY_TRG_COND_ASK_AT_OR_BELOW, wide, 64);
    arm(tb, 1, 70, 0x21, SLIPWAY_TRG_COND_BID_AT_OR_ABOVE, wide, 64);
    const int64_t above_asks[] = {wide + 1, wide + 0x10000, wide + 0x100000000LL, wide + 0x1000000000000LL,
                                  0x0001FFFF00000000LL, 0x7FFFFFFFFFFFFFFFLL};
    for (int64_t a : above_asks) md(tb, SLIPWAY_MD_TYPE_BBO, 0x21, 1, a);   // ask above, bid below
    const int64_t below_bids[] = {wide - 1, wide - 0x10000, wide - 0x100000000LL, 0x0000FFFFFFFFFFFFLL, -wide};
    for (int64_t b : below_bids) md(tb, SLIPWAY_MD_TYPE_BBO, 0x21, b, wide + 1);
    CHECK(collect(tb).empty(), "ask above / bid below the level in each 16-bit chunk: no fire");
    md(tb, SLIPWAY_MD_TYPE_BBO, 0x21, wide, wide);
    out = collect(tb, 12);
    CHECK_EQ(out.size(), 4, "ask and bid at the level: both fire");
    release(tb, 0);
    release(tb, 1);
    arm(tb, 0, 60, 0x21, SLIPWAY_TRG_COND_ASK_AT_OR_BELOW, wide, 64);
    md(tb, SLIPWAY_MD_TYPE_BBO, 0x21, 1, 0x0000FFFFFFFFFFFFLL);
    out = collect(tb, 12);
    CHECK_EQ(out.size(), 2, "ask below the level by its top chunk fires");

    return tb_finish("tb_slipway_trigger");
}
