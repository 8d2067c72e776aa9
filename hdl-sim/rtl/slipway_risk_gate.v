// Inline risk gate (slipway_nic.h: order descriptor SLIPWAY_ORD_*, completion SLIPWAY_CMP_*,
// reasons SLIPWAY_REASON_*, exposure SLIPWAY_EXP_*). The reference is ReferenceCard's "Risk gate"
// javadoc: same checks, same order of checks, same reason, same completion record.
//
// Input: one whole 64-byte descriptor per cycle (s_desc_*), with the slot length in bytes and the
// number of message beats its slot left in the order stream's message FIFO (passed through to
// the verdict so the sender knows how many beats to send or drop).
//
// Pipeline (fixed latency, one descriptor per cycle, no bubbles):
//   cycle t   descriptor accepted; BBO table read issued (channel = venue << 4 | instrument);
//             CMP_CYCLES_IN = cycles in this cycle
//   t+1       field checks (malformed, kill, enables, max qty); touch price from the BBO;
//             16x16 partial products of price x quantity (a registered DSP each);
//             |price - touch|; duplicate bucket hash
//   t+2       32x32 products summed from the partials; collar partial products (16x14, 16x16);
//             duplicate bucket read issued; the instrument's exposure read (the commit in this
//             cycle, three ahead, bypassed)
//   t+3       notional summed; collar sums; position + open (the commit two ahead bypassed);
//             the bucket read merged with the two commits it missed; quantity sums with the
//             order just ahead
//   t+4       notional and collar compares, first static reason; position-limit compares,
//             duplicate-id compares and the order's own next exposure, each for both outcomes
//             of the commit in this cycle (the order just ahead)
//   t+5       commit: picks the position, duplicate and exposure outcomes by what the order
//             just ahead did, throttle from a registered per-venue flag; state update,
//             completion and verdict. CMP_CYCLES_OUT = cycles in this cycle.
// So CYCLES_OUT - CYCLES_IN = 5 (GATE_LATENCY); ReferenceCard.GATE_CYCLES is the same.
//
// State, and how back-to-back orders see each other exactly:
//  - position / open buy / open sell per instrument in registers, written at commit. An order
//    reads its instrument in stage 2 -> 3 and forms position + open in 3 -> 4, each with the
//    commit of that cycle bypassed; the commit one ahead of it is not known until its own
//    compares run, so stage 4 -> 5 compares its worst case for both: that order rejected or not
//    on this side and instrument (position + open + qty), sent (+ both quantities), or sent with
//    the open quantity saturating (position +- I64_MAX +- qty). The commit stage only selects.
//  - a token bucket per venue stepped every cycle (one token per THROTTLE_REFILL cycles, no
//    banking while full), equal to the reference's lazy bucket evaluated at the commit cycle;
//    "has a token" and "a token is due" are kept as registers next to the counts.
//  - the duplicate window: 1024 buckets x 4 ways of full 64-bit ids in block RAM, bucket =
//    XOR fold of the id to 10 bits, FIFO replacement per bucket. The bucket is read three cycles
//    before commit; the commits it missed are merged in stages 3 and 4 (the RAM write is
//    registered), and the id is compared in stage 4 against the bucket as it is and as it is
//    after the order just ahead inserts its id (which replaces the oldest way).
// Limits are sampled where their check runs: kill, enables and max quantity in stage 1, the
// collar in stage 2, max notional and max position in stage 4, throttle burst and
// refill when the bucket steps. A limit written while orders are in flight applies to each
// order from the stage that samples it. The reference card applies writes between orders, and
// the Java binding of this card (VerilatorCard) lets every order of a process() call reach its
// verdict before it returns, so a host write lands between orders on both.
// Exposure records are taken only when no order is in the pipeline and apply the cycle after,
// so every order accepted with or after a record sees it and none accepted before does. FILL and
// RELEASE move the state; RESTORE_POSITION and RESTORE_OPEN set it (a host starting the card with
// state it already holds); a bad instrument, side, kind or quantity changes nothing and strobes
// exposure_malformed.
//
// Back-pressure: completions and verdicts go into FIFOs; a descriptor is only accepted while
// both have room for it and for everything in flight, so a full completion ring stalls the
// input and never drops a verdict.
//
// After reset the duplicate RAM is swept clear (1024 cycles) before the first descriptor.
// Timing (hdl-sim/README.md, "Synthesis and timing"): the commit stage is one-bit selects and
// the state writes they enable; the 68-bit position sums, 64-bit id compares and exposure sums
// run a stage earlier, products are 16x16 DSP partials with registered outputs.
`resetall
`timescale 1ns / 1ps
`default_nettype none

module slipway_risk_gate #(
    parameter FIFO_DEPTH = 32  // completions and verdicts, power of two, > pipeline depth
) (
    input  wire         clk,
    input  wire         rst,
    input  wire [63:0]  cycles,

    /* verilator lint_off UNUSEDSIGNAL */  // reserved descriptor and exposure bytes
    input  wire [511:0] s_desc_data,     // descriptor bytes, byte 0 in bits [7:0]
    input  wire [15:0]  s_desc_length,   // slot length in bytes (saturated)
    input  wire [4:0]   s_desc_beats,    // message beats the slot put in the message FIFO
    input  wire         s_desc_marker,   // trigger fire marker: write TRIGGER_FIRED, judge nothing
    input  wire         s_desc_trigger,  // the order is a trigger slot's (its message is there)
    input  wire [1:0]   s_desc_slot,     // which trigger slot
    input  wire         s_desc_valid,
    output wire         s_desc_ready,

    input  wire [255:0] s_exp_data,      // one 32-byte exposure record
    /* verilator lint_on UNUSEDSIGNAL */
    input  wire         s_exp_valid,
    output wire         s_exp_ready,

    // limits from slipway_reg_risk
    input  wire         kill,
    input  wire [7:0]   venue_enable,
    input  wire [15:0]  instrument_enable,
    input  wire [31:0]  collar_bps,
    input  wire [63:0]  max_qty,
    input  wire [63:0]  max_notional,
    input  wire [31:0]  throttle_burst,
    input  wire [31:0]  throttle_refill,
    input  wire [63:0]  max_position,
    input  wire         throttle_burst_written,   // one cycle, with the new burst visible
    input  wire         throttle_refill_written,  // one cycle, with the new refill visible

    // BBO table read port (registered, one cycle)
    output wire [6:0]   bbo_rd_channel,
    input  wire [63:0]  bbo_rd_bid,
    input  wire [63:0]  bbo_rd_ask,

    output wire [511:0] m_cmp_data,      // one 64-byte completion record
    output wire         m_cmp_valid,
    input  wire         m_cmp_ready,

    output wire         m_vrd_pass,      // verdict for the order stream's sender
    output wire [2:0]   m_vrd_venue,
    output wire [7:0]   m_vrd_length,    // message bytes (pass only)
    output wire [4:0]   m_vrd_beats,     // message beats to send or drop
    output wire         m_vrd_trigger,   // message is in trigger slot m_vrd_slot
    output wire [1:0]   m_vrd_slot,
    output wire         m_vrd_valid,
    input  wire         m_vrd_ready,

    output reg  [11:0]  reason_inc,      // one-cycle strobe per verdict, bit = reason
    output reg          order_sent,
    output reg          exposure_malformed,
    output wire         idle,            // nothing in the pipeline
    output wire         ready            // tables cleared after reset
);

localparam [7:0]  SIDE_BUY = 8'd1, SIDE_SELL = 8'd2;
localparam [7:0]  ACT_NEW = 8'd1, ACT_CANCEL = 8'd2;
localparam [7:0]  KIND_FILL = 8'd1, KIND_RELEASE = 8'd2, KIND_RESTORE_POSITION = 8'd3, KIND_RESTORE_OPEN = 8'd4;
localparam [15:0] R_NONE = 16'd0, R_KILL = 16'd1, R_VENUE = 16'd2, R_INSTR = 16'd3, R_QTY = 16'd4,
                  R_NOTIONAL = 16'd5, R_COLLAR = 16'd6, R_NOREF = 16'd7, R_POSITION = 16'd8,
                  R_THROTTLE = 16'd9, R_DUPLICATE = 16'd10, R_MALFORMED = 16'd11;
localparam [15:0] CMP_SENT = 16'd1, CMP_REJECTED = 16'd2;
localparam        AW = $clog2(FIFO_DEPTH);
localparam [63:0] I64_MAX = 64'h7FFF_FFFF_FFFF_FFFF;
localparam [63:0] I64_MIN = 64'h8000_0000_0000_0000;
localparam        BW = 4 * 65 + 2;  // duplicate bucket: 4 x {valid, id}, then a 2-bit FIFO pointer

// ---- duplicate RAM sweep after reset -----------------------------------------------------
reg        init_done;
reg [10:0] init_addr;

// ---- pipeline valid bits and occupancy ---------------------------------------------------
reg v1, v2, v3, v4, v5;
reg [AW:0] cmp_count, vrd_count;
// Room for this descriptor and every one in flight in both FIFOs: each FIFO's count plus the
// descriptors in the pipeline that will enter it, kept as a register of its own so the input's
// ready is one compare with a constant (a sum of counts there set the accept path's depth).
reg [AW:0] cmp_claimed, vrd_claimed;
wire room = (cmp_claimed < FIFO_DEPTH) && (vrd_claimed < FIFO_DEPTH);
assign s_desc_ready = init_done && room;
assign ready        = init_done;
wire accept = s_desc_valid && s_desc_ready;
assign idle = !(v1 || v2 || v3 || v4 || v5);
assign s_exp_ready = init_done && idle;
wire exp_take = s_exp_valid && s_exp_ready;
// An exposure record is registered as it is taken and applied the cycle after (its read of the
// instrument's state and its sums are then register-to-register). Nothing reads that state before:
// records are taken only with the pipeline empty, and an order accepted with the record reads it
// in its stage 3.
reg        x_valid, x_bad, x_buy, x_fill;
reg        x_set_pos, x_set_open;  // RESTORE_POSITION, RESTORE_OPEN: set rather than move
reg [3:0]  x_instr;
reg [63:0] x_qty, x_delta;   // the quantity; +qty for a buy fill, -qty for a sell fill

// ---- stage 0 -> 1: descriptor fields -------------------------------------------------------
assign bbo_rd_channel = {s_desc_data[2:0], s_desc_data[35:32]};  // venue << 4 | instrument

reg [7:0]  p1_venue, p1_side, p1_type, p1_action;
reg [15:0] p1_instr, p1_msglen, p1_length;
reg [63:0] p1_id, p1_price, p1_qty, p1_tag, p1_cin;
reg [4:0]  p1_beats;
reg [3:0]  p1_tag_src;      // {marker, trigger, slot}

always @(posedge clk) begin
    v1 <= accept;
    if (accept) begin
        p1_venue  <= s_desc_data[7:0];
        p1_side   <= s_desc_data[15:8];
        p1_type   <= s_desc_data[23:16];
        p1_action <= s_desc_data[31:24];
        p1_instr  <= s_desc_data[47:32];
        p1_msglen <= s_desc_data[63:48];
        p1_id     <= s_desc_data[127:64];
        p1_price  <= s_desc_data[191:128];
        p1_qty    <= s_desc_data[255:192];
        p1_tag    <= s_desc_data[319:256];
        p1_cin    <= cycles;
        p1_length <= s_desc_length;
        p1_beats  <= s_desc_beats;
        p1_tag_src <= {s_desc_marker, s_desc_trigger, s_desc_slot};
    end
    if (rst) v1 <= 1'b0;
end

// Stage 4 registers first: stages 1 -> 2 and 2 -> 3 compare with the order there.
reg [7:0]   p4_venue, p4_side, p4_action;
reg [15:0]  p4_instr, p4_msglen, p4_reason;
reg [63:0]  p4_id, p4_price, p4_qty, p4_tag, p4_cin, p4_touch;
reg [4:0]   p4_beats;
reg [3:0]   p4_tag_src;
reg         p4_cancel, p4_buy;
reg [127:0] p4_lhs, p4_rhs;
reg [127:0] p4_notional;
reg [9:0]   p4_bucket;
reg [BW-1:0] p4_line;             // the bucket after every commit up to the one in this cycle
reg         p4_same_pos1;       // same instrument and side as the order just ahead
reg         p4_same_bucket1;    // same bucket as the order just ahead
reg         p4_same_id1;        // same id as the order just ahead
reg         p4_take_wd;         // the commit of the previous cycle wrote this bucket (its line is in dup_wd)
reg [63:0]  p4_pos;             // the instrument's position
reg [63:0]  p4_open;            // open quantity on the order's side, after the commit two ahead
reg [63:0]  p4_base;            // sat(position + open buy) for a buy, sat(position - open sell) for a sell
reg [64:0]  p4_qsum;            // this order's quantity plus the one just ahead's
// This order's quantity, the sum above and this order's quantity plus I64_MAX as the position sums add them: d for a buy, ~d for a sell (whose
// +1 is the sums' carry in), 68 bits, so stage 4's sums start with no select in front
reg [67:0]  p4_y_qty, p4_y_sum, p4_y_max;

// Commit-stage state (written in stage 5). Flat vectors rather than arrays: these are registers
// with a mux read, never RAM, and Yosys 0.23 asserts when it tries to fold the registered read
// into a memory port.
reg [1023:0] position_flat, open_buy_flat, open_sell_flat;   // 16 x 64 bits, instrument i at 64*i
// From the commit stage, declared here for the bypasses below.
wire        c_pass;        // the order in commit is sent
wire        c_bump;        // ... and is a NEW: it adds to its instrument's open quantity on its side
wire [63:0] c_open_next;   // its side's open quantity after the commit
wire [63:0] c_base_next;   // its side's position + open after the commit (saturated as the reference)
wire        c_open_ovf;    // its open quantity saturates

// ---- stage 1 -> 2: field checks, touch price, partial products ---------------------------
wire [16:0] p1_expected_len = 17'd64 + {1'b0, p1_msglen};
wire p1_is_new = (p1_action == ACT_NEW);
wire p1_malformed =
    (p1_length < 16'd64) || (p1_expected_len != {1'b0, p1_length}) ||
    (p1_side != SIDE_BUY && p1_side != SIDE_SELL) ||
    (p1_action != ACT_NEW && p1_action != ACT_CANCEL) ||
    (p1_type < 8'd1 || p1_type > 8'd3) ||
    (p1_venue >= 8'd8) || (p1_instr >= 16'd16) ||
    (p1_is_new && ($signed(p1_price) <= 64'sd0 || $signed(p1_qty) <= 64'sd0));
wire        p1_venue_on = venue_enable[p1_venue[2:0]];
wire        p1_instr_on = instrument_enable[p1_instr[3:0]];
wire [63:0] p1_touch    = (p1_side == SIDE_BUY) ? bbo_rd_ask : bbo_rd_bid;
// |price - touch| as a select among four subtracts in parallel (by side and sign), so no mux
// stands in front of a carry chain
wire [63:0] p1_pa = p1_price - bbo_rd_ask, p1_ap = bbo_rd_ask - p1_price;
wire [63:0] p1_pb = p1_price - bbo_rd_bid, p1_bp = bbo_rd_bid - p1_price;

reg [7:0]  p2_venue, p2_side, p2_action;
reg [15:0] p2_instr, p2_msglen;
reg [63:0] p2_id, p2_price, p2_qty, p2_tag, p2_cin, p2_touch, p2_dist;
reg [4:0]  p2_beats;
reg [3:0]  p2_tag_src;
reg [15:0] p2_reason;       // first failing field check, R_NONE if none yet
reg        p2_not_new;      // the action is not NEW (a cancel if well formed: p2_reason says)
reg [31:0] p2_m [0:15];     // price x qty, 16x16 partials: p2_m[4i + j] = price chunk i x qty chunk j
reg [9:0]  p2_bucket;       // duplicate-table bucket of the id
reg        p2_buy;
reg        p2_same_pos3;    // same instrument and side as the order three ahead (in stage 4)

integer k;

// a + b + c, carry-save first so the sum is one carry chain
function [127:0] add3(input [127:0] a, input [127:0] b, input [127:0] c);
    add3 = (a ^ b ^ c) + {((a[126:0] & b[126:0]) | (a[126:0] & c[126:0]) | (b[126:0] & c[126:0])), 1'b0};
endfunction

function [9:0] id_hash(input [63:0] id);
    id_hash = id[9:0] ^ id[19:10] ^ id[29:20] ^ id[39:30] ^ id[49:40] ^ id[59:50] ^ {6'd0, id[63:60]};
endfunction

always @(posedge clk) begin
    v2 <= v1;
    p2_venue  <= p1_venue;  p2_side <= p1_side;  p2_action <= p1_action;
    p2_instr  <= p1_instr;  p2_msglen <= p1_msglen;
    p2_id     <= p1_id;     p2_price <= p1_price; p2_qty <= p1_qty;
    p2_tag    <= p1_tag;    p2_cin <= p1_cin;     p2_beats <= p1_beats;
    p2_touch  <= p1_touch;
    p2_tag_src <= p1_tag_src;
    p2_dist   <= p1_side == SIDE_BUY ? (p1_pa[63] ? p1_ap : p1_pa) : (p1_pb[63] ? p1_bp : p1_pb);
    // the well-formed test is taken from p2_reason a stage later: the malformed OR ahead of this
    // register was 7 LUT levels into the shift register that carries it to stage 4
    p2_not_new <= !p1_is_new;
    if (p1_malformed)                              p2_reason <= R_MALFORMED;
    else if (!p1_is_new)                           p2_reason <= p1_venue_on ? R_NONE : R_VENUE;
    else if (kill)                                 p2_reason <= R_KILL;
    else if (!p1_venue_on)                         p2_reason <= R_VENUE;
    else if (!p1_instr_on)                         p2_reason <= R_INSTR;
    else if ($signed(p1_qty) > $signed(max_qty))   p2_reason <= R_QTY;
    else                                           p2_reason <= R_NONE;
    // one DSP48E2 each, output registered (a 32 x 32 product was several DSPs and adders deep)
    for (k = 0; k < 16; k = k + 1)
        p2_m[k] <= p1_price[16*(k/4) +: 16] * p1_qty[16*(k%4) +: 16];
    p2_bucket <= id_hash(p1_id);
    p2_buy    <= p1_side == SIDE_BUY;
    p2_same_pos3 <= p1_instr[3:0] == p4_instr[3:0] && (p1_side == SIDE_BUY) == p4_buy;
    if (rst) v2 <= 1'b0;
end

// ---- stage 2 -> 3: 32x32 products, collar partial products, duplicate bucket read ---------

reg [7:0]   p3_venue, p3_side, p3_action;
reg [15:0]  p3_instr, p3_msglen, p3_reason;
reg [63:0]  p3_id, p3_price, p3_qty, p3_tag, p3_cin, p3_touch;
reg [4:0]   p3_beats;
reg [3:0]   p3_tag_src;
reg         p3_cancel, p3_buy;
reg [9:0]   p3_bucket;
reg [63:0]  p3_pp00, p3_pp01, p3_pp10, p3_pp11;  // price x qty, 32x32 partials (price half, qty half)
reg [29:0]  p3_l [0:3];         // dist chunk i x 10000 (16 x 14 bits)
reg [31:0]  p3_r [0:7];         // touch chunk i x bps chunk j at p3_r[2i + j]
// Same instrument and side as the order two ahead (then in stage 4; it commits when this order
// reads its exposure in stage 3 -> 4).
reg         p3_same_pos2;
reg         p3_same_bucket2;   // same bucket as the order two ahead
reg  [63:0] p3_pos;            // the instrument's position
reg  [63:0] p3_open;           // open quantity on the order's side, after the commit three ahead

reg  [BW-1:0] dup_ram [0:1023];
reg  [BW-1:0] dup_rd;           // the bucket of the order in stage 3, as the RAM held it
reg           dup_we;
reg  [9:0]    dup_wa;
reg  [BW-1:0] dup_wd;           // the bucket line the last commit wrote (written a cycle later)
reg           p3_fwd;           // the RAM read missed the write on its own edge
reg  [BW-1:0] p3_fwd_data;

// lo x lo, lo x hi, hi x lo, hi x hi of one 32x32 product
function [63:0] pp32(input [31:0] ll, input [31:0] lh, input [31:0] hl, input [31:0] hh);
    /* verilator lint_off UNUSEDSIGNAL */  // a 32x32 product has 64 bits
    reg [127:0] t;
    /* verilator lint_on UNUSEDSIGNAL */
    begin
        t = add3({64'd0, hh, ll}, {80'd0, lh, 16'd0}, {80'd0, hl, 16'd0});
        pp32 = t[63:0];
    end
endfunction

always @(posedge clk) begin
    v3 <= v2;
    p3_venue <= p2_venue; p3_side <= p2_side; p3_action <= p2_action;
    p3_instr <= p2_instr; p3_msglen <= p2_msglen; p3_reason <= p2_reason;
    p3_id <= p2_id; p3_price <= p2_price; p3_qty <= p2_qty; p3_tag <= p2_tag; p3_cin <= p2_cin;
    p3_touch <= p2_touch; p3_beats <= p2_beats; p3_cancel <= p2_not_new && p2_reason != R_MALFORMED; p3_tag_src <= p2_tag_src;
    p3_buy <= p2_buy; p3_bucket <= p2_bucket;
    // 32x32 = {hi x hi, lo x lo} + (hi x lo + lo x hi) << 16 of 16-bit chunks
    p3_pp00 <= pp32(p2_m[0],  p2_m[1],  p2_m[4],  p2_m[5]);
    p3_pp01 <= pp32(p2_m[2],  p2_m[3],  p2_m[6],  p2_m[7]);
    p3_pp10 <= pp32(p2_m[8],  p2_m[9],  p2_m[12], p2_m[13]);
    p3_pp11 <= pp32(p2_m[10], p2_m[11], p2_m[14], p2_m[15]);
    for (k = 0; k < 4; k = k + 1)
        p3_l[k] <= p2_dist[16*k +: 16] * 14'd10000;
    for (k = 0; k < 8; k = k + 1)
        p3_r[k] <= p2_touch[16*(k/2) +: 16] * collar_bps[16*(k%2) +: 16];
    p3_same_pos2 <= p2_instr[3:0] == p4_instr[3:0] && p2_buy == p4_buy;
    p3_same_bucket2 <= p2_bucket == p4_bucket;
    // The instrument's exposure, read here with the commit of this cycle (three ahead) bypassed;
    // the sums follow in stage 3 -> 4. Positions change only through exposure records, which
    // apply with the pipeline empty.
    p3_pos  <= position_flat[{p2_instr[3:0], 6'd0} +: 64];
    p3_open <= (c_bump && p2_same_pos3) ? c_open_next :
               p2_buy ? open_buy_flat[{p2_instr[3:0], 6'd0} +: 64] : open_sell_flat[{p2_instr[3:0], 6'd0} +: 64];
    // The RAM write on this edge is not in what the read returns: keep it beside.
    p3_fwd      <= dup_we && dup_wa == p2_bucket;
    p3_fwd_data <= dup_wd;
    if (rst) v3 <= 1'b0;
end

always @(posedge clk) begin
    if (dup_we) dup_ram[dup_wa] <= dup_wd;
    dup_rd <= dup_ram[p2_bucket];
end

// ---- stage 3 -> 4: notional compare, collar sums, exposure read, bucket merge --------------

function [63:0] sat_add(input [63:0] a, input [63:0] b);
    reg [63:0] s;
    begin
        s = a + b;
        if (a[63] == b[63] && s[63] != a[63]) sat_add = a[63] ? I64_MIN : I64_MAX;
        else sat_add = s;
    end
endfunction

// a - b saturated, one carry chain (a + ~b + 1) rather than a negate and an add
function [63:0] sat_sub(input [63:0] a, input [63:0] b);
    reg [63:0] s;
    begin
        s = a - b;
        if (a[63] != b[63] && s[63] != a[63]) sat_sub = a[63] ? I64_MIN : I64_MAX;
        else sat_sub = s;
    end
endfunction


// The commit in this cycle is the order two ahead of this one.
wire        p3_bypass = c_bump && p3_same_pos2;

wire [127:0] p3_row1 = {32'd0, p3_r[7], p3_r[4], p3_r[0]};
wire [127:0] p3_row2 = {48'd0, p3_r[6], p3_r[2], 16'd0};
wire [127:0] p3_row3 = {48'd0, p3_r[5], p3_r[1], 16'd0};
wire [127:0] p3_rows_s = p3_row1 ^ p3_row2 ^ p3_row3;   // three rows carry-saved, then one add3
wire [127:0] p3_rows_c = {((p3_row1[126:0] & p3_row2[126:0]) | (p3_row1[126:0] & p3_row3[126:0]) |
                           (p3_row2[126:0] & p3_row3[126:0])), 1'b0};

wire [64:0] p3_qsum = {1'b0, p3_qty} + {1'b0, p4_qty};
wire [64:0] p3_qmax = {1'b0, p3_qty} + {1'b0, I64_MAX};

always @(posedge clk) begin
    v4 <= v3;
    p4_venue <= p3_venue; p4_side <= p3_side; p4_action <= p3_action;
    p4_instr <= p3_instr; p4_msglen <= p3_msglen;
    p4_id <= p3_id; p4_price <= p3_price; p4_qty <= p3_qty; p4_tag <= p3_tag; p4_cin <= p3_cin;
    p4_touch <= p3_touch; p4_beats <= p3_beats; p4_cancel <= p3_cancel; p4_tag_src <= p3_tag_src;
    p4_buy <= p3_buy; p4_bucket <= p3_bucket;
    p4_reason <= p3_reason;
    p4_notional <= add3({p3_pp11, p3_pp00}, {32'd0, p3_pp01, 32'd0}, {32'd0, p3_pp10, 32'd0});
    // dist x 10000: chunks 0 and 2, and 1 and 3, do not overlap
    p4_lhs <= {50'd0, p3_l[3], 2'd0, p3_l[1], 16'd0} + {66'd0, p3_l[2], 2'd0, p3_l[0]};
    // touch x bps: four rows of non-overlapping partials (weights 0/2/4, 1/3, 1/3, 2)
    p4_rhs <= add3(p3_rows_s, p3_rows_c, {64'd0, p3_r[3], 32'd0});
    // Newest first: the line the commit just ahead wrote (still in the write register), then the
    // one written on the read's own edge, then the RAM.
    p4_line <= (dup_we && dup_wa == p3_bucket) ? dup_wd : p3_fwd ? p3_fwd_data : dup_rd;
    p4_same_pos1    <= p3_instr[3:0] == p4_instr[3:0] && p3_buy == p4_buy;
    p4_same_bucket1 <= p3_bucket == p4_bucket;
    p4_same_id1     <= p3_id == p4_id;
    p4_take_wd      <= c_bump && p3_same_bucket2;
    p4_pos  <= p3_pos;
    p4_open <= p3_bypass ? c_open_next : p3_open;
    // position + open is always sat(position +- open): the reference's sat(sat(p + o) + q) is
    // sat(p + o + q) for o, q >= 0, and a saturated open quantity is I64_MAX in both
    p4_base <= p3_bypass ? c_base_next : p3_buy ? sat_add(p3_pos, p3_open) : sat_sub(p3_pos, p3_open);
    p4_qsum <= p3_qsum;
    p4_y_qty <= p3_buy ? {4'd0, p3_qty} : ~{4'd0, p3_qty};
    p4_y_sum <= p3_buy ? {3'd0, p3_qsum} : ~{3'd0, p3_qsum};
    p4_y_max <= p3_buy ? {3'd0, p3_qmax} : ~{3'd0, p3_qmax};
    if (rst) v4 <= 1'b0;
end

// ---- stage 4 -> 5: notional, collar, position and duplicate compares ----------------------
// Notional: both factors are positive here, so the product exceeds a limit when its upper 65 bits
// are not zero or its low 64 bits exceed the limit as signed values (a negative limit: always).
wire p4_notional_over = (p4_notional[127:63] != 65'd0) ||
                        ($signed(p4_notional[63:0]) > $signed(max_notional));
wire p4_collar_over   = p4_lhs > p4_rhs;
// Sign of a + b + c + cin, exact in 68 bits (the operands below are at most 66 bits wide). The
// three operands are reduced carry-save first, so the whole test is one carry chain.
function sum3_negative(input [67:0] a, input [67:0] b, input [67:0] c, input cin);
    reg [67:0] sv, cv;
    /* verilator lint_off UNUSEDSIGNAL */  // only the sign is wanted
    reg [67:0] t;
    /* verilator lint_on UNUSEDSIGNAL */
    begin
        sv = a ^ b ^ c;
        cv = {((a[66:0] & b[66:0]) | (a[66:0] & c[66:0]) | (b[66:0] & c[66:0])), cin};
        t  = sv + cv;
        sum3_negative = t[67];
    end
endfunction

// Position limit, exactly as ReferenceCard.breachesPosition: worst = sat(base + qty) for a buy,
// sat(base - qty) for a sell, breaches when worst > max or worst < -max (-max wrapping as in Java).
// With S the exact sum base +- d: worst > max  <=>  max != I64_MAX and S > max, and
// worst < -max  <=>  max != I64_MIN and S < -max (saturation lands on the same side of any other
// bound), so no saturated sum is formed:
//   S > max   <=>  base +- d + ~max >= 0        S < -max  <=>  base +- d + max < 0
// where -d = ~d + 1 (the +1 is the carry in); y is d or ~d, 68 bits (d is at most 65 bits: two
// quantities, or a quantity and I64_MAX).
wire p4_max_is_max = max_position == I64_MAX;
wire p4_max_is_min = max_position == I64_MIN;
function breaches(input [63:0] base, input [67:0] y, input buy, input [63:0] limit,
                  input limit_is_max, input limit_is_min);
    reg [67:0] x;
    begin
        x = {{4{base[63]}}, base};
        breaches = (!limit_is_max && !sum3_negative(x, y, {{4{~limit[63]}}, ~limit}, !buy)) ||
                   (!limit_is_min &&  sum3_negative(x, y, {{4{limit[63]}}, limit}, !buy));
    end
endfunction
// The three worst cases of this order (stage 4), by what the commit in this cycle (the order just
// ahead, same instrument and side) does: rejected or elsewhere; sent, adding its quantity to
// the same sum (its open quantity does not saturate: sat(sat(b + qa) + qb) = sat(b + qa + qb) for
// positive quantities); sent with its open quantity saturating to I64_MAX, which leaves
// position +- I64_MAX as the base.
wire p4_over_alone = breaches(p4_base, p4_y_qty, p4_buy, max_position, p4_max_is_max, p4_max_is_min);
wire p4_over_sum   = breaches(p4_base, p4_y_sum, p4_buy, max_position, p4_max_is_max, p4_max_is_min);
wire p4_over_sat   = breaches(p4_pos, p4_y_max, p4_buy, max_position, p4_max_is_max, p4_max_is_min);

// Duplicate: the bucket after the commit of the previous cycle (its line is in the write
// register now), compared way by way; then the two outcomes of the commit in this cycle: it
// inserts its id (same bucket: its id replaces the way at the bucket's FIFO pointer) or not.
function [3:0] way_hits(input [BW-3:0] line, input [63:0] id);  // the ways, not the pointer
    way_hits = {line[259] && line[258:195] == id, line[194] && line[193:130] == id,
                line[129] && line[128:65] == id,  line[64] && line[63:0] == id};
endfunction
wire [3:0]    p4_hits_wd   = way_hits(dup_wd[BW-3:0], p4_id);
wire [3:0]    p4_hits_line = way_hits(p4_line[BW-3:0], p4_id);
wire [3:0]    p4_hits      = p4_take_wd ? p4_hits_wd : p4_hits_line;
wire [1:0]    p4_ptr       = p4_take_wd ? dup_wd[BW-1:BW-2] : p4_line[BW-1:BW-2];
wire [3:0]    p4_ptr_way   = 4'd1 << p4_ptr;

// This order's open quantity and position + open after it is sent, alone or after the order
// just ahead's quantity (open < 2^63 and quantities < 2^63: the sums fit without wrapping).
/* verilator lint_off UNUSEDSIGNAL */  // bit 64 of the first is always clear
wire [64:0] p4_raw_alone = {1'b0, p4_open} + {1'b0, p4_qty};
/* verilator lint_on UNUSEDSIGNAL */
wire [65:0] p4_raw_sum   = {2'd0, p4_open} + {1'b0, p4_qsum};
// base + y + carry in, as one chain (the carry in rides on an extra low bit)
/* verilator lint_off UNUSEDSIGNAL */
wire [66:0] p4_base_sum_c = {{2{p4_base[63]}}, p4_base, 1'b1} + {p4_y_sum[65:0], !p4_buy};
/* verilator lint_on UNUSEDSIGNAL */
wire [65:0] p4_base_sum   = p4_base_sum_c[66:1];
function [63:0] sat66(input [65:0] v);   // a 66-bit signed value saturated to 64 bits
    sat66 = (v[65:63] == 3'b000 || v[65:63] == 3'b111) ? v[63:0] : v[65] ? I64_MIN : I64_MAX;
endfunction

reg [7:0]  p5_venue, p5_side;
reg [15:0] p5_instr, p5_reason;
/* verilator lint_off UNUSEDSIGNAL */  // a passing message is at most 192 bytes
reg [15:0] p5_msglen;
/* verilator lint_on UNUSEDSIGNAL */
reg [63:0] p5_id, p5_price, p5_qty, p5_tag, p5_cin, p5_ref;
reg [4:0]  p5_beats;
reg [3:0]  p5_tag_src;
reg [63:0] p5_touch;
reg        p5_cancel, p5_buy, p5_new;
reg        p5_ok;                // no static reason
reg [11:0] p5_static;            // the static reason, one-hot (bit 0: none)
reg [9:0]  p5_bucket;
reg [BW-1:0] p5_line;            // the bucket after the commit just ahead's predecessor
reg        p5_ins1;              // the order just ahead inserted its id into this bucket
reg        p5_dup_alone, p5_dup_ins;
reg        p5_bump1;             // the order just ahead added to this instrument and side
reg        p5_over_alone, p5_over_sum, p5_over_sat;
reg [63:0] p5_pos_max;           // sat(position +- I64_MAX): the base once the open quantity saturates
// This order's own bump, worked out for both outcomes of the order just ahead (it may add to the
// same open quantity), so the commit only selects: alone, or after the order ahead's quantity
// (its saturating case is p5_ovf_prev: then this order saturates too).
reg        p5_ovf_alone, p5_ovf_sum, p5_ovf_prev;
reg [63:0] p5_open_alone, p5_open_sum, p5_base_alone, p5_base_sum;

always @(posedge clk) begin
    v5 <= v4;
    p5_venue <= p4_venue; p5_side <= p4_side;
    p5_instr <= p4_instr; p5_msglen <= p4_msglen;
    p5_id <= p4_id; p5_price <= p4_price; p5_qty <= p4_qty; p5_tag <= p4_tag; p5_cin <= p4_cin;
    p5_beats <= p4_beats; p5_cancel <= p4_cancel; p5_bucket <= p4_bucket; p5_tag_src <= p4_tag_src;
    p5_buy <= p4_buy; p5_new <= p4_action == ACT_NEW;
    p5_touch <= $signed(p4_touch) > 0 ? p4_touch : 64'd0;
    p5_ref <= 64'd0;
    p5_reason <= p4_reason;
    if (p4_reason == R_NONE && !p4_cancel) begin
        if (p4_notional_over) begin
            p5_reason <= R_NOTIONAL;
        end else if ($signed(p4_touch) <= 64'sd0) begin
            p5_reason <= R_NOREF;
        end else begin
            p5_ref <= p4_touch;
            if (p4_collar_over) p5_reason <= R_COLLAR;
        end
    end
    p5_ok     <= p4_reason == R_NONE &&
                 (p4_cancel || (!p4_notional_over && $signed(p4_touch) > 64'sd0 && !p4_collar_over));
    p5_static <= 12'd0;
    if (p4_reason != R_NONE)               p5_static[p4_reason[3:0]] <= 1'b1;
    else if (p4_cancel)                    p5_static[0] <= 1'b1;
    else if (p4_notional_over)             p5_static[R_NOTIONAL[3:0]] <= 1'b1;
    else if ($signed(p4_touch) <= 64'sd0)  p5_static[R_NOREF[3:0]] <= 1'b1;
    else if (p4_collar_over)               p5_static[R_COLLAR[3:0]] <= 1'b1;
    else                                   p5_static[0] <= 1'b1;
    // duplicate
    p5_line      <= p4_take_wd ? dup_wd : p4_line;
    p5_ins1      <= c_pass && c_bump && p4_same_bucket1;
    p5_dup_alone <= |p4_hits;
    p5_dup_ins   <= p4_same_id1 || |(p4_hits & ~p4_ptr_way);
    // position: the exposure as the commit in this cycle leaves it, and the verdict both ways
    p5_bump1      <= c_bump && p4_same_pos1;
    p5_over_alone <= p4_over_alone;
    p5_over_sum   <= p4_over_sum;
    p5_over_sat   <= p4_over_sat;
    p5_pos_max    <= p4_buy ? sat_add(p4_pos, I64_MAX) : sat_sub(p4_pos, I64_MAX);
    p5_ovf_prev   <= c_open_ovf;
    p5_ovf_alone  <= p4_raw_alone[63];
    p5_open_alone <= p4_raw_alone[63:0];
    p5_base_alone <= p4_buy ? sat_add(p4_base, p4_qty) : sat_sub(p4_base, p4_qty);
    p5_ovf_sum    <= |p4_raw_sum[65:63];
    p5_open_sum   <= p4_raw_sum[63:0];
    p5_base_sum   <= sat66(p4_base_sum);
    if (rst) v5 <= 1'b0;
end

// ---- stage 5: commit --------------------------------------------------------------------
wire [7:0]  has_token;       // per venue: the bucket is not empty
wire [2:0]  c_venue  = p5_venue[2:0];
wire [3:0]  c_instr  = p5_instr[3:0];
wire        c_marker = p5_tag_src[3];
wire        c_order  = v5 && !c_marker;
wire        c_over   = p5_bump1 ? (p5_ovf_prev ? p5_over_sat : p5_over_sum) : p5_over_alone;
wire        c_dup    = p5_ins1 ? p5_dup_ins : p5_dup_alone;
wire        c_tok    = has_token[c_venue];
wire        c_judged = c_order && p5_ok;   // reached the dynamic checks
assign c_pass = c_judged && (p5_cancel ? c_tok : (!c_over && c_tok && !c_dup));
assign c_bump = c_pass && p5_new;
wire        c_r_position  = !p5_cancel && c_over;
wire        c_r_throttle  = p5_cancel ? !c_tok : (!c_over && !c_tok);
wire        c_r_duplicate = !p5_cancel && !c_over && c_tok && c_dup;

reg [15:0] c_reason;
always @(*) begin
    c_reason = p5_reason;
    if (p5_ok) begin
        if (c_r_position)       c_reason = R_POSITION;
        else if (c_r_throttle)  c_reason = R_THROTTLE;
        else if (c_r_duplicate) c_reason = R_DUPLICATE;
        else                    c_reason = R_NONE;
    end
end

// The open quantity and position + open after the commit, selected from stage 4's sums by what
// the order just ahead did. With open + qty not saturated, sat(position + (open + qty)) =
// sat(sat(position + open) + qty) (open >= 0 and qty > 0: the inner sum saturates only when the
// outer one would); when it saturates, open becomes I64_MAX. Likewise for sells, downwards.
assign c_open_ovf  = p5_bump1 ? (p5_ovf_prev || p5_ovf_sum) : p5_ovf_alone;
assign c_open_next = c_open_ovf ? I64_MAX : p5_bump1 ? p5_open_sum : p5_open_alone;
assign c_base_next = c_open_ovf ? p5_pos_max : p5_bump1 ? p5_base_sum : p5_base_alone;
// The bucket line this commit writes: the commit just ahead's if it wrote this bucket.
wire [BW-1:0] c_line = p5_ins1 ? dup_wd : p5_line;

// exposure record fields, as taken
wire [15:0] e_instr = s_exp_data[15:0];
wire [7:0]  e_side  = s_exp_data[23:16];
wire [7:0]  e_kind  = s_exp_data[31:24];
wire [63:0] e_qty   = s_exp_data[191:128];
wire        e_bad   = e_instr >= 16'd16 || (e_side != SIDE_BUY && e_side != SIDE_SELL) ||
                      (e_kind != KIND_FILL && e_kind != KIND_RELEASE && e_kind != KIND_RESTORE_POSITION &&
                       e_kind != KIND_RESTORE_OPEN) || e_qty[63];
// ... and applied the cycle after
wire        x_apply = x_valid && !x_bad;
wire [63:0] x_pos   = sat_add(position_flat[{x_instr, 6'd0} +: 64], x_delta);

always @(posedge clk) begin
    x_valid <= exp_take;
    if (exp_take) begin
        x_bad   <= e_bad;
        x_buy   <= e_side == SIDE_BUY;
        x_fill  <= e_kind == KIND_FILL;
        x_set_pos  <= e_kind == KIND_RESTORE_POSITION;
        x_set_open <= e_kind == KIND_RESTORE_OPEN;
        x_instr <= e_instr[3:0];
        x_qty   <= e_qty;
        x_delta <= e_side == SIDE_BUY ? e_qty : 64'd0 - e_qty;
    end
    exposure_malformed <= x_valid && x_bad;
    if (rst) begin
        x_valid <= 1'b0;
        exposure_malformed <= 1'b0;
    end
end

// Per instrument, written by a commit (a sent NEW adds to its side's open quantity) or by an
// exposure record; the two never fall in one cycle (records apply only with the pipeline empty).
genvar gi;
generate
    for (gi = 0; gi < 16; gi = gi + 1) begin : gen_instrument
        wire x_here = x_apply && x_instr == gi;
        wire c_here = c_bump && c_instr == gi;
        // open - qty floored at zero, per instrument and side: a subtract each rather than a
        // 16:1 read in front of one (both are not negative; bit 64 is the borrow); a restore
        // of the open quantity takes the record's quantity as it is
        wire [64:0] ob_left = {1'b0, open_buy_flat[gi*64 +: 64]} - {1'b0, x_qty};
        wire [64:0] os_left = {1'b0, open_sell_flat[gi*64 +: 64]} - {1'b0, x_qty};
        wire [63:0] ob_x    = x_set_open ? x_qty : ob_left[64] ? 64'd0 : ob_left[63:0];
        wire [63:0] os_x    = x_set_open ? x_qty : os_left[64] ? 64'd0 : os_left[63:0];
        always @(posedge clk) begin
            // a restore of the position leaves both open quantities; every other kind writes its side's
            if (x_here ? x_buy && !x_set_pos : c_here && p5_buy)
                open_buy_flat[gi*64 +: 64] <= x_here ? ob_x : c_open_next;
            if (x_here ? !x_buy && !x_set_pos : c_here && !p5_buy)
                open_sell_flat[gi*64 +: 64] <= x_here ? os_x : c_open_next;
            // a restore of the position sets it to the signed quantity
            if (x_here && (x_fill || x_set_pos))
                position_flat[gi*64 +: 64] <= x_set_pos ? x_delta : x_pos;
            if (rst) begin
                open_buy_flat[gi*64 +: 64]  <= 64'd0;
                open_sell_flat[gi*64 +: 64] <= 64'd0;
                position_flat[gi*64 +: 64]  <= 64'd0;
            end
        end
    end
endgenerate

always @(posedge clk) begin
    order_sent         <= c_pass;
    dup_we             <= c_bump;
    dup_wa             <= p5_bucket;
    // remember the id: replace the way the bucket's FIFO pointer names
    dup_wd             <= c_line;
    case (c_line[BW-1:BW-2])
        2'd0: dup_wd[64:0]    <= {1'b1, p5_id};
        2'd1: dup_wd[129:65]  <= {1'b1, p5_id};
        2'd2: dup_wd[194:130] <= {1'b1, p5_id};
        default: dup_wd[259:195] <= {1'b1, p5_id};
    endcase
    dup_wd[BW-1:BW-2] <= c_line[BW-1:BW-2] + 2'd1;

    // one strobe per verdict, by reason: the static one, or the commit's own
    reason_inc <= {12{c_order && !p5_ok}} & p5_static;
    if (c_judged) begin
        reason_inc[R_NONE[3:0]]      <= c_pass;
        reason_inc[R_POSITION[3:0]]  <= c_r_position;
        reason_inc[R_THROTTLE[3:0]]  <= c_r_throttle;
        reason_inc[R_DUPLICATE[3:0]] <= c_r_duplicate;
    end

    if (!init_done) begin
        dup_we <= 1'b1;
        dup_wa <= init_addr[9:0];
        dup_wd <= {BW{1'b0}};
        init_addr <= init_addr + 11'd1;
        if (init_addr == 11'd1023) init_done <= 1'b1;
    end

    if (rst) begin
        init_done <= 1'b0;
        init_addr <= 11'd0;
        dup_we    <= 1'b0;
        order_sent <= 1'b0;
        reason_inc <= 12'd0;
    end
end

// Token bucket per venue, stepped every cycle: take (a sent order), then one cycle of refill;
// a full bucket keeps its timer at zero (no banking). ReferenceCard.hasToken evaluated at the
// commit cycle gives the same count. Both outcomes (a take or none) are worked out from the
// registered state, each from compares of registers only, and the commit's verdict picks one.
// Invariants used (they hold from reset, after every write strobe and after the C driver's idle
// fast-forward): tokens <= burst; since < refill while refill != 0.
genvar gv;
generate
    for (gv = 0; gv < 8; gv = gv + 1) begin : gen_bucket
        // public: the simulation driver fast-forwards an idle card by stepping these in closed
        // form, and sets has = tokens != 0 and due = refill != 0 && since + 1 >= refill with them
        reg  [31:0] tokens /* verilator public_flat_rw */;
        reg  [31:0] since /* verilator public_flat_rw */;    // cycles since the last earned token or timer restart
        reg         has /* verilator public_flat_rw */;      // tokens != 0
        reg         due /* verilator public_flat_rw */;      // a token is earned this cycle
        wire        take    = c_pass && c_venue == gv;
        wire        t_lt    = tokens < throttle_burst;
        wire        t_gt    = tokens > throttle_burst;
        wire        burst0  = throttle_burst == 32'd0;
        // no take: earn (tokens < burst) -> tokens + 1; else clamp to burst
        wire        up0     = due && t_lt;
        wire [31:0] t_next0 = up0 ? tokens + 32'd1 : t_gt ? throttle_burst : tokens;
        wire        h_next0 = up0 || (t_gt ? !burst0 : tokens != 32'd0);
        // take (tokens >= 1): the earned token replaces it, or one fewer; clamp to burst (above
        // the burst, tokens - 1 clamps to it as well: tokens - 1 >= burst)
        wire        keep1   = due && !t_gt;
        wire [31:0] t_next1 = keep1 ? tokens : t_gt ? throttle_burst : tokens - 32'd1;
        wire        h_next1 = keep1 ? tokens != 32'd0 : t_gt ? !burst0 : tokens != 32'd1;
        // the refill timer restarts on a token earned or a full bucket (no banking)
        wire        off     = throttle_refill == 32'd0;
        wire        rst0    = due || !t_lt;
        wire        rst1    = due || t_gt;
        wire [31:0] s_inc   = since + 32'd1;
        wire        due_one = throttle_refill == 32'd1;                           // since 0 -> due
        wire        due_inc = {1'b0, since} + 33'd2 >= {1'b0, throttle_refill};   // since + 1 -> due
        assign has_token[gv] = has;

        always @(posedge clk) begin
            tokens <= take ? t_next1 : t_next0;
            has    <= take ? h_next1 : h_next0;
            since  <= off ? since : (take ? rst1 : rst0) ? 32'd0 : s_inc;
            due    <= !off && ((take ? rst1 : rst0) ? due_one : due_inc);
            if (throttle_burst_written) begin
                tokens <= throttle_burst;
                has    <= !burst0;
                since  <= 32'd0;
                due    <= due_one;
            end else if (throttle_refill_written) begin
                since  <= 32'd0;
                due    <= due_one;
            end
            if (rst) begin
                tokens <= 32'd0;
                has    <= 1'b0;
                since  <= 32'd0;
                due    <= 1'b0;
            end
        end
    end
endgenerate

// ---- completion and verdict FIFOs --------------------------------------------------------
localparam [15:0] CMP_FIRED = 16'd3;
wire [15:0] c_type = c_marker ? CMP_FIRED : c_reason == R_NONE ? CMP_SENT : CMP_REJECTED;
wire [511:0] c_record = {
    cycles,                       // 0x38 CYCLES_OUT
    p5_cin,                       // 0x30 CYCLES_IN
    c_marker ? p5_touch : p5_ref, // 0x28 REFERENCE_PRICE
    p5_qty,                       // 0x20
    p5_price,                     // 0x18
    p5_tag,                       // 0x10
    p5_id,                        // 0x08
    p5_instr, p5_side, p5_venue,  // 0x06, 0x05, 0x04
    c_marker ? R_NONE : c_reason, // 0x02
    c_type                        // 0x00
};

reg [511:0] cmp_mem [0:FIFO_DEPTH-1];
reg [AW-1:0] cmp_wr, cmp_rd;
reg [19:0]  vrd_mem [0:FIFO_DEPTH-1];   // {pass, venue, length, beats, trigger, slot}
reg [AW-1:0] vrd_wr, vrd_rd;

assign m_cmp_valid = cmp_count != 0;
assign m_cmp_data  = cmp_mem[cmp_rd];
assign m_vrd_valid = vrd_count != 0;
assign {m_vrd_pass, m_vrd_venue, m_vrd_length, m_vrd_beats, m_vrd_trigger, m_vrd_slot} = vrd_mem[vrd_rd];
wire cmp_pop = m_cmp_valid && m_cmp_ready;
wire vrd_pop = m_vrd_valid && m_vrd_ready;

always @(posedge clk) begin
    if (v5) begin
        cmp_mem[cmp_wr] <= c_record;
        cmp_wr <= cmp_wr + 1'b1;
    end
    if (c_order) begin
        vrd_mem[vrd_wr] <= {c_pass, c_venue, p5_msglen[7:0], p5_beats, p5_tag_src[2:0]};
        vrd_wr <= vrd_wr + 1'b1;
    end
    if (cmp_pop) cmp_rd <= cmp_rd + 1'b1;
    if (vrd_pop) vrd_rd <= vrd_rd + 1'b1;
    cmp_count <= cmp_count + {{AW{1'b0}}, v5} - {{AW{1'b0}}, cmp_pop};
    vrd_count <= vrd_count + {{AW{1'b0}}, c_order} - {{AW{1'b0}}, vrd_pop};
    // claimed = count + descriptors in flight that will enter the FIFO (a marker has no verdict)
    cmp_claimed <= cmp_claimed + {{AW{1'b0}}, accept} - {{AW{1'b0}}, cmp_pop};
    vrd_claimed <= vrd_claimed + {{AW{1'b0}}, accept} - {{AW{1'b0}}, vrd_pop} - {{AW{1'b0}}, v5 && c_marker};
    if (rst) begin
        cmp_wr <= 0; cmp_rd <= 0; cmp_count <= 0; cmp_claimed <= 0;
        vrd_wr <= 0; vrd_rd <= 0; vrd_count <= 0; vrd_claimed <= 0;
    end
end

endmodule

`resetall
