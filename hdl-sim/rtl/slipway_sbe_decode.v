// SBE decoder for the Binance spot stream schema (id 1, version 0): all four templates, trades
// (10000), best bid/ask (10001), depth snapshot (10002) and depth diff (10003), shared by the
// lookaside ingress ring and the wire path (slipway_nic.h: SLIPWAY_INGRESS_*, SLIPWAY_SBE_*,
// SLIPWAY_MD_*). The reference is fpga-bridge SpotStreamDecoder; records are byte-identical.
//
// Input: one frame = one ingress slot as 64-bit little-endian beats (beat k = slot bytes
// 8k..8k+7): the 16-byte slot header (CHANNEL, LENGTH), then the SBE message; tlast on the last
// beat. Bytes past LENGTH are ignored (slot padding, Ethernet padding). s_tuser[0] (wire) on the
// first beat allows LENGTH up to MAX_WIRE instead of SLIPWAY_INGRESS_MAX_PAYLOAD and means a wire
// slot, which has only the header's first beat (its message starts in beat 1); s_tuser[1] (abort)
// on the last beat drops the frame without a record (the wire parser found it short).
//
// Walk: fixed root fields are captured by beat index; everything after the root (group headers,
// entries, the symbol) is walked as items at byte positions through a 32-byte window of the last
// four message beats, one item per cycle. While an item is complete in the window the input
// waits (tready low), so the window never loses the bytes of the item it is on; items are at
// most 25 bytes, which is what a 4-beat window guarantees.
//
// Walker timing (322 MHz): nothing the walker decides in a cycle is computed from an adder or a
// compare in that cycle. The item is one-hot; its position is kept as signed distances to the
// bytes received and to LENGTH, and "the item is in", "it runs past LENGTH" and the input hold
// are flip-flops per item size, worked out a cycle ahead for every way the cycle can go (no
// step, a step from each item kind, with and without a beat coming in) and only selected when
// it goes. The item after the header is decided from the header's beat, group header tests are
// kept per window position, the symbol's length check is made a stage after the walker, and the
// sequence check is read and compared in the two cycles before the first group header. The
// cycle-by-cycle behaviour (input ready, records, their order and timing) is the same as a walker
// that computes all this from a byte offset in the cycle (fpga-bridge ReceiveTiming models it).
//
// Frame atomicity: records go into the record FIFO at a speculative write pointer; at the frame's
// end (a token that follows its records down the pipeline) they are committed, or rolled back and
// replaced by one FEED_STATUS DECODE_ERROR record. Sequence state and the BBO table change only
// at commit. A depth diff that does not chain gets a FEED_STATUS GAP record before its levels.
//
// Status tokens: a one-beat frame with s_tuser[2] (the wire parser's STALE and RECOVERED, see
// slipway_wire_rx.v) becomes one FEED_STATUS record (channel tdata[6:0], flags tdata[23:16],
// SEQUENCE the subscription entry tdata[11:8], stamp s_tstamp), committed at once in stream order.
//
// Stamp: every record of a frame carries s_tstamp as it came with the frame's last beat (the card
// cycle that beat was taken at the card's ingress port: slipway_nic.h SLIPWAY_MD_CARD_CYCLES). The
// stamp travels with the end token; at commit it is written to a stamp table under the frame's tag,
// which each of its FIFO entries holds, and the output register reads it from there.
//
// Pipeline: walker (W) -> rescale (RESCALE_STAGES = 5, slipway_scale_div) -> FIFO write / commit (A) ->
// output register (O). Latency from the edge that samples the last
// beat to m_rec_valid: 9 edges when the frame's last item ends in its last beat and no other item
// waits there; one more per further item in that beat (e.g. an empty ask group then the symbol).
//
// Not done: per-instrument scales (one PRICE_EXP/QTY_EXP for every channel), exponents coarser
// than the scale (a decode error here; the reference card multiplies), several SBE messages in
// one frame.
`resetall
`timescale 1ns / 1ps
`default_nettype none

module slipway_sbe_decode #(
    parameter signed [7:0] PRICE_EXP  = -8'sd2,
    parameter signed [7:0] QTY_EXP    = -8'sd6,
    parameter              MAX_WIRE   = 1472,    // longest SBE message on the wire path
    parameter              FIFO_DEPTH = 256      // records, power of two, > one frame's records + MARGIN
) (
    input  wire         clk,
    input  wire         rst,

    input  wire [63:0]  s_tdata,
    input  wire [2:0]   s_tuser,       // [0] wire (first beat), [1] abort (last beat), [2] status token
    input  wire [63:0]  s_tstamp,      // with the last beat: the frame's ingress stamp
    input  wire         s_tvalid,
    input  wire         s_tlast,
    output wire         s_tready,

    output reg  [511:0] m_rec_data,    // one 64-byte MD record, byte 0 in bits [7:0]
    output reg          m_rec_valid,
    input  wire         m_rec_ready,

    output reg          md_record,     // one-cycle strobe per record output
    output reg          decode_error,  // one-cycle strobe per frame dropped as malformed
    output reg          gap,           // one-cycle strobe per committed sequence gap
    output wire         frame_end,     // one-cycle strobe per message committed or dropped, in order

    // BBO table, one entry per channel, for the risk gate: registered read, 1 cycle
    input  wire [6:0]   bbo_rd_channel,
    output reg  [63:0]  bbo_rd_bid,
    output reg  [63:0]  bbo_rd_ask
);

localparam [15:0] SCHEMA_ID   = 16'd1;
localparam [15:0] VERSION     = 16'd0;
localparam [15:0] T_TRADES    = 16'd10000;
localparam [15:0] T_BBO       = 16'd10001;
localparam [15:0] T_SNAP      = 16'd10002;
localparam [15:0] T_DIFF      = 16'd10003;
localparam [15:0] MAX_SLOT    = 16'd496;
localparam [15:0] TYPE_BBO    = 16'd1;
localparam [15:0] TYPE_TRADE  = 16'd2;
localparam [15:0] TYPE_LEVEL  = 16'd3;
localparam [15:0] TYPE_STATUS = 16'd4;
localparam [7:0]  FLAG_BID    = 8'h01;
localparam [7:0]  FLAG_MAKER  = 8'h02;
localparam [7:0]  FLAG_GAP    = 8'h04;
localparam [7:0]  FLAG_DECODE = 8'h10;
localparam [7:0]  FLAG_SNAP   = 8'h20;
localparam        AW          = $clog2(FIFO_DEPTH);
localparam        RESCALE_STAGES = 5;        // slipway_scale_div's register stages
localparam [AW:0] MARGIN      = 8 + RESCALE_STAGES - 1;  // records the pipeline behind the walker may hold, + 1: room is registered

// ---- input, window and root capture --------------------------------------------------------
reg  [5:0]   beat;          // slot beat index, saturates at 63 (root fields end in beat 9)
reg  [15:0]  channel;
reg  [255:0] win;           // the last 32 message bytes received, oldest in bits [7:0]
reg  [63:0]  root [1:7];    // message beats 1..7 (bytes 8..63): every fixed root field
reg          tlast_in;      // the frame's last beat has been taken
reg          abort_in;
reg  [63:0]  stamp_in;      // s_tstamp of the last beat
reg  [15:0]  template_id;
reg          t_diff, t_bbo; // template_id is a depth diff / best bid/ask (registered with it)

// The walker's item, one-hot, so every test of it is one flip-flop.
localparam I_HDR = 0;   // SBE message header, 8 bytes at 0
localparam I_G16 = 1;   // groupSize16Encoding: u16 blockLength, u16 numInGroup
localparam I_LVL = 2;   // level entry: i64 price, i64 qty
localparam I_G32 = 3;   // groupSizeEncoding: u16 blockLength, u32 numInGroup
localparam I_TRD = 4;   // trade entry: i64 id, i64 price, i64 qty, u8 isBuyerMaker
localparam I_SYM = 5;   // varString8 length byte (the symbol ends the message)
localparam I_DONE = 6;  // message walked, waiting for tlast
localparam I_ERR = 7;   // malformed, waiting for tlast
reg  [7:0]   item;
// The item after the header, decided from the header's beat. Registered there as four flags with
// no priority between them (each one compare deep, so the arbiter's source mux ahead of s_tdata
// still fits the period); the priority is one LUT after the registers, beside the walker's own
// selects, and reads the same as the old registered one-hot.
reg          h_err;         // schema or version not ours, or the slot header is bad
reg          h_sym;         // best bid/ask with its full root block
reg          h_g16;         // depth diff or snapshot with its full root block
reg          h_g32;         // trades with its full root block
wire [7:0]   hdr_next = ((h_err || !(h_sym || h_g16 || h_g32)) ? 8'd1 << I_ERR : 8'd0) |
                        (!h_err && h_sym ? 8'd1 << I_SYM : 8'd0) |
                        (!h_err && h_g16 ? 8'd1 << I_G16 : 8'd0) |
                        (!h_err && h_g32 ? 8'd1 << I_G32 : 8'd0);
// x > k for a constant k as AND/OR terms, not a subtract: the header beat's tests come from the
// arbiter's output mux, and Yosys maps a compare to a carry chain that ABC cannot fold into the
// template tests around it (arbiter `hold` -> h_g16 / hdr_bad were 6 LUT levels and a carry chain,
// 3.00-3.05 ns, in the whole card).
function above_k(input [15:0] x, input [15:0] k);
    integer i;
    begin
        above_k = 1'b0;
        for (i = 0; i < 16; i = i + 1) begin
            above_k = k[i] ? (x[i] && above_k) : (x[i] || above_k);
        end
    end
endfunction
reg          hdr_bad;       // from the slot header: a channel past 127 or LENGTH over the maximum
reg          side_ask;      // I_G16/I_LVL: 0 bids, 1 asks
reg  [15:0]  entry_length;
reg  [31:0]  remaining;     // entries left in the current group
reg          rem_one;       // remaining == 1
reg  [7:0]   sym_b0;        // the symbol's length byte, checked against LENGTH after the walker
reg          frame_gap;
reg  [AW:0]  wr_spec, wr_commit, rd_ptr;

// Item positions are kept as signed distances instead of an offset and a received-byte count, so
// that "the item is in", "it runs past LENGTH" and the window offset are flip-flops or one compare
// deep: e = pos - received, lf = LENGTH - pos, lr = LENGTH - received (pos = the item's message
// offset, received = message bytes taken). While an item is walked the input stops at e < -16,
// so there e >= -40; e is 0 at a frame's start.
reg  signed [19:0] e, lf, lr;
reg  [16:0]  bl8;           // 8 + the root block length: the first item after the root, as an offset

// Item sizes the flags below are kept for: index -> bytes.
//   0: 1 (I_SYM), 1: 4 (I_G16), 2: 6 (I_G32), 3: 8 (I_HDR), 4: 16 (I_LVL), 5: 25 (I_TRD), 6: 17 (the
//   input hold: the item is complete and the next may start outside the window's newest 16 bytes)
localparam NK = 7;
function signed [19:0] ksize(input integer j);
    begin
        case (j)
            0: ksize = 20'sd1;
            1: ksize = 20'sd4;
            2: ksize = 20'sd6;
            3: ksize = 20'sd8;
            4: ksize = 20'sd16;
            5: ksize = 20'sd25;
            default: ksize = 20'sd17;
        endcase
    end
endfunction

// hv[j]: an item of size ksize(j) at pos is all in (e <= -ksize); ov[j]: it runs past LENGTH
// (lf < ksize), only once LENGTH is in (beat != 0). Both are registered for every size and kept
// right for the next cycle: when the walker steps, from the candidate next pos of each item kind.
reg  [NK-1:0] hv;
reg  [NK-2:0] ov;
// For the step from an item whose size is not a constant (the root block, an entry):
// e + delta + k - 8 * inc - 1 < 0 and lf - (delta + k) < 0, the constant parts added in when the
// root block length or the entry length is read.
reg  signed [19:0] r_bl [0:2*NK-1];   // [2j + inc] = bl8 + ksize(j) - 8 * inc - 1
reg  signed [19:0] r_el [0:2*NK-1];   // [2j + inc] = entry_length + ksize(j) - 8 * inc - 1
reg  signed [19:0] q_bl [0:NK-2];     // [j] = bl8 + ksize(j)
reg  signed [19:0] q_el [0:NK-2];     // [j] = entry_length + ksize(j)
reg  signed [19:0] el_m8;             // entry_length - 8

// Registered one cycle late, so the record FIFO's fill test is off the walker's paths; MARGIN
// has one record more for it.
reg          room;

wire         walking = !item[I_DONE] && !item[I_ERR];
wire         have    = (item[I_HDR] && hv[3]) || (item[I_G16] && hv[1]) || (item[I_LVL] && hv[4]) ||
                       (item[I_G32] && hv[2]) || (item[I_TRD] && hv[5]) || (item[I_SYM] && hv[0]);
wire         over    = (item[I_HDR] && ov[3]) || (item[I_G16] && ov[1]) || (item[I_LVL] && ov[4]) ||
                       (item[I_G32] && ov[2]) || (item[I_TRD] && ov[5]) || (item[I_SYM] && ov[0]);
wire         step    = room && walking && (have || over || tlast_in);

// The input waits while an item is complete in the window and a new beat could push the item
// after it out of the window (it starts at or after this item's end, so an item starting within
// the newest 16 bytes is safe), and after the last beat until the frame's end token has left.
// e <= -17 means every item but a trade entry is in; a trade entry needs hv[5].
assign s_tready = room && !tlast_in && !(hv[6] && walking && !(item[I_TRD] && !hv[5]));
wire beat_in   = s_tvalid && s_tready;
// a status token comes between frames (beat 0) and is not a frame's beat
wire token_in  = beat_in && beat == 6'd0 && s_tuser[2];
wire data_in   = beat_in && !token_in;
wire inc       = data_in && beat >= 6'd2;    // 8 message bytes come in
wire len_in    = data_in && beat == 6'd0;    // LENGTH comes in

// item bytes: the window shifted so the item's first byte is in bits [7:0]
/* verilator lint_off UNUSEDSIGNAL */  // items are at most 25 bytes
wire [255:0] it      = win >> {e[4:0], 3'd0};
/* verilator lint_on UNUSEDSIGNAL */
wire [15:0]  it_u16a = it[15:0];
wire [15:0]  it_u16b = it[31:16];
wire [31:0]  it_u32b = it[47:16];
wire [63:0]  it_w0   = it[63:0];
wire [63:0]  it_w1   = it[127:64];
wire [63:0]  it_w2   = it[191:128];
wire [7:0]   it_b24  = it[199:192];
wire [7:0]   it_b0   = it[7:0];

// Group header tests, kept for every byte position p of the window beside it (bytes past the
// window read as 0, as in the shift above), so the walker only selects one by e instead of
// comparing after the shift: u16 at p < 16 / < 25, u16 at p + 2 == 0 / 1, u32 at p + 2 == 0 / 1.
reg  [31:0]  wp_lt16, wp_lt25, wp_u16z, wp_u16one, wp_u32z, wp_u32one;
wire [255:0] win_in = {s_tdata, win[255:64]};      // the window after a message beat
wire [295:0] win_inx = {40'd0, win_in};
wire [31:0]  wn_lt16, wn_lt25, wn_u16z, wn_u16one, wn_u32z, wn_u32one;
genvar gp;
generate
    for (gp = 0; gp < 32; gp = gp + 1) begin : g_wp
        wire [15:0] a16 = win_inx[8*gp +: 16];
        wire [15:0] b16 = win_inx[8*gp + 16 +: 16];
        wire [31:0] b32 = win_inx[8*gp + 16 +: 32];
        assign wn_lt16[gp]   = a16 < 16'd16;
        assign wn_lt25[gp]   = a16 < 16'd25;
        assign wn_u16z[gp]   = b16 == 16'd0;
        assign wn_u16one[gp] = b16 == 16'd1;
        assign wn_u32z[gp]   = b32 == 32'd0;
        assign wn_u32one[gp] = b32 == 32'd1;
    end
endgenerate
wire         it_lt16   = wp_lt16[e[4:0]];
wire         it_lt25   = wp_lt25[e[4:0]];
wire         it_u16z   = wp_u16z[e[4:0]];
wire         it_u16one = wp_u16one[e[4:0]];
wire         it_u32z   = wp_u32z[e[4:0]];
wire         it_u32one = wp_u32one[e[4:0]];

// root fields by template (message offsets in SpotStreamDecoder)
wire [63:0]  event_time = root[1];
wire [63:0]  first_id   = root[2];
wire [63:0]  last_id    = t_diff ? root[3] : root[2];
wire [7:0]   pe         = t_diff ? root[4][7:0]  : root[3][7:0];
wire [7:0]   qe         = t_diff ? root[4][15:8] : root[3][15:8];

// Sequence state per channel, written only at commit: started, from a snapshot, and the next
// expected id (last id + 1, added before the commit). A diff uses it at its first group header.
// The check is worked out over the two cycles before: cycle 1 reads the table into flip-flops,
// cycle 2 compares, taking the commit of cycle 1 or of cycle 2 (seq_we) in place of the table
// when there was one for this channel, so seq_gap is what a read of the table in the cycle it is
// used would give. The header is at message byte 34 or later, so the channel, the first and last
// ids are in place two cycles before it is walked. The table is LUT RAM: a block RAM's
// clock-to-out would sit in front of the 64-bit compares.
reg  [127:0] seq_started;
(* ram_style = "distributed" *) reg         seq_from_snap [0:127];
(* ram_style = "distributed" *) reg  [63:0] seq_next      [0:127];
wire [6:0]   ch7 = channel[6:0];
wire         seq_we;                 // stage A commits a diff or snapshot ...
wire         seq_byp;                // ... of this channel
wire [63:0]  seq_we_next;
wire         seq_we_snap;
reg  [63:0]  sq_next;                // cycle 1: the table as read (this cycle's commit not in it)
reg          sq_snap, sq_started;
reg          wd_byp, wd_snap;        // cycle 1: this cycle's commit, if of this channel
reg  [63:0]  wd_next;
reg          gap_byp, gap_prev;      // cycle 2: a diff with first_id here does not chain, after the
reg          byp_r;                  // commit of cycle 2 (byp_r) or else after the state before it
wire         seq_gap = byp_r ? gap_byp : gap_prev;
// in order: first_id == expected, or after a snapshot first_id <= expected <= last_id; worked out
// for both sources, the bypass only picks (and-or, so the compares are not shared behind it)
wire         ord_tab = sq_snap ?
                       ($signed(first_id) <= $signed(sq_next) && $signed(sq_next) <= $signed(last_id)) :
                       first_id == sq_next;
wire         ord_wd  = wd_snap ?
                       ($signed(first_id) <= $signed(wd_next) && $signed(wd_next) <= $signed(last_id)) :
                       first_id == wd_next;
wire         ord_byp = seq_we_snap ?
                       ($signed(first_id) <= $signed(seq_we_next) && $signed(seq_we_next) <= $signed(last_id)) :
                       first_id == seq_we_next;

always @(posedge clk) begin
    sq_next    <= seq_next[ch7];
    sq_snap    <= seq_from_snap[ch7];
    sq_started <= seq_byp || seq_started[ch7];
    wd_byp     <= seq_byp;
    wd_next    <= seq_we_next;
    wd_snap    <= seq_we_snap;
    // both outcomes registered, the bypass selects after the register: the compares end here
    gap_byp    <= !ord_byp;
    gap_prev   <= wd_byp ? !ord_wd : sq_started && !ord_tab;
    byp_r      <= seq_byp;
end

// ---- walker (stage W) -----------------------------------------------------------------------
wire         step_err  = walking && (over || (!have && tlast_in));
// The frame ends when its last beat is in and the walk is over or ends this cycle, or when the
// last beat arrives and the walk is over or ends this cycle with the symbol.
// Written out from the registered flags (what step, step_err and s_tready reduce to in each
// case) so that end_now, which many registers take, is a few LUTs deep: after the last beat a
// walking item steps and the walk ends unless a further item is complete; a last beat arriving
// ends the frame when the walk is over or the symbol's length byte steps now (in the window and
// the input not held: hv[0], and !hv[6]).
wire         end_tlast = tlast_in && (!walking || over || !have || item[I_SYM]);
wire         end_fast  = s_tvalid && s_tlast && !tlast_in && !(beat == 6'd0 && s_tuser[2]) &&
                         (!walking || (item[I_SYM] && (hv[0] || ov[0]) && !hv[6]));
wire         end_now   = room && (end_tlast || end_fast);
// LENGTH bytes must all have arrived by the end: at end_now a beat is taken only with end_fast
wire         len_short = (tlast_in || beat < 6'd2) ? lr > 20'sd0 : lr > 20'sd8;

// Next-cycle flags, one candidate per way the cycle can go (see hv/ov above).
wire [NK-1:0] hv_inc, hv_g16, hv_g32, hv_bl, hv_el;
wire [NK-2:0] ov_g16, ov_g32, ov_bl, ov_el, ov_len;
genvar gj;
/* verilator lint_off UNUSEDSIGNAL */  // only the sums' signs are used
generate
    for (gj = 0; gj < NK; gj = gj + 1) begin : g_hv
        localparam signed [19:0] K = ksize(gj);
        // both sums from flip-flops; the input handshake only picks one
        wire signed [19:0] s_bl0 = e + r_bl[2*gj];
        wire signed [19:0] s_bl1 = e + r_bl[2*gj + 1];
        wire signed [19:0] s_el0 = e + r_el[2*gj];
        wire signed [19:0] s_el1 = e + r_el[2*gj + 1];
        // e <= c as the sign of e - c - 1: one carry chain each
        wire signed [19:0] d_inc = e + K - 20'sd9;
        wire signed [19:0] d16_0 = e + K + 20'sd3;
        wire signed [19:0] d16_1 = e + K - 20'sd5;
        wire signed [19:0] d32_0 = e + K + 20'sd5;
        wire signed [19:0] d32_1 = e + K - 20'sd3;
        assign hv_inc[gj] = d_inc[19];
        wire c16_0 = d16_0[19];
        wire c16_1 = d16_1[19];
        wire c32_0 = d32_0[19];
        wire c32_1 = d32_1[19];
        // and-or rather than ?:, so synthesis keeps a comparator per case instead of one
        // comparator behind a mux on inc (inc comes late: it is the input handshake)
        assign hv_g16[gj] = (inc && c16_1) || (!inc && c16_0);
        assign hv_g32[gj] = (inc && c32_1) || (!inc && c32_0);
        assign hv_bl[gj]  = (inc && s_bl1[19]) || (!inc && s_bl0[19]);
        assign hv_el[gj]  = (inc && s_el1[19]) || (!inc && s_el0[19]);
    end
    for (gj = 0; gj < NK - 1; gj = gj + 1) begin : g_ov
        localparam signed [19:0] K = ksize(gj);
        wire signed [19:0] s_bl = lf - q_bl[gj];
        wire signed [19:0] s_el = lf - q_el[gj];
        wire signed [19:0] o16 = lf - K - 20'sd4;
        wire signed [19:0] o32 = lf - K - 20'sd6;
        assign ov_g16[gj] = o16[19];
        assign ov_g32[gj] = o32[19];
        assign ov_bl[gj]  = s_bl[19];
        assign ov_el[gj]  = s_el[19];
        assign ov_len[gj] = s_tdata[31:16] < K[15:0];
    end
endgenerate
/* verilator lint_on UNUSEDSIGNAL */

wire [NK-1:0] hv_step = ({NK{item[I_HDR]}} & hv_bl) | ({NK{item[I_G16]}} & hv_g16) |
                        ({NK{item[I_G32]}} & hv_g32) | ({NK{item[I_LVL] || item[I_TRD]}} & hv_el);
wire [NK-2:0] ov_step = ({(NK-1){item[I_HDR]}} & ov_bl) | ({(NK-1){item[I_G16]}} & ov_g16) |
                        ({(NK-1){item[I_G32]}} & ov_g32) | ({(NK-1){item[I_LVL] || item[I_TRD]}} & ov_el);
// the next pos's distances, for the same step kinds
// (every sum from flip-flops; inc and the item only select, as and-or for the reason above)
wire signed [19:0] e_hdr0 = e + $signed({3'd0, bl8});
wire signed [19:0] e_hdr1 = e + $signed({3'd0, bl8 - 17'd8});
wire signed [19:0] e_el0  = e + $signed({4'd0, entry_length});
wire signed [19:0] e_el1  = e + el_m8;
wire signed [19:0] e_m8   = e - 20'sd8;
wire [19:0]  e_step0 = ({20{item[I_HDR]}} & e_hdr0) | ({20{item[I_G16]}} & (e + 20'sd4)) |
                       ({20{item[I_G32]}} & (e + 20'sd6)) | ({20{item[I_LVL] || item[I_TRD]}} & e_el0);
wire [19:0]  e_step1 = ({20{item[I_HDR]}} & e_hdr1) | ({20{item[I_G16]}} & (e - 20'sd4)) |
                       ({20{item[I_G32]}} & (e - 20'sd2)) | ({20{item[I_LVL] || item[I_TRD]}} & e_el1);
wire signed [19:0] e_step = $signed(({20{inc}} & e_step1) | ({20{!inc}} & e_step0));
wire signed [19:0] lf_step = item[I_HDR] ? lf - $signed({3'd0, bl8}) :
                             item[I_G16] ? lf - 20'sd4 :
                             item[I_G32] ? lf - 20'sd6 :
                             lf - $signed({4'd0, entry_length});

reg          w_rec, w_end, w_err, w_sym_chk, w_abort, w_seq, w_snap, w_gap, w_token;
reg  [7:0]   w_sym_b0;
reg  signed [19:0] w_sym_lf;
reg  [15:0]  w_type, w_channel;
reg  [7:0]   w_flags, w_pe, w_qe;
reg  [63:0]  w_seqno, w_event, w_m0, w_m1, w_m2, w_m3, w_next, w_stamp;
integer      ki;

always @(posedge clk) begin
    w_rec <= 1'b0;
    w_end <= 1'b0;
    room  <= (wr_spec - rd_ptr) <= FIFO_DEPTH[AW:0] - MARGIN;

    if (data_in) begin
        if (beat == 6'd0) begin
            channel  <= s_tdata[15:0];
            lr       <= $signed({4'd0, s_tdata[31:16]});
            hdr_bad  <= s_tdata[15:7] != 9'd0 ||
                        (s_tuser[0] ? above_k(s_tdata[31:16], MAX_WIRE[15:0]) : above_k(s_tdata[31:16], MAX_SLOT));
        end
        if (beat >= 6'd2) begin
            win       <= win_in;
            wp_lt16   <= wn_lt16;
            wp_lt25   <= wn_lt25;
            wp_u16z   <= wn_u16z;
            wp_u16one <= wn_u16one;
            wp_u32z   <= wn_u32z;
            wp_u32one <= wn_u32one;
            lr        <= lr - 20'sd8;
        end
        if (beat == 6'd2) begin
            // the message header is this beat: decide the item after it now
            template_id <= s_tdata[31:16];
            t_diff      <= s_tdata[31:16] == T_DIFF;
            t_bbo       <= s_tdata[31:16] == T_BBO;
            bl8         <= {1'b0, s_tdata[15:0]} + 17'd8;
            for (ki = 0; ki < NK; ki = ki + 1) begin
                r_bl[2*ki]     <= $signed({4'd0, s_tdata[15:0]}) + 20'sd7 + ksize(ki);
                r_bl[2*ki + 1] <= $signed({4'd0, s_tdata[15:0]}) - 20'sd1 + ksize(ki);
            end
            for (ki = 0; ki < NK - 1; ki = ki + 1) begin
                q_bl[ki] <= $signed({4'd0, s_tdata[15:0]}) + 20'sd8 + ksize(ki);
            end
            // the templates differ, so at most one of sym/g16/g32 is set; none set (an unknown
            // template or a root block shorter than the schema's) reads as an error in hdr_next
            h_err <= s_tdata[47:32] != SCHEMA_ID || s_tdata[63:48] != VERSION || hdr_bad;
            h_sym <= s_tdata[31:16] == T_BBO && above_k(s_tdata[15:0], 16'd49);
            h_g16 <= (s_tdata[31:16] == T_DIFF && above_k(s_tdata[15:0], 16'd25)) ||
                     (s_tdata[31:16] == T_SNAP && above_k(s_tdata[15:0], 16'd17));
            h_g32 <= s_tdata[31:16] == T_TRADES && above_k(s_tdata[15:0], 16'd17);
        end
        if (beat >= 6'd3 && beat <= 6'd9) root[beat[2:0] + 3'd6] <= s_tdata;  // beat 3 -> root[1]
        // a wire slot has no beat 1 (slipway_wire_rx.v): its message starts in its second beat
        if (beat == 6'd0 && s_tuser[0]) beat <= 6'd2;
        else if (beat != 6'd63)        beat <= beat + 6'd1;
        if (s_tlast) begin
            tlast_in <= 1'b1;
            abort_in <= s_tuser[1];
            stamp_in <= s_tstamp;
        end
    end

    // the item's distances and flags for the next cycle
    if (step) begin
        e  <= e_step;
        lf <= lf_step;
        hv <= hv_step;
        ov <= ov_step;
    end else begin
        if (inc) begin
            e  <= e_m8;
            hv <= hv_inc;
        end
        if (len_in) begin
            lf <= $signed({4'd0, s_tdata[31:16]});
            ov <= ov_len;
        end
    end

    if (step) begin
        if (step_err) begin
            item <= 8'd1 << I_ERR;   // runs past LENGTH, or the frame ended before the item
        end else begin
            if (item[I_HDR]) begin
                item      <= hdr_next;
                side_ask  <= 1'b0;
                frame_gap <= 1'b0;
            end
            if (item[I_G16] || item[I_G32]) begin
                entry_length <= it_u16a;
                el_m8        <= $signed({4'd0, it_u16a}) - 20'sd8;
                for (ki = 0; ki < NK; ki = ki + 1) begin
                    r_el[2*ki]     <= $signed({4'd0, it_u16a}) - 20'sd1 + ksize(ki);
                    r_el[2*ki + 1] <= $signed({4'd0, it_u16a}) - 20'sd9 + ksize(ki);
                end
                for (ki = 0; ki < NK - 1; ki = ki + 1) begin
                    q_el[ki] <= $signed({4'd0, it_u16a}) + ksize(ki);
                end
            end
            if (item[I_G16]) begin
                remaining <= {16'd0, it_u16b};
                rem_one   <= it_u16one;
                if (it_lt16) begin
                    item <= 8'd1 << I_ERR;
                end else if (it_u16z) begin
                    item     <= side_ask ? 8'd1 << I_SYM : 8'd1 << I_G16;
                    side_ask <= 1'b1;
                end else begin
                    item <= 8'd1 << I_LVL;
                end
                // a diff's sequence check, once, so its GAP record precedes its levels
                if (!side_ask && t_diff && seq_gap) begin
                    frame_gap <= 1'b1;
                    w_rec     <= 1'b1;
                    w_type    <= TYPE_STATUS;
                    w_flags   <= FLAG_GAP;
                    w_seqno   <= first_id;
                    w_m0      <= 64'd0;
                    w_m1      <= 64'd0;
                end
            end
            if (item[I_LVL]) begin
                w_rec     <= 1'b1;
                w_type    <= TYPE_LEVEL;
                w_flags   <= (side_ask ? 8'h00 : FLAG_BID) | (t_diff ? 8'h00 : FLAG_SNAP);
                w_seqno   <= last_id;
                w_m0      <= it_w0;
                w_m1      <= it_w1;
                remaining <= remaining - 32'd1;
                rem_one   <= remaining == 32'd2;
                if (rem_one) begin
                    item     <= side_ask ? 8'd1 << I_SYM : 8'd1 << I_G16;
                    side_ask <= 1'b1;
                end
            end
            if (item[I_G32]) begin
                remaining <= it_u32b;
                rem_one   <= it_u32one;
                item      <= it_lt25 ? 8'd1 << I_ERR : it_u32z ? 8'd1 << I_SYM : 8'd1 << I_TRD;
            end
            if (item[I_TRD]) begin
                w_rec     <= 1'b1;
                w_type    <= TYPE_TRADE;
                w_flags   <= it_b24 != 8'd0 ? FLAG_MAKER : 8'h00;
                w_seqno   <= it_w0;
                w_m0      <= it_w1;
                w_m1      <= it_w2;
                remaining <= remaining - 32'd1;
                rem_one   <= remaining == 32'd2;
                if (rem_one) item <= 8'd1 << I_SYM;
            end
            if (item[I_SYM]) begin
                // The symbol must end exactly at LENGTH (pos + 1 + length byte == LENGTH). That is
                // checked a stage later, from w_sym_b0 and w_sym_lf: the best bid/ask record
                // written here is dropped with its frame when the check fails, like every record
                // of a bad frame. lf does not change after this step.
                item   <= 8'd1 << I_DONE;
                sym_b0 <= it_b0;
                if (t_bbo) begin
                    w_rec   <= 1'b1;
                    w_type  <= TYPE_BBO;
                    w_flags <= 8'h00;
                    w_seqno <= root[2];
                    w_m0    <= {root[4][15:0], root[3][63:16]};
                    w_m1    <= {root[5][15:0], root[4][63:16]};
                    w_m2    <= {root[6][15:0], root[5][63:16]};
                    w_m3    <= {root[7][15:0], root[6][63:16]};
                end
            end
        end
        // every record of the frame shares these
        w_channel <= channel;
        w_event   <= event_time;
        w_pe      <= pe;
        w_qe      <= qe;
        if (!item[I_SYM]) begin
            w_m2 <= 64'd0;
            w_m3 <= 64'd0;
        end
    end

    if (token_in) begin
        // between frames nothing steps or ends, so the token has the walker's outputs to itself
        w_rec     <= 1'b1;
        w_type    <= TYPE_STATUS;
        w_flags   <= s_tdata[23:16];
        w_seqno   <= {60'd0, s_tdata[11:8]};
        w_m0      <= 64'd0;
        w_m1      <= 64'd0;
        w_m2      <= 64'd0;
        w_m3      <= 64'd0;
        w_pe      <= PRICE_EXP;
        w_qe      <= QTY_EXP;
        w_event   <= 64'd0;
        w_channel <= {9'd0, s_tdata[6:0]};
        w_end     <= 1'b1;
        w_token   <= 1'b1;
        w_abort   <= 1'b0;
        w_err     <= 1'b0;
        w_sym_chk <= 1'b0;
        w_seq     <= 1'b0;
        w_snap    <= 1'b0;
        w_gap     <= 1'b0;
        w_stamp   <= s_tstamp;
    end

    if (end_now) begin
        w_end     <= 1'b1;
        w_token   <= 1'b0;
        w_abort   <= tlast_in ? abort_in : s_tuser[1];
        w_stamp   <= tlast_in ? stamp_in : s_tstamp;
        // LENGTH bytes must all have arrived: the symbol's own bytes are not walked
        w_err     <= item[I_ERR] || step_err || len_short;
        w_sym_chk <= item[I_SYM] || item[I_DONE];
        w_sym_b0  <= item[I_SYM] ? it_b0 : sym_b0;
        w_sym_lf  <= lf;
        w_seq     <= template_id == T_DIFF || template_id == T_SNAP;
        w_snap    <= template_id == T_SNAP;
        w_next    <= last_id + 64'd1;
        w_gap     <= frame_gap;
        w_channel <= channel;
        tlast_in  <= 1'b0;
        beat      <= 6'd0;
        item      <= 8'd1 << I_HDR;
        e         <= 20'sd0;
        hv        <= {NK{1'b0}};
        ov        <= {(NK-1){1'b0}};
    end

    if (rst) begin
        beat     <= 6'd0;
        tlast_in <= 1'b0;
        item     <= 8'd1 << I_HDR;
        e        <= 20'sd0;
        hv       <= {NK{1'b0}};
        ov       <= {(NK-1){1'b0}};
        room     <= 1'b0;
        w_rec    <= 1'b0;
        w_end    <= 1'b0;
        w_token  <= 1'b0;
    end
end

// ---- rescale (RESCALE_STAGES) --------------------------------------------------------------------
wire [63:0] m0_s, m1_s, m2_s, m3_s;
wire [3:0]  scaled_ok;

slipway_scale_div #(.SCALE(PRICE_EXP)) m0_div (
    .clk(clk), .in_mantissa(w_m0), .in_exp(w_pe), .out_value(m0_s), .out_ok(scaled_ok[0]));
slipway_scale_div #(.SCALE(QTY_EXP)) m1_div (
    .clk(clk), .in_mantissa(w_m1), .in_exp(w_qe), .out_value(m1_s), .out_ok(scaled_ok[1]));
slipway_scale_div #(.SCALE(PRICE_EXP)) m2_div (
    .clk(clk), .in_mantissa(w_m2), .in_exp(w_pe), .out_value(m2_s), .out_ok(scaled_ok[2]));
slipway_scale_div #(.SCALE(QTY_EXP)) m3_div (
    .clk(clk), .in_mantissa(w_m3), .in_exp(w_qe), .out_value(m3_s), .out_ok(scaled_ok[3]));

// the rest of the token waits beside the rescale, RESCALE_STAGES deep
reg  [RESCALE_STAGES-1:0] d_rec, d_end;
reg         d_err [0:RESCALE_STAGES-1], d_abort [0:RESCALE_STAGES-1], d_seq [0:RESCALE_STAGES-1];
reg         d_snap [0:RESCALE_STAGES-1], d_gap [0:RESCALE_STAGES-1], d_token [0:RESCALE_STAGES-1];
reg  [15:0] d_type [0:RESCALE_STAGES-1], d_channel [0:RESCALE_STAGES-1];
reg  [7:0]  d_flags [0:RESCALE_STAGES-1];
reg  [63:0] d_seqno [0:RESCALE_STAGES-1], d_event [0:RESCALE_STAGES-1], d_next [0:RESCALE_STAGES-1];
reg  [63:0] d_stamp [0:RESCALE_STAGES-1];
integer di;

always @(posedge clk) begin
    d_rec        <= {d_rec[RESCALE_STAGES-2:0], w_rec};
    d_end        <= {d_end[RESCALE_STAGES-2:0], w_end};
    d_err[0]     <= w_err || (w_sym_chk && w_sym_lf != $signed({11'd0, {1'b0, w_sym_b0} + 9'd1}));
    d_abort[0]   <= w_abort;
    d_token[0]   <= w_token;
    d_seq[0]     <= w_seq;
    d_snap[0]    <= w_snap;
    d_gap[0]     <= w_gap;
    d_type[0]    <= w_type;
    d_channel[0] <= w_channel;
    d_flags[0]   <= w_flags;
    d_seqno[0]   <= w_seqno;
    d_event[0]   <= w_event;
    d_next[0]    <= w_next;
    d_stamp[0]   <= w_stamp;
    for (di = 1; di < RESCALE_STAGES; di = di + 1) begin
        d_err[di]     <= d_err[di-1];
        d_abort[di]   <= d_abort[di-1];
        d_token[di]   <= d_token[di-1];
        d_seq[di]     <= d_seq[di-1];
        d_snap[di]    <= d_snap[di-1];
        d_gap[di]     <= d_gap[di-1];
        d_type[di]    <= d_type[di-1];
        d_channel[di] <= d_channel[di-1];
        d_flags[di]   <= d_flags[di-1];
        d_seqno[di]   <= d_seqno[di-1];
        d_event[di]   <= d_event[di-1];
        d_next[di]    <= d_next[di-1];
        d_stamp[di]   <= d_stamp[di-1];
    end
    if (rst) begin
        d_rec <= {RESCALE_STAGES{1'b0}};
        d_end <= {RESCALE_STAGES{1'b0}};
    end
end

// ---- stage A: speculative FIFO write; commit or roll back at the frame's end ---------------
wire        a_rec  = d_rec[RESCALE_STAGES-1];
wire        a_end  = d_end[RESCALE_STAGES-1];
assign frame_end = a_end && !d_token[RESCALE_STAGES-1];   // messages only: a status token is not one
wire [15:0] a_ch   = d_channel[RESCALE_STAGES-1];
wire        a_ok   = scaled_ok == 4'b1111;
wire [6:0]  a_ch7  = a_ch[6:0];
// the header's varying fields {flags, channel, type}; the output widens them to the record's header
wire [39:0] a_head = {d_flags[RESCALE_STAGES-1], a_ch, d_type[RESCALE_STAGES-1]};
wire [39:0] e_head = {FLAG_DECODE, a_ch, TYPE_STATUS};

reg  [383:0] fifo [0:FIFO_DEPTH-1];   // records without header and MD_CARD_CYCLES (stamped at the output)
// The header's varying fields {flags, channel, type}, in LUT RAM with the output register in
// flip-flops: downstream blocks decide on them in the cycle the record leaves (the book's slot
// lookup -> its memory read address, the trigger's type test), and behind the block RAM's 0.9 ns
// read those paths were over the 322 MHz budget in the whole card.
(* ram_style = "distributed" *) reg [39:0] fifo_head [0:FIFO_DEPTH-1];
reg  [AW-1:0] fifo_tag [0:FIFO_DEPTH-1]; // the record's frame: its index in stamp_table
reg  [63:0]  stamp_table [0:FIFO_DEPTH-1];
// Frames that wrote records, counted: a frame's records carry its tag, and every tag in the FIFO
// has a record there, so FIFO_DEPTH tags cannot alias.
reg  [AW-1:0] frame_tag;
reg          frame_bad, pend_bbo;
reg  [63:0]  pend_bid, pend_ask;
// {ask, bid} per channel. In LUT RAM with its read register in flip-flops: from a block RAM's
// output the gate's touch distance (3 LUT levels and a 16-CARRY4 subtract behind the 0.9 ns RAM
// read) was over the 322 MHz budget in the whole card, 63 endpoints.
(* ram_style = "distributed" *) reg [127:0] bbo_table [0:127];

wire        a_bbo     = a_rec && d_type[RESCALE_STAGES-1] == TYPE_BBO;
wire        a_bad     = d_err[RESCALE_STAGES-1] || frame_bad || (a_rec && !a_ok);
wire [AW:0] wr_next   = wr_spec + {{AW{1'b0}}, a_rec};
// A frame that ends (not aborted) takes a stamp and a tag when it leaves a record: its error
// record if it is bad, else the records it wrote (wr_next != wr_commit). Together that is "bad,
// or wrote a record", where a record it writes now counts either way, so the test does not wait
// for the rescalers' out_ok (through a_bad it was 7 LUT levels to the stamp table in the whole
// card). spec - commit never reaches the wrap (at most FIFO_DEPTH), so spec != commit is exact.
wire        a_stamp   = a_end && !d_abort[RESCALE_STAGES-1] &&
                        (d_err[RESCALE_STAGES-1] || frame_bad || a_rec || wr_spec != wr_commit);
// the commit below writes the sequence state (read ahead by the walker's gap check)
assign seq_we      = a_end && !d_abort[RESCALE_STAGES-1] && !a_bad && d_seq[RESCALE_STAGES-1];
assign seq_byp     = seq_we && a_ch7 == ch7;
assign seq_we_next = d_next[RESCALE_STAGES-1];
assign seq_we_snap = d_snap[RESCALE_STAGES-1];

always @(posedge clk) begin
    decode_error <= 1'b0;
    gap          <= 1'b0;

    if (a_rec) begin
        frame_bad <= frame_bad || !a_ok;
        if (a_bbo) begin
            pend_bbo <= 1'b1;
            pend_bid <= m0_s;
            pend_ask <= m2_s;
        end
    end

    if (a_end && !d_abort[RESCALE_STAGES-1] && a_bad) begin
        fifo[wr_commit[AW-1:0]]      <= {64'd0, 256'd0, 64'd0};
        fifo_head[wr_commit[AW-1:0]] <= e_head;
        fifo_tag[wr_commit[AW-1:0]] <= frame_tag;
        wr_commit <= wr_commit + 1'b1;
        wr_spec   <= wr_commit + 1'b1;
        decode_error <= 1'b1;
    end else begin
        if (a_rec) begin
            fifo[wr_spec[AW-1:0]]      <= {d_event[RESCALE_STAGES-1], m3_s, m2_s, m1_s, m0_s, d_seqno[RESCALE_STAGES-1]};
            fifo_head[wr_spec[AW-1:0]] <= a_head;
            fifo_tag[wr_spec[AW-1:0]] <= frame_tag;
        end
        if (a_end && d_abort[RESCALE_STAGES-1]) begin
            wr_spec <= wr_commit;
        end else if (a_end) begin
            wr_spec   <= wr_next;
            wr_commit <= wr_next;
            gap       <= d_gap[RESCALE_STAGES-1];
            if (d_seq[RESCALE_STAGES-1]) begin
                seq_started[a_ch7]   <= 1'b1;
                seq_from_snap[a_ch7] <= d_snap[RESCALE_STAGES-1];
                seq_next[a_ch7]      <= d_next[RESCALE_STAGES-1];
            end
            if (a_bbo) begin
                bbo_table[a_ch7] <= {m2_s, m0_s};
            end else if (pend_bbo) begin
                bbo_table[a_ch7] <= {pend_ask, pend_bid};
            end
        end else begin
            wr_spec <= wr_next;
        end
    end
    if (a_end) begin
        frame_bad <= 1'b0;
        pend_bbo  <= 1'b0;
    end
    if (a_stamp) begin
        stamp_table[frame_tag] <= d_stamp[RESCALE_STAGES-1];
        frame_tag <= frame_tag + 1'b1;
    end

    {bbo_rd_ask, bbo_rd_bid} <= bbo_table[bbo_rd_channel];

    if (rst) begin
        wr_spec      <= {(AW+1){1'b0}};
        wr_commit    <= {(AW+1){1'b0}};
        frame_tag    <= {AW{1'b0}};
        frame_bad    <= 1'b0;
        pend_bbo     <= 1'b0;
        decode_error <= 1'b0;
        gap          <= 1'b0;
        seq_started  <= 128'd0;
    end
end

// ---- stage O: output register; the stamp is the record's frame's ----------------------------
wire committed = wr_commit != rd_ptr;
wire [39:0] out_head_f = fifo_head[rd_ptr[AW-1:0]];
// the record's header: {flags, channel[11:4], 12'd0, channel[3:0], channel, type}
wire [63:0] out_head   = {out_head_f[39:32], out_head_f[27:20], 12'd0, out_head_f[19:16], out_head_f[31:0]};

always @(posedge clk) begin
    md_record <= m_rec_valid && m_rec_ready;
    if (!m_rec_valid || m_rec_ready) begin
        m_rec_valid <= committed;
        if (committed) begin
            m_rec_data <= {stamp_table[fifo_tag[rd_ptr[AW-1:0]]], fifo[rd_ptr[AW-1:0]], out_head};
            rd_ptr     <= rd_ptr + 1'b1;
        end
    end

    if (rst) begin
        rd_ptr      <= {(AW+1){1'b0}};
        m_rec_valid <= 1'b0;
        md_record   <= 1'b0;
    end
end

endmodule

`resetall
