// Bench: price-level book alone (slipway_book). The block against a plain C++ book written from
// the header's rules (slipway_nic.h, book block): register header and geometry, slot table
// (duplicate refused, remap empties), pass-through of every record unchanged under random
// back-pressure at one record per cycle, and book contents, status, update counters and
// snapshot sequences after hand-written adversarial sequences and a long random stream,
// including SELECT and SLOT_CHANNEL writes issued while records flow.
#include <array>
#include <cstring>
#include <deque>
#include <random>
#include <vector>

#include "Vslipway_book.h"
#include "slipway_nic.h"
#include "tb_common.h"

using Tb = Bench<Vslipway_book>;

static constexpr int LEVELS = SLIPWAY_BOOK_LEVELS;
static constexpr int SLOTS = SLIPWAY_BOOK_SLOTS;

struct Record {
    std::array<uint8_t, SLIPWAY_MD_RECORD_SIZE> bytes{};
    void put16(int off, uint16_t v) { std::memcpy(&bytes[off], &v, 2); }
    void put64(int off, uint64_t v) { std::memcpy(&bytes[off], &v, 8); }
    uint16_t type() const { uint16_t v; std::memcpy(&v, &bytes[SLIPWAY_MD_TYPE], 2); return v; }
    uint16_t channel() const { uint16_t v; std::memcpy(&v, &bytes[SLIPWAY_MD_CHANNEL], 2); return v; }
    uint8_t flags() const { return bytes[SLIPWAY_MD_FLAGS]; }
    int64_t i64(int off) const { int64_t v; std::memcpy(&v, &bytes[off], 8); return v; }
};

static Record level(uint16_t channel, bool bid, bool snapshot, uint64_t seq, int64_t price, int64_t qty) {
    Record r;
    r.put16(SLIPWAY_MD_TYPE, SLIPWAY_MD_TYPE_BOOK_LEVEL);
    r.put16(SLIPWAY_MD_CHANNEL, channel);
    r.put16(SLIPWAY_MD_INSTRUMENT, channel & SLIPWAY_CHANNEL_INSTRUMENT_MASK);
    r.bytes[SLIPWAY_MD_VENUE] = static_cast<uint8_t>(channel >> SLIPWAY_CHANNEL_VENUE_SHIFT);
    r.bytes[SLIPWAY_MD_FLAGS] = (bid ? SLIPWAY_MD_FLAG_BID : 0) | (snapshot ? SLIPWAY_MD_FLAG_SNAPSHOT : 0);
    r.put64(SLIPWAY_MD_SEQUENCE, seq);
    r.put64(SLIPWAY_MD_PRICE_0, static_cast<uint64_t>(price));
    r.put64(SLIPWAY_MD_QTY_0, static_cast<uint64_t>(qty));
    r.put64(SLIPWAY_MD_EVENT_TIME_US, 1723161240000000ull + seq);
    r.put64(SLIPWAY_MD_CARD_CYCLES, seq * 3);
    return r;
}

static Record status(uint16_t channel, uint8_t flags, uint64_t seq) {
    Record r;
    r.put16(SLIPWAY_MD_TYPE, SLIPWAY_MD_TYPE_FEED_STATUS);
    r.put16(SLIPWAY_MD_CHANNEL, channel);
    r.bytes[SLIPWAY_MD_FLAGS] = flags;
    r.put64(SLIPWAY_MD_SEQUENCE, seq);
    return r;
}

static Record other(uint16_t type, uint16_t channel, uint8_t flags, int64_t p, int64_t q) {
    Record r = level(channel, false, false, 7, p, q);
    r.put16(SLIPWAY_MD_TYPE, type);
    r.bytes[SLIPWAY_MD_FLAGS] = flags;
    return r;
}

// ---- the model ------------------------------------------------------------------------------
struct Level { int64_t price = 0; int64_t qty = 0; };
struct Slot {
    bool enabled = false;
    uint16_t channel = 0;
    bool valid = false;
    uint32_t updates = 0;
    uint64_t sequence = 0;
    std::vector<Level> side[2];  // [0] ask, [1] bid; best first, held levels only
};

struct Model {
    std::array<Slot, SLOTS> slots;

    int find(uint16_t channel) const {
        for (int s = 0; s < SLOTS; s++) {
            if (slots[s].enabled && slots[s].channel == channel) return s;
        }
        return -1;
    }

    bool write_slot(int s, uint32_t value) {
        bool enable = (value & SLIPWAY_BOOK_SLOT_ENABLE) != 0;
        uint16_t channel = value & 0x7F;
        for (int o = 0; o < SLOTS; o++) {
            if (o != s && enable && slots[o].enabled && slots[o].channel == channel) return false;
        }
        slots[s] = Slot{};
        slots[s].enabled = enable;
        slots[s].channel = channel;
        return true;
    }

    static bool better(bool bid, int64_t a, int64_t b) { return bid ? a > b : a < b; }

    void apply(const Record &r) {
        int s = find(r.channel());
        if (s < 0) return;
        Slot &slot = slots[s];
        if (r.type() == SLIPWAY_MD_TYPE_FEED_STATUS && (r.flags() & SLIPWAY_MD_FLAG_GAP)) {
            slot.valid = false;
            return;
        }
        if (r.type() != SLIPWAY_MD_TYPE_BOOK_LEVEL) return;
        bool bid = r.flags() & SLIPWAY_MD_FLAG_BID;
        uint64_t seq = static_cast<uint64_t>(r.i64(SLIPWAY_MD_SEQUENCE));
        int64_t price = r.i64(SLIPWAY_MD_PRICE_0);
        int64_t qty = r.i64(SLIPWAY_MD_QTY_0);
        slot.updates++;
        if ((r.flags() & SLIPWAY_MD_FLAG_SNAPSHOT) && (!slot.valid || slot.sequence != seq)) {
            slot.side[0].clear();
            slot.side[1].clear();
            slot.valid = true;
            slot.sequence = seq;
        }
        if (qty < 0) return;
        std::vector<Level> &levels = slot.side[bid ? 1 : 0];
        size_t pos = 0;
        while (pos < levels.size() && better(bid, levels[pos].price, price)) pos++;
        if (pos < levels.size() && levels[pos].price == price) {
            if (qty == 0) levels.erase(levels.begin() + pos);
            else levels[pos].qty = qty;
        } else if (qty != 0 && pos < static_cast<size_t>(LEVELS)) {
            levels.insert(levels.begin() + pos, Level{price, qty});
            if (levels.size() > static_cast<size_t>(LEVELS)) levels.pop_back();
        }
    }
};

// ---- driving ----------------------------------------------------------------------------------
static void present(Tb &tb, const Record *r) {
    for (int w = 0; w < 16; w++) {
        uint32_t v = 0;
        if (r) std::memcpy(&v, &r->bytes[4 * w], 4);
        tb.top->s_rec_data[w] = v;
    }
    tb.top->s_rec_valid = r != nullptr;
}

struct Snapshot {
    uint32_t status;
    uint32_t updates;
    uint64_t sequence;
    std::array<Level, LEVELS> levels;
};

static Snapshot expected_snapshot(const Model &m, int slot, bool bid) {
    const Slot &s = m.slots[slot];
    Snapshot e{};
    const std::vector<Level> &levels = s.side[bid ? 1 : 0];
    e.status = (s.valid ? SLIPWAY_BOOK_STATUS_VALID : 0) | (s.enabled ? SLIPWAY_BOOK_STATUS_ENABLED : 0) |
               static_cast<uint32_t>(levels.size()) << SLIPWAY_BOOK_STATUS_COUNT_SHIFT;
    e.updates = s.updates;
    e.sequence = s.sequence;
    for (size_t i = 0; i < levels.size(); i++) e.levels[i] = levels[i];
    return e;
}

static void check_snapshot_regs(Tb &tb, const Snapshot &e, const char *what, int slot, bool bid) {
    char label[96];
    std::snprintf(label, sizeof label, "%s slot %d %s status", what, slot, bid ? "bid" : "ask");
    CHECK_EQ(tb.read(SLIPWAY_BOOK_SNAP_STATUS), e.status, label);
    std::snprintf(label, sizeof label, "%s slot %d %s updates", what, slot, bid ? "bid" : "ask");
    CHECK_EQ(tb.read(SLIPWAY_BOOK_SNAP_UPDATES), e.updates, label);
    uint64_t seq = tb.read(SLIPWAY_BOOK_SNAP_SEQUENCE_LO);
    seq |= static_cast<uint64_t>(tb.read(SLIPWAY_BOOK_SNAP_SEQUENCE_HI)) << 32;
    std::snprintf(label, sizeof label, "%s slot %d %s sequence", what, slot, bid ? "bid" : "ask");
    CHECK_EQ(seq, e.sequence, label);
    for (int i = 0; i < LEVELS; i++) {
        uint32_t base = SLIPWAY_BOOK_SNAP_LEVELS + SLIPWAY_BOOK_LEVEL_STRIDE * i;
        uint64_t p = tb.read(base) | static_cast<uint64_t>(tb.read(base + 4)) << 32;
        uint64_t q = tb.read(base + 8) | static_cast<uint64_t>(tb.read(base + 12)) << 32;
        std::snprintf(label, sizeof label, "%s slot %d %s level %d price", what, slot, bid ? "bid" : "ask", i);
        CHECK_EQ(p, e.levels[i].price, label);
        std::snprintf(label, sizeof label, "%s slot %d %s level %d qty", what, slot, bid ? "bid" : "ask", i);
        CHECK_EQ(q, e.levels[i].qty, label);
    }
}

// The copy is complete 4 edges after the write; one read back (2 edges here) and a second one
// cover that, as the header tells the host to do.
static void select(Tb &tb, int slot, bool bid) {
    uint32_t v = static_cast<uint32_t>(slot) | (bid ? SLIPWAY_BOOK_SELECT_BID : 0);
    tb.write(SLIPWAY_BOOK_SELECT, v);
    CHECK_EQ(tb.read(SLIPWAY_BOOK_SELECT), v, "select readback");
    CHECK_EQ(tb.read(SLIPWAY_BOOK_SELECT), v, "select second readback");
}

// SELECT, then reads back to back from the next cycle on, one issued per cycle: the tightest a
// host can go. The first reads are SELECT (x2) and GEOMETRY, sampled 1 to 3 edges after the write;
// the SNAP registers, from the fourth edge on, must show the copy.
static void check_pipelined(Tb &tb, const Snapshot &e, const char *what, int slot, bool bid) {
    const uint32_t first = SLIPWAY_BOOK_SELECT;
    const uint32_t n = (SLIPWAY_BOOK_LENGTH - first) / 4;
    std::vector<uint32_t> addrs;
    addrs.push_back(SLIPWAY_BOOK_SELECT);
    for (uint32_t i = 0; i < n; i++) addrs.push_back(first + 4 * i);
    std::vector<uint32_t> got;
    tb.top->reg_addr = SLIPWAY_BOOK_SELECT;
    tb.top->reg_wr_data = static_cast<uint32_t>(slot) | (bid ? SLIPWAY_BOOK_SELECT_BID : 0);
    tb.top->reg_wr_en = 1;
    tb.tick();
    tb.top->reg_wr_en = 0;
    for (uint32_t i = 0; got.size() < addrs.size() && i < addrs.size() + 8; i++) {
        tb.top->reg_rd_en = i < addrs.size();
        tb.top->reg_addr = i < addrs.size() ? addrs[i] : 0;
        tb.tick();
        if (tb.top->reg_rd_valid) got.push_back(tb.top->reg_rd_data);
    }
    tb.top->reg_rd_en = 0;
    tb.tick();
    CHECK_EQ(got.size(), addrs.size(), "pipelined reads completed");
    if (got.size() != addrs.size()) return;
    char label[96];
    auto word = [&](uint32_t off) { return got[1 + (off - first) / 4]; };
    std::snprintf(label, sizeof label, "%s pipelined slot %d %s status", what, slot, bid ? "bid" : "ask");
    CHECK_EQ(word(SLIPWAY_BOOK_SNAP_STATUS), e.status, label);
    CHECK_EQ(word(SLIPWAY_BOOK_SNAP_UPDATES), e.updates, label);
    CHECK_EQ(word(SLIPWAY_BOOK_SNAP_SEQUENCE_LO) | static_cast<uint64_t>(word(SLIPWAY_BOOK_SNAP_SEQUENCE_HI)) << 32,
             e.sequence, label);
    for (int i = 0; i < LEVELS; i++) {
        uint32_t base = SLIPWAY_BOOK_SNAP_LEVELS + SLIPWAY_BOOK_LEVEL_STRIDE * i;
        std::snprintf(label, sizeof label, "%s pipelined slot %d %s level %d", what, slot, bid ? "bid" : "ask", i);
        CHECK_EQ(word(base) | static_cast<uint64_t>(word(base + 4)) << 32, e.levels[i].price, label);
        CHECK_EQ(word(base + 8) | static_cast<uint64_t>(word(base + 12)) << 32, e.levels[i].qty, label);
    }
}

static void check_all(Tb &tb, const Model &m, const char *what) {
    present(tb, nullptr);
    for (int s = 0; s < SLOTS; s++) {
        for (int b = 0; b < 2; b++) {
            select(tb, s, b);
            check_snapshot_regs(tb, expected_snapshot(m, s, b), what, s, b);
            // select the other side first so the tight read must see a new copy
            select(tb, s, !b);
            check_pipelined(tb, expected_snapshot(m, s, b), what, s, b);
        }
    }
}

struct Stream {
    Tb &tb;
    Model &model;
    std::mt19937_64 rng;
    double ready_share = 1.0;
    uint64_t taken = 0;
    uint64_t cycles = 0;
    uint64_t stalls = 0;

    // Presents each record until it is taken, with downstream ready random at ready_share;
    // optional register writes are issued in the cycle a given record is first presented.
    void run(const std::vector<Record> &records) {
        std::uniform_real_distribution<double> u(0.0, 1.0);
        for (const Record &r : records) {
            bool done = false;
            while (!done) {
                present(tb, &r);
                tb.top->m_rec_ready = u(rng) < ready_share;
                tb.top->eval();
                CHECK_EQ(tb.top->m_rec_valid && tb.top->m_rec_ready, tb.top->s_rec_valid && tb.top->s_rec_ready,
                         "a record is handed on exactly when it is taken");
                done = tb.top->s_rec_valid && tb.top->s_rec_ready;
                if (done) {
                    bool same = true;
                    for (int w = 0; w < 16; w++) same = same && tb.top->m_rec_data[w] == tb.top->s_rec_data[w];
                    CHECK(same, "record %llu changed on its way through", static_cast<unsigned long long>(taken));
                    model.apply(r);
                    taken++;
                } else {
                    stalls++;
                }
                tb.tick();
                cycles++;
            }
        }
        present(tb, nullptr);
        tb.top->m_rec_ready = 1;
    }
};

int main(int argc, char **argv) {
    Verilated::commandArgs(argc, argv);
    Tb tb;
    present(tb, nullptr);
    tb.top->m_rec_ready = 1;
    tb.reset();
    Model model;

    // header, geometry, reset state
    CHECK_EQ(tb.read(SLIPWAY_BLK_HDR_TYPE), SLIPWAY_BLK_TYPE_BOOK, "type");
    CHECK_EQ(tb.read(SLIPWAY_BLK_HDR_VERSION), SLIPWAY_BOOK_VERSION, "version");
    CHECK_EQ(tb.read(SLIPWAY_BLK_HDR_LENGTH), SLIPWAY_BOOK_LENGTH, "length");
    CHECK_EQ(tb.read(SLIPWAY_BOOK_GEOMETRY), SLIPWAY_BOOK_LEVELS | SLIPWAY_BOOK_SLOTS << 8, "geometry");
    for (int s = 0; s < SLOTS; s++) CHECK_EQ(tb.read(SLIPWAY_BOOK_SLOT_CHANNEL + 4 * s), 0, "slot at reset");
    check_all(tb, model, "reset");

    // slot table: channel c of slot s; a second enabled slot on a channel is refused
    const uint16_t channels[SLOTS] = {0x00, 0x01, 0x10, 0x11, 0x20, 0x21, 0x05, 0x15,
                                      0x7F, 0x40, 0x41, 0x42, 0x33, 0x34, 0x66, 0x0F};
    for (int s = 0; s < SLOTS; s++) {
        uint32_t v = SLIPWAY_BOOK_SLOT_ENABLE | channels[s];
        CHECK(model.write_slot(s, v), "model refused slot %d", s);
        tb.write(SLIPWAY_BOOK_SLOT_CHANNEL + 4 * s, v | 0xFFFF0000u);  // reserved bits dropped
        CHECK_EQ(tb.read(SLIPWAY_BOOK_SLOT_CHANNEL + 4 * s), v, "slot channel readback");
    }
    CHECK(!model.write_slot(3, SLIPWAY_BOOK_SLOT_ENABLE | 0x7F), "model accepted a duplicate");
    tb.write(SLIPWAY_BOOK_SLOT_CHANNEL + 4 * 3, SLIPWAY_BOOK_SLOT_ENABLE | 0x7F);
    CHECK_EQ(tb.read(SLIPWAY_BOOK_SLOT_CHANNEL + 4 * 3), SLIPWAY_BOOK_SLOT_ENABLE | 0x11, "duplicate refused");
    // writes to read-only registers change nothing
    tb.write(SLIPWAY_BOOK_GEOMETRY, 0);
    tb.write(SLIPWAY_BLK_HDR_TYPE, 0);
    CHECK_EQ(tb.read(SLIPWAY_BOOK_GEOMETRY), SLIPWAY_BOOK_LEVELS | SLIPWAY_BOOK_SLOTS << 8, "geometry after write");
    CHECK_EQ(tb.read(SLIPWAY_BLK_HDR_TYPE), SLIPWAY_BLK_TYPE_BOOK, "type after write");

    Stream stream{tb, model, std::mt19937_64(20240808)};

    // Adversarial, hand-written (channel 0x10 = slot 2)
    std::vector<Record> a;
    a.push_back(level(0x10, true, false, 1, 100, 0));             // delete of an absent level
    a.push_back(level(0x10, true, false, 2, 100, -5));            // negative quantity: ignored
    for (int i = 0; i < 12; i++) a.push_back(level(0x10, true, false, 3 + i, 1000 + 10 * i, 5 + i));   // 12 bids, rising
    for (int i = 0; i < 12; i++) a.push_back(level(0x10, false, false, 20 + i, 2000 - 10 * i, 7 + i)); // 12 asks, falling
    a.push_back(level(0x10, true, false, 40, 1000, 9));            // worse than all 8 held: nothing
    a.push_back(level(0x10, true, false, 41, 1110, 0));            // delete the best bid
    a.push_back(level(0x10, true, false, 42, 1070, 77));           // update in the middle
    a.push_back(level(0x10, true, false, 43, 1035, 3));            // insert between, worst falls off
    a.push_back(level(0x10, false, false, 44, 990, 4));            // crossed: ask below the best bid
    a.push_back(level(0x10, true, false, 45, -50, 1));             // negative price (signed order)
    a.push_back(status(0x10, SLIPWAY_MD_FLAG_DECODE_ERROR, 0));    // not a gap: nothing
    a.push_back(other(SLIPWAY_MD_TYPE_BBO, 0x10, 0, 1, 2));        // BBO record: nothing
    a.push_back(other(SLIPWAY_MD_TYPE_TRADE, 0x10, SLIPWAY_MD_FLAG_BID, 1000, 5));  // trade: nothing
    a.push_back(level(0x0110, true, false, 46, 1500, 5));          // channel beyond 127: no slot
    a.push_back(level(0x03, true, false, 47, 1500, 5));            // unmapped channel: no slot
    stream.run(a);
    check_all(tb, model, "adversarial diffs");

    // snapshot mid-stream, back to back with diffs; a same-sequence snapshot continues it; a gap
    // invalidates; the next snapshot with the same sequence as before still rebuilds (not valid)
    std::vector<Record> b;
    for (int i = 0; i < 5; i++) b.push_back(level(0x10, i & 1, true, 500, 1200 + i, 1 + i));
    b.push_back(level(0x10, true, false, 501, 1300, 2));
    for (int i = 0; i < 3; i++) b.push_back(level(0x10, false, true, 500, 1400 + i, 1));  // same seq: no clear
    stream.run(b);
    check_all(tb, model, "snapshot");
    std::vector<Record> g;
    g.push_back(status(0x10, SLIPWAY_MD_FLAG_GAP, 777));
    g.push_back(level(0x10, true, false, 778, 1250, 3));
    stream.run(g);
    check_all(tb, model, "gap");
    std::vector<Record> g2;
    g2.push_back(level(0x10, false, true, 500, 1600, 8));
    g2.push_back(level(0x10, true, true, 500, 1100, 8));
    stream.run(g2);
    check_all(tb, model, "snapshot after gap");

    // remap empties the slot
    tb.write(SLIPWAY_BOOK_SLOT_CHANNEL + 4 * 2, SLIPWAY_BOOK_SLOT_ENABLE | 0x10);
    model.write_slot(2, SLIPWAY_BOOK_SLOT_ENABLE | 0x10);
    check_all(tb, model, "remap");

    // Long random stream: prices on a small grid so updates, deletes and fall-offs are frequent;
    // snapshots, gaps, other records and unmapped channels mixed in; random back-pressure; SELECT
    // and SLOT_CHANNEL writes in the same cycles as records.
    std::mt19937_64 &rng = stream.rng;
    uint64_t seq = 1000;
    int select_checks = 0;
    for (int round = 0; round < 40; round++) {
        stream.ready_share = (round % 4 == 0) ? 1.0 : 0.3 + 0.15 * (round % 4);
        std::vector<Record> rs;
        for (int n = 0; n < 600; n++) {
            int s = static_cast<int>(rng() % (SLOTS + 2));
            uint16_t ch = s < SLOTS ? channels[s] : static_cast<uint16_t>(0x50 + s);
            uint64_t pick = rng() % 100;
            bool bid = rng() & 1;
            int64_t mid = 50000;
            int64_t off = static_cast<int64_t>(rng() % 24);
            int64_t price = bid ? mid - off : mid + 1 + off;
            if (pick < 2) {
                rs.push_back(status(ch, SLIPWAY_MD_FLAG_GAP, ++seq));
            } else if (pick < 5) {
                uint64_t snap = ++seq;
                int depth = static_cast<int>(rng() % 12);
                for (int i = 0; i < depth; i++) {
                    bool sb = i & 1;
                    rs.push_back(level(ch, sb, true, snap, sb ? mid - i : mid + 1 + i, 1 + static_cast<int64_t>(rng() % 9)));
                }
            } else if (pick < 8) {
                rs.push_back(other(pick == 5 ? SLIPWAY_MD_TYPE_BBO : SLIPWAY_MD_TYPE_TRADE, ch, 0, price, 3));
            } else {
                int64_t qty = (rng() % 10 < 3) ? 0 : 1 + static_cast<int64_t>(rng() % 1000);
                rs.push_back(level(ch, bid, false, ++seq, price, qty));
            }
        }
        stream.run(rs);

        // SELECT issued while records flow: the copy is the book as of the write's edge
        int ss = static_cast<int>(rng() % SLOTS);
        bool sb = rng() & 1;
        std::vector<Record> more;
        for (int n = 0; n < 8; n++) more.push_back(level(channels[ss], sb, false, ++seq, 50000 + (sb ? -n : n + 1), 11 + n));
        present(tb, &more[0]);
        tb.top->m_rec_ready = 1;
        tb.top->reg_addr = SLIPWAY_BOOK_SELECT;
        tb.top->reg_wr_data = static_cast<uint32_t>(ss) | (sb ? SLIPWAY_BOOK_SELECT_BID : 0);
        tb.top->reg_wr_en = 1;
        tb.top->eval();
        CHECK(tb.top->s_rec_ready, "record refused in the cycle of a SELECT write");
        model.apply(more[0]);
        Snapshot at_select = expected_snapshot(model, ss, sb);
        tb.tick();
        tb.top->reg_wr_en = 0;
        tb.top->eval();
        CHECK(!tb.top->s_rec_ready, "stream not stalled the cycle after a SELECT write");
        stream.run(std::vector<Record>(more.begin() + 1, more.end()));
        CHECK_EQ(tb.read(SLIPWAY_BOOK_SELECT), static_cast<uint32_t>(ss) | (sb ? SLIPWAY_BOOK_SELECT_BID : 0), "select");
        check_snapshot_regs(tb, at_select, "select during traffic", ss, sb);
        select_checks++;

        // remap while records flow, every few rounds: a record taken in the same cycle lands in
        // the slot first and is then wiped with it
        if (round % 5 == 4) {
            int rs2 = static_cast<int>(rng() % SLOTS);
            Record r = level(channels[rs2], true, false, ++seq, 49990, 5);
            present(tb, &r);
            tb.top->reg_addr = SLIPWAY_BOOK_SLOT_CHANNEL + 4 * rs2;
            tb.top->reg_wr_data = SLIPWAY_BOOK_SLOT_ENABLE | channels[rs2];
            tb.top->reg_wr_en = 1;
            tb.top->eval();
            CHECK(tb.top->s_rec_ready, "record refused in the cycle of a SLOT_CHANNEL write");
            model.apply(r);
            model.write_slot(rs2, SLIPWAY_BOOK_SLOT_ENABLE | channels[rs2]);
            tb.tick();
            tb.top->reg_wr_en = 0;
            present(tb, nullptr);
        }
        if (round % 8 == 7) check_all(tb, model, "random");
    }
    check_all(tb, model, "random end");

    std::printf("  %llu records in %llu cycles (%llu refused by back-pressure or a register stall), %d selects during traffic\n",
                static_cast<unsigned long long>(stream.taken), static_cast<unsigned long long>(stream.cycles),
                static_cast<unsigned long long>(stream.stalls), select_checks);

    // Throughput with the output always ready: one record per cycle
    stream.ready_share = 1.0;
    uint64_t c0 = stream.cycles, t0 = stream.taken;
    std::vector<Record> burst;
    for (int n = 0; n < 1000; n++) burst.push_back(level(channels[n % SLOTS], n & 1, false, ++seq, 50000 + (n % 7), 1 + n));
    stream.run(burst);
    CHECK_EQ(stream.cycles - c0, stream.taken - t0, "one record per cycle with no back-pressure");
    std::printf("  sustained: %llu records in %llu cycles with the output ready\n",
                static_cast<unsigned long long>(stream.taken - t0), static_cast<unsigned long long>(stream.cycles - c0));
    check_all(tb, model, "burst");
    return tb_finish("tb_slipway_book");
}
