// Bench: the card top (slipway_card) as the host sees it - block discovery from address 0,
// register access through the shared bus, unmapped addresses, the event counters and the
// cycle counter. Measures register read latency and pipelined read throughput.
#include <cstring>
#include <vector>

#include "Vslipway_card.h"
#include "Vslipway_card___024root.h"
#include "slipway_nic.h"
#include "tb_common.h"

using Tb = Bench<Vslipway_card>;

// Every mapped register, for before/after comparisons.
static std::vector<uint32_t> snapshot(Tb &tb) {
    std::vector<uint32_t> v;
    for (uint32_t a = 0; a < 0x100; a += 4) {
        if (a == SLIPWAY_COUNTERS_BASE + SLIPWAY_CNT_CYCLES_LO ||
            a == SLIPWAY_COUNTERS_BASE + SLIPWAY_CNT_CYCLES_HI) {
            v.push_back(0);  // moves every cycle
        } else {
            v.push_back(tb.read(a));
        }
    }
    return v;
}

// Decoder commit of a BestBidAsk whose symbol ends in the last beat, counted from the cycle the
// decoder takes that beat: walker end, five rescale stages (slipway_scale_div), commit.
#define FEED_COMMIT_CYCLES 6u

int main(int argc, char **argv) {
    Verilated::commandArgs(argc, argv);
    Tb tb;
    tb.top->ingress_dropped_inc = 0;
    tb.top->s_order_tvalid = 0;
    tb.top->s_order_tlast = 0;
    tb.top->s_exposure_valid = 0;
    tb.top->m_cmp_ready = 1;
    tb.top->m_venue_tready = 1;
    tb.top->s_ingress_tvalid = 0;
    tb.top->s_ingress_tlast = 0;
    tb.top->s_ingress_tdata = 0;
    tb.top->s_ingress_tkeep = 0xFF;
    tb.top->s_wire_tvalid = 0;
    tb.top->s_wire_tlast = 0;
    tb.top->s_wire_tdata = 0;
    tb.top->s_wire_tkeep = 0;
    tb.top->m_md_ready = 1;
    tb.reset(16);
    CHECK_EQ(tb.top->cycles, 0, "cycle counter held at 0 in reset");

    // discovery: walk NEXT from 0 and find every block where the header puts them
    struct { uint32_t base, type, version, length; } blocks[] = {
        {SLIPWAY_IDENTITY_BASE, SLIPWAY_BLK_TYPE_IDENTITY, SLIPWAY_IDENTITY_VERSION, SLIPWAY_IDENTITY_LENGTH},
        {SLIPWAY_RISK_BASE, SLIPWAY_BLK_TYPE_RISK, SLIPWAY_RISK_VERSION, SLIPWAY_RISK_LENGTH},
        {SLIPWAY_COUNTERS_BASE, SLIPWAY_BLK_TYPE_COUNTERS, SLIPWAY_COUNTERS_VERSION, SLIPWAY_COUNTERS_LENGTH},
        {SLIPWAY_FEED_BASE, SLIPWAY_BLK_TYPE_FEED, SLIPWAY_FEED_VERSION, SLIPWAY_FEED_LENGTH},
        {SLIPWAY_BOOK_BASE, SLIPWAY_BLK_TYPE_BOOK, SLIPWAY_BOOK_VERSION, SLIPWAY_BOOK_LENGTH},
        {SLIPWAY_TRIGGER_BASE, SLIPWAY_BLK_TYPE_TRIGGER, SLIPWAY_TRIGGER_VERSION, SLIPWAY_TRIGGER_LENGTH},
        {SLIPWAY_LATENCY_BASE, SLIPWAY_BLK_TYPE_LATENCY, SLIPWAY_LATENCY_VERSION, SLIPWAY_LATENCY_LENGTH},
    };
    const int expected = static_cast<int>(sizeof(blocks) / sizeof(blocks[0]));
    uint32_t addr = 0;
    int found = 0;
    for (int hops = 0; hops < 8; hops++) {
        CHECK(found < expected, "more blocks than expected at 0x%04x", addr);
        if (found >= expected) break;
        CHECK_EQ(addr, blocks[found].base, "block base");
        CHECK_EQ(tb.read(addr + SLIPWAY_BLK_HDR_TYPE), blocks[found].type, "block type");
        CHECK_EQ(tb.read(addr + SLIPWAY_BLK_HDR_VERSION), blocks[found].version, "block version");
        CHECK_EQ(tb.read(addr + SLIPWAY_BLK_HDR_LENGTH), blocks[found].length, "block length");
        found++;
        uint32_t next = tb.read(addr + SLIPWAY_BLK_HDR_NEXT);
        if (next == 0) break;
        CHECK(next > addr, "NEXT goes backwards: 0x%x -> 0x%x", addr, next);
        addr = next;
    }
    CHECK_EQ(found, expected, "blocks found walking NEXT");

    // identity
    CHECK_EQ(tb.read(SLIPWAY_ID_MAGIC), SLIPWAY_NIC_MAGIC, "magic");
    CHECK_EQ(tb.read(SLIPWAY_ID_HEADER_VERSION), SLIPWAY_NIC_HEADER_VERSION, "header version");
    CHECK_EQ(tb.read(SLIPWAY_ID_BUILD_ID), TB_BUILD_ID, "build id = hash of the RTL sources");
    const uint32_t features = SLIPWAY_FEATURE_RX_SBE | SLIPWAY_FEATURE_BOOK | SLIPWAY_FEATURE_RISK_GATE | SLIPWAY_FEATURE_TRIGGERS |
                 SLIPWAY_FEATURE_LATENCY_STATS;
    CHECK_EQ(tb.read(SLIPWAY_ID_FEATURES), features, "features");

    // read latency, measured
    int latency = 0;
    tb.read(SLIPWAY_ID_MAGIC, &latency);
    int latency_risk = 0, latency_cnt = 0, latency_unmapped = 0;
    tb.read(SLIPWAY_RISK_BASE + SLIPWAY_RISK_CONTROL, &latency_risk);
    tb.read(SLIPWAY_COUNTERS_BASE + SLIPWAY_CNT_MD_RECORDS, &latency_cnt);
    tb.read(0x4000, &latency_unmapped);
    CHECK_EQ(latency, 2, "identity read latency");
    CHECK_EQ(latency_risk, latency, "risk read latency");
    CHECK_EQ(latency_cnt, latency, "counters read latency");
    CHECK_EQ(latency_unmapped, latency, "unmapped read latency");

    // pipelined reads across all three blocks: one per cycle, in order
    const uint32_t n = 0x100 / 4;
    std::vector<uint32_t> serial = snapshot(tb);
    std::vector<uint32_t> piped;
    uint64_t start = tb.edges;
    uint32_t issued = 0;
    while (piped.size() < n && tb.edges - start < 4 * n) {
        tb.top->reg_rd_en = issued < n;
        tb.top->reg_addr = issued * 4;
        if (issued < n) issued++;
        tb.tick();
        if (tb.top->reg_rd_valid) piped.push_back(tb.top->reg_rd_data);
    }
    tb.top->reg_rd_en = 0;
    uint64_t piped_cycles = tb.edges - start;
    CHECK_EQ(piped.size(), n, "pipelined reads completed");
    CHECK_EQ(piped_cycles, n + latency - 1, "pipelined block read cycles");
    for (uint32_t i = 0; i < n && i < piped.size(); i++) {
        uint32_t a = i * 4;
        if (a == SLIPWAY_COUNTERS_BASE + SLIPWAY_CNT_CYCLES_LO ||
            a == SLIPWAY_COUNTERS_BASE + SLIPWAY_CNT_CYCLES_HI) continue;
        CHECK(piped[i] == serial[i], "pipelined read of 0x%02x: 0x%x vs 0x%x", a, piped[i], serial[i]);
    }

    // writes through the top: scratch and risk registers
    tb.write(SLIPWAY_ID_SCRATCH, 0xC0FFEE01u);
    CHECK_EQ(tb.read(SLIPWAY_ID_SCRATCH), 0xC0FFEE01u, "scratch");
    CHECK_EQ(tb.read(SLIPWAY_RISK_BASE + SLIPWAY_RISK_CONTROL), 1, "kill switch set after reset");
    tb.write(SLIPWAY_RISK_BASE + SLIPWAY_RISK_COLLAR_BPS, 75);
    tb.write(SLIPWAY_RISK_BASE + SLIPWAY_RISK_MAX_QTY_LO, 0x3B9ACA00u);
    tb.write(SLIPWAY_RISK_BASE + SLIPWAY_RISK_MAX_QTY_HI, 0x2u);
    tb.write(SLIPWAY_RISK_BASE + SLIPWAY_RISK_CONTROL, 0);
    CHECK_EQ(tb.read(SLIPWAY_RISK_BASE + SLIPWAY_RISK_COLLAR_BPS), 75, "collar");
    CHECK_EQ(tb.read(SLIPWAY_RISK_BASE + SLIPWAY_RISK_MAX_QTY_LO), 0x3B9ACA00u, "max qty lo");
    CHECK_EQ(tb.read(SLIPWAY_RISK_BASE + SLIPWAY_RISK_MAX_QTY_HI), 0x2u, "max qty hi");
    CHECK_EQ(tb.read(SLIPWAY_RISK_BASE + SLIPWAY_RISK_CONTROL), 0, "kill cleared");
    // a write to one block must not land in another at the same offset
    CHECK_EQ(tb.read(SLIPWAY_COUNTERS_BASE + SLIPWAY_RISK_COLLAR_BPS), 0, "counters unaffected");
    CHECK_EQ(tb.read(SLIPWAY_IDENTITY_BASE + SLIPWAY_RISK_COLLAR_BPS), features, "identity FEATURES unaffected");

    // unmapped addresses read 0 and swallow writes
    std::vector<uint32_t> before = snapshot(tb);
    const uint32_t unmapped[] = {0x0500, 0x0504, 0x0FFC, 0x1000, 0x4040, 0x8080, 0xFFFC};
    for (uint32_t a : unmapped) {
        CHECK(tb.read(a) == 0, "unmapped 0x%04x not 0", a);
        tb.write(a, 0xFFFFFFFFu);
        CHECK(tb.read(a) == 0, "unmapped 0x%04x not 0 after a write", a);
    }
    std::vector<uint32_t> after = snapshot(tb);
    for (uint32_t i = 0; i < before.size(); i++) {
        CHECK(before[i] == after[i], "0x%02x changed by unmapped writes: 0x%x -> 0x%x", i * 4,
              before[i], after[i]);
    }

    // the risk gate's verdicts reach the counters block: out of reset the kill switch is set, so
    // 5 well-formed orders are rejected for it, and 5 with a wrong side as malformed; none leaves
    int completions = 0, venue_beats = 0;
    tb.write(SLIPWAY_RISK_BASE + SLIPWAY_RISK_CONTROL, SLIPWAY_RISK_CONTROL_KILL);
    for (int i = 0; i < 10; i++) {
        uint8_t order[SLIPWAY_ORDER_DESCRIPTOR_SIZE + 8] = {0};
        order[SLIPWAY_ORD_VENUE] = 1;
        order[SLIPWAY_ORD_SIDE] = i < 5 ? SLIPWAY_SIDE_BUY : 7;
        order[SLIPWAY_ORD_TYPE] = SLIPWAY_ORD_TYPE_LIMIT;
        order[SLIPWAY_ORD_ACTION] = SLIPWAY_ORD_ACTION_NEW;
        order[SLIPWAY_ORD_INSTRUMENT] = 1;
        order[SLIPWAY_ORD_MESSAGE_LENGTH] = 8;
        order[SLIPWAY_ORD_CLIENT_ORDER_ID] = (uint8_t)(i + 1);
        order[SLIPWAY_ORD_PRICE] = 100;
        order[SLIPWAY_ORD_QUANTITY] = 1;
        for (uint32_t b = 0; b < sizeof(order) / 8; b++) {
            uint64_t d = 0;
            for (int k = 7; k >= 0; k--) d = d << 8 | order[8 * b + k];
            tb.top->s_order_tdata = d;
            tb.top->s_order_tkeep = 0xFF;
            tb.top->s_order_tlast = b + 1 == sizeof(order) / 8;
            tb.top->s_order_tvalid = 1;
            for (int guard = 0; !tb.top->s_order_tready && guard < 2048; guard++) {
                completions += tb.top->m_cmp_valid;
                venue_beats += tb.top->m_venue_tvalid;
                tb.tick();
            }
            completions += tb.top->m_cmp_valid;
            venue_beats += tb.top->m_venue_tvalid;
            tb.tick();
        }
        tb.top->s_order_tvalid = 0;
    }
    for (int i = 0; i < 64; i++) {
        completions += tb.top->m_cmp_valid;
        venue_beats += tb.top->m_venue_tvalid;
        tb.tick();
    }
    CHECK_EQ(completions, 10, "completions on the completion stream");
    CHECK_EQ(venue_beats, 0, "nothing on the venue port");
    // MD records come from the ingress decoder: 4 BestBidAsk frames and one with a wrong
    // schema id (a FEED_STATUS record), each must leave one record on the md stream
    int md_out = 0;
    for (int i = 0; i < 5; i++) {
        uint8_t slot[SLIPWAY_INGRESS_SLOT_SIZE] = {0};
        const uint16_t length = 8 + 50 + 1 + 7;
        slot[SLIPWAY_INGRESS_CHANNEL] = 0x21;
        slot[SLIPWAY_INGRESS_LENGTH] = length;
        uint8_t *m = slot + SLIPWAY_INGRESS_PAYLOAD;
        m[0] = 50;
        m[2] = SLIPWAY_SBE_TEMPLATE_BEST_BID_ASK & 0xFF;
        m[3] = SLIPWAY_SBE_TEMPLATE_BEST_BID_ASK >> 8;
        m[4] = i == 4 ? 7 : SLIPWAY_SBE_SCHEMA_ID;
        m[8 + 16] = (uint8_t)-2;
        m[8 + 17] = (uint8_t)-6;
        m[8 + 18] = (uint8_t)(100 + i);  // bid price mantissa
        m[8 + 50] = 7;
        std::memcpy(m + 8 + 51, "BTCUSDT", 7);
        const uint32_t beats = (SLIPWAY_INGRESS_PAYLOAD + length + 7) / 8;
        for (uint32_t b = 0; b < beats; b++) {
            uint64_t d = 0;
            for (int k = 7; k >= 0; k--) d = d << 8 | slot[8 * b + k];
            tb.top->s_ingress_tdata = d;
            tb.top->s_ingress_tlast = b + 1 == beats;
            tb.top->s_ingress_tvalid = 1;
            CHECK(tb.top->s_ingress_tready, "ingress not ready");
            tb.tick();
        }
        tb.top->s_ingress_tvalid = 0;
        tb.top->s_ingress_tlast = 0;
        for (int k = 0; k < 8; k++) {
            if (tb.top->m_md_valid) {
                uint32_t w0 = tb.top->m_md_data[0];
                uint32_t w4 = tb.top->m_md_data[4];
                CHECK_EQ(w0 & 0xFFFF, i == 4 ? SLIPWAY_MD_TYPE_FEED_STATUS : SLIPWAY_MD_TYPE_BBO, "md record type");
                CHECK_EQ(w0 >> 16, 0x21, "md record channel");
                CHECK_EQ(w4, i == 4 ? 0 : 100 + i, "md record bid price");
                md_out++;
            }
            tb.tick();
        }
    }
    CHECK_EQ(md_out, 5, "records on the md stream");
    CHECK_EQ(tb.read(SLIPWAY_COUNTERS_BASE + SLIPWAY_CNT_REASON_BASE + 4 * SLIPWAY_REASON_KILL_SWITCH), 5, "kill-switch rejects");
    CHECK_EQ(tb.read(SLIPWAY_COUNTERS_BASE + SLIPWAY_CNT_REASON_BASE + 4 * SLIPWAY_REASON_MALFORMED), 5, "malformed rejects");
    CHECK_EQ(tb.read(SLIPWAY_COUNTERS_BASE + SLIPWAY_CNT_REASON_BASE + 4 * SLIPWAY_REASON_NONE), 0, "passed");
    CHECK_EQ(tb.read(SLIPWAY_COUNTERS_BASE + SLIPWAY_CNT_MD_RECORDS), 5, "md records");
    // the feed latency path saw each message: last beat into the decoder to its commit
    const uint32_t feed = SLIPWAY_LATENCY_BASE + SLIPWAY_LATENCY_PATH_BASE;
    const uint32_t feed_cycles = FEED_COMMIT_CYCLES;
    CHECK_EQ(tb.read(feed + SLIPWAY_LAT_COUNT), 5, "feed latency count");
    CHECK_EQ(tb.read(feed + SLIPWAY_LAT_MIN), feed_cycles, "feed latency min");
    CHECK_EQ(tb.read(feed + SLIPWAY_LAT_MAX), feed_cycles, "feed latency max");
    CHECK_EQ(tb.read(feed + SLIPWAY_LAT_SUM_LO), 5 * feed_cycles, "feed latency sum");
    // the risk path saw each of the 10 rejected orders: descriptor taken to the registered verdict
    // strobe, i.e. the 5-cycle verdict (CMP_CYCLES_OUT - CMP_CYCLES_IN) plus the edge that puts the
    // verdict on the gate's outputs
    const uint32_t risk = SLIPWAY_LATENCY_BASE + SLIPWAY_LATENCY_PATH_BASE + SLIPWAY_LATENCY_PATH_STRIDE;
    CHECK_EQ(tb.read(risk + SLIPWAY_LAT_COUNT), 10, "risk latency count");
    CHECK_EQ(tb.read(risk + SLIPWAY_LAT_MIN), 6, "risk latency min");
    CHECK_EQ(tb.read(risk + SLIPWAY_LAT_MAX), 6, "risk latency max");
    CHECK_EQ(tb.read(SLIPWAY_LATENCY_BASE + SLIPWAY_LATENCY_PATH_BASE + 2 * SLIPWAY_LATENCY_PATH_STRIDE + SLIPWAY_LAT_COUNT),
             0, "trigger latency path: no trigger fired, no sample");
    // the book stage passed the records on and, with no slot enabled, keeps nothing
    tb.write(SLIPWAY_BOOK_BASE + SLIPWAY_BOOK_SELECT, SLIPWAY_BOOK_SELECT_BID);
    CHECK_EQ(tb.read(SLIPWAY_BOOK_BASE + SLIPWAY_BOOK_SELECT), SLIPWAY_BOOK_SELECT_BID, "book select");
    CHECK_EQ(tb.read(SLIPWAY_BOOK_BASE + SLIPWAY_BOOK_GEOMETRY), SLIPWAY_BOOK_LEVELS | SLIPWAY_BOOK_SLOTS << 8, "book geometry");
    CHECK_EQ(tb.read(SLIPWAY_BOOK_BASE + SLIPWAY_BOOK_SNAP_STATUS), 0, "book slot 0 status");

    CHECK_EQ(tb.read(SLIPWAY_COUNTERS_BASE + SLIPWAY_CNT_ORDERS_SENT), 0, "orders sent");

    // cycle counter: one per edge since reset, and the register pair agrees with the port
    uint64_t c0 = tb.top->cycles;
    CHECK_EQ(c0, tb.edges - 16, "cycles = edges since reset released");
    for (int i = 0; i < 1000; i++) tb.tick();
    CHECK_EQ(tb.top->cycles - c0, 1000, "cycles over 1000 edges");
    uint64_t port_at_lo = tb.top->cycles;
    uint32_t lo = tb.read(SLIPWAY_COUNTERS_BASE + SLIPWAY_CNT_CYCLES_LO);
    uint32_t hi = tb.read(SLIPWAY_COUNTERS_BASE + SLIPWAY_CNT_CYCLES_HI);
    uint64_t reg = (uint64_t)hi << 32 | lo;
    // the LO read samples the counter where the counters block takes the request: the edge after
    // the one that takes it from the port (the card registers the bus on entry)
    CHECK_EQ(reg, port_at_lo + 1, "CYCLES_LO/HI pair");

    // carry from the low into the high half: preset the counter just below a low-word wrap
    // and check it against a plain 64-bit count across it, twice.
    for (uint32_t hi0 : {0x00000000u, 0xFFFFFFFEu}) {
        tb.top->rootp->slipway_card__DOT__cycle_lo = 0xFFFFFFF0u;
        tb.top->rootp->slipway_card__DOT__cycle_hi = hi0;
        tb.top->rootp->slipway_card__DOT__cycle_lo_all_ones = 0;
        tb.top->eval();
        uint64_t expect = (uint64_t)hi0 << 32 | 0xFFFFFFF0u;
        bool ok = true;
        for (int i = 0; i < 40 && ok; i++) {
            ok = tb.top->cycles == expect;
            CHECK(ok, "cycles across the low-word wrap: 0x%llx, expected 0x%llx",
                  (unsigned long long)tb.top->cycles, (unsigned long long)expect);
            tb.tick();
            expect++;
        }
    }

    tb.reset(16);
    CHECK_EQ(tb.top->cycles, 0, "cycles after reset");
    CHECK_EQ(tb.read(SLIPWAY_ID_SCRATCH), 0, "scratch after reset");
    CHECK_EQ(tb.read(SLIPWAY_RISK_BASE + SLIPWAY_RISK_CONTROL), 1, "kill set again after reset");

    std::printf("  register read latency: %d cycles (request edge to data valid), %s\n", latency,
                "same for every block and for unmapped addresses");
    std::printf("  pipelined read of %u registers: %llu cycles\n", n,
                (unsigned long long)piped_cycles);
    return tb_finish("tb_slipway_card");
}
