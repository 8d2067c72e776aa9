// Bench: the risk gate alone (slipway_risk_gate): fixed latency from descriptor to verdict, one
// order per cycle sustained, back-to-back orders that depend on each other (duplicate id through
// the forwarded bucket, position, throttle), exposure records, the completion record layout, and
// back-pressure from a stalled completion ring (input stalls, nothing dropped). Each bypass of
// the commit loop has its own case (both sides back to back, an exposure record beside a commit,
// a limit written mid-stream, bucket eviction), and a randomized run compares back-to-back
// streams with a sequential model of ReferenceCard's gate.
#include <cstring>
#include <deque>
#include <vector>

#include "Vslipway_risk_gate.h"
#include "slipway_nic.h"
#include "tb_common.h"

namespace {

struct Order {
    uint8_t venue = 1, side = SLIPWAY_SIDE_BUY, type = SLIPWAY_ORD_TYPE_LIMIT, action = SLIPWAY_ORD_ACTION_NEW;
    uint16_t instrument = 1, message_length = 16;
    uint64_t id = 1;
    int64_t price = 6183800, qty = 100;
    uint64_t tag = 0;
    uint16_t length = 64 + 16;  // slot length
};

struct Completion {
    uint16_t type, reason;
    uint8_t venue, side;
    uint16_t instrument;
    uint64_t id, tag;
    int64_t price, qty, ref;
    uint64_t cin, cout;
};

struct Gate {
    std::unique_ptr<VerilatedContext> context{new VerilatedContext};
    std::unique_ptr<Vslipway_risk_gate> top{new Vslipway_risk_gate{context.get()}};
    uint64_t cycle = 0;
    int64_t bid[128] = {0}, ask[128] = {0};
    std::deque<Completion> completions;
    int vrd_count = 0;

    Gate() {
        top->clk = 0;
        top->rst = 1;
        top->s_desc_valid = 0;
        top->s_desc_marker = 0;
        top->s_desc_trigger = 0;
        top->s_desc_slot = 0;
        top->s_exp_valid = 0;
        top->m_cmp_ready = 1;
        top->m_vrd_ready = 1;
        top->kill = 0;
        top->venue_enable = 0xFF;
        top->instrument_enable = 0xFFFF;
        top->collar_bps = 50;
        top->max_qty = 5000000;
        top->max_notional = 100000000000000ULL;
        top->throttle_burst = 1000000;
        top->throttle_refill = 0;
        top->max_position = 1000000000;
        top->throttle_burst_written = 0;
        top->throttle_refill_written = 0;
        for (int i = 0; i < 4; i++) tick();
        top->rst = 0;
        top->throttle_burst_written = 1;
        tick();
        top->throttle_burst_written = 0;
        while (!top->s_desc_ready && cycle < 4096) tick();
    }

    ~Gate() { top->final(); }

    // One rising edge; the BBO table model answers the channel sampled at the edge one cycle
    // later, as the card's table does; completions are taken while m_cmp_ready is high.
    void tick() {
        top->cycles = cycle;
        top->eval();  // settle inputs set since the last edge (the BBO channel is combinational)
        uint8_t channel = top->bbo_rd_channel;
        bool take = top->m_cmp_valid && top->m_cmp_ready;
        if (take) {
            Completion c;
            uint8_t b[64];
            for (int w = 0; w < 16; w++) {
                uint32_t v = top->m_cmp_data[w];
                for (int k = 0; k < 4; k++) b[4 * w + k] = (uint8_t)(v >> (8 * k));
            }
            std::memcpy(&c.type, b + SLIPWAY_CMP_TYPE, 2);
            std::memcpy(&c.reason, b + SLIPWAY_CMP_REASON, 2);
            c.venue = b[SLIPWAY_CMP_VENUE];
            c.side = b[SLIPWAY_CMP_SIDE];
            std::memcpy(&c.instrument, b + SLIPWAY_CMP_INSTRUMENT, 2);
            std::memcpy(&c.id, b + SLIPWAY_CMP_CLIENT_ORDER_ID, 8);
            std::memcpy(&c.tag, b + SLIPWAY_CMP_HOST_TAG, 8);
            std::memcpy(&c.price, b + SLIPWAY_CMP_PRICE, 8);
            std::memcpy(&c.qty, b + SLIPWAY_CMP_QUANTITY, 8);
            std::memcpy(&c.ref, b + SLIPWAY_CMP_REFERENCE_PRICE, 8);
            std::memcpy(&c.cin, b + SLIPWAY_CMP_CYCLES_IN, 8);
            std::memcpy(&c.cout, b + SLIPWAY_CMP_CYCLES_OUT, 8);
            completions.push_back(c);
        }
        if (top->m_vrd_valid && top->m_vrd_ready) vrd_count++;
        top->clk = 1;
        top->eval();
        context->timeInc(1);
        top->clk = 0;
        top->bbo_rd_bid = bid[channel & 0x7F];
        top->bbo_rd_ask = ask[channel & 0x7F];
        top->eval();
        context->timeInc(1);
        cycle++;
    }

    void present(const Order &o) {
        uint8_t b[64] = {0};
        b[SLIPWAY_ORD_VENUE] = o.venue;
        b[SLIPWAY_ORD_SIDE] = o.side;
        b[SLIPWAY_ORD_TYPE] = o.type;
        b[SLIPWAY_ORD_ACTION] = o.action;
        std::memcpy(b + SLIPWAY_ORD_INSTRUMENT, &o.instrument, 2);
        std::memcpy(b + SLIPWAY_ORD_MESSAGE_LENGTH, &o.message_length, 2);
        std::memcpy(b + SLIPWAY_ORD_CLIENT_ORDER_ID, &o.id, 8);
        std::memcpy(b + SLIPWAY_ORD_PRICE, &o.price, 8);
        std::memcpy(b + SLIPWAY_ORD_QUANTITY, &o.qty, 8);
        std::memcpy(b + SLIPWAY_ORD_HOST_TAG, &o.tag, 8);
        for (int w = 0; w < 16; w++) {
            uint32_t v;
            std::memcpy(&v, b + 4 * w, 4);
            top->s_desc_data[w] = v;
        }
        top->s_desc_length = o.length;
        top->s_desc_beats = (o.message_length + 7) / 8;
        top->s_desc_valid = 1;
    }

    // Presents the orders back to back; returns the cycles from the first acceptance to the last.
    uint64_t send(const std::vector<Order> &orders) {
        uint64_t first = 0, last = 0;
        for (size_t i = 0; i < orders.size(); i++) {
            present(orders[i]);
            while (!top->s_desc_ready) tick();
            if (i == 0) first = cycle;
            last = cycle;
            tick();
        }
        top->s_desc_valid = 0;
        return last - first;
    }

    void settle(int cycles = 16) {
        for (int i = 0; i < cycles; i++) tick();
    }

    void exposure(uint16_t instrument, uint8_t side, uint8_t kind, int64_t qty) {
        uint8_t b[32] = {0};
        std::memcpy(b + SLIPWAY_EXP_INSTRUMENT, &instrument, 2);
        b[SLIPWAY_EXP_SIDE] = side;
        b[SLIPWAY_EXP_KIND] = kind;
        std::memcpy(b + SLIPWAY_EXP_QUANTITY, &qty, 8);
        for (int w = 0; w < 8; w++) {
            uint32_t v;
            std::memcpy(&v, b + 4 * w, 4);
            top->s_exp_data[w] = v;
        }
        top->s_exp_valid = 1;
        while (!top->s_exp_ready) tick();
        tick();
        top->s_exp_valid = 0;
    }

    Completion pop() {
        CHECK(!completions.empty(), "expected a completion");
        if (completions.empty()) return Completion{};
        Completion c = completions.front();
        completions.pop_front();
        return c;
    }
};

uint16_t reason_of(Gate &g) { return g.pop().reason; }

// The reference card's gate, one order after another (ReferenceCard.gate), for the checks the
// randomized run below exercises: malformed side, position limit, throttle, duplicate id. Every
// other limit is left wide open there. Throttle buckets are evaluated lazily at the commit cycle.
struct Model {
    int64_t position[16] = {0}, open_buy[16] = {0}, open_sell[16] = {0};
    uint64_t ways[1024][4] = {{0}};
    bool valid[1024][4] = {{false}};
    int next_way[1024] = {0};
    uint64_t tokens[8] = {0}, last_refill[8] = {0};
    uint64_t burst = 0, refill = 0;
    int open_saturations = 0;   // sent orders whose open quantity saturated

    static int64_t sat(int64_t a, int64_t b) {
        int64_t r;
        if (__builtin_add_overflow(a, b, &r)) return a < 0 ? INT64_MIN : INT64_MAX;
        return r;
    }
    static int64_t neg(int64_t q) { return q == INT64_MIN ? INT64_MAX : -q; }  // qty is positive here
    static int bucket(uint64_t id) {
        uint64_t f = 0;
        for (int s = 0; s < 64; s += 10) f ^= id >> s;
        return (int)(f & 1023);
    }
    void write_burst(uint64_t b, uint64_t now) {
        burst = b;
        for (int v = 0; v < 8; v++) { tokens[v] = b; last_refill[v] = now; }
    }
    void write_refill(uint64_t r, uint64_t now) {
        refill = r;
        for (int v = 0; v < 8; v++) last_refill[v] = now;
    }
    bool has_token(int v, uint64_t now) {
        if (refill > 0) {
            uint64_t earned = (now - last_refill[v]) / refill;
            if (earned > 0) {
                last_refill[v] += earned * refill;
                tokens[v] = earned >= burst - tokens[v] ? burst : tokens[v] + earned;
            }
            if (tokens[v] >= burst) last_refill[v] = now;
        }
        if (tokens[v] > burst) tokens[v] = burst;
        return tokens[v] > 0;
    }
    bool breaches(int i, bool buy, int64_t qty, int64_t max) {
        int64_t worst = buy ? sat(sat(position[i], open_buy[i]), qty)
                            : sat(sat(position[i], neg(open_sell[i])), neg(qty));
        int64_t lower = max == INT64_MIN ? INT64_MIN : -max;  // Java's -max wraps
        return worst > max || worst < lower;
    }
    uint16_t judge(const Order &o, int64_t max, uint64_t now) {
        uint16_t reason;
        const bool buy = o.side == SLIPWAY_SIDE_BUY;
        const int i = o.instrument;
        if (o.side != SLIPWAY_SIDE_BUY && o.side != SLIPWAY_SIDE_SELL) reason = SLIPWAY_REASON_MALFORMED;
        else if (o.action == SLIPWAY_ORD_ACTION_CANCEL) reason = has_token(o.venue, now) ? SLIPWAY_REASON_NONE : SLIPWAY_REASON_THROTTLE;
        else if (breaches(i, buy, o.qty, max)) reason = SLIPWAY_REASON_POSITION_LIMIT;
        else if (!has_token(o.venue, now)) reason = SLIPWAY_REASON_THROTTLE;
        else {
            const int b = bucket(o.id);
            bool dup = false;
            for (int w = 0; w < 4; w++) dup = dup || (valid[b][w] && ways[b][w] == o.id);
            reason = dup ? SLIPWAY_REASON_DUPLICATE_ORDER_ID : SLIPWAY_REASON_NONE;
        }
        if (reason == SLIPWAY_REASON_NONE) {
            tokens[o.venue]--;
            if (o.action == SLIPWAY_ORD_ACTION_NEW) {
                const int b = bucket(o.id);
                ways[b][next_way[b]] = o.id;
                valid[b][next_way[b]] = true;
                next_way[b] = (next_way[b] + 1) & 3;
                int64_t &open = buy ? open_buy[i] : open_sell[i];
                int64_t unused;
                open_saturations += __builtin_add_overflow(open, o.qty, &unused);
                open = sat(open, o.qty);
            }
        }
        return reason;
    }
    void exposure(int i, bool buy, bool fill, int64_t qty) {
        int64_t &open = buy ? open_buy[i] : open_sell[i];
        open = open < qty ? 0 : open - qty;
        if (fill) position[i] = sat(position[i], buy ? qty : -qty);
    }
    // RESTORE_POSITION (open = false) and RESTORE_OPEN (open = true) set, as ReferenceCard does
    void restore(int i, bool buy, bool open, int64_t qty) {
        if (open) (buy ? open_buy[i] : open_sell[i]) = qty;
        else position[i] = buy ? qty : -qty;
    }
};

// Deterministic generator (no library randomness: the bench must repeat exactly).
struct Rng {
    uint64_t s;
    uint64_t next() { s ^= s << 13; s ^= s >> 7; s ^= s << 17; return s; }
    uint64_t below(uint64_t n) { return next() % n; }
};

}  // namespace

int main(int argc, char **argv) {
    Verilated::commandArgs(argc, argv);
    Gate g;
    const uint8_t channel = 1 << SLIPWAY_CHANNEL_VENUE_SHIFT | 1;
    g.bid[channel] = 6183700;
    g.ask[channel] = 6183800;
    CHECK(g.top->s_desc_ready, "gate ready after the duplicate RAM sweep");
    std::printf("  ready %llu cycles after reset (duplicate RAM sweep)\n", (unsigned long long)g.cycle);

    // one order: latency and every field of the record
    Order o;
    o.id = 42;
    o.tag = 0xABCDEF;
    g.send({o});
    int waited = 0;
    while (g.completions.empty() && waited < 20) { g.tick(); waited++; }
    Completion c = g.pop();
    CHECK_EQ(c.type, SLIPWAY_CMP_TYPE_SENT, "type");
    CHECK_EQ(c.reason, SLIPWAY_REASON_NONE, "reason");
    CHECK_EQ(c.venue, 1, "venue");
    CHECK_EQ(c.side, SLIPWAY_SIDE_BUY, "side");
    CHECK_EQ(c.instrument, 1, "instrument");
    CHECK_EQ(c.id, 42, "client order id");
    CHECK_EQ(c.tag, 0xABCDEF, "host tag");
    CHECK_EQ(c.price, 6183800, "price");
    CHECK_EQ(c.qty, 100, "quantity");
    CHECK_EQ(c.ref, 6183800, "reference price = best ask for a buy");
    const uint64_t latency = c.cout - c.cin;
    CHECK_EQ(latency, 5, "descriptor to verdict, cycles");
    CHECK_EQ(g.vrd_count, 1, "one verdict for the sender");

    // sustained: 256 orders on consecutive cycles, no bubble in or out
    std::vector<Order> burst;
    for (int i = 0; i < 256; i++) {
        Order b;
        b.id = 1000 + i;
        b.side = i % 2 ? SLIPWAY_SIDE_SELL : SLIPWAY_SIDE_BUY;
        b.price = i % 2 ? 6183700 : 6183800;
        b.qty = 1;
        burst.push_back(b);
    }
    const uint64_t span = g.send(burst);
    g.settle();
    CHECK_EQ(span, 255, "256 descriptors accepted on 256 consecutive cycles");
    CHECK_EQ(g.completions.size(), 256, "completions");
    for (size_t i = 0; i + 1 < g.completions.size(); i++) {
        CHECK(g.completions[i + 1].cout == g.completions[i].cout + 1, "verdicts on consecutive cycles at %zu", i);
        CHECK(g.completions[i].reason == SLIPWAY_REASON_NONE, "burst order %zu passed", i);
    }
    g.completions.clear();

    // back-to-back dependencies: the second of each pair must see the first's commit
    Order d1, d2;
    d1.id = 77; d2.id = 77;
    g.send({d1, d2});
    g.settle();
    CHECK_EQ(reason_of(g), SLIPWAY_REASON_NONE, "first of a duplicate pair");
    CHECK_EQ(reason_of(g), SLIPWAY_REASON_DUPLICATE_ORDER_ID, "duplicate on the next cycle (forwarded bucket)");
    Order e1, e2, e3;
    e1.id = 0x5000000000ULL; e2.id = e1.id ^ (1ULL << 20 | 1ULL << 30); e3.id = e1.id;
    g.send({e1, e2, e3});
    g.settle();
    CHECK_EQ(reason_of(g), SLIPWAY_REASON_NONE, "same bucket, first id");
    CHECK_EQ(reason_of(g), SLIPWAY_REASON_NONE, "same bucket, other id");
    CHECK_EQ(reason_of(g), SLIPWAY_REASON_DUPLICATE_ORDER_ID, "first id two cycles later");

    g.top->max_position = 1000000;  // open buys so far: 1 + 128 + 1 + 2 + ... well below
    Order p1, p2;
    p1.id = 90; p1.qty = 900000; p1.instrument = 2;
    p2.id = 91; p2.qty = 100001; p2.instrument = 2;
    const uint8_t eth = 1 << SLIPWAY_CHANNEL_VENUE_SHIFT | 2;
    g.bid[eth] = 299900; g.ask[eth] = 300000;
    p1.price = p2.price = 300000;
    g.send({p1, p2});
    g.settle();
    CHECK_EQ(reason_of(g), SLIPWAY_REASON_NONE, "position: first");
    CHECK_EQ(reason_of(g), SLIPWAY_REASON_POSITION_LIMIT, "position: the next cycle sees the open quantity");
    g.exposure(2, SLIPWAY_SIDE_BUY, SLIPWAY_EXP_KIND_RELEASE, 1);
    p2.id = 92;
    g.send({p2});
    g.settle();
    CHECK_EQ(reason_of(g), SLIPWAY_REASON_NONE, "a release frees exactly its quantity");
    g.exposure(2, SLIPWAY_SIDE_BUY, SLIPWAY_EXP_KIND_FILL, 1000000);
    Order s1;
    s1.id = 93; s1.instrument = 2; s1.side = SLIPWAY_SIDE_SELL; s1.price = 299900; s1.qty = 2000000;
    g.send({s1});
    g.settle();
    CHECK_EQ(reason_of(g), SLIPWAY_REASON_NONE, "a fill of the open buys: selling back to flat-minus-a-million fits");
    g.exposure(17, SLIPWAY_SIDE_BUY, SLIPWAY_EXP_KIND_FILL, 1);
    CHECK(g.top->exposure_malformed == 0, "a record is applied the cycle after it is taken");
    g.tick();
    CHECK(g.top->exposure_malformed == 1, "bad exposure instrument strobes exposure_malformed");
    g.tick();
    CHECK(g.top->exposure_malformed == 0, "one strobe per record");

    // restore records (a host starting the card with the state it holds): they set, not add
    {
        const uint8_t ch3 = 1 << SLIPWAY_CHANNEL_VENUE_SHIFT | 3;
        g.bid[ch3] = 299900; g.ask[ch3] = 300000;
        auto order3 = [](uint64_t id, uint8_t side, int64_t qty) {
            Order r;
            r.id = id; r.instrument = 3; r.side = side; r.qty = qty;
            r.price = side == SLIPWAY_SIDE_BUY ? 300000 : 299900;
            return r;
        };
        auto verdict = [&](const Order &r) { g.send({r}); g.settle(); return reason_of(g); };
        g.exposure(3, SLIPWAY_SIDE_BUY, SLIPWAY_EXP_KIND_RESTORE_POSITION, 600000);
        g.exposure(3, SLIPWAY_SIDE_BUY, SLIPWAY_EXP_KIND_RESTORE_OPEN, 300000);
        CHECK_EQ(verdict(order3(0x7E5700ULL, SLIPWAY_SIDE_BUY, 100001)), SLIPWAY_REASON_POSITION_LIMIT,
                 "restore: 600000 held + 300000 open + 100001 is over");
        CHECK_EQ(verdict(order3(0x7E5701ULL, SLIPWAY_SIDE_BUY, 100000)), SLIPWAY_REASON_NONE, "restore: at the limit passes");
        // open buys are 400000 now; the same restore sets them back to 300000
        g.exposure(3, SLIPWAY_SIDE_BUY, SLIPWAY_EXP_KIND_RESTORE_OPEN, 300000);
        g.exposure(3, SLIPWAY_SIDE_BUY, SLIPWAY_EXP_KIND_RESTORE_POSITION, 600000);
        CHECK_EQ(verdict(order3(0x7E5702ULL, SLIPWAY_SIDE_BUY, 100000)), SLIPWAY_REASON_NONE, "restore sets: a repeat adds nothing");
        // short 900000 (the sign from the side), no open sells: -900000 - 100001 is over
        g.exposure(3, SLIPWAY_SIDE_SELL, SLIPWAY_EXP_KIND_RESTORE_POSITION, 900000);
        CHECK_EQ(verdict(order3(0x7E5703ULL, SLIPWAY_SIDE_SELL, 100001)), SLIPWAY_REASON_POSITION_LIMIT, "restore: short position");
        CHECK_EQ(verdict(order3(0x7E5704ULL, SLIPWAY_SIDE_SELL, 100000)), SLIPWAY_REASON_NONE, "restore: short at the limit");
        // a position restore leaves the open buys (400000): flat + 400000 + 600001 is over
        g.exposure(3, SLIPWAY_SIDE_BUY, SLIPWAY_EXP_KIND_RESTORE_POSITION, 0);
        CHECK_EQ(verdict(order3(0x7E5705ULL, SLIPWAY_SIDE_BUY, 600001)), SLIPWAY_REASON_POSITION_LIMIT, "position restore keeps open buys");
        // an open restore of one side leaves the other (open sells 100000 from order 304)
        g.exposure(3, SLIPWAY_SIDE_BUY, SLIPWAY_EXP_KIND_RESTORE_OPEN, 0);
        CHECK_EQ(verdict(order3(0x7E5706ULL, SLIPWAY_SIDE_BUY, 1000000)), SLIPWAY_REASON_NONE, "open buys set to 0");
        CHECK_EQ(verdict(order3(0x7E5707ULL, SLIPWAY_SIDE_SELL, 900001)), SLIPWAY_REASON_POSITION_LIMIT, "open sells kept");
        // an unknown kind, or a restore with a negative quantity: a strobe and no state change
        const uint8_t bad_kind[3] = {0, 5, SLIPWAY_EXP_KIND_RESTORE_OPEN};
        const int64_t bad_qty[3] = {1, 1, -1};
        for (int k = 0; k < 3; k++) {
            g.exposure(3, SLIPWAY_SIDE_SELL, bad_kind[k], bad_qty[k]);
            g.tick();
            CHECK(g.top->exposure_malformed == 1, "malformed exposure %d strobes", k);
        }
        CHECK_EQ(verdict(order3(0x7E5708ULL, SLIPWAY_SIDE_SELL, 900000)), SLIPWAY_REASON_NONE, "malformed restores changed nothing");
        g.exposure(3, SLIPWAY_SIDE_BUY, SLIPWAY_EXP_KIND_RESTORE_POSITION, 0);
        g.exposure(3, SLIPWAY_SIDE_BUY, SLIPWAY_EXP_KIND_RESTORE_OPEN, 0);
        g.exposure(3, SLIPWAY_SIDE_SELL, SLIPWAY_EXP_KIND_RESTORE_OPEN, 0);
    }
    g.top->max_position = 1000000000;

    // throttle: burst 2, three back to back
    g.top->throttle_burst = 2;
    g.top->throttle_burst_written = 1;
    g.tick();
    g.top->throttle_burst_written = 0;
    Order t1, t2, t3;
    t1.id = 200; t2.id = 201; t3.id = 202;
    g.send({t1, t2, t3});
    g.settle();
    CHECK_EQ(reason_of(g), SLIPWAY_REASON_NONE, "token 1");
    CHECK_EQ(reason_of(g), SLIPWAY_REASON_NONE, "token 2");
    CHECK_EQ(reason_of(g), SLIPWAY_REASON_THROTTLE, "bucket empty");
    // refill: one token per 100 cycles, no banking while full
    g.top->throttle_refill = 100;
    g.top->throttle_refill_written = 1;
    g.tick();
    g.top->throttle_refill_written = 0;
    g.settle(250);
    Order t4, t5, t6;
    t4.id = 203; t5.id = 204; t6.id = 205;
    g.send({t4, t5, t6});
    g.settle();
    CHECK_EQ(reason_of(g), SLIPWAY_REASON_NONE, "refilled token 1");
    CHECK_EQ(reason_of(g), SLIPWAY_REASON_NONE, "refilled token 2");
    CHECK_EQ(reason_of(g), SLIPWAY_REASON_THROTTLE, "burst caps the refill");
    // token bucket at exhaustion, refill landing on the cycle of a take: burst 1, one token per
    // 2 cycles, four back to back on venue 1 and one on venue 2 in between. The commit only picks
    // between the two outcomes the bucket stepped in parallel, so each must be the exact one.
    g.top->throttle_burst = 1;
    g.top->throttle_refill = 0;
    g.top->throttle_burst_written = 1;
    g.tick();
    g.top->throttle_burst_written = 0;
    g.top->throttle_refill = 2;
    g.top->throttle_refill_written = 1;
    g.tick();
    g.top->throttle_refill_written = 0;
    {
        Order x[5];
        for (int i = 0; i < 5; i++) x[i].id = 700 + i;
        x[2].venue = 2; x[2].instrument = 1;
        const uint8_t v2 = 2 << SLIPWAY_CHANNEL_VENUE_SHIFT | 1;
        g.bid[v2] = 6183700; g.ask[v2] = 6183800;
        g.send({x[0], x[1], x[2], x[3], x[4]});
        g.settle();
        // venue 1 at commit cycles c, c+1, c+3, c+4: the token taken at c, the refill timer
        // restarted then, one earned at c+2 (taken at c+3), none by c+4; venue 2 has its own
        CHECK_EQ(reason_of(g), SLIPWAY_REASON_NONE, "bucket at exhaustion: the one token");
        CHECK_EQ(reason_of(g), SLIPWAY_REASON_THROTTLE, "bucket at exhaustion: next cycle, empty");
        CHECK_EQ(reason_of(g), SLIPWAY_REASON_NONE, "another venue's bucket is its own");
        CHECK_EQ(reason_of(g), SLIPWAY_REASON_NONE, "refilled two cycles after the take");
        CHECK_EQ(reason_of(g), SLIPWAY_REASON_THROTTLE, "taken again on the next cycle");
    }
    g.top->throttle_burst = 1000000;
    g.top->throttle_refill = 0;
    g.top->throttle_burst_written = 1;
    g.tick();
    g.top->throttle_burst_written = 0;

    // the instrument's exposure is read a cycle before commit with a bypass for the order just
    // ahead: back to back on one instrument and side, a reject in between adds nothing, an order
    // on another instrument in between, and sells on their own side
    g.top->max_position = 1000;
    {
        const uint8_t ch5 = 1 << SLIPWAY_CHANNEL_VENUE_SHIFT | 5, ch6 = 1 << SLIPWAY_CHANNEL_VENUE_SHIFT | 6;
        g.bid[ch5] = g.bid[ch6] = 6183700; g.ask[ch5] = g.ask[ch6] = 6183800;
        Order y[8];
        for (int i = 0; i < 8; i++) { y[i].id = 800 + i; y[i].instrument = 5; y[i].qty = 400; }
        y[2].qty = 300;                     // 400 + 400 + 300 > 1000: rejected
        y[3].instrument = 6; y[3].qty = 1000;  // another instrument, at its limit exactly
        y[4].qty = 200;                     // 400 + 400 + 200 = 1000: fits (the reject added nothing)
        y[5].qty = 1;                       // 1001: over
        y[6].side = SLIPWAY_SIDE_SELL; y[6].price = 6183700; y[6].qty = 1000;  // sell side: -1000
        y[7].side = SLIPWAY_SIDE_SELL; y[7].price = 6183700; y[7].qty = 1;     // -1001: over
        g.send({y[0], y[1], y[2], y[3], y[4], y[5], y[6], y[7]});
        g.settle();
        CHECK_EQ(reason_of(g), SLIPWAY_REASON_NONE, "bypass: first 400");
        CHECK_EQ(reason_of(g), SLIPWAY_REASON_NONE, "bypass: second 400 on the next cycle");
        CHECK_EQ(reason_of(g), SLIPWAY_REASON_POSITION_LIMIT, "bypass: 1100 over");
        CHECK_EQ(reason_of(g), SLIPWAY_REASON_NONE, "bypass: another instrument is not bumped");
        CHECK_EQ(reason_of(g), SLIPWAY_REASON_NONE, "bypass: the reject just ahead added nothing");
        CHECK_EQ(reason_of(g), SLIPWAY_REASON_POSITION_LIMIT, "bypass: 1001 over, from the state two ahead");
        CHECK_EQ(reason_of(g), SLIPWAY_REASON_NONE, "bypass: sells have their own side");
        CHECK_EQ(reason_of(g), SLIPWAY_REASON_POSITION_LIMIT, "bypass: the sell just ahead is seen");
        // a release offered while orders are in flight waits for the gate to drain, so the
        // orders before it do not see it and the one after it does
        Order z1, z2;
        z1.id = 820; z1.instrument = 5; z1.qty = 1;
        z2.id = 821; z2.instrument = 5; z2.qty = 1;
        g.present(z1);
        g.tick();
        g.top->s_desc_valid = 0;
        uint8_t b[32] = {0};
        const uint16_t instr = 5;
        const int64_t rq = 500;
        std::memcpy(b + SLIPWAY_EXP_INSTRUMENT, &instr, 2);
        b[SLIPWAY_EXP_SIDE] = SLIPWAY_SIDE_BUY;
        b[SLIPWAY_EXP_KIND] = SLIPWAY_EXP_KIND_RELEASE;
        std::memcpy(b + SLIPWAY_EXP_QUANTITY, &rq, 8);
        for (int w = 0; w < 8; w++) { uint32_t v; std::memcpy(&v, b + 4 * w, 4); g.top->s_exp_data[w] = v; }
        g.top->s_exp_valid = 1;
        int held = 0;
        for (int i = 0; i < 10 && !g.top->s_exp_ready; i++) { g.tick(); held++; }
        CHECK(held >= 4, "exposure held while the order is in flight (%d cycles)", held);
        g.tick();
        g.top->s_exp_valid = 0;
        g.send({z2});
        g.settle();
        CHECK_EQ(reason_of(g), SLIPWAY_REASON_POSITION_LIMIT, "in flight before the release: 1001 over");
        CHECK_EQ(reason_of(g), SLIPWAY_REASON_NONE, "after the release of 500: 501 fits");
    }
    // saturation through the bypass: position -2^62, then buys of 2^62 and 2^62 back to back
    // push open buy past I64_MAX (it saturates), so position + open buy is I64_MAX - 2^62 =
    // 2^62 - 1, not 2^62: with the limit at 2^62 the third and fourth orders of 1 still fit
    // (open buy stays saturated) and one of 2 does not
    {
        const uint8_t ch7 = 1 << SLIPWAY_CHANNEL_VENUE_SHIFT | 7;
        g.bid[ch7] = 1; g.ask[ch7] = 1;
        g.top->max_qty = INT64_MAX;
        g.top->max_notional = INT64_MAX;
        g.top->max_position = 1LL << 62;
        g.exposure(7, SLIPWAY_SIDE_SELL, SLIPWAY_EXP_KIND_FILL, 1LL << 62);
        Order w[5];
        for (int i = 0; i < 5; i++) { w[i].id = 900 + i; w[i].instrument = 7; w[i].price = 1; w[i].qty = 1; }
        w[0].qty = w[1].qty = 1LL << 62;
        w[4].qty = 2;
        g.send({w[0], w[1], w[2], w[3], w[4]});
        g.settle();
        CHECK_EQ(reason_of(g), SLIPWAY_REASON_NONE, "saturation: 2^62 to flat");
        CHECK_EQ(reason_of(g), SLIPWAY_REASON_NONE, "saturation: 2^62 more, at the limit");
        CHECK_EQ(reason_of(g), SLIPWAY_REASON_NONE, "saturation: open buy saturated, 1 more fits");
        CHECK_EQ(reason_of(g), SLIPWAY_REASON_NONE, "saturation: and again");
        CHECK_EQ(reason_of(g), SLIPWAY_REASON_POSITION_LIMIT, "saturation: 2 more does not");
        g.top->max_qty = 5000000;
        g.top->max_notional = 100000000000000ULL;
    }
    g.top->max_position = 1000000000;

    g.top->throttle_burst = 1000000;
    g.top->throttle_refill = 0;
    g.top->throttle_burst_written = 1;
    g.tick();
    g.top->throttle_burst_written = 0;


    // ---- each bypass on its own -----------------------------------------------------------
    // back to back on one instrument, both sides interleaved: buy, sell, buy, sell each sees
    // only the orders just ahead on its own side (limit 1000, instrument 8)
    g.top->max_position = 1000;
    {
        const uint8_t ch8 = 1 << SLIPWAY_CHANNEL_VENUE_SHIFT | 8;
        g.bid[ch8] = 6183700; g.ask[ch8] = 6183800;
        Order q[6];
        for (int i = 0; i < 6; i++) { q[i].id = 5100 + i; q[i].instrument = 8; }
        q[0].qty = 700;                                                         // buy 700
        q[1].side = SLIPWAY_SIDE_SELL; q[1].price = 6183700; q[1].qty = 900;    // sell 900
        q[2].qty = 300;                                                         // buy: 1000, fits
        q[3].side = SLIPWAY_SIDE_SELL; q[3].price = 6183700; q[3].qty = 101;    // sell: -1001, over
        q[4].qty = 1;                                                           // buy: 1001, over
        q[5].side = SLIPWAY_SIDE_SELL; q[5].price = 6183700; q[5].qty = 100;    // sell: -1000, fits
        g.send({q[0], q[1], q[2], q[3], q[4], q[5]});
        g.settle();
        CHECK_EQ(reason_of(g), SLIPWAY_REASON_NONE, "both sides: buy 700");
        CHECK_EQ(reason_of(g), SLIPWAY_REASON_NONE, "both sides: sell 900 ignores the buy");
        CHECK_EQ(reason_of(g), SLIPWAY_REASON_NONE, "both sides: buy 300 sees the buy two ahead");
        CHECK_EQ(reason_of(g), SLIPWAY_REASON_POSITION_LIMIT, "both sides: sell 101 sees the sell two ahead");
        CHECK_EQ(reason_of(g), SLIPWAY_REASON_POSITION_LIMIT, "both sides: buy 1 sees the buy two ahead");
        CHECK_EQ(reason_of(g), SLIPWAY_REASON_NONE, "both sides: the rejected sell just ahead added nothing");
    }
    // an exposure record offered in the cycle an order commits: held until the gate is empty,
    // and an order accepted in the cycle it applies sees it
    {
        Order a1, a2;
        a1.id = 5110; a1.instrument = 8; a1.qty = 1;    // buy side: 1000 + 1, over
        g.present(a1);
        g.tick();
        g.top->s_desc_valid = 0;
        for (int i = 0; i < 4; i++) g.tick();           // a1 is in its commit cycle now
        uint8_t b[32] = {0};
        const uint16_t instr = 8;
        const int64_t rq = 1000;
        std::memcpy(b + SLIPWAY_EXP_INSTRUMENT, &instr, 2);
        b[SLIPWAY_EXP_SIDE] = SLIPWAY_SIDE_BUY;
        b[SLIPWAY_EXP_KIND] = SLIPWAY_EXP_KIND_RELEASE;
        std::memcpy(b + SLIPWAY_EXP_QUANTITY, &rq, 8);
        for (int w = 0; w < 8; w++) { uint32_t v; std::memcpy(&v, b + 4 * w, 4); g.top->s_exp_data[w] = v; }
        g.top->s_exp_valid = 1;
        g.top->eval();
        CHECK(!g.top->s_exp_ready, "exposure not taken in a commit cycle");
        while (!g.top->s_exp_ready) g.tick();
        a2.id = 5111; a2.instrument = 8; a2.qty = 1000;
        g.present(a2);                                   // accepted on the edge the release applies
        CHECK(g.top->s_desc_ready, "order accepted with the release");
        g.tick();
        g.top->s_exp_valid = 0;
        g.top->s_desc_valid = 0;
        g.settle();
        CHECK_EQ(reason_of(g), SLIPWAY_REASON_POSITION_LIMIT, "commit beside a held release: 1001 over");
        CHECK_EQ(reason_of(g), SLIPWAY_REASON_NONE, "order with the release: the open 1000 is gone");
        g.exposure(8, SLIPWAY_SIDE_BUY, SLIPWAY_EXP_KIND_RELEASE, 1000);
        g.exposure(8, SLIPWAY_SIDE_SELL, SLIPWAY_EXP_KIND_RELEASE, 1000);
    }
    // max position written mid-stream: each order is held to the value in its stage-4 cycle
    // (4 cycles after it was accepted), the cycle its position compares run
    {
        Order m[6];
        for (int i = 0; i < 6; i++) { m[i].id = 5120 + i; m[i].instrument = 9; m[i].qty = 100; }
        const uint8_t ch9 = 1 << SLIPWAY_CHANNEL_VENUE_SHIFT | 9;
        g.bid[ch9] = 6183700; g.ask[ch9] = 6183800;
        g.top->max_position = 150;
        uint64_t first = 0;
        for (int i = 0; i < 6; i++) {
            g.present(m[i]);
            if (i == 0) first = g.cycle;
            g.tick();
        }
        g.top->s_desc_valid = 0;
        CHECK_EQ(g.cycle, first + 6, "limit write: six accepted back to back");
        g.top->max_position = 1000;                      // seen from cycle first + 6: m[2] in stage 4
        g.settle();
        CHECK_EQ(reason_of(g), SLIPWAY_REASON_NONE, "limit write: 100 under the old 150");
        CHECK_EQ(reason_of(g), SLIPWAY_REASON_POSITION_LIMIT, "limit write: 200 over the old 150 (stage 4 before the write)");
        CHECK_EQ(reason_of(g), SLIPWAY_REASON_NONE, "limit write: 200 under the new 1000 (stage 4 in the write's cycle)");
        CHECK_EQ(reason_of(g), SLIPWAY_REASON_NONE, "limit write: 300");
        CHECK_EQ(reason_of(g), SLIPWAY_REASON_NONE, "limit write: 400");
        CHECK_EQ(reason_of(g), SLIPWAY_REASON_NONE, "limit write: 500");
        // and lowered mid-stream: the order in stage 4 when it drops is rejected, the one
        // committing in that cycle is not
        Order n[3];
        for (int i = 0; i < 3; i++) { n[i].id = 5130 + i; n[i].instrument = 9; n[i].qty = 100; }
        for (int i = 0; i < 3; i++) {
            g.present(n[i]);
            if (i == 0) first = g.cycle;
            g.tick();
        }
        g.top->s_desc_valid = 0;
        while (g.cycle < first + 5) g.tick();
        g.top->max_position = 650;                       // seen in cycle first + 5: n[1] in stage 4
        g.settle();
        CHECK_EQ(reason_of(g), SLIPWAY_REASON_NONE, "lowered: 600 judged against 1000 a cycle earlier");
        CHECK_EQ(reason_of(g), SLIPWAY_REASON_POSITION_LIMIT, "lowered: 700 over 650");
        CHECK_EQ(reason_of(g), SLIPWAY_REASON_POSITION_LIMIT, "lowered: 700 over 650 again");
        g.exposure(9, SLIPWAY_SIDE_BUY, SLIPWAY_EXP_KIND_RELEASE, 1000);
    }
    // duplicate ids through both forwarding paths and both outcomes of the order just ahead:
    // five ids of one bucket fill its four ways and evict the oldest; the evicted id passes again
    // only if nothing re-inserted it; an id rejected for position is not remembered
    g.top->max_position = 100000;
    {
        const uint64_t base = 0x7700000000ULL;
        auto same_bucket = [&](uint64_t k) { return base ^ (k << 10 | k << 20); };
        Order u[9];
        for (int i = 0; i < 9; i++) { u[i].instrument = 1; u[i].qty = 1; }
        u[0].id = same_bucket(1); u[1].id = same_bucket(2); u[2].id = same_bucket(3);
        u[3].id = same_bucket(4); u[4].id = same_bucket(5);           // evicts u[0]'s id
        u[5].id = same_bucket(1);                                     // evicted: passes (way 1 now)
        u[6].id = same_bucket(2);                                     // evicted by u[5]: passes
        u[7].id = same_bucket(2);                                     // just inserted: duplicate
        u[8].id = same_bucket(6); u[8].qty = 4000000;                 // position reject: not remembered
        g.send({u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7], u[8]});
        Order r;
        r.id = same_bucket(6); r.instrument = 1; r.qty = 1;
        g.send({r});
        g.settle();
        const uint16_t expect[10] = {SLIPWAY_REASON_NONE, SLIPWAY_REASON_NONE, SLIPWAY_REASON_NONE,
                                     SLIPWAY_REASON_NONE, SLIPWAY_REASON_NONE, SLIPWAY_REASON_NONE,
                                     SLIPWAY_REASON_NONE, SLIPWAY_REASON_DUPLICATE_ORDER_ID,
                                     SLIPWAY_REASON_POSITION_LIMIT, SLIPWAY_REASON_NONE};
        for (int i = 0; i < 10; i++) CHECK_EQ(reason_of(g), expect[i], "bucket eviction sequence");
    }

    // ---- randomized: back-to-back streams against the sequential reference model -----------
    // Few instruments, ids from a small pool with many sharing a bucket, quantities from 1 to
    // I64_MAX, positions pushed to both extremes by fills, limits including 0, negative,
    // I64_MIN and I64_MAX, cancels, malformed sides, a tight throttle on some rounds, and limit
    // writes mid-stream (each order held to the value of its stage-4 cycle).
    {
        Model model;
        Rng rng{0x5EED5EED12345ULL};
        g.top->max_qty = INT64_MAX;
        g.top->max_notional = INT64_MAX;
        g.top->collar_bps = 0xFFFFFFFFu;
        for (int v = 0; v < 8; v++)
            for (int i = 0; i < 4; i++) {
                const uint8_t ch = (uint8_t)(v << SLIPWAY_CHANNEL_VENUE_SHIFT | (12 + i));
                g.bid[ch] = 1; g.ask[ch] = 1;
            }
        // the model starts empty: instruments 12..15 and the pool's buckets are untouched so far
        auto set_throttle = [&](uint32_t burst, uint32_t refill) {
            g.top->throttle_burst = burst;
            g.top->throttle_burst_written = 1;
            g.tick();
            model.write_burst(burst, g.cycle - 1);
            g.top->throttle_burst_written = 0;
            g.top->throttle_refill = refill;
            g.top->throttle_refill_written = 1;
            g.tick();
            model.write_refill(refill, g.cycle - 1);
            g.top->throttle_refill_written = 0;
        };
        // the first five are wide enough for most orders to reach the later checks
        const int64_t limits[] = {INT64_MAX, INT64_MAX - 1, 1LL << 62, 20000, 3000,
                                  (1LL << 62) + 3, 1000, 5000, 0, -5, INT64_MIN, INT64_MIN + 1};
        const int64_t big[] = {1, 2, 999, 1000, 1001, 2500, 1LL << 62, (1LL << 62) - 1, (1LL << 62) + 1,
                               INT64_MAX, INT64_MAX - 1, INT64_MAX / 2 + 1};
        // four buckets (600, 607, 614, 621: no earlier id of this bench is in them) of six ids each
        uint64_t pool[24];
        for (int k = 0; k < 24; k++) {
            const uint64_t j = (uint64_t)(k / 6), x = 0x2A5 + j, v = (uint64_t)(k % 6);
            pool[k] = ((600 + 7 * j) | x << 40 | x << 50) ^ (v << 10 | v << 20);
        }
        for (int k = 0; k < 24; k++) CHECK_EQ(Model::bucket(pool[k]), 600 + 7 * (k / 6), "pool bucket");
        uint64_t fresh = 1;
        auto in_pool_bucket = [](uint64_t id) { const int b = Model::bucket(id); return b >= 600 && b <= 621 && (b - 600) % 7 == 0; };
        int rounds = 0, judged = 0, mismatches = 0, by_reason[16] = {0};
        for (int round = 0; round < 90; round++) {
            rounds++;
            const bool tight = round % 3 == 2;
            set_throttle(tight ? 2 : 0xFFFFFFFFu, tight ? 5 : 0);
            // exposures while idle: now and then every open quantity released, then a few fills
            // and releases, one in three of an extreme size
            if (rng.below(2)) {
                for (int i = 12; i < 16; i++) {
                    g.exposure((uint16_t)i, SLIPWAY_SIDE_BUY, SLIPWAY_EXP_KIND_RELEASE, INT64_MAX);
                    g.exposure((uint16_t)i, SLIPWAY_SIDE_SELL, SLIPWAY_EXP_KIND_RELEASE, INT64_MAX);
                    model.exposure(i, true, false, INT64_MAX);
                    model.exposure(i, false, false, INT64_MAX);
                }
            }
            if (rng.below(2)) {
                // back to flat: a fill against the position (saturated ones come back to -1 or 0)
                for (int i = 12; i < 16; i++) {
                    const int64_t p = model.position[i];
                    if (p == 0) continue;
                    const int64_t q = p > 0 ? p : (p == INT64_MIN ? INT64_MAX : -p);
                    g.exposure((uint16_t)i, p > 0 ? SLIPWAY_SIDE_SELL : SLIPWAY_SIDE_BUY, SLIPWAY_EXP_KIND_FILL, q);
                    model.exposure(i, p < 0, true, q);
                }
            }
            for (int k = 0; k < 3; k++) {
                const int i = 12 + (int)rng.below(4);
                const bool buy = rng.below(2);
                const bool fill = rng.below(3) != 0;
                const int64_t q = rng.below(5) == 0 ? big[rng.below(12)] : 1 + (int64_t)rng.below(3000);
                g.exposure((uint16_t)i, buy ? SLIPWAY_SIDE_BUY : SLIPWAY_SIDE_SELL,
                           fill ? SLIPWAY_EXP_KIND_FILL : SLIPWAY_EXP_KIND_RELEASE, q);
                model.exposure(i, buy, fill, q);
            }
            // now and then a restore of a position or an open quantity, extreme sizes included
            if (rng.below(3) == 0) {
                const int i = 12 + (int)rng.below(4);
                const bool buy = rng.below(2);
                const bool open = rng.below(2);
                const int64_t q = rng.below(4) == 0 ? big[rng.below(12)] : (int64_t)rng.below(3000);
                g.exposure((uint16_t)i, buy ? SLIPWAY_SIDE_BUY : SLIPWAY_SIDE_SELL,
                           open ? SLIPWAY_EXP_KIND_RESTORE_OPEN : SLIPWAY_EXP_KIND_RESTORE_POSITION, q);
                model.restore(i, buy, open, q);
            }
            auto pick_limit = [&]() { return limits[rng.below(3) ? rng.below(5) : 5 + rng.below(7)]; };
            const int64_t limit_old = pick_limit(), limit_new = pick_limit();
            g.top->max_position = limit_old;
            const int n = 8 + (int)rng.below(17);
            const int switch_at = (int)rng.below(n + 6);   // stage-4 cycle of the limit write
            std::vector<Order> orders;
            for (int k = 0; k < n; k++) {
                Order o;
                o.venue = (uint8_t)(tight ? 1 + rng.below(2) : 1);
                o.instrument = (uint16_t)(12 + rng.below(rng.below(3) == 0 ? 4 : 2));
                o.side = rng.below(2) ? SLIPWAY_SIDE_BUY : SLIPWAY_SIDE_SELL;
                if (rng.below(40) == 0) o.side = 3;
                o.action = rng.below(12) == 0 ? SLIPWAY_ORD_ACTION_CANCEL : SLIPWAY_ORD_ACTION_NEW;
                o.price = 1;
                o.qty = rng.below(3) == 0 ? big[rng.below(12)] : 1 + (int64_t)rng.below(1500);
                if (rng.below(2)) {
                    o.id = pool[rng.below(24)];
                } else {
                    // a fresh id outside the pool's buckets: never a duplicate, but it fills its bucket
                    do { o.id = 0xF000000000000ULL + (fresh++ * 0x9E3779B1ULL); } while (in_pool_bucket(o.id));
                }
                orders.push_back(o);
            }
            uint64_t first = 0;
            for (int k = 0; k < n; k++) {
                g.present(orders[k]);
                while (!g.top->s_desc_ready) g.tick();
                if (k == 0) first = g.cycle;
                if (g.cycle == first + (uint64_t)switch_at) g.top->max_position = limit_new;
                g.tick();
            }
            g.top->s_desc_valid = 0;
            while (g.cycle < first + (uint64_t)switch_at) g.tick();
            g.top->max_position = limit_new;
            g.settle();
            for (int k = 0; k < n; k++) {
                Completion c = g.pop();
                CHECK_EQ(c.cout - c.cin, 5, "randomized: fixed latency");
                const int64_t limit = c.cin + 4 >= first + (uint64_t)switch_at ? limit_new : limit_old;
                const uint16_t want = model.judge(orders[k], limit, c.cout);
                judged++;
                by_reason[want & 15]++;
                if (c.reason != want) mismatches++;
                CHECK(c.reason == want, "randomized round %d order %d (instr %u side %u qty %lld id %llx, limit %lld): reason %u, reference %u",
                      round, k, orders[k].instrument, orders[k].side, (long long)orders[k].qty,
                      (unsigned long long)orders[k].id, (long long)limit, c.reason, want);
            }
        }
        std::printf("  randomized: %d rounds, %d back-to-back orders judged as the reference model, %d differ "
                    "(sent %d, position %d, throttle %d, duplicate %d, malformed %d; %d sent with the open quantity saturating)\n",
                    rounds, judged, mismatches, by_reason[SLIPWAY_REASON_NONE], by_reason[SLIPWAY_REASON_POSITION_LIMIT],
                    by_reason[SLIPWAY_REASON_THROTTLE], by_reason[SLIPWAY_REASON_DUPLICATE_ORDER_ID],
                    by_reason[SLIPWAY_REASON_MALFORMED], model.open_saturations);
        CHECK(by_reason[SLIPWAY_REASON_NONE] > 50 && by_reason[SLIPWAY_REASON_POSITION_LIMIT] > 50 &&
              by_reason[SLIPWAY_REASON_THROTTLE] > 20 && by_reason[SLIPWAY_REASON_DUPLICATE_ORDER_ID] > 20,
              "randomized: every dynamic outcome exercised");
        set_throttle(1000000, 0);
        g.top->max_qty = 5000000;
        g.top->max_notional = 100000000000000ULL;
        g.top->collar_bps = 50;
    }
    g.top->max_position = 1000000000;

    // checks in the header's order, one reason each
    struct { Order o; uint16_t reason; const char *what; } cases[8];
    for (auto &k : cases) k.o.id = 300 + (&k - cases);
    cases[0].o.side = 3;                 cases[0].reason = SLIPWAY_REASON_MALFORMED; cases[0].what = "side";
    cases[1].o.length = 79;              cases[1].reason = SLIPWAY_REASON_MALFORMED; cases[1].what = "length";
    cases[2].o.venue = 4;                cases[2].reason = SLIPWAY_REASON_NO_REFERENCE_PRICE; cases[2].what = "no BBO";
    cases[3].o.qty = 5000001;            cases[3].reason = SLIPWAY_REASON_MAX_QUANTITY; cases[3].what = "qty";
    cases[4].o.price = INT64_MAX / 2; cases[4].o.qty = 3; cases[4].reason = SLIPWAY_REASON_MAX_NOTIONAL; cases[4].what = "notional";
    cases[5].o.price = 6183800 + 30920;  cases[5].reason = SLIPWAY_REASON_PRICE_COLLAR; cases[5].what = "collar + 1";
    cases[6].o.price = 6183800 + 30919;  cases[6].reason = SLIPWAY_REASON_NONE; cases[6].what = "collar edge";
    cases[7].o.action = SLIPWAY_ORD_ACTION_CANCEL; cases[7].o.price = 0; cases[7].reason = SLIPWAY_REASON_NONE; cases[7].what = "cancel";
    std::vector<Order> batch;
    for (auto &k : cases) batch.push_back(k.o);
    g.send(batch);
    g.settle();
    for (auto &k : cases) {
        Completion r = g.pop();
        CHECK(r.reason == k.reason, "%s: reason %u, expected %u", k.what, r.reason, k.reason);
    }
    g.top->kill = 1;
    Order k1, k2;
    k1.id = 400; k2.id = 401; k2.action = SLIPWAY_ORD_ACTION_CANCEL;
    g.send({k1, k2});
    g.settle();
    CHECK_EQ(reason_of(g), SLIPWAY_REASON_KILL_SWITCH, "kill");
    CHECK_EQ(reason_of(g), SLIPWAY_REASON_NONE, "cancel passes the kill switch");
    g.top->kill = 0;

    // back-pressure: completion ring stalled; the gate takes what its FIFOs can hold, then stalls
    g.top->m_cmp_ready = 0;
    Order bp;
    bp.qty = 1;
    int accepted = 0;
    for (int i = 0; i < 100; i++) {
        bp.id = 500 + i;
        g.present(bp);
        if (g.top->s_desc_ready) accepted++;
        g.tick();
    }
    g.top->s_desc_valid = 0;
    g.settle();
    CHECK(accepted > 0 && accepted <= 32, "accepted while stalled: %d", accepted);
    CHECK(g.completions.empty(), "nothing taken while the ring is stalled");
    g.top->m_cmp_ready = 1;
    g.settle(64);
    CHECK_EQ(g.completions.size(), (size_t)accepted, "every accepted order has its completion");
    for (size_t i = 0; i < g.completions.size(); i++) {
        CHECK(g.completions[i].id == 500 + i, "completion order kept at %zu", i);
    }

    std::printf("  descriptor to verdict: %llu cycles; sustained: 256 orders in %llu cycles (1 order/cycle)\n",
                (unsigned long long)latency, (unsigned long long)(span + 1));
    std::printf("  stalled completion ring: %d orders accepted, then input held, none dropped\n", accepted);
    return tb_finish("tb_slipway_risk_gate");
}
