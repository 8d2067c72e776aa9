// Bench: identity block alone (slipway_reg_identity), built with BUILD_ID = TB_BUILD_ID.
#include "Vslipway_reg_identity.h"
#include "slipway_nic.h"
#include "tb_common.h"

int main(int argc, char **argv) {
    Verilated::commandArgs(argc, argv);
    Bench<Vslipway_reg_identity> tb;
    tb.reset();

    struct { uint32_t off; uint32_t value; const char *name; } expected[] = {
        {SLIPWAY_BLK_HDR_TYPE, SLIPWAY_BLK_TYPE_IDENTITY, "type"},
        {SLIPWAY_BLK_HDR_VERSION, SLIPWAY_IDENTITY_VERSION, "version"},
        {SLIPWAY_BLK_HDR_NEXT, SLIPWAY_RISK_BASE, "next"},
        {SLIPWAY_BLK_HDR_LENGTH, SLIPWAY_IDENTITY_LENGTH, "length"},
        {SLIPWAY_ID_MAGIC, SLIPWAY_NIC_MAGIC, "magic"},
        {SLIPWAY_ID_HEADER_VERSION, SLIPWAY_NIC_HEADER_VERSION, "header version"},
        {SLIPWAY_ID_BUILD_ID, TB_BUILD_ID, "build id"},
        {SLIPWAY_ID_FEATURES, 0, "features (no data-path features built)"},
        {SLIPWAY_ID_CLOCK_KHZ, 322266, "clock kHz"},
        {SLIPWAY_ID_MD_RECORD_SIZE, SLIPWAY_MD_RECORD_SIZE, "md record size"},
        {SLIPWAY_ID_ORDER_SLOT_SIZE, SLIPWAY_ORDER_SLOT_SIZE, "order slot size"},
        {SLIPWAY_ID_COMPLETION_RECORD_SIZE, SLIPWAY_COMPLETION_RECORD_SIZE, "completion size"},
        {SLIPWAY_ID_SCRATCH, 0, "scratch at reset"},
        {0x34, 0, "reserved 0x34"},
        {0x38, 0, "reserved 0x38"},
        {0x3C, 0, "reserved 0x3C"},
    };
    for (const auto &e : expected) {
        int latency = 0;
        CHECK_EQ(tb.read(e.off, &latency), e.value, e.name);
        CHECK_EQ(latency, 1, "block read latency");
    }

    // scratch proves the write path; low address bits are ignored (word-aligned bus)
    tb.write(SLIPWAY_ID_SCRATCH, 0xA5A55A5Au);
    CHECK_EQ(tb.read(SLIPWAY_ID_SCRATCH), 0xA5A55A5Au, "scratch after write");
    CHECK_EQ(tb.read(SLIPWAY_ID_SCRATCH | 3u), 0xA5A55A5Au, "scratch via unaligned address");
    tb.write(SLIPWAY_ID_SCRATCH | 1u, 0x00000001u);
    CHECK_EQ(tb.read(SLIPWAY_ID_SCRATCH), 0x00000001u, "scratch written via unaligned address");

    // read-only registers ignore writes
    for (const auto &e : expected) {
        if (e.off != SLIPWAY_ID_SCRATCH) tb.write(e.off, 0xFFFFFFFFu);
    }
    for (const auto &e : expected) {
        if (e.off != SLIPWAY_ID_SCRATCH) CHECK_EQ(tb.read(e.off), e.value, e.name);
    }
    CHECK_EQ(tb.read(SLIPWAY_ID_SCRATCH), 0x00000001u, "scratch untouched by other writes");

    // back-to-back reads: one issued per cycle, each answered one cycle later, in order
    const uint32_t offs[] = {SLIPWAY_ID_MAGIC, SLIPWAY_ID_CLOCK_KHZ, SLIPWAY_ID_SCRATCH,
                             SLIPWAY_BLK_HDR_NEXT};
    const uint32_t vals[] = {SLIPWAY_NIC_MAGIC, 322266, 1, SLIPWAY_RISK_BASE};
    for (int i = 0; i < 4; i++) {
        tb.top->reg_addr = offs[i];
        tb.top->reg_rd_en = 1;
        tb.tick();
        CHECK(tb.top->reg_rd_valid, "pipelined read %d not valid", i);
        CHECK_EQ(tb.top->reg_rd_data, vals[i], "pipelined read");
    }
    tb.top->reg_rd_en = 0;
    tb.tick();
    CHECK(!tb.top->reg_rd_valid, "valid after pipelined reads");

    // a read in the same cycle as a write returns the old value
    tb.top->reg_addr = SLIPWAY_ID_SCRATCH;
    tb.top->reg_wr_data = 0x12345678u;
    tb.top->reg_wr_en = 1;
    tb.top->reg_rd_en = 1;
    tb.tick();
    tb.top->reg_wr_en = 0;
    tb.top->reg_rd_en = 0;
    CHECK_EQ(tb.top->reg_rd_data, 1u, "read-during-write returns the old value");
    CHECK_EQ(tb.read(SLIPWAY_ID_SCRATCH), 0x12345678u, "write landed");

    // reset clears scratch
    tb.reset();
    CHECK_EQ(tb.read(SLIPWAY_ID_SCRATCH), 0u, "scratch after reset");

    return tb_finish("tb_slipway_reg_identity");
}
