// Bench: the wire parser alone (slipway_wire_rx): every verdict of the list in its header with
// its counter, VLAN tag and IPv4 options, payload realignment for every offset and length, abort
// of a truncated datagram, back-to-back frames with no idle cycle, output backpressure, and the
// input beats per cycle it sustains.
#include <cstring>
#include <vector>

#include "Vslipway_wire_rx.h"
#include "slipway_nic.h"
#include "tb_common.h"

namespace {

struct Spec {
    bool vlan = false;
    int ihl = 5;
    int version = 4;
    uint16_t ethertype = 0x0800;
    uint8_t proto = 17;
    uint16_t frag = 0x4000;       // DF
    int total_adjust = 0;
    int udp_len_adjust = 0;
    bool bad_checksum = false;
    int cut = 0;                  // bytes cut from the end of the frame
    uint32_t dst = 0xEF4D0011;
    uint16_t port = 30017;
    size_t payload = 66;
    int seed = 1;
};

std::vector<uint8_t> payload_of(const Spec &s) {
    std::vector<uint8_t> p(s.payload);
    for (size_t i = 0; i < p.size(); i++) p[i] = (uint8_t)(i * 7 + s.seed * 13 + 1);
    return p;
}

std::vector<uint8_t> build(const Spec &s) {
    std::vector<uint8_t> f;
    auto b8 = [&](uint32_t v) { f.push_back((uint8_t)v); };
    auto b16 = [&](uint32_t v) { b8(v >> 8); b8(v); };
    auto b32 = [&](uint32_t v) { b16(v >> 16); b16(v); };
    b16(0x0100); b32(0x5E4D0011);      // destination MAC
    b16(0x0200); b32(0x00000001);      // source MAC
    if (s.vlan) { b16(0x8100); b16(0x0007); }
    b16(s.ethertype);
    size_t ip = f.size();
    int ihl4 = s.ihl * 4;
    int total = ihl4 + 8 + (int)s.payload + s.total_adjust;
    b8((s.version << 4) | (s.ihl & 15)); b8(0); b16((uint32_t)total); b16(0x1234); b16(s.frag);
    b8(1); b8(s.proto); b16(0); b32(0x0A000001); b32(s.dst);
    for (int i = 20; i < ihl4; i++) b8(0x01);  // options: NOPs
    uint32_t sum = 0;
    for (int i = 0; i < ihl4; i += 2) sum += (uint32_t)f[ip + i] << 8 | f[ip + i + 1];
    while (sum >> 16) sum = (sum & 0xFFFF) + (sum >> 16);
    uint16_t csum = (uint16_t)~sum ^ (s.bad_checksum ? 1 : 0);
    f[ip + 10] = csum >> 8; f[ip + 11] = (uint8_t)csum;
    b16(40000); b16(s.port); b16((uint32_t)(8 + s.payload + s.udp_len_adjust)); b16(0);
    std::vector<uint8_t> p = payload_of(s);
    f.insert(f.end(), p.begin(), p.end());
    while (f.size() < 60) f.push_back(0);
    f.resize(f.size() - s.cut);
    return f;
}

struct Out {
    std::vector<uint64_t> beats;
    bool abort = false;
    bool token = false;   // a one-beat status token (m_tuser[2])
    uint64_t stamp = 0;
    uint64_t cycle = 0;   // the card cycle in which its last beat left m_*
};

struct Tb {
    VerilatedContext context;
    Vslipway_wire_rx t{&context};
    std::vector<Out> out;
    Out cur;
    uint32_t counts[8] = {0};  // frames, not_sub, l2, l3, l4, delivered, stale, recovered
    uint64_t edges = 0;
    int ready_pattern = 0;     // 0: always ready; n: not ready one cycle in n
    uint32_t sub_group[16] = {0}, sub_pc[16] = {0};
    std::vector<uint64_t> last_beat_cycles;  // cycles while each frame's last beat was taken
    std::vector<uint64_t> first_beat_cycles;

    Tb() {
        t.clk = 0; t.rst = 1; t.s_tvalid = 0; t.s_tlast = 0; t.m_tready = 1; t.cycles = 0; t.stale_cycles = 0;
        for (int i = 0; i < 16; i++) { t.sub_group[i] = 0; t.sub_port_channel[i] = 0; }
        t.eval(); tick(); tick(); t.rst = 0;
    }
    void subscribe(int e, uint32_t group, uint16_t port, uint8_t ch) {
        t.sub_group[e] = group;
        t.sub_port_channel[e] = SLIPWAY_FEED_SUB_ENABLE | (uint32_t)ch << 16 | port;
    }
    // One edge; m_tready for the next cycle is set after it, so a beat offered now sees its value.
    void tick() {
        t.eval();
        if (t.m_tvalid && t.m_tready) {
            cur.beats.push_back(t.m_tdata);
            CHECK(t.m_tuser & 1, "wire bit on every beat");
            if (t.m_tlast) {
                cur.abort = (t.m_tuser >> 1) & 1;
                cur.token = (t.m_tuser >> 2) & 1;
                cur.stamp = t.m_tstamp;
                cur.cycle = t.cycles;
                out.push_back(cur);
                cur = Out();
            }
        }
        t.clk = 1; t.eval(); t.clk = 0; t.eval();
        edges++;
        t.cycles = 1000 + edges;  // the card's counter, offset so a stamp is never an edge count by chance
        t.m_tready = ready_pattern == 0 || (edges % ready_pattern) != 1;
        t.eval();
        counts[0] += t.frame_inc; counts[1] += t.not_subscribed_inc; counts[2] += t.drop_l2_inc;
        counts[3] += t.drop_l3_inc; counts[4] += t.drop_l4_inc; counts[5] += t.delivered_inc;
        counts[6] += t.stale_inc; counts[7] += t.recovered_inc;
    }
    // frames back to back: the next frame's first beat is offered right after the last one
    void send(const std::vector<std::vector<uint8_t>> &frames) {
        for (const std::vector<uint8_t> &f : frames) {
            size_t beats = (f.size() + 7) / 8;
            for (size_t b = 0; b < beats; b++) {
                uint64_t d = 0;
                size_t n = f.size() - 8 * b < 8 ? f.size() - 8 * b : 8;
                std::memcpy(&d, f.data() + 8 * b, n);
                t.s_tdata = d; t.s_tkeep = (uint8_t)((1u << n) - 1); t.s_tlast = b + 1 == beats; t.s_tvalid = 1;
                int guard = 0;
                for (;;) { t.eval(); if (t.s_tready || ++guard > 1000) break; tick(); }
                if (b == 0) first_beat_cycles.push_back(t.cycles);
                if (b + 1 == beats) last_beat_cycles.push_back(t.cycles);
                tick();
            }
        }
        t.s_tvalid = 0; t.s_tlast = 0;
        for (int i = 0; i < 16; i++) tick();
    }
};

// The slot the parser made must carry the channel, the UDP payload length and the payload.
void check_slot(const Out &o, uint8_t ch, const std::vector<uint8_t> &payload, const char *what) {
    CHECK(o.beats.size() >= 2, "%s: %zu beats", what, o.beats.size());
    if (o.beats.size() < 2) return;
    CHECK_EQ(o.beats[0] & 0xFFFF, ch, what);
    CHECK_EQ((o.beats[0] >> 16) & 0xFFFF, payload.size(), what);
    CHECK(!o.abort, "%s: aborted", what);
    size_t have = 8 * (o.beats.size() - 1);   // one header beat, then the payload
    // Ethernet pads frames to 60 bytes: a short payload comes with the padding, which LENGTH excludes
    CHECK(have >= payload.size() && have < (payload.size() < 32 ? 40 : payload.size() + 8), "%s: %zu payload bytes for %zu",
          what, have, payload.size());
    for (size_t i = 0; i < payload.size() && i < have; i++) {
        uint8_t got = (uint8_t)(o.beats[1 + i / 8] >> (8 * (i % 8)));
        if (got != payload[i]) {
            CHECK(false, "%s: payload byte %zu 0x%02x, expected 0x%02x", what, i, got, payload[i]);
            break;
        }
    }
}

}  // namespace

int main(int argc, char **argv) {
    Verilated::commandArgs(argc, argv);
    Tb tb;
    tb.subscribe(0, 0xEF4D0011, 30017, 0x11);
    tb.subscribe(3, 0xEF4D0012, 30018, 0x12);
    tb.subscribe(4, 0xEF4D0012, 30018, 0x55);   // shadowed by entry 3

    // every payload offset (VLAN, options) and length 0..40, back to back
    std::vector<std::vector<uint8_t>> frames;
    std::vector<Spec> specs;
    for (int vlan = 0; vlan < 2; vlan++) {
        for (int ihl = 5; ihl <= 8; ihl++) {
            for (size_t len = 0; len <= 40; len += 3) {
                Spec s;
                s.vlan = vlan; s.ihl = ihl; s.payload = len; s.seed = (int)len + ihl;
                specs.push_back(s);
                frames.push_back(build(s));
            }
        }
    }
    tb.send(frames);
    CHECK_EQ(tb.out.size(), specs.size(), "slots out");
    for (size_t i = 0; i < tb.out.size() && i < specs.size(); i++) check_slot(tb.out[i], 0x11, payload_of(specs[i]), "realign");
    // every slot carries the cycle its frame's last beat was taken, with or without a flush beat
    for (size_t i = 0; i < tb.out.size() && i < tb.last_beat_cycles.size(); i++) {
        CHECK(tb.out[i].stamp == tb.last_beat_cycles[i], "slot %zu stamp %llu, last beat taken at %llu", i,
              (unsigned long long)tb.out[i].stamp, (unsigned long long)tb.last_beat_cycles[i]);
    }
    CHECK_EQ(tb.counts[0], specs.size(), "frames counted");
    CHECK_EQ(tb.counts[5], specs.size(), "delivered counted");

    // a 1472-byte payload, and entry 3 winning over entry 4, with output backpressure
    {
        tb.out.clear();
        tb.last_beat_cycles.clear();
        tb.ready_pattern = 3;
        Spec s; s.payload = 1472; s.dst = 0xEF4D0012; s.port = 30018; s.ihl = 6;
        tb.send({build(s)});
        tb.ready_pattern = 0;
        CHECK_EQ(tb.out.size(), 1, "jumbo payload slot");
        if (tb.out.size() == 1) {
            check_slot(tb.out[0], 0x12, payload_of(s), "1472-byte payload, backpressure");
            CHECK_EQ(tb.out[0].stamp, tb.last_beat_cycles.back(), "stamp under backpressure");
        }
    }

    // drops: each counted once, in its own counter, with no slot out
    struct Bad { const char *what; Spec s; int counter; };
    std::vector<Bad> bad;
    { Spec s; s.ethertype = 0x86DD; bad.push_back({"EtherType IPv6", s, 2}); }
    { Spec s; s.vlan = true; s.ethertype = 0x0806; bad.push_back({"tagged ARP", s, 2}); }
    { Spec s; s.payload = 0; s.cut = 60 - 30; bad.push_back({"runt inside the IPv4 header", s, 2}); }
    { Spec s; s.version = 6; bad.push_back({"IP version 6", s, 3}); }
    { Spec s; s.ihl = 4; bad.push_back({"IHL 4", s, 3}); }
    { Spec s; s.bad_checksum = true; bad.push_back({"header checksum", s, 3}); }
    { Spec s; s.frag = 0x2000; bad.push_back({"more fragments", s, 3}); }
    { Spec s; s.frag = 0x0010; bad.push_back({"fragment offset", s, 3}); }
    { Spec s; s.total_adjust = -(int)(8 + 66) - 4; bad.push_back({"total length below IHL", s, 3}); }
    { Spec s; s.proto = 6; bad.push_back({"TCP", s, 1}); }
    { Spec s; s.total_adjust = -(int)66 - 4; s.udp_len_adjust = 0; bad.push_back({"total length below IHL + 8", s, 3}); }
    { Spec s; s.udp_len_adjust = 1; bad.push_back({"UDP length past the IPv4 payload", s, 4}); }
    { Spec s; s.udp_len_adjust = -(int)66 - 1; bad.push_back({"UDP length 7", s, 4}); }
    { Spec s; s.port = 30018; bad.push_back({"port not subscribed", s, 1}); }
    { Spec s; s.dst = 0xEF4D0013; bad.push_back({"group not subscribed", s, 1}); }
    { Spec s; s.payload = 100; s.cut = 20; bad.push_back({"frame shorter than its IPv4 total length", s, 3}); }
    { Spec s; s.payload = 100; s.cut = 100 + 8 - 3; bad.push_back({"frame ends inside the UDP header", s, 3}); }
    for (const Bad &b : bad) {
        tb.out.clear();
        uint32_t before[6];
        std::memcpy(before, tb.counts, sizeof before);
        tb.send({build(b.s)});
        bool aborted = tb.out.size() == 1 && tb.out[0].abort;
        CHECK(tb.out.empty() || aborted, "%s: %zu slots out", b.what, tb.out.size());
        for (int k = 1; k < 6; k++) {
            CHECK(tb.counts[k] - before[k] == (k == b.counter ? 1u : 0u), "%s: counter %d moved by %u", b.what, k,
                  tb.counts[k] - before[k]);
        }
        CHECK_EQ(tb.counts[0] - before[0], 1, b.what);
    }

    // staleness: STALE once after STALE_CYCLES of silence on a matched entry, RECOVERED before the
    // next datagram it matches; entries never matched, or disabled, stay quiet
    {
        tb.t.rst = 1; tb.tick(); tb.tick(); tb.t.rst = 0;   // timers cleared
        tb.out.clear();
        tb.first_beat_cycles.clear();
        std::memset(tb.counts, 0, sizeof tb.counts);
        const uint32_t timeout = 500;
        tb.t.stale_cycles = timeout;
        Spec s;   // entry 0, channel 0x11; the UDP header ends in beat 5, the verdict is the cycle after
        tb.send({build(s)});
        const uint64_t verdict0 = tb.first_beat_cycles.back() + 6;
        for (uint64_t i = 0; i < 3 * timeout; i++) tb.tick();
        CHECK_EQ(tb.out.size(), 2, "a slot, then one STALE token");
        if (tb.out.size() == 2) {
            const Out &o = tb.out[1];
            CHECK(o.token && o.beats.size() == 1, "STALE is a one-beat token");
            CHECK_EQ(o.beats[0] & 0x7F, 0x11, "STALE: the entry's channel");
            CHECK_EQ((o.beats[0] >> 8) & 0xF, 0, "STALE: the entry");
            CHECK_EQ((o.beats[0] >> 16) & 0xFF, SLIPWAY_MD_FLAG_STALE, "STALE flag");
            CHECK_EQ(o.stamp, verdict0 + timeout, "STALE stamp: last match + STALE_CYCLES");
            // registered compare, registered pick, the output slice: out 3 cycles after the deadline
            CHECK_EQ(o.cycle, verdict0 + timeout + 3, "STALE leaves the parser 2 cycles after its deadline");
        }
        CHECK_EQ(tb.counts[6], 1, "stale counted once");
        tb.out.clear();
        tb.send({build(s)});
        const uint64_t verdict1 = tb.first_beat_cycles.back() + 6;
        CHECK_EQ(tb.out.size(), 2, "RECOVERED token, then the slot");
        if (tb.out.size() == 2) {
            CHECK(tb.out[0].token, "RECOVERED first");
            CHECK_EQ((tb.out[0].beats[0] >> 16) & 0xFF, SLIPWAY_MD_FLAG_RECOVERED, "RECOVERED flag");
            CHECK_EQ(tb.out[0].beats[0] & 0x7F, 0x11, "RECOVERED: the entry's channel");
            CHECK_EQ(tb.out[0].stamp, verdict1, "RECOVERED stamp: the datagram's verdict cycle");
            CHECK(!tb.out[1].token, "then the datagram's slot");
            check_slot(tb.out[1], 0x11, payload_of(s), "slot after RECOVERED");
        }
        CHECK_EQ(tb.counts[7], 1, "recovered counted once");
        // disabled entry, or the timer off: silence
        tb.out.clear();
        tb.t.sub_port_channel[0] &= ~SLIPWAY_FEED_SUB_ENABLE;
        for (uint64_t i = 0; i < 3 * timeout; i++) tb.tick();
        tb.t.sub_port_channel[0] |= SLIPWAY_FEED_SUB_ENABLE;
        tb.t.stale_cycles = 0;
        for (uint64_t i = 0; i < 3 * timeout; i++) tb.tick();
        CHECK_EQ(tb.out.size(), 0, "no token from a disabled entry or with the timer off");
        tb.t.stale_cycles = timeout;
        // the change masks the timers a cycle, then the registered compare and pick: 4 cycles to m_*
        for (uint64_t i = 0; i < 3; i++) tb.tick();
        CHECK_EQ(tb.out.size(), 0, "not before the timeout change has reached the timers");
        for (uint64_t i = 0; i < 2; i++) tb.tick();
        CHECK_EQ(tb.out.size(), 1, "STALE once the timer is back on");
        tb.t.stale_cycles = 0;
        tb.t.rst = 1; tb.tick(); tb.tick(); tb.t.rst = 0;
        tb.out.clear();
    }

    // a frame that ends inside its headers (always a drop) is judged two cycles after its last beat
    // (its checksum words are summed two stages behind the beats): the next frame, back to back, has
    // its first beat taken three cycles after that last beat, and passes
    {
        tb.out.clear();
        tb.first_beat_cycles.clear();
        tb.last_beat_cycles.clear();
        uint32_t before[8];
        std::memcpy(before, tb.counts, sizeof before);
        Spec cut;
        cut.payload = 0;
        cut.cut = 30;                 // 60-byte minimum frame cut to 30: ends inside the IPv4 header
        Spec good;
        tb.send({build(cut), build(good)});
        CHECK_EQ(tb.first_beat_cycles.size(), 2, "two frames offered");
        if (tb.first_beat_cycles.size() == 2) {
            CHECK_EQ(tb.first_beat_cycles[1] - tb.last_beat_cycles[0], 3, "next frame 3 cycles after a header-cut frame");
        }
        CHECK_EQ(tb.counts[2] - before[2], 1, "the cut frame is an L2 drop");
        CHECK_EQ(tb.counts[5] - before[5], 1, "the next frame delivered");
        CHECK_EQ(tb.out.size(), 1, "one slot");
        if (tb.out.size() == 1) check_slot(tb.out[0], 0x11, payload_of(good), "slot after a header-cut frame");
    }

    // sustained: 200 frames of a 66-byte payload, back to back
    tb.out.clear();
    frames.clear();
    uint64_t beats = 0;
    for (int i = 0; i < 200; i++) { Spec s; s.seed = i; frames.push_back(build(s)); beats += (frames.back().size() + 7) / 8; }
    uint64_t start = tb.edges;
    tb.send(frames);
    uint64_t took = tb.edges - start - 16;
    CHECK_EQ(tb.out.size(), 200, "sustained slots");
    double rate = (double)beats / (double)took;
    // 14 beats a frame, the verdict cycle and a flush beat (the 66-byte payload starts 2 bytes into
    // a beat and ends with 6 left over): 14/16 = 0.875 (14/18 = 0.778 when the slot header took 3)
    CHECK(rate > 0.87, "sustained %.3f beats per cycle", rate);
    tb.t.final();
    int rc = tb_finish("tb_slipway_wire_rx");
    std::printf("  sustained: %llu input beats in %llu cycles (%.3f beats/cycle), 108-byte frames back to back\n",
                (unsigned long long)beats, (unsigned long long)took, rate);
    return rc;
}
