// Bench: the BestBidAsk ingress decoder alone (slipway_ingress_bbo): record layout, latency from
// the last beat to the record, every reason a frame is dropped, exponents, block-length
// extension, backpressure with order kept, tvalid gaps, BBO table and counter strobes.
#include <cstring>
#include <deque>
#include <vector>

#include "Vslipway_ingress_bbo.h"
#include "slipway_nic.h"
#include "tb_common.h"

namespace {

struct Frame {
    uint8_t slot[SLIPWAY_INGRESS_SLOT_SIZE];
    uint32_t beats;  // beats carrying the slot header and message
};

void put16(uint8_t *p, uint16_t v) { p[0] = v & 0xFF; p[1] = v >> 8; }
void put64(uint8_t *p, uint64_t v) { for (int i = 0; i < 8; i++) p[i] = (uint8_t)(v >> (8 * i)); }
uint64_t get64(const uint8_t *p) {
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--) v = v << 8 | p[i];
    return v;
}

struct Bbo {
    uint16_t channel = 0x13;
    uint16_t block_length = 50;
    uint16_t template_id = SLIPWAY_SBE_TEMPLATE_BEST_BID_ASK;
    uint16_t schema_id = SLIPWAY_SBE_SCHEMA_ID;
    uint16_t version = SLIPWAY_SBE_SCHEMA_VERSION;
    int64_t event_time = 1723075200123456LL;
    uint64_t update_id = 49000000001ULL;
    int8_t price_exp = -2, qty_exp = -6;
    int64_t bid_price = 5601234, bid_qty = 1250000, ask_price = 5601235, ask_qty = 7000;
    const char *symbol = "BTCUSDT";
    int length_adjust = 0;  // added to the slot LENGTH field only
    int beats_adjust = 0;   // added to the number of beats sent

    Frame encode() const {
        Frame f;
        std::memset(f.slot, 0xA5, sizeof f.slot);  // the unused tail of a slot is not zeroed
        uint8_t *m = f.slot + SLIPWAY_INGRESS_PAYLOAD;
        put16(m + 0, block_length);
        put16(m + 2, template_id);
        put16(m + 4, schema_id);
        put16(m + 6, version);
        uint8_t *root = m + 8;
        std::memset(root, 0, block_length);
        put64(root + 0, (uint64_t)event_time);
        put64(root + 8, update_id);
        root[16] = (uint8_t)price_exp;
        root[17] = (uint8_t)qty_exp;
        put64(root + 18, (uint64_t)bid_price);
        put64(root + 26, (uint64_t)bid_qty);
        put64(root + 34, (uint64_t)ask_price);
        put64(root + 42, (uint64_t)ask_qty);
        uint8_t *sym = root + block_length;
        size_t n = std::strlen(symbol);
        sym[0] = (uint8_t)n;
        std::memcpy(sym + 1, symbol, n);
        uint32_t length = 8 + block_length + 1 + (uint32_t)n;
        put16(f.slot + SLIPWAY_INGRESS_CHANNEL, channel);
        put16(f.slot + SLIPWAY_INGRESS_LENGTH, (uint16_t)(length + length_adjust));
        std::memset(f.slot + SLIPWAY_INGRESS_RESERVED, 0, 4);
        put64(f.slot + SLIPWAY_INGRESS_HOST_TAG, 0x0123456789ABCDEFULL);
        f.beats = (SLIPWAY_INGRESS_PAYLOAD + length + 7) / 8 + beats_adjust;
        return f;
    }
};

struct Tb {
    std::unique_ptr<VerilatedContext> context{new VerilatedContext};
    std::unique_ptr<Vslipway_ingress_bbo> top{new Vslipway_ingress_bbo{context.get()}};
    uint64_t edges = 0;
    std::vector<std::vector<uint8_t>> records;
    uint32_t md_strobes = 0, error_strobes = 0;

    Tb() {
        top->clk = 0;
        top->rst = 0;
        top->s_tvalid = 0;
        top->s_tlast = 0;
        top->s_tdata = 0;
        top->s_tkeep = 0xFF;
        top->m_rec_ready = 1;
        top->cycles = 0;
        top->bbo_rd_channel = 0;
        top->eval();
    }
    ~Tb() { top->final(); }

    // One rising edge; a record at the FIFO output with m_rec_ready high is taken by it.
    void tick() {
        bool take = top->m_rec_valid && top->m_rec_ready;
        std::vector<uint8_t> rec(64);
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
        top->cycles = edges;
        if (take) records.push_back(rec);
        md_strobes += top->md_record;
        error_strobes += top->decode_error;
    }

    void reset() {
        top->rst = 1;
        for (int i = 0; i < 4; i++) tick();
        top->rst = 0;
    }

    // Sends a frame, waiting on tready; gap inserts idle cycles between beats.
    void send(const Frame &f, int gap = 0) {
        for (uint32_t b = 0; b < f.beats; b++) {
            top->s_tdata = get64(f.slot + 8 * b);
            top->s_tlast = b + 1 == f.beats;
            top->s_tvalid = 1;
            for (int guard = 0; !top->s_tready && guard < 1000; guard++) tick();
            tick();
            top->s_tvalid = 0;
            top->s_tlast = 0;
            for (int i = 0; i < gap; i++) tick();
        }
    }

    void idle(int n) { for (int i = 0; i < n; i++) tick(); }
};

uint16_t rd16(const std::vector<uint8_t> &r, int off) { return (uint16_t)(r[off] | r[off + 1] << 8); }
uint64_t rd64(const std::vector<uint8_t> &r, int off) { return get64(r.data() + off); }

void check_bbo(const std::vector<uint8_t> &r, const Bbo &m, const char *what) {
    CHECK(rd16(r, SLIPWAY_MD_TYPE) == SLIPWAY_MD_TYPE_BBO, "%s: type %u", what, rd16(r, SLIPWAY_MD_TYPE));
    CHECK_EQ(rd16(r, SLIPWAY_MD_CHANNEL), m.channel, what);
    CHECK_EQ(rd16(r, SLIPWAY_MD_INSTRUMENT), m.channel & SLIPWAY_CHANNEL_INSTRUMENT_MASK, what);
    CHECK_EQ(r[SLIPWAY_MD_VENUE], m.channel >> SLIPWAY_CHANNEL_VENUE_SHIFT, what);
    CHECK_EQ(r[SLIPWAY_MD_FLAGS], 0, what);
    CHECK_EQ(rd64(r, SLIPWAY_MD_SEQUENCE), m.update_id, what);
    CHECK_EQ(rd64(r, SLIPWAY_MD_PRICE_0), m.bid_price, what);
    CHECK_EQ(rd64(r, SLIPWAY_MD_QTY_0), m.bid_qty, what);
    CHECK_EQ(rd64(r, SLIPWAY_MD_PRICE_1), m.ask_price, what);
    CHECK_EQ(rd64(r, SLIPWAY_MD_QTY_1), m.ask_qty, what);
    CHECK_EQ(rd64(r, SLIPWAY_MD_EVENT_TIME_US), m.event_time, what);
}

void check_status(const std::vector<uint8_t> &r, uint16_t channel, const char *what) {
    CHECK(rd16(r, SLIPWAY_MD_TYPE) == SLIPWAY_MD_TYPE_FEED_STATUS, "%s: type %u", what, rd16(r, SLIPWAY_MD_TYPE));
    CHECK_EQ(rd16(r, SLIPWAY_MD_CHANNEL), channel, what);
    CHECK_EQ(r[SLIPWAY_MD_FLAGS], SLIPWAY_MD_FLAG_DECODE_ERROR, what);
    for (unsigned off = SLIPWAY_MD_SEQUENCE; off < SLIPWAY_MD_CARD_CYCLES; off += 8) {
        CHECK_EQ(rd64(r, off), 0, what);
    }
}

// Sends one frame and returns its one record (checks there is exactly one).
std::vector<uint8_t> one(Tb &tb, const Bbo &m) {
    size_t before = tb.records.size();
    tb.send(m.encode());
    tb.idle(8);
    CHECK(tb.records.size() == before + 1, "expected one record, got %zu", tb.records.size() - before);
    return tb.records.size() > before ? tb.records.back() : std::vector<uint8_t>(64);
}

}  // namespace

int main(int argc, char **argv) {
    Verilated::commandArgs(argc, argv);
    Tb tb;
    tb.reset();

    // latency: edges from the one sampling the last beat until the record is at the output
    Bbo m;
    Frame f = m.encode();
    tb.top->m_rec_ready = 0;
    tb.send(f);
    uint64_t last_edge = tb.edges;
    while (!tb.top->m_rec_valid && tb.edges < last_edge + 64) tb.tick();
    int latency = (int)(tb.edges - last_edge) + 1;
    CHECK(tb.top->m_rec_valid, "no record");
    CHECK(latency <= 12, "latency %d cycles", latency);
    tb.top->m_rec_ready = 1;
    tb.idle(2);
    CHECK_EQ(tb.records.size(), 1, "records after the first frame");
    check_bbo(tb.records[0], m, "first frame");
    // stamped with the cycle count the assembling stage samples, four edges after the last beat
    // (capture, three rescale stages)
    CHECK_EQ(rd64(tb.records[0], SLIPWAY_MD_CARD_CYCLES), last_edge + 3, "card cycles");

    // BBO table entry for that channel
    tb.top->bbo_rd_channel = m.channel;
    tb.tick();
    CHECK_EQ(tb.top->bbo_rd_bid, m.bid_price, "bbo table bid");
    CHECK_EQ(tb.top->bbo_rd_ask, m.ask_price, "bbo table ask");

    // a later schema may append root fields: a longer block is skipped, the symbol follows it
    Bbo longer;
    longer.block_length = 77;
    longer.update_id = 2;
    check_bbo(one(tb, longer), longer, "blockLength 77");
    // zero mantissas pass with any exponent, as 0 is exact in every scale
    Bbo zero;
    zero.price_exp = -8;
    zero.bid_price = zero.ask_price = 0;
    zero.qty_exp = -3;
    zero.bid_qty = zero.ask_qty = 0;
    check_bbo(one(tb, zero), zero, "zero mantissas, other exponents");
    // the venue's exponent, -8: divided into the scale when exact
    Bbo venue;
    venue.price_exp = -8;
    venue.qty_exp = -8;
    venue.bid_price = 5601234000000LL;
    venue.bid_qty = 125000000LL;
    venue.ask_price = -5601235000000LL;
    venue.ask_qty = 700LL;
    {
        std::vector<uint8_t> r = one(tb, venue);
        Bbo want = venue;
        want.bid_price = 5601234;
        want.bid_qty = 1250000;
        want.ask_price = -5601235;
        want.ask_qty = 7;
        check_bbo(r, want, "exponent -8, exact");
    }
    // negative mantissas and the widest channel
    Bbo neg;
    neg.channel = 0x7F;
    neg.bid_price = -5;
    neg.ask_price = INT64_MAX;
    neg.bid_qty = INT64_MIN;
    check_bbo(one(tb, neg), neg, "negative and extreme mantissas");
    // the longest root block whose message still fits a slot
    Bbo widest;
    widest.block_length = 480;
    widest.symbol = "";
    check_bbo(one(tb, widest), widest, "blockLength 480");
    // empty symbol
    Bbo nosym;
    nosym.symbol = "";
    check_bbo(one(tb, nosym), nosym, "empty symbol");

    struct Bad {
        const char *what;
        Bbo m;
    };
    std::vector<Bad> bad;
    { Bbo b; b.schema_id = 2; bad.push_back({"wrong schema id", b}); }
    { Bbo b; b.version = 1; bad.push_back({"wrong schema version", b}); }
    { Bbo b; b.template_id = 10000; bad.push_back({"trades template", b}); }
    { Bbo b; b.template_id = 9999; bad.push_back({"unknown template", b}); }
    { Bbo b; b.block_length = 49; bad.push_back({"short blockLength", b}); }
    { Bbo b; b.price_exp = -8; bad.push_back({"price exponent -8, not exact", b}); }
    { Bbo b; b.qty_exp = -8; b.ask_qty = 7001; bad.push_back({"qty exponent -8, not exact", b}); }
    { Bbo b; b.qty_exp = -25; bad.push_back({"qty exponent -25", b}); }
    { Bbo b; b.price_exp = -1; bad.push_back({"price exponent -1", b}); }
    { Bbo b; b.channel = 0x80; bad.push_back({"channel 128", b}); }
    { Bbo b; b.length_adjust = -3; b.beats_adjust = 0; bad.push_back({"LENGTH cuts the symbol", b}); }
    { Bbo b; b.length_adjust = 1; bad.push_back({"trailing byte", b}); }
    { Bbo b; b.beats_adjust = -1; bad.push_back({"tlast before LENGTH bytes", b}); }
    { Bbo b; b.beats_adjust = -8; bad.push_back({"truncated in the root block", b}); }
    { Bbo b; b.length_adjust = 496 - 66; bad.push_back({"LENGTH 496, no symbol there", b}); }
    { Bbo b; b.length_adjust = 500 - 66; b.beats_adjust = 0; bad.push_back({"LENGTH over 496", b}); }
    { Bbo b; b.length_adjust = -62; bad.push_back({"LENGTH 4", b}); }
    for (const Bad &b : bad) {
        uint32_t errors = tb.error_strobes;
        Frame bf = b.m.encode();
        if (bf.beats > 64) bf.beats = 64;
        size_t before = tb.records.size();
        tb.send(bf);
        tb.idle(8);
        CHECK(tb.records.size() == before + 1, "%s: %zu records", b.what, tb.records.size() - before);
        if (tb.records.size() == before + 1) check_status(tb.records.back(), b.m.channel, b.what);
        CHECK(tb.error_strobes == errors + 1, "%s: decode_error strobes %u", b.what, tb.error_strobes - errors);
    }
    // a dropped frame leaves the table alone
    tb.top->bbo_rd_channel = m.channel;
    tb.tick();
    CHECK_EQ(tb.top->bbo_rd_bid, nosym.bid_price, "bbo table bid after drops");

    // backpressure: the output stalls, frames keep coming; none lost, order kept, then a
    // decoder that resumes with beats arriving every other cycle
    tb.records.clear();
    tb.top->m_rec_ready = 0;
    const int n = 40;
    std::deque<Bbo> sent;
    bool stalled = false;
    for (int i = 0; i < n; i++) {
        Bbo b;
        b.channel = (uint16_t)(i % 128);
        b.update_id = 1000 + i;
        b.bid_price = 100 + i;
        b.ask_price = 200 + i;
        sent.push_back(b);
        Frame bf = b.encode();
        for (uint32_t k = 0; k < bf.beats; k++) {
            tb.top->s_tdata = get64(bf.slot + 8 * k);
            tb.top->s_tlast = k + 1 == bf.beats;
            tb.top->s_tvalid = 1;
            int waited = 0;
            while (!tb.top->s_tready) {
                stalled = true;
                if (++waited == 50) tb.top->m_rec_ready = 1;  // release the output
                tb.tick();
            }
            tb.tick();
            tb.top->s_tvalid = 0;
            tb.top->s_tlast = 0;
            if (i >= n / 2) tb.tick();  // gaps between beats
        }
    }
    tb.top->m_rec_ready = 1;
    tb.idle(20);
    CHECK(stalled, "tready never dropped under backpressure");
    CHECK_EQ(tb.records.size(), (size_t)n, "records after backpressure");
    for (size_t i = 0; i < tb.records.size() && i < sent.size(); i++) check_bbo(tb.records[i], sent[i], "backpressure");

    CHECK_EQ(tb.md_strobes, 7 + bad.size() + n, "md_record strobes");
    CHECK_EQ(tb.error_strobes, bad.size(), "decode_error strobes");

    int rc = tb_finish("tb_slipway_ingress_bbo");
    std::printf("  ingress BBO latency: %d cycles (edge sampling the last beat to record at the FIFO output)\n", latency);
    return rc;
}
