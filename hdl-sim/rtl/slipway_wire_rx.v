// Wire receive parser: Ethernet II (at most one 802.1Q tag) / IPv4 / UDP on a 64-bit AXI-Stream
// (byte 0 of the frame in tdata[7:0]; tkeep contiguous from bit 0 and all ones except on the last
// beat; no FCS, the MAC has checked it). A datagram to an enabled subscription (IPv4 destination
// and UDP port, slipway_reg_feed) leaves as one wire slot for the SBE decoder: beat 0 = CHANNEL
// and LENGTH (UDP length - 8), then the UDP payload realigned to beat boundaries (a wire slot has
// no beat 1; the decoder knows it by m_tuser[0]);
// m_tuser[0] (wire: LENGTH up to SLIPWAY_WIRE_MAX_PAYLOAD) on every beat, m_tuser[1] (abort) on
// the last beat when the frame turned out shorter than its IPv4 total length.
//
// Verdict, the first that applies (fpga-bridge WireFrameParser is the same list): DROP_L2 for a
// frame shorter than its Ethernet header or than a 20-byte IPv4 header, or an EtherType other than
// IPv4; DROP_L3 for version != 4, IHL < 5, a frame shorter than IHL, a bad header checksum, a
// fragment (MF or offset), total length < IHL; NOT_SUBSCRIBED for a protocol other than UDP;
// DROP_L3 for total length < IHL + 8 or a frame ending inside the UDP header; DROP_L4 for a UDP
// length < 8 or past the IPv4 payload; NOT_SUBSCRIBED for no matching entry (lowest index wins);
// DROP_L3 (abort) for a frame shorter than its IPv4 total length. Dropped frames change no state.
//
// Staleness (slipway_nic.h SLIPWAY_FEED_STALE_CYCLES): each subscription entry's timer restarts
// at the verdict of every datagram it matches (and starts with the first). When an enabled entry
// has matched nothing for stale_cycles cycles (0: off), a one-beat status token (m_tuser[2]) leaves
// between slots: tdata[6:0] the entry's channel, [11:8] the entry, [23:16] SLIPWAY_MD_FLAG_STALE,
// m_tstamp the cycle the timer ran out (last match + stale_cycles); the decoder turns it into a
// FEED_STATUS record. The next datagram the entry matches is preceded by a RECOVERED token stamped
// with that datagram's verdict cycle. Tokens go out in cycles the parser sends nothing else (no
// extra input wait for STALE; one for RECOVERED); due entries go lowest index first. The run-out
// compare and the pick are registered, so a STALE token leaves the parser two cycles after its
// deadline at the earliest; a new stale_cycles takes effect the cycle after it is written.
//
// Stamp: m_tstamp on a slot's last beat is the card cycle in which the frame's last beat was taken
// at s_* (slipway_nic.h SLIPWAY_MD_CARD_CYCLES, a NIC's receive timestamp).
//
// Timing: the input waits one cycle after the beat completing the UDP header, for the verdict,
// and the slot's header beat leaves in that cycle, so a frame costs 1 cycle beyond its beats,
// plus one when its last beat ends with payload bytes left over for a flush beat, plus one before
// a RECOVERED token. A frame that ends before its UDP header (always a drop) is judged two cycles
// after its last beat. The outputs are registered (a skid slice), so a beat leaves one cycle after
// the parser makes it. For 322 MHz every check is worked out as the header beats pass (registered
// field checks, the group's halves at beats 3 and 4, the port and the lowest matching entry with
// the UDP header's beat, the checksum two stages behind the beat), so the verdict cycle only
// combines registered flags (hdl-sim/README.md, "Synthesis and timing").
`resetall
`timescale 1ns / 1ps
`default_nettype none

module slipway_wire_rx (
    input  wire         clk,
    input  wire         rst,

    input  wire [63:0]  s_tdata,
    input  wire [7:0]   s_tkeep,
    input  wire         s_tvalid,
    input  wire         s_tlast,
    output reg          s_tready,

    output reg  [63:0]  m_tdata,     // registered (output slice)
    output reg  [2:0]   m_tuser,     // [0] wire, [1] abort (last beat), [2] status token
    output reg  [63:0]  m_tstamp,    // with the last beat: the cycle the frame's last beat came in
    output reg          m_tvalid,
    output reg          m_tlast,
    input  wire         m_tready,

    input  wire [63:0]  cycles,      // the card's cycle counter
    input  wire [31:0]  stale_cycles,  // FEED_STALE_CYCLES: 0 disables the staleness timers

    input  wire [511:0] sub_group,
    input  wire [511:0] sub_port_channel,

    output reg          frame_inc,
    output reg          not_subscribed_inc,
    output reg          drop_l2_inc,
    output reg          drop_l3_inc,
    output reg          drop_l4_inc,
    output reg          delivered_inc,
    output reg          stale_inc,
    output reg          recovered_inc
);

localparam [2:0] S_HDR = 3'd0, S_SLOT0 = 3'd1, S_PAY = 3'd3, S_FLUSH = 3'd4, S_DROP = 3'd5,
                 S_RECOV = 3'd6;
localparam [7:0] FLAG_STALE = 8'h08, FLAG_RECOVERED = 8'h40;   // SLIPWAY_MD_FLAG_*

reg  [2:0]   state;
reg  [319:0] hdr;             // frame bytes 0..39: every fixed Ethernet and IPv4 field (flip-flops, not LUT RAM: fields read at fixed bytes)
reg  [63:0]  prev;            // the last beat taken
reg  [13:0]  beats;           // beats taken, saturating
reg  [10:0]  bsel;            // beats one-hot while 0..10 (the header's beats), 0 after
reg          tlast_seen;
reg          tlast_old;       // tlast_seen a cycle ago: a frame that ended in its header is judged now
reg  [16:0]  frame_len;       // bytes, once tlast_seen
reg          udp_valid;       // the beat completing the UDP header was taken
reg  [6:0]   channel;
reg  [15:0]  length;
reg          p6;              // the payload starts 2 bytes into a beat, so 6 bytes wait in pbuf (else 2)
reg  [47:0]  pbuf;
reg  [63:0]  last_stamp;      // cycles while the frame's last beat was taken (its ingress stamp)
// staleness, per subscription entry (public for the driver's idle fast-forward)
reg  [63:0]  last_seen [0:15] /* verilator public_flat_rd */;  // verdict cycle of the last match
reg  [63:0]  deadline  [0:15];                                  // last_seen + the timeout, a cycle late
reg  [15:0]  armed /* verilator public_flat_rd */;             // matched at least once
reg  [15:0]  stale /* verilator public_flat_rd */;             // STALE sent, no match since
reg  [3:0]   recov_entry;
reg  [63:0]  recov_stamp;

wire beat_in = s_tvalid && s_tready;

function [7:0] fb;            // frame byte n (n < 40) from the captured header beats
    input integer n;
    fb = hdr[8 * n +: 8];
endfunction

function [15:0] lane16;       // bytes 2k and 2k+1 of a beat, big-endian (network order)
    input [63:0] d;
    input integer k;
    lane16 = {d[16 * k +: 8], d[16 * k + 8 +: 8]};
endfunction

// ---- Header fields, registered a cycle after their beat. Nothing reads them before: the earliest
// verdict is the cycle after the UDP header's beat (beat 5 or later), and a frame that ends in its
// header is judged two cycles after its last beat, so every field a check needs is in by then.
reg         vlan;             // from beat 1 itself (an 802.1Q tag moves every later field by 4)
wire [7:0]  vihl      = vlan ? fb(18) : fb(14);
wire [15:0] ethertype = vlan ? {fb(16), fb(17)} : {fb(12), fb(13)};
wire [15:0] total     = vlan ? {fb(20), fb(21)} : {fb(16), fb(17)};
/* verilator lint_off UNUSEDSIGNAL */  // reserved and DF bits
wire [7:0]  frag_hi   = vlan ? fb(24) : fb(20);
/* verilator lint_on UNUSEDSIGNAL */
wire [13:0] frag      = {frag_hi[5:0], vlan ? fb(25) : fb(21)};   // MF and fragment offset
wire [7:0]  proto     = vlan ? fb(27) : fb(23);
wire [16:0] l3        = vlan ? 17'd18 : 17'd14;
wire [16:0] ihl4      = {11'd0, vihl[3:0], 2'b00};
// Where the UDP header sits, for finding it as the beats pass: an IHL below 5 (a drop whatever
// follows) is placed as 5, so the UDP header's beat is always beat 5 or later, and as l3 and the
// IHL are even words it starts 2 or 6 bytes into a beat.
wire [6:0]  ihl4_pos  = vihl[3:0] < 4'd5 ? 7'd20 : ihl4[6:0];
/* verilator lint_off UNUSEDSIGNAL */  // even by construction: the lane is bit 2
wire [6:0]  udp_pos   = l3[6:0] + ihl4_pos;
/* verilator lint_on UNUSEDSIGNAL */
wire [16:0] ip_end_w  = l3 + {1'b0, total} - 17'd1;              // the last byte the IPv4 length claims

integer t;
reg         f_l2, f_l3a, f_l3b, f_notudp, f_l3c;   // the header's own checks (not the frame's length)
reg  [6:0]  hdr_end;          // l3 + IHL, bytes
reg  [6:0]  udp_end;          // l3 + IHL + 8
reg  [16:0] ip_pay;           // total - IHL (17-bit wrap as the check had it)
reg  [10:0] udp_beat;         // the beat completing the UDP header (placed IHL), one-hot
reg  [23:0] hthr;             // [4 * (k - 4) + j]: word j of beat k (4..9) is inside the IPv4 header
reg         udp_hi;           // the UDP header starts 6 bytes into its first beat (else 2)
reg  [13:0] ip_last_beat;     // the beat and byte lane of the frame's last IPv4 byte
reg  [7:0]  ip_last_lane;     // one-hot

always @(posedge clk) begin
    f_l2         <= ethertype != 16'h0800;
    f_l3a        <= vihl[7:4] != 4'd4 || vihl[3:0] < 4'd5;
    f_l3b        <= frag != 14'd0 || {1'b0, total} < ihl4;
    f_notudp     <= proto != 8'd17;
    f_l3c        <= {1'b0, total} < ihl4 + 17'd8;
    hdr_end      <= l3[6:0] + ihl4[6:0];
    udp_end      <= l3[6:0] + ihl4[6:0] + 7'd8;
    ip_pay       <= {1'b0, total} - ihl4;
    udp_beat     <= 11'd2 << udp_pos[6:3];
    udp_hi       <= udp_pos[2];
    ip_last_beat <= ip_end_w[16:3];
    ip_last_lane <= 8'd1 << ip_end_w[2:0];
    for (t = 0; t < 24; t = t + 1)
        hthr[t] <= 7'd8 * (t[6:0] / 7'd4 + 7'd4) + 7'd2 * (t[6:0] % 7'd4) < l3[6:0] + ihl4[6:0];
end

// ---- Length checks of a frame that ended before its UDP header (judged two cycles after its last
// beat), from the registered frame length
reg  len_l2, len_l3a, len_l3c;
always @(posedge clk) begin
    len_l2  <= frame_len < 17'd14 || (vlan && frame_len < 17'd18) || frame_len < l3 + 17'd20;
    len_l3a <= frame_len < {10'd0, hdr_end};
    len_l3c <= frame_len < {10'd0, udp_end};
end

// ---- IPv4 header checksum, two stages behind the beat: the words of a beat inside [l3, l3 + IHL)
// summed in pairs, then added into csum. The header's last word is in the beat before the UDP
// header's last beat, so csum is complete in the verdict cycle (and two cycles after a frame's
// last beat, when a frame that ended in its header is judged).
wire        vlan_now = {s_tdata[39:32], s_tdata[47:40]} == 16'h8100;
reg  [3:0]  in_hdr;
reg  [67:0] word;            // four 17-bit words, zero outside the header
integer j;
always @(*) begin
    for (j = 0; j < 4; j = j + 1) begin
        in_hdr[j] = (bsel[1] && j == 3 && !vlan_now) ||     // byte 14
                    (bsel[2] && (j != 0 || !vlan)) ||        // from byte 16 or 18
                    bsel[3] ||                               // bytes 24..31: inside any IHL >= 5
                    (bsel[4] && hthr[j]) || (bsel[5] && hthr[4 + j]) || (bsel[6] && hthr[8 + j]) ||
                    (bsel[7] && hthr[12 + j]) || (bsel[8] && hthr[16 + j]) || (bsel[9] && hthr[20 + j]);
        word[17 * j +: 17] = in_hdr[j] ? {1'b0, lane16(s_tdata, j)} : 17'd0;
    end
end
reg  [20:0] csum;
reg  [17:0] ck_p01, ck_p23;
reg         ck_v;
always @(posedge clk) begin
    ck_v   <= beat_in && state == S_HDR;
    ck_p01 <= {1'b0, word[16:0]} + {1'b0, word[33:17]};
    ck_p23 <= {1'b0, word[50:34]} + {1'b0, word[67:51]};
end
// a ones' complement sum of at most 30 words folds to 0xFFFF exactly when lo + hi == 0xFFFF
wire        csum_ok = csum[15:0] == {11'h7FF, ~csum[20:16]};

// ---- The UDP header: 2 or 6 bytes into the beat before its last beat, so its ports and length are
// in fixed lanes of {s_tdata, prev} on that beat
wire        udp_here = state == S_HDR && !udp_valid && (bsel & udp_beat) != 11'd0;
wire [15:0] udp_len_in  = udp_hi ? lane16(s_tdata, 1) : lane16(prev, 3);

// ---- Subscription lookup, as the header passes: the group's two halves at beats 3 and 4 (4 and
// 4 with a tag), then the port and the lowest hit with the UDP header's beat, so the verdict only
// reads the hit entry's channel and stale bit.
reg  [15:0] grp_hi, grp_lo, hits_in, port_early;
reg         hit;
reg  [3:0]  hit_entry, hit_entry_in;
reg         udp_len_bad;
integer e;
always @(*) begin
    hit_entry_in = 4'd0;
    for (e = 15; e >= 0; e = e - 1) begin
        hits_in[e] = sub_port_channel[32 * e + 31] && grp_hi[e] && grp_lo[e] &&
                     (udp_hi ? sub_port_channel[32 * e +: 16] == lane16(s_tdata, 0) : port_early[e]);
        if (hits_in[e]) hit_entry_in = e[3:0];
    end
end
always @(posedge clk) begin
    for (e = 0; e < 16; e = e + 1) begin
        if (beat_in && ((bsel[3] && !vlan) || (bsel[4] && vlan)))
            grp_hi[e] <= sub_group[32 * e + 16 +: 16] == (vlan ? lane16(s_tdata, 1) : lane16(s_tdata, 3));
        if (beat_in && bsel[4])
            grp_lo[e] <= sub_group[32 * e +: 16] == (vlan ? lane16(s_tdata, 2) : lane16(s_tdata, 0));
        // a UDP header 2 bytes into its first beat has its port in that beat (lanes 4 and 5)
        if (beat_in)
            port_early[e] <= sub_port_channel[32 * e +: 16] == lane16(s_tdata, 2);
    end
    if (beat_in && udp_here) begin
        hit         <= hits_in != 16'd0;
        hit_entry   <= hit_entry_in;
        udp_len_bad <= udp_len_in < 16'd8 || {1'b0, udp_len_in} > ip_pay;
        length      <= udp_len_in - 16'd8;
    end
end
/* verilator lint_off UNUSEDSIGNAL */  // the channel bits of the hit entry's word
wire [31:0] hit_word    = sub_port_channel[32 * hit_entry +: 32];
/* verilator lint_on UNUSEDSIGNAL */
wire [6:0]  hit_channel = hit_word[22:16];
wire        hit_stale   = stale[hit_entry];
wire [15:0] first       = {15'd0, hit} << hit_entry;

// ---- Verdict: in the cycle after the UDP header's beat, or two cycles after the last beat of a
// frame that ended before it. Only the former can pass (the latter is short of its UDP header).
reg          trunc_last;      // the frame's last beat came before its IPv4 length (registered there)
wire         ended    = !udp_valid;
wire         eval_now = state == S_HDR && (udp_valid || tlast_old);
wire         v_l2     = f_l2 || (ended && len_l2);
wire         v_l3a    = f_l3a || (ended && len_l3a);
wire         v_l3b    = !csum_ok || f_l3b;
wire         v_l3c    = f_l3c || (ended && len_l3c);
wire         v_trunc  = tlast_seen && trunc_last;
wire         pass     = !v_l2 && !v_l3a && !v_l3b && !f_notudp && !v_l3c && !udp_len_bad && hit && !v_trunc;
wire         v_notsub = !v_l2 && !v_l3a && !v_l3b && (f_notudp || (!v_l3c && !udp_len_bad && !hit));
wire         v_l4     = !v_l2 && !v_l3a && !v_l3b && !f_notudp && !v_l3c && udp_len_bad;
wire         v_l3     = !v_l2 && (v_l3a || v_l3b || (!f_notudp && (v_l3c || (!udp_len_bad && hit && v_trunc))));

// ---- Staleness. deadline[e] is last_seen[e] + stale_cycles, recomputed every cycle (so a cycle
// late); an entry's timer has run out when cycles >= deadline, registered (expired), and masked for
// the two cycles after a match (one after a change of the timeout) while deadline catches up. The lowest
// entry that has run out is picked into a register and sent the cycle after if it still qualifies:
// a STALE token leaves two cycles after its deadline, stamped with the deadline.
reg  [31:0] stale_q;
reg         stale_on;         // stale_q != 0, registered beside it
reg  [15:0] match_q, expired, pick;
wire [15:0] match = {16{eval_now && pass}} & first;
wire        chg   = stale_cycles != stale_q;
reg  [15:0] cand, pick_next;
integer d;
always @(*) begin
    for (d = 0; d < 16; d = d + 1)
        cand[d] = stale_on && sub_port_channel[32 * d + 31] && armed[d] && !stale[d] && expired[d];
    for (d = 0; d < 16; d = d + 1)
        pick_next[d] = cand[d] && (cand & ((16'd1 << d) - 16'd1)) == 16'd0;
end
wire         due = (pick & cand) != 16'd0;
reg  [3:0]   due_entry;
reg  [6:0]   due_channel;
reg  [63:0]  due_stamp;
integer q;
always @(*) begin
    due_entry   = 4'd0;
    due_channel = 7'd0;
    due_stamp   = 64'd0;
    for (q = 0; q < 16; q = q + 1) begin
        due_entry   = due_entry | ({4{pick[q]}} & q[3:0]);
        due_channel = due_channel | ({7{pick[q]}} & sub_port_channel[32 * q + 16 +: 7]);
        due_stamp   = due_stamp | ({64{pick[q]}} & deadline[q]);
    end
end
integer k;
always @(posedge clk) begin
    stale_q  <= stale_cycles;
    stale_on <= stale_cycles != 32'd0;
    match_q <= match;
    pick    <= pick_next;
    for (k = 0; k < 16; k = k + 1) begin
        deadline[k] <= last_seen[k] + {32'd0, stale_cycles};
        expired[k]  <= cycles >= deadline[k] && !match[k] && !match_q[k] && !chg;
    end
    if (rst) begin
        pick    <= 16'd0;
        expired <= 16'd0;
    end
end

// ---- payload realignment: pbuf holds the payload bytes (2 or 6) not yet sent
wire [63:0]  joined   = p6 ? {s_tdata[15:0], pbuf[47:0]} : {s_tdata[47:0], pbuf[15:0]};
wire [3:0]   keep_n   = {3'd0, s_tkeep[0]} + {3'd0, s_tkeep[1]} + {3'd0, s_tkeep[2]} + {3'd0, s_tkeep[3]} +
                        {3'd0, s_tkeep[4]} + {3'd0, s_tkeep[5]} + {3'd0, s_tkeep[6]} + {3'd0, s_tkeep[7]};
wire         leftover = p6 ? s_tkeep[2] : s_tkeep[6];     // keep is contiguous: more than 8 - held bytes
// the beat ends before the IPv4 length (keep contiguous from lane 0)
wire         trunc_now = beats < ip_last_beat || (beats == ip_last_beat && (s_tkeep & ip_last_lane) == 8'd0);

// Output slice: o_* are the parser's beats, m_* their registered copy. A skid register holds one
// beat when the output stalls, so o_ready is a register and neither m_tready nor the payload
// path from s_tdata reaches m_* in the same cycle.
reg  [63:0] o_tdata, k_tdata, o_tstamp, k_tstamp;
reg  [2:0]  o_tuser, k_tuser;
reg         o_tvalid, o_tlast, k_tvalid, k_tlast;
wire        o_ready = !k_tvalid;

always @(posedge clk) begin
    if (!m_tvalid || m_tready) begin
        if (k_tvalid) begin
            {m_tdata, m_tuser, m_tlast, m_tstamp} <= {k_tdata, k_tuser, k_tlast, k_tstamp};
            m_tvalid <= 1'b1;
            k_tvalid <= 1'b0;
        end else begin
            {m_tdata, m_tuser, m_tlast, m_tstamp} <= {o_tdata, o_tuser, o_tlast, o_tstamp};
            m_tvalid <= o_tvalid;
        end
    end else if (o_tvalid && o_ready) begin
        {k_tdata, k_tuser, k_tlast, k_tstamp} <= {o_tdata, o_tuser, o_tlast, o_tstamp};
        k_tvalid <= 1'b1;
    end
    if (rst) begin
        m_tvalid <= 1'b0;
        k_tvalid <= 1'b0;
    end
end

always @(*) begin
    s_tready = 1'b0;
    o_tvalid = 1'b0;
    o_tlast  = 1'b0;
    o_tdata  = 64'd0;
    o_tuser  = 3'b001;
    // a payload beat that is the frame's last carries this cycle; a flush beat the latched one
    o_tstamp = state == S_PAY && !tlast_seen ? cycles : last_stamp;
    case (state)
        S_HDR: begin
            s_tready = !tlast_seen && !udp_valid;
            if (eval_now && pass && !hit_stale) begin
                // the slot's header beat leaves in the verdict cycle itself (the input waits for the
                // verdict anyway), so a frame costs one cycle beyond its beats
                o_tvalid = 1'b1;
                o_tdata  = {32'd0, length, 9'd0, hit_channel};
            end else if (due && !eval_now) begin
                // a STALE token between slots, never in a verdict cycle (which may restart that timer)
                o_tvalid = 1'b1;
                o_tlast  = 1'b1;
                o_tuser  = 3'b101;
                o_tdata  = {40'd0, FLAG_STALE, 4'd0, due_entry, 1'b0, due_channel};
                o_tstamp = due_stamp;
            end
        end
        S_RECOV: begin
            o_tvalid = 1'b1;
            o_tlast  = 1'b1;
            o_tuser  = 3'b101;
            o_tdata  = {40'd0, FLAG_RECOVERED, 4'd0, recov_entry, 1'b0, channel};
            o_tstamp = recov_stamp;
        end
        S_DROP:  s_tready = 1'b1;
        S_SLOT0: begin o_tvalid = 1'b1; o_tdata = {32'd0, length, 9'd0, channel}; end
        S_PAY: begin
            if (tlast_seen) begin
                o_tvalid = 1'b1;
                o_tlast  = 1'b1;
                o_tdata  = {16'd0, pbuf};
            end else begin
                s_tready = o_ready;
                o_tvalid = s_tvalid;
                o_tdata  = joined;
                o_tlast  = s_tlast && !leftover;
                o_tuser  = {1'b0, s_tlast && !leftover && trunc_now, 1'b1};
            end
        end
        S_FLUSH: begin
            o_tvalid = 1'b1;
            o_tlast  = 1'b1;
            o_tdata  = {16'd0, pbuf};
            o_tuser  = {1'b0, trunc_last, 1'b1};
        end
        default: ;
    endcase
end

integer m;
wire clean = (state == S_HDR && eval_now && !pass && tlast_seen) ||
             (state == S_PAY && ((tlast_seen && o_ready) || (beat_in && s_tlast && !leftover))) ||
             (state == S_FLUSH && o_ready) || (state == S_DROP && beat_in && s_tlast);

always @(posedge clk) begin
    frame_inc          <= beat_in && s_tlast;
    not_subscribed_inc <= 1'b0;
    drop_l2_inc        <= 1'b0;
    drop_l3_inc        <= 1'b0;
    drop_l4_inc        <= 1'b0;
    delivered_inc      <= 1'b0;
    stale_inc          <= 1'b0;
    recovered_inc      <= 1'b0;
    tlast_old          <= tlast_seen && !clean;

    if (beat_in) begin
        for (m = 0; m < 5; m = m + 1)
            if (bsel[m]) hdr[64 * m +: 64] <= s_tdata;
        if (bsel[1]) vlan <= vlan_now;
        bsel <= {bsel[9:0], 1'b0};
        prev <= s_tdata;
        if (beats != 14'h3FFF) beats <= beats + 14'd1;
        if (udp_here) udp_valid <= 1'b1;
        if (s_tlast) begin
            tlast_seen <= 1'b1;
            frame_len  <= {beats, 3'b000} + {13'd0, keep_n};
            last_stamp <= cycles;
            trunc_last <= trunc_now;
        end
    end
    if (ck_v) csum <= csum + {3'd0, ck_p01} + {3'd0, ck_p23};

    if (state == S_HDR && due && !eval_now && o_ready) begin
        stale     <= stale | pick;
        stale_inc <= 1'b1;
    end

    for (m = 0; m < 16; m = m + 1)
        if (match[m]) last_seen[m] <= cycles;

    case (state)
        S_HDR: if (eval_now) begin
            channel <= hit_channel;
            p6      <= !udp_hi;
            pbuf    <= udp_hi ? {32'd0, prev[63:48]} : prev[63:16];
            if (pass) begin
                armed       <= armed | first;
                stale       <= stale & ~first;
                recov_entry <= hit_entry;
                recov_stamp <= cycles;
                state       <= hit_stale ? S_RECOV : o_ready ? S_PAY : S_SLOT0;
            end else begin
                state <= tlast_seen ? S_HDR : S_DROP;
            end
            not_subscribed_inc <= v_notsub;
            drop_l2_inc        <= v_l2;
            drop_l3_inc        <= v_l3;
            drop_l4_inc        <= v_l4;
        end
        S_RECOV: if (o_ready) begin
            state         <= S_SLOT0;
            recovered_inc <= 1'b1;
        end
        S_SLOT0: if (o_ready) state <= S_PAY;   // the header beat when the verdict cycle could not send it
        S_PAY: begin
            if (tlast_seen) begin
                if (o_ready) begin
                    state         <= S_HDR;
                    delivered_inc <= 1'b1;
                end
            end else if (beat_in) begin
                pbuf <= p6 ? s_tdata[63:16] : {32'd0, s_tdata[63:48]};
                if (s_tlast && leftover) begin
                    state <= S_FLUSH;
                end else if (s_tlast) begin
                    state         <= S_HDR;
                    delivered_inc <= !trunc_now;
                    drop_l3_inc   <= trunc_now;
                end
            end
        end
        S_FLUSH: if (o_ready) begin
            state         <= S_HDR;
            delivered_inc <= !trunc_last;
            drop_l3_inc   <= trunc_last;
        end
        S_DROP: if (beat_in && s_tlast) state <= S_HDR;
        default: state <= S_HDR;
    endcase

    // a new frame starts clean
    if (clean) begin
        beats      <= 14'd0;
        bsel       <= 11'd1;
        csum       <= 21'd0;
        udp_valid  <= 1'b0;
        tlast_seen <= 1'b0;
    end

    if (rst) begin
        state      <= S_HDR;
        beats      <= 14'd0;
        bsel       <= 11'd1;
        csum       <= 21'd0;
        udp_valid  <= 1'b0;
        tlast_seen <= 1'b0;
        tlast_old  <= 1'b0;
        frame_inc  <= 1'b0;
        armed      <= 16'd0;
        stale      <= 16'd0;
    end
end

endmodule

`resetall
