// Bench: the feed register block alone (slipway_reg_feed): header, counters on their strobes,
// the subscription table through the bus and on its outputs, the staleness timeout and its two
// counters, reserved bits, reset.
#include "Vslipway_reg_feed.h"
#include "slipway_nic.h"
#include "tb_common.h"

int main(int argc, char **argv) {
    Verilated::commandArgs(argc, argv);
    Bench<Vslipway_reg_feed> tb;
    Vslipway_reg_feed *t = tb.top.get();
    t->frame_inc = t->not_subscribed_inc = t->drop_l2_inc = t->drop_l3_inc = 0;
    t->drop_l4_inc = t->decode_error_inc = t->gap_inc = t->delivered_inc = 0;
    t->stale_inc = t->recovered_inc = 0;
    tb.reset();

    CHECK_EQ(tb.read(SLIPWAY_BLK_HDR_TYPE), SLIPWAY_BLK_TYPE_FEED, "type");
    CHECK_EQ(tb.read(SLIPWAY_BLK_HDR_VERSION), SLIPWAY_FEED_VERSION, "version");
    CHECK_EQ(tb.read(SLIPWAY_BLK_HDR_NEXT), 0, "next");
    CHECK_EQ(tb.read(SLIPWAY_BLK_HDR_LENGTH), SLIPWAY_FEED_LENGTH, "length");

    // each counter counts its own strobe only: strobe counter k, k + 1 times
    const uint32_t offs[8] = {SLIPWAY_FEED_FRAMES, SLIPWAY_FEED_NOT_SUBSCRIBED, SLIPWAY_FEED_DROP_L2,
                              SLIPWAY_FEED_DROP_L3, SLIPWAY_FEED_DROP_L4, SLIPWAY_FEED_DECODE_ERRORS,
                              SLIPWAY_FEED_GAPS, SLIPWAY_FEED_DELIVERED};
    for (int k = 0; k < 8; k++) {
        for (int n = 0; n <= k; n++) {
            t->frame_inc = k == 0; t->not_subscribed_inc = k == 1; t->drop_l2_inc = k == 2; t->drop_l3_inc = k == 3;
            t->drop_l4_inc = k == 4; t->decode_error_inc = k == 5; t->gap_inc = k == 6; t->delivered_inc = k == 7;
            tb.tick();
        }
    }
    t->frame_inc = t->not_subscribed_inc = t->drop_l2_inc = t->drop_l3_inc = 0;
    t->drop_l4_inc = t->decode_error_inc = t->gap_inc = t->delivered_inc = 0;
    for (int k = 0; k < 8; k++) CHECK_EQ(tb.read(offs[k]), k + 1, "counter");
    tb.write(SLIPWAY_FEED_FRAMES, 77);
    CHECK_EQ(tb.read(SLIPWAY_FEED_FRAMES), 1, "counters are read-only");

    // subscription table: every entry, both words; reserved bits of PORT_CHANNEL read 0
    for (uint32_t e = 0; e < SLIPWAY_FEED_SUB_COUNT; e++) {
        uint32_t base = SLIPWAY_FEED_SUB_BASE + e * SLIPWAY_FEED_SUB_STRIDE;
        tb.write(base + SLIPWAY_FEED_SUB_GROUP, 0xEF4D0000u | e);
        tb.write(base + SLIPWAY_FEED_SUB_PORT_CHANNEL, 0xFFFFFFFFu ^ (e << 3));
    }
    for (uint32_t e = 0; e < SLIPWAY_FEED_SUB_COUNT; e++) {
        uint32_t base = SLIPWAY_FEED_SUB_BASE + e * SLIPWAY_FEED_SUB_STRIDE;
        uint32_t pc = (0xFFFFFFFFu ^ (e << 3)) & (SLIPWAY_FEED_SUB_ENABLE | 0x7FFFFFu);
        CHECK_EQ(tb.read(base + SLIPWAY_FEED_SUB_GROUP), 0xEF4D0000u | e, "group");
        CHECK_EQ(tb.read(base + SLIPWAY_FEED_SUB_PORT_CHANNEL), pc, "port/channel");
        CHECK_EQ(t->sub_group[e], 0xEF4D0000u | e, "group output");
        CHECK_EQ(t->sub_port_channel[e], pc, "port/channel output");
    }
    // staleness: the timeout is read-write and drives the parser; STALE and RECOVERED count strobes
    CHECK_EQ(tb.read(SLIPWAY_FEED_STALE_CYCLES), 0, "timeout off after reset");
    tb.write(SLIPWAY_FEED_STALE_CYCLES, 322266);
    CHECK_EQ(tb.read(SLIPWAY_FEED_STALE_CYCLES), 322266, "timeout read back");
    CHECK_EQ(t->stale_cycles, 322266, "timeout output");
    for (int n = 0; n < 5; n++) { t->stale_inc = 1; t->recovered_inc = n < 2; tb.tick(); }
    t->stale_inc = t->recovered_inc = 0;
    CHECK_EQ(tb.read(SLIPWAY_FEED_STALE), 4, "a strobe counts one cycle after it (registered strobes)");
    CHECK_EQ(tb.read(SLIPWAY_FEED_STALE), 5, "STALE counted");
    CHECK_EQ(tb.read(SLIPWAY_FEED_RECOVERED), 2, "RECOVERED counted");
    tb.write(SLIPWAY_FEED_STALE, 9);
    CHECK_EQ(tb.read(SLIPWAY_FEED_STALE), 5, "STALE is read-only");
    CHECK_EQ(tb.read(SLIPWAY_FEED_DELIVERED), 8, "a timeout write leaves the counters");
    CHECK_EQ(tb.read(0x3C), 0, "reserved word");
    tb.reset();
    CHECK_EQ(tb.read(SLIPWAY_FEED_STALE_CYCLES), 0, "reset turns the timeout off");
    CHECK_EQ(tb.read(SLIPWAY_FEED_STALE), 0, "reset clears STALE");
    CHECK_EQ(tb.read(SLIPWAY_FEED_SUB_BASE + SLIPWAY_FEED_SUB_PORT_CHANNEL), 0, "reset disables entries");
    CHECK_EQ(tb.read(SLIPWAY_FEED_GAPS), 0, "reset clears counters");
    return tb_finish("tb_slipway_reg_feed");
}
