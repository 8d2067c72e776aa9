// Bench: the SBE decoder alone (slipway_sbe_decode): all four templates, record layout, latency
// from the last beat to the first record per template, every reason a frame is dropped, frame
// atomicity (a bad entry drops the whole frame and leaves sequence and BBO state alone), gap
// detection and the snapshot overlap rule, wire-length messages, abort, backpressure with order
// kept, and sustained beats per cycle.
#include <cstring>
#include <deque>
#include <string>
#include <vector>

#include "Vslipway_sbe_decode.h"
#include "slipway_nic.h"
#include "tb_common.h"

namespace {

void put16(uint8_t *p, uint16_t v) { p[0] = v & 0xFF; p[1] = v >> 8; }
void put32(uint8_t *p, uint32_t v) { for (int i = 0; i < 4; i++) p[i] = (uint8_t)(v >> (8 * i)); }
void put64(uint8_t *p, uint64_t v) { for (int i = 0; i < 8; i++) p[i] = (uint8_t)(v >> (8 * i)); }
uint64_t get64(const uint8_t *p) {
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--) v = v << 8 | p[i];
    return v;
}

// One frame: slot header + SBE message, as beats.
struct Frame {
    std::vector<uint8_t> bytes;  // padded to whole beats with 0xA5
    uint32_t beats = 0;
    bool wire = false;
    bool abort = false;
};

// A message under construction; the slot header is added by frame().
struct Msg {
    std::vector<uint8_t> m;
    void u8(uint8_t v) { m.push_back(v); }
    void u16(uint16_t v) { m.push_back(v & 0xFF); m.push_back(v >> 8); }
    void u32(uint32_t v) { for (int i = 0; i < 4; i++) m.push_back((uint8_t)(v >> (8 * i))); }
    void u64(uint64_t v) { for (int i = 0; i < 8; i++) m.push_back((uint8_t)(v >> (8 * i))); }
    void header(uint16_t block, uint16_t tmpl, uint16_t schema = 1, uint16_t version = 0) {
        u16(block); u16(tmpl); u16(schema); u16(version);
    }
    void symbol(const char *s) { u8((uint8_t)std::strlen(s)); for (const char *c = s; *c; c++) u8((uint8_t)*c); }
    Frame frame(uint16_t channel, int length_adjust = 0, int beats_adjust = 0) const {
        Frame f;
        f.bytes.assign(16, 0);
        put16(f.bytes.data(), channel);
        put16(f.bytes.data() + 2, (uint16_t)(m.size() + length_adjust));
        put64(f.bytes.data() + 8, 0x0123456789ABCDEFULL);
        f.bytes.insert(f.bytes.end(), m.begin(), m.end());
        while (f.bytes.size() % 8) f.bytes.push_back(0xA5);
        f.beats = (uint32_t)(f.bytes.size() / 8) + beats_adjust;
        while (f.bytes.size() < 8 * (size_t)f.beats) f.bytes.push_back(0xA5);
        return f;
    }
};

struct Level { int64_t price, qty; };
struct Trade { uint64_t id; int64_t price, qty; bool maker; };

Msg bbo(uint64_t id, int8_t pe, int8_t qe, int64_t bp, int64_t bq, int64_t ap, int64_t aq, uint16_t block = 50) {
    Msg s;
    s.header(block, SLIPWAY_SBE_TEMPLATE_BEST_BID_ASK);
    s.u64(1723075200123456ULL); s.u64(id); s.u8((uint8_t)pe); s.u8((uint8_t)qe);
    s.u64((uint64_t)bp); s.u64((uint64_t)bq); s.u64((uint64_t)ap); s.u64((uint64_t)aq);
    for (int i = 50; i < block; i++) s.u8(0);
    s.symbol("BTCUSDT");
    return s;
}

Msg depth(bool diff, uint64_t first, uint64_t last, int8_t pe, int8_t qe, const std::vector<Level> &bids,
          const std::vector<Level> &asks, uint16_t entry = 16) {
    Msg s;
    s.header(diff ? 26 : 18, diff ? SLIPWAY_SBE_TEMPLATE_DEPTH_DIFF : SLIPWAY_SBE_TEMPLATE_DEPTH_SNAP);
    s.u64(1723075200200000ULL);
    s.u64(first);
    if (diff) s.u64(last);
    s.u8((uint8_t)pe); s.u8((uint8_t)qe);
    for (int side = 0; side < 2; side++) {
        const std::vector<Level> &v = side == 0 ? bids : asks;
        s.u16(entry); s.u16((uint16_t)v.size());
        for (const Level &l : v) {
            s.u64((uint64_t)l.price); s.u64((uint64_t)l.qty);
            for (int i = 16; i < entry; i++) s.u8(0xEE);
        }
    }
    s.symbol("BTCUSDT");
    return s;
}

Msg trades(int8_t pe, int8_t qe, const std::vector<Trade> &t, uint16_t entry = 25) {
    Msg s;
    s.header(18, SLIPWAY_SBE_TEMPLATE_TRADES);
    s.u64(1723075200300000ULL); s.u64(1723075200300001ULL); s.u8((uint8_t)pe); s.u8((uint8_t)qe);
    s.u16(entry); s.u32((uint32_t)t.size());
    for (const Trade &x : t) {
        s.u64(x.id); s.u64((uint64_t)x.price); s.u64((uint64_t)x.qty); s.u8(x.maker ? 1 : 0);
        for (int i = 25; i < entry; i++) s.u8(0xEE);
    }
    s.symbol("BTCUSDT");
    return s;
}

using Rec = std::vector<uint8_t>;

struct Tb {
    std::unique_ptr<VerilatedContext> context{new VerilatedContext};
    std::unique_ptr<Vslipway_sbe_decode> top{new Vslipway_sbe_decode{context.get()}};
    uint64_t edges = 0;
    std::vector<Rec> records;
    uint32_t md_strobes = 0, error_strobes = 0, gap_strobes = 0, frame_ends = 0;
    uint64_t last_stamp = 0;

    Tb() {
        top->clk = 0;
        top->rst = 0;
        top->s_tvalid = 0;
        top->s_tlast = 0;
        top->s_tdata = 0;
        top->s_tuser = 0;
        top->m_rec_ready = 1;
        top->s_tstamp = 0;
        top->bbo_rd_channel = 0;
        top->eval();
    }
    ~Tb() { top->final(); }

    void tick() {
        bool take = top->m_rec_valid && top->m_rec_ready;
        Rec rec(64);
        if (take) {
            for (int w = 0; w < 16; w++) {
                uint32_t v = top->m_rec_data[w];
                for (int b = 0; b < 4; b++) rec[4 * w + b] = (uint8_t)(v >> (8 * b));
            }
        }
        top->clk = 1;
        top->eval();
        context->timeInc(1);
        top->clk = 0;
        top->eval();
        context->timeInc(1);
        edges++;
        if (take) records.push_back(rec);
        md_strobes += top->md_record;
        error_strobes += top->decode_error;
        gap_strobes += top->gap;
        frame_ends += top->frame_end;
    }

    void reset() {
        top->rst = 1;
        for (int i = 0; i < 4; i++) tick();
        top->rst = 0;
    }

    // Sends a frame, waiting on tready; gap inserts idle cycles between beats.
    void send(const Frame &f, int gap = 0) {
        for (uint32_t b = 0; b < f.beats; b++) {
            if (f.wire && b == 1) continue;  // a wire slot has no beat 1
            top->s_tdata = get64(f.bytes.data() + 8 * b);
            top->s_tlast = b + 1 == f.beats;
            top->s_tuser = (f.wire ? 1 : 0) | (f.abort && b + 1 == f.beats ? 2 : 0);
            top->s_tvalid = 1;
            // the ingress stamp rides with the last beat; a distinct value per frame
            top->s_tstamp = b + 1 == f.beats ? 0x5A00000000ull + edges : 0;
            last_stamp = top->s_tstamp;
            for (int guard = 0; !top->s_tready && guard < 1000; guard++) tick();
            tick();
            top->s_tvalid = 0;
            top->s_tlast = 0;
            for (int i = 0; i < gap; i++) tick();
        }
    }

    void idle(int n) { for (int i = 0; i < n; i++) tick(); }

    // Sends one frame and returns its records.
    std::vector<Rec> run(const Frame &f) {
        size_t before = records.size();
        send(f);
        idle(200);
        std::vector<Rec> out(records.begin() + before, records.end());
        for (const Rec &r : out) {
            CHECK(get64(r.data() + SLIPWAY_MD_CARD_CYCLES) == last_stamp, "record stamp 0x%llx, frame's 0x%llx",
                  (unsigned long long)get64(r.data() + SLIPWAY_MD_CARD_CYCLES), (unsigned long long)last_stamp);
        }
        return out;
    }

    // Edges from the one sampling the last beat to the one after which the first record is out.
    int latency(const Frame &f) {
        top->m_rec_ready = 0;
        send(f);
        uint64_t last_edge = edges;
        while (!top->m_rec_valid && edges < last_edge + 64) tick();
        int n = (int)(edges - last_edge) + 1;
        CHECK(top->m_rec_valid, "no record for the latency frame");
        top->m_rec_ready = 1;
        idle(200);
        return n;
    }
};

uint16_t rd16(const Rec &r, int off) { return (uint16_t)(r[off] | r[off + 1] << 8); }
uint64_t rd64(const Rec &r, int off) { return get64(r.data() + off); }

void check_head(const Rec &r, uint16_t type, uint16_t channel, uint8_t flags, const char *what) {
    CHECK(rd16(r, SLIPWAY_MD_TYPE) == type, "%s: type %u, expected %u", what, rd16(r, SLIPWAY_MD_TYPE), type);
    CHECK_EQ(rd16(r, SLIPWAY_MD_CHANNEL), channel, what);
    CHECK_EQ(rd16(r, SLIPWAY_MD_INSTRUMENT), channel & SLIPWAY_CHANNEL_INSTRUMENT_MASK, what);
    CHECK_EQ(r[SLIPWAY_MD_VENUE], (channel >> SLIPWAY_CHANNEL_VENUE_SHIFT) & 0xFF, what);
    CHECK(r[SLIPWAY_MD_FLAGS] == flags, "%s: flags 0x%x, expected 0x%x", what, r[SLIPWAY_MD_FLAGS], flags);
}

void check_error(const std::vector<Rec> &rs, uint16_t channel, const char *what) {
    CHECK(rs.size() == 1, "%s: %zu records, expected one decode error", what, rs.size());
    if (rs.size() != 1) return;
    check_head(rs[0], SLIPWAY_MD_TYPE_FEED_STATUS, channel, SLIPWAY_MD_FLAG_DECODE_ERROR, what);
    for (unsigned off = SLIPWAY_MD_SEQUENCE; off < SLIPWAY_MD_CARD_CYCLES; off += 8) CHECK_EQ(rd64(rs[0], off), 0, what);
}

void check_level(const Rec &r, uint16_t ch, uint8_t flags, uint64_t seq, int64_t price, int64_t qty, const char *what) {
    check_head(r, SLIPWAY_MD_TYPE_BOOK_LEVEL, ch, flags, what);
    CHECK_EQ(rd64(r, SLIPWAY_MD_SEQUENCE), seq, what);
    CHECK_EQ(rd64(r, SLIPWAY_MD_PRICE_0), price, what);
    CHECK_EQ(rd64(r, SLIPWAY_MD_QTY_0), qty, what);
    CHECK_EQ(rd64(r, SLIPWAY_MD_PRICE_1), 0, what);
    CHECK_EQ(rd64(r, SLIPWAY_MD_QTY_1), 0, what);
    CHECK_EQ(rd64(r, SLIPWAY_MD_EVENT_TIME_US), 1723075200200000ULL, what);
}

}  // namespace

int main(int argc, char **argv) {
    Verilated::commandArgs(argc, argv);
    Tb tb;
    tb.reset();
    const uint16_t ch = 0x13;
    const uint8_t BID = SLIPWAY_MD_FLAG_BID, SNAP = SLIPWAY_MD_FLAG_SNAPSHOT;

    // ---- best bid/ask --------------------------------------------------------------------
    int lat_bbo = tb.latency(bbo(7, -2, -6, 5601234, 1250000, 5601235, 7000).frame(ch));
    CHECK(tb.records.size() == 1, "one BBO record");
    if (!tb.records.empty()) {
        const Rec &r = tb.records[0];
        check_head(r, SLIPWAY_MD_TYPE_BBO, ch, 0, "bbo");
        CHECK_EQ(rd64(r, SLIPWAY_MD_SEQUENCE), 7, "bbo seq");
        CHECK_EQ(rd64(r, SLIPWAY_MD_PRICE_0), 5601234, "bbo bid");
        CHECK_EQ(rd64(r, SLIPWAY_MD_QTY_0), 1250000, "bbo bid qty");
        CHECK_EQ(rd64(r, SLIPWAY_MD_PRICE_1), 5601235, "bbo ask");
        CHECK_EQ(rd64(r, SLIPWAY_MD_QTY_1), 7000, "bbo ask qty");
        CHECK_EQ(rd64(r, SLIPWAY_MD_EVENT_TIME_US), 1723075200123456ULL, "bbo event time");
    }
    tb.top->bbo_rd_channel = ch;
    tb.tick();
    CHECK_EQ(tb.top->bbo_rd_bid, 5601234, "bbo table bid");
    CHECK_EQ(tb.top->bbo_rd_ask, 5601235, "bbo table ask");
    // venue exponent -8 divided exactly; a longer root block is skipped
    {
        std::vector<Rec> rs = tb.run(bbo(8, -8, -8, 5601234000000LL, 125000000LL, -5601235000000LL, 700, 77).frame(ch));
        CHECK(rs.size() == 1, "bbo -8");
        if (rs.size() == 1) {
            CHECK_EQ(rd64(rs[0], SLIPWAY_MD_PRICE_0), 5601234, "bbo -8 bid");
            CHECK_EQ(rd64(rs[0], SLIPWAY_MD_QTY_0), 1250000, "bbo -8 bid qty");
            CHECK_EQ(rd64(rs[0], SLIPWAY_MD_PRICE_1), (uint64_t)-5601235LL, "bbo -8 ask");
            CHECK_EQ(rd64(rs[0], SLIPWAY_MD_QTY_1), 7, "bbo -8 ask qty");
        }
    }

    // ---- depth snapshot, then diffs: overlap, chain, gap ----------------------------------
    int lat_snap = tb.latency(depth(false, 1000, 1000, -8, -8, {{5600000000000LL, 100000000}, {5599000000000LL, 2}},
                                    {{5601000000000LL, 300}}).frame(ch));
    // qty 2 at -8 does not divide into -6: the snapshot above must have been dropped as a whole
    CHECK(rd16(tb.records.back(), SLIPWAY_MD_TYPE) == SLIPWAY_MD_TYPE_FEED_STATUS, "inexact snapshot dropped");
    size_t n0 = tb.records.size();
    tb.latency(depth(false, 1000, 1000, -8, -8, {{5600000000000LL, 100000000}}, {{5601000000000LL, 300}}).frame(ch));
    CHECK_EQ(tb.records.size() - n0, 2, "snapshot records");
    if (tb.records.size() - n0 == 2) {
        check_level(tb.records[n0], ch, BID | SNAP, 1000, 5600000, 1000000, "snap bid");
        check_level(tb.records[n0 + 1], ch, SNAP, 1000, 5601000, 3, "snap ask");
    }
    // first diff overlaps the snapshot (999 <= 1001 <= 1005): no gap
    {
        std::vector<Rec> rs = tb.run(depth(true, 999, 1005, -2, -6, {{5600001, 5}}, {}).frame(ch));
        CHECK(rs.size() == 1, "overlapping diff: %zu records", rs.size());
        if (rs.size() == 1) check_level(rs[0], ch, BID, 1005, 5600001, 5, "overlapping diff");
    }
    // chained diff: no gap; latency measured with one bid, one ask
    int lat_diff = tb.latency(depth(true, 1006, 1010, -2, -6, {{5600002, 6}}, {{5600100, 7}}).frame(ch));
    CHECK(rd16(tb.records[tb.records.size() - 2], SLIPWAY_MD_TYPE) == SLIPWAY_MD_TYPE_BOOK_LEVEL, "chained diff: no gap");
    // a diff with a bad mantissa in its last level: dropped whole, sequence state unchanged
    check_error(tb.run(depth(true, 1011, 1012, -8, -8, {{5600000000000LL, 100}}, {{5600000000001LL, 100}}).frame(ch)),
                ch, "bad last level");
    {
        std::vector<Rec> rs = tb.run(depth(true, 1011, 1013, -2, -6, {}, {{5600300, 1}, {5600400, 2}}).frame(ch));
        CHECK(rs.size() == 2, "diff after a dropped one chains from the last good diff: %zu records", rs.size());
        if (rs.size() == 2) check_level(rs[1], ch, 0, 1013, 5600400, 2, "ask 1");
    }
    // a gap: FEED_STATUS GAP (sequence = first id, event time) before the levels
    {
        uint32_t gaps = tb.gap_strobes;
        std::vector<Rec> rs = tb.run(depth(true, 1020, 1022, -2, -6, {{1, 1}}, {{2, 2}}).frame(ch));
        CHECK(rs.size() == 3, "gap: %zu records", rs.size());
        if (rs.size() == 3) {
            check_head(rs[0], SLIPWAY_MD_TYPE_FEED_STATUS, ch, SLIPWAY_MD_FLAG_GAP, "gap record");
            CHECK_EQ(rd64(rs[0], SLIPWAY_MD_SEQUENCE), 1020, "gap sequence");
            CHECK_EQ(rd64(rs[0], SLIPWAY_MD_EVENT_TIME_US), 1723075200200000ULL, "gap event time");
            check_level(rs[1], ch, BID, 1022, 1, 1, "gap bid");
        }
        CHECK_EQ(tb.gap_strobes - gaps, 1, "gap strobe");
    }
    // a gap in a frame that is then dropped: no gap record, no strobe
    {
        uint32_t gaps = tb.gap_strobes;
        check_error(tb.run(depth(true, 1030, 1031, -2, -6, {{1, 1}}, {}).frame(ch, 1)), ch, "gap in a bad frame");
        CHECK_EQ(tb.gap_strobes - gaps, 0, "no gap strobe for a dropped frame");
        CHECK_EQ(tb.run(depth(true, 1023, 1024, -2, -6, {}, {}).frame(ch)).size(), 0, "chains after the drop: empty diff");
    }
    // entries longer than the schema's are skipped by their block length
    {
        std::vector<Rec> rs = tb.run(depth(true, 1025, 1026, -2, -6, {{3, 4}, {5, 6}}, {{7, 8}}, 21).frame(ch));
        CHECK(rs.size() == 3, "entry length 21: %zu records", rs.size());
        if (rs.size() == 3) check_level(rs[2], ch, 0, 1026, 7, 8, "entry length 21, ask");
    }

    // Back-to-back wire diffs on one channel, 0 to 3 idle cycles between frames: each diff's
    // sequence check must see the frame before it committed (the decoder reads the sequence state
    // two cycles ahead, with the commits of those cycles bypassed in). The frame after a gap
    // chains from the gapped frame.
    for (int spacing = 0; spacing < 4; spacing++) {
        const uint16_t cb = (uint16_t)(0x25 + spacing);
        const uint64_t ids[4][2] = {{3000, 3001}, {3002, 3003}, {3010, 3011}, {3012, 3013}};
        size_t before = tb.records.size();
        uint32_t gaps = tb.gap_strobes;
        for (int i = 0; i < 4; i++) {
            Frame f = depth(true, ids[i][0], ids[i][1], -2, -6, {{5600000 + i, 1}}, {}).frame(cb);
            f.wire = true;
            tb.send(f);
            tb.idle(spacing);
        }
        tb.idle(200);
        std::vector<Rec> rs(tb.records.begin() + before, tb.records.end());
        CHECK(rs.size() == 5, "back-to-back diffs: %zu records", rs.size());
        if (rs.size() == 5) {
            check_level(rs[0], cb, BID, 3001, 5600000 + 0, 1, "back-to-back diff 0");
            check_level(rs[1], cb, BID, 3003, 5600000 + 1, 1, "back-to-back diff 1 chains");
            check_head(rs[2], SLIPWAY_MD_TYPE_FEED_STATUS, cb, SLIPWAY_MD_FLAG_GAP, "back-to-back diff 2 gap");
            CHECK_EQ(rd64(rs[2], SLIPWAY_MD_SEQUENCE), 3010, "back-to-back gap sequence");
            check_level(rs[3], cb, BID, 3011, 5600000 + 2, 1, "back-to-back diff 2");
            check_level(rs[4], cb, BID, 3013, 5600000 + 3, 1, "back-to-back diff 3 chains");
        }
        CHECK_EQ(tb.gap_strobes - gaps, 1, "back-to-back diffs: one gap strobe");
    }

    // ---- trades ------------------------------------------------------------------------
    int lat_trades = tb.latency(trades(-8, -8, {{42, 5600000000000LL, 1000000, true}, {43, 5600100000000LL, 200, false}}).frame(ch));
    {
        std::vector<Rec> rs(tb.records.end() - 2, tb.records.end());
        check_head(rs[0], SLIPWAY_MD_TYPE_TRADE, ch, SLIPWAY_MD_FLAG_BUYER_MAKER, "trade 0");
        CHECK_EQ(rd64(rs[0], SLIPWAY_MD_SEQUENCE), 42, "trade id");
        CHECK_EQ(rd64(rs[0], SLIPWAY_MD_PRICE_0), 5600000, "trade price");
        CHECK_EQ(rd64(rs[0], SLIPWAY_MD_QTY_0), 10000, "trade qty");
        CHECK_EQ(rd64(rs[0], SLIPWAY_MD_EVENT_TIME_US), 1723075200300000ULL, "trade event time");
        check_head(rs[1], SLIPWAY_MD_TYPE_TRADE, ch, 0, "trade 1");
        CHECK_EQ(rd64(rs[1], SLIPWAY_MD_QTY_0), 2, "trade 1 qty");
    }
    CHECK_EQ(tb.run(trades(-2, -6, {}).frame(ch)).size(), 0, "no trades, no records");

    // ---- wire-length message: 80 levels, 1 KiB+ -----------------------------------------
    {
        std::vector<Level> bids;
        for (int i = 0; i < 80; i++) bids.push_back({5600000 - i, i + 1});
        Frame f = depth(false, 2000, 2000, -2, -6, bids, {}).frame(0x21);
        f.wire = true;
        std::vector<Rec> rs = tb.run(f);
        CHECK(rs.size() == 80, "wire snapshot: %zu records", rs.size());
        if (rs.size() == 80) check_level(rs[79], 0x21, BID | SNAP, 2000, 5600000 - 79, 80, "wire level 79");
        f.wire = false;
        check_error(tb.run(f), 0x21, "same message on the lookaside path: LENGTH over 496");
        f.wire = true;
        f.abort = true;
        CHECK_EQ(tb.run(f).size(), 0, "aborted frame: no record");
    }

    // ---- malformed ---------------------------------------------------------------------
    struct Bad { const char *what; Frame f; };
    std::vector<Bad> bad;
    Msg good = bbo(9, -2, -6, 1, 1, 2, 2);
    { Msg m = good; m.m[4] = 2; bad.push_back({"wrong schema id", m.frame(ch)}); }
    { Msg m = good; m.m[6] = 1; bad.push_back({"wrong schema version", m.frame(ch)}); }
    { Msg m = good; put16(m.m.data() + 2, 9999); bad.push_back({"unknown template", m.frame(ch)}); }
    { Msg m = good; put16(m.m.data(), 49); bad.push_back({"short block length", m.frame(ch)}); }
    bad.push_back({"exponent -1 (coarser)", bbo(9, -1, -6, 1, 1, 2, 2).frame(ch)});
    bad.push_back({"exponent -25", bbo(9, -2, -25, 1, 1, 2, 2).frame(ch)});
    bad.push_back({"channel 128", good.frame(0x80)});
    bad.push_back({"LENGTH cuts the symbol", good.frame(ch, -3)});
    bad.push_back({"trailing byte", good.frame(ch, 1, 1)});
    bad.push_back({"tlast before LENGTH bytes", good.frame(ch, 0, -1)});
    bad.push_back({"truncated in the root block", good.frame(ch, 0, -5)});
    bad.push_back({"LENGTH 4", good.frame(ch, 4 - (int)good.m.size())});
    bad.push_back({"slot header only", good.frame(ch, 0, 2 - (int)good.frame(ch).beats)});
    { Msg m = depth(true, 1, 2, -2, -6, {{1, 1}}, {}, 0); bad.push_back({"group block length 0", m.frame(ch)}); }
    { Msg m = depth(true, 1, 2, -2, -6, {{1, 1}}, {}); put16(m.m.data() + 36, 5); bad.push_back({"group count past the frame", m.frame(ch)}); }
    { Msg m = trades(-2, -6, {{1, 1, 1, false}}, 24); bad.push_back({"trade block length 24", m.frame(ch)}); }
    { Msg m = trades(-2, -6, {{1, 1, 1, false}}); put32(m.m.data() + 28, 0xFFFFFFFFu); bad.push_back({"trade count 2^32-1", m.frame(ch)}); }
    { Msg m = depth(false, 1, 1, -2, -6, {}, {}); m.m.resize(m.m.size() - 9); bad.push_back({"snapshot cut in its ask group header", m.frame(ch)}); }
    for (const Bad &b : bad) {
        uint32_t errors = tb.error_strobes;
        check_error(tb.run(b.f), ch == 0 ? 0 : (rd16(b.f.bytes, 0)), b.what);
        CHECK(tb.error_strobes == errors + 1, "%s: decode_error strobes %u", b.what, tb.error_strobes - errors);
    }
    tb.top->bbo_rd_channel = ch;
    tb.tick();
    CHECK_EQ(tb.top->bbo_rd_bid, 5601234, "bbo table unchanged by dropped frames");

    // ---- backpressure: output held, frames keep coming, order kept ----------------------
    tb.records.clear();
    tb.top->m_rec_ready = 0;
    const int n = 300;
    bool stalled = false;
    for (int i = 0; i < n; i++) {
        Frame f = bbo(1000 + i, -2, -6, 100 + i, 1, 200 + i, 1).frame((uint16_t)(i % 128));
        for (uint32_t k = 0; k < f.beats; k++) {
            tb.top->s_tdata = get64(f.bytes.data() + 8 * k);
            tb.top->s_tlast = k + 1 == f.beats;
            tb.top->s_tuser = 0;
            tb.top->s_tvalid = 1;
            int waited = 0;
            while (!tb.top->s_tready) {
                stalled = true;
                if (++waited == 50) tb.top->m_rec_ready = 1;
                tb.tick();
            }
            tb.tick();
        }
        tb.top->s_tvalid = 0;
        tb.top->s_tlast = 0;
    }
    tb.top->m_rec_ready = 1;
    tb.idle(40);
    CHECK(stalled, "tready never dropped under backpressure");
    CHECK_EQ(tb.records.size(), (size_t)n, "records after backpressure");
    for (size_t i = 0; i < tb.records.size() && i < (size_t)n; i++) {
        CHECK_EQ(rd64(tb.records[i], SLIPWAY_MD_SEQUENCE), 1000 + i, "order under backpressure");
    }

    // ---- status tokens: one FEED_STATUS record each, in stream order, between frames ------
    {
        tb.records.clear();
        uint32_t ends_before = tb.frame_ends;
        tb.send(bbo(7001, -2, -6, 1, 1, 2, 2).frame(ch));
        uint64_t bbo_stamp = tb.last_stamp;
        // STALE for channel 0x33, entry 5, then RECOVERED for it, then another frame right behind
        const uint64_t tokens[2] = {0x5A000000ull | 0x08u << 16 | 5u << 8 | 0x33u, 0x5A000000ull | 0x40u << 16 | 5u << 8 | 0x33u};
        for (int k = 0; k < 2; k++) {
            tb.top->s_tdata = tokens[k] & 0xFFFFFF;
            tb.top->s_tlast = 1;
            tb.top->s_tuser = 5;
            tb.top->s_tstamp = 0x7700 + k;
            tb.top->s_tvalid = 1;
            for (int guard = 0; !tb.top->s_tready && guard < 1000; guard++) tb.tick();
            tb.tick();
            tb.top->s_tvalid = 0;
            tb.top->s_tlast = 0;
            tb.top->s_tuser = 0;
        }
        tb.send(bbo(7002, -2, -6, 1, 1, 2, 2).frame(ch));
        uint64_t next_stamp = tb.last_stamp;
        tb.idle(40);
        CHECK_EQ(tb.records.size(), 4, "a frame, two status records, a frame");
        if (tb.records.size() == 4) {
            CHECK_EQ(rd64(tb.records[0], SLIPWAY_MD_SEQUENCE), 7001, "frame before the tokens");
            CHECK_EQ(rd64(tb.records[0], SLIPWAY_MD_CARD_CYCLES), bbo_stamp, "its stamp");
            const uint8_t flags[2] = {SLIPWAY_MD_FLAG_STALE, SLIPWAY_MD_FLAG_RECOVERED};
            for (int k = 0; k < 2; k++) {
                const Rec &r = tb.records[1 + k];
                check_head(r, SLIPWAY_MD_TYPE_FEED_STATUS, 0x33, flags[k], "status token");
                CHECK_EQ(rd64(r, SLIPWAY_MD_SEQUENCE), 5, "status record: the subscription entry");
                for (unsigned off = SLIPWAY_MD_PRICE_0; off < SLIPWAY_MD_CARD_CYCLES; off += 8) CHECK_EQ(rd64(r, off), 0, "status record");
                CHECK_EQ(rd64(r, SLIPWAY_MD_CARD_CYCLES), 0x7700u + k, "status record: the token's stamp");
            }
            CHECK_EQ(rd64(tb.records[3], SLIPWAY_MD_SEQUENCE), 7002, "frame after the tokens");
            CHECK_EQ(rd64(tb.records[3], SLIPWAY_MD_CARD_CYCLES), next_stamp, "its stamp");
        }
        CHECK_EQ(tb.frame_ends - ends_before, 2, "frame_end strobes for messages, not tokens");
    }

    // ---- sustained rate: back-to-back frames, no idle cycle between them ----------------
    tb.records.clear();
    std::vector<Frame> burst;
    uint64_t beats = 0;
    for (int i = 0; i < 200; i++) {
        burst.push_back(i % 2 ? bbo(i, -2, -6, 1, 1, 2, 2).frame(ch)
                              : depth(true, 5000 + 2 * i, 5000 + 2 * i + 3, -2, -6, {{1, 1}, {2, 2}}, {{3, 3}}).frame(0x22));
        beats += burst.back().beats;
    }
    uint64_t start = tb.edges;
    for (const Frame &f : burst) tb.send(f);
    uint64_t took = tb.edges - start;
    tb.idle(40);
    CHECK_EQ(tb.records.size(), 100 + 100 * 3, "records from the burst");
    double per_cycle = (double)beats / (double)took;
    CHECK(per_cycle > 0.8, "sustained %.3f beats per cycle", per_cycle);

    int rc = tb_finish("tb_slipway_sbe_decode");
    std::printf("  latency, edge sampling the last beat to first record at the output: BBO %d, snapshot %d, "
                "diff %d, trades %d cycles\n", lat_bbo, lat_snap, lat_diff, lat_trades);
    std::printf("  sustained: %llu beats in %llu cycles (%.3f beats/cycle), back-to-back BBO and diff frames\n",
                (unsigned long long)beats, (unsigned long long)took, per_cycle);
    return rc;
}
