// Bench: risk block alone (slipway_reg_risk): header, safe reset state, read/write of every
// register, reserved bits, atomic 64-bit updates, and that the outputs follow the registers.
#include "Vslipway_reg_risk.h"
#include "slipway_nic.h"
#include "tb_common.h"

using Tb = Bench<Vslipway_reg_risk>;

static void check_header(Tb &tb) {
    CHECK_EQ(tb.read(SLIPWAY_BLK_HDR_TYPE), SLIPWAY_BLK_TYPE_RISK, "type");
    CHECK_EQ(tb.read(SLIPWAY_BLK_HDR_VERSION), SLIPWAY_RISK_VERSION, "version");
    CHECK_EQ(tb.read(SLIPWAY_BLK_HDR_NEXT), SLIPWAY_COUNTERS_BASE, "next");
    CHECK_EQ(tb.read(SLIPWAY_BLK_HDR_LENGTH), SLIPWAY_RISK_LENGTH, "length");
}

static void check_safe_defaults(Tb &tb) {
    CHECK_EQ(tb.read(SLIPWAY_RISK_CONTROL), SLIPWAY_RISK_CONTROL_KILL, "kill set at reset");
    CHECK_EQ(tb.top->kill, 1, "kill output at reset");
    for (uint32_t off = SLIPWAY_RISK_VENUE_ENABLE; off <= SLIPWAY_RISK_MAX_POSITION_HI; off += 4) {
        CHECK(tb.read(off) == 0, "register 0x%02x not zero at reset", off);
    }
    CHECK_EQ(tb.top->venue_enable, 0, "venue_enable output");
    CHECK_EQ(tb.top->instrument_enable, 0, "instrument_enable output");
    CHECK_EQ(tb.top->collar_bps, 0, "collar output");
    CHECK_EQ(tb.top->max_qty, 0, "max_qty output");
    CHECK_EQ(tb.top->max_notional, 0, "max_notional output");
    CHECK_EQ(tb.top->throttle_burst, 0, "burst output");
    CHECK_EQ(tb.top->throttle_refill, 0, "refill output");
    CHECK_EQ(tb.top->max_position, 0, "max_position output");
}

int main(int argc, char **argv) {
    Verilated::commandArgs(argc, argv);
    Tb tb;
    tb.reset();
    check_header(tb);
    check_safe_defaults(tb);

    // 32-bit registers: full width read/write, outputs follow
    tb.write(SLIPWAY_RISK_COLLAR_BPS, 250);
    tb.write(SLIPWAY_RISK_THROTTLE_BURST, 0xDEADBEEFu);
    tb.write(SLIPWAY_RISK_THROTTLE_REFILL, 0x0001E240u);
    CHECK_EQ(tb.read(SLIPWAY_RISK_COLLAR_BPS), 250, "collar");
    CHECK_EQ(tb.read(SLIPWAY_RISK_THROTTLE_BURST), 0xDEADBEEFu, "burst");
    CHECK_EQ(tb.read(SLIPWAY_RISK_THROTTLE_REFILL), 0x0001E240u, "refill");
    CHECK_EQ(tb.top->collar_bps, 250, "collar output");
    CHECK_EQ(tb.top->throttle_burst, 0xDEADBEEFu, "burst output");
    CHECK_EQ(tb.top->throttle_refill, 0x0001E240u, "refill output");

    // control and enables keep only the bits the card defines
    tb.write(SLIPWAY_RISK_CONTROL, 0xFFFFFFFEu);
    CHECK_EQ(tb.read(SLIPWAY_RISK_CONTROL), 0, "kill cleared, reserved bits read 0");
    CHECK_EQ(tb.top->kill, 0, "kill output cleared");
    tb.write(SLIPWAY_RISK_CONTROL, 0xFFFFFFFFu);
    CHECK_EQ(tb.read(SLIPWAY_RISK_CONTROL), 1, "kill set again");
    CHECK_EQ(tb.top->kill, 1, "kill output set");
    tb.write(SLIPWAY_RISK_VENUE_ENABLE, 0xFFFFFFA5u);
    CHECK_EQ(tb.read(SLIPWAY_RISK_VENUE_ENABLE), 0xA5u, "venue enable (8 venues)");
    CHECK_EQ(tb.top->venue_enable, 0xA5u, "venue_enable output");
    tb.write(SLIPWAY_RISK_INSTRUMENT_ENABLE, 0xFFFF8001u);
    CHECK_EQ(tb.read(SLIPWAY_RISK_INSTRUMENT_ENABLE), 0x8001u, "instrument enable (16 instruments)");
    CHECK_EQ(tb.top->instrument_enable, 0x8001u, "instrument_enable output");

    // 64-bit limits: low word staged, both halves take effect on the high-word write
    const uint32_t los[] = {SLIPWAY_RISK_MAX_QTY_LO, SLIPWAY_RISK_MAX_NOTIONAL_LO,
                            SLIPWAY_RISK_MAX_POSITION_LO};
    const char *names[] = {"max qty", "max notional", "max position"};
    for (int k = 0; k < 3; k++) {
        uint32_t lo = los[k];
        uint64_t before = 0x00000001'00000000ull;
        uint64_t after = 0x00000000'FFFFFFF0ull + static_cast<uint64_t>(k);
        tb.write(lo, static_cast<uint32_t>(before));
        tb.write(lo + 4, static_cast<uint32_t>(before >> 32));
        CHECK_EQ(tb.read(lo) | static_cast<uint64_t>(tb.read(lo + 4)) << 32, before, names[k]);
        // low word alone changes nothing the gate can see
        tb.write(lo, static_cast<uint32_t>(after));
        uint64_t out = k == 0 ? tb.top->max_qty : k == 1 ? tb.top->max_notional : tb.top->max_position;
        CHECK_EQ(out, before, "output unchanged after low-word write");
        CHECK_EQ(tb.read(lo), static_cast<uint32_t>(before), "low word reads the value in effect");
        tb.write(lo + 4, static_cast<uint32_t>(after >> 32));
        out = k == 0 ? tb.top->max_qty : k == 1 ? tb.top->max_notional : tb.top->max_position;
        CHECK_EQ(out, after, "output after high-word write");
        CHECK_EQ(tb.read(lo) | static_cast<uint64_t>(tb.read(lo + 4)) << 32, after, names[k]);
    }
    CHECK_EQ(tb.top->max_qty, 0x00000000'FFFFFFF0ull, "max qty output");
    CHECK_EQ(tb.top->max_notional, 0x00000000'FFFFFFF1ull, "max notional output");
    CHECK_EQ(tb.top->max_position, 0x00000000'FFFFFFF2ull, "max position output");
    // a full-range value
    tb.write(SLIPWAY_RISK_MAX_NOTIONAL_LO, 0x89ABCDEFu);
    tb.write(SLIPWAY_RISK_MAX_NOTIONAL_HI, 0x01234567u);
    CHECK_EQ(tb.top->max_notional, 0x01234567'89ABCDEFull, "max notional full range");

    // header is read-only
    for (uint32_t off = 0; off < SLIPWAY_BLK_HDR_SIZE; off += 4) tb.write(off, 0xFFFFFFFFu);
    check_header(tb);

    // reset returns to the safe state, staging included
    tb.write(SLIPWAY_RISK_MAX_QTY_LO, 0x55u);
    tb.reset();
    check_safe_defaults(tb);
    tb.write(SLIPWAY_RISK_MAX_QTY_HI, 0);
    CHECK_EQ(tb.top->max_qty, 0, "staged low word cleared by reset");

    return tb_finish("tb_slipway_reg_risk");
}
