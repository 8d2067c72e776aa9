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
//             32x32 partial products of price x quantity; |price - touch|
//   t+2       notional partial products summed; collar partial products (32x32, 32x14)
//   t+3       notional compare; collar partial products summed; duplicate bucket read issued
//   t+4       collar compare; first static reason
//   t+5       commit: position, throttle and duplicate checks against the live state, state
//             update, completion and verdict written. CMP_CYCLES_OUT = cycles in this cycle.
// So CYCLES_OUT - CYCLES_IN = 5 (GATE_LATENCY); ReferenceCard.GATE_CYCLES is the same.
//
// State lives in the commit stage only, so back-to-back orders see each other exactly:
//  - position / open buy / open sell per instrument in registers;
//  - a token bucket per venue advanced every cycle (one token per THROTTLE_REFILL cycles, no
//    banking while full), equal to the reference's lazy bucket evaluated at the commit cycle;
//  - the duplicate window: 1024 buckets x 4 ways of full 64-bit ids in block RAM, bucket =
//    XOR fold of the id to 10 bits, FIFO replacement per bucket. The bucket is read one cycle
//    before commit; the RAM write is registered, so the two commits just ahead of an order can
//    be missing from what it read, and both are forwarded.
// Exposure records apply in the commit stage, and only when no order is in the pipeline, so
// every order accepted after a record sees it and none accepted before does.
//
// Back-pressure: completions and verdicts go into FIFOs; a descriptor is only accepted while
// both have room for it and for everything in flight, so a full completion ring stalls the
// input and never drops a verdict.
//
// After reset the duplicate RAM is swept clear (1024 cycles) before the first descriptor.
// Timing (hdl-sim/README.md, "Synthesis and timing"): the commit stage keeps only what one
// order must see of the one just ahead. The instrument's open exposure and position-plus-open
// sums are read in stage 4 -> 5 with a bypass for the commit in that cycle; the position limit
// is one carry-save sum per bound; each venue's token bucket is stepped for both outcomes in
// parallel and the verdict picks one. What is left over the 322 MHz budget is the limit sum ->
// reason -> pass -> bypass / bucket select loop itself.
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
localparam [7:0]  KIND_FILL = 8'd1, KIND_RELEASE = 8'd2;
localparam [15:0] R_NONE = 16'd0, R_KILL = 16'd1, R_VENUE = 16'd2, R_INSTR = 16'd3, R_QTY = 16'd4,
                  R_NOTIONAL = 16'd5, R_COLLAR = 16'd6, R_NOREF = 16'd7, R_POSITION = 16'd8,
                  R_THROTTLE = 16'd9, R_DUPLICATE = 16'd10, R_MALFORMED = 16'd11;
localparam [15:0] CMP_SENT = 16'd1, CMP_REJECTED = 16'd2;
localparam        AW = $clog2(FIFO_DEPTH);
localparam [63:0] I64_MAX = 64'h7FFF_FFFF_FFFF_FFFF;
localparam [63:0] I64_MIN = 64'h8000_0000_0000_0000;

// ---- duplicate RAM sweep after reset -----------------------------------------------------
reg        init_done;
reg [10:0] init_addr;

// ---- pipeline valid bits and occupancy ---------------------------------------------------
reg v1, v2, v3, v4, v5;
wire [2:0] in_flight = {2'd0, v1} + {2'd0, v2} + {2'd0, v3} + {2'd0, v4} + {2'd0, v5};
reg [AW:0] cmp_count, vrd_count;
// Room for this descriptor and every one in flight in both FIFOs.
wire [AW+1:0] cmp_need = {1'b0, cmp_count} + {{(AW-2){1'b0}}, in_flight} + 1'b1;
wire [AW+1:0] vrd_need = {1'b0, vrd_count} + {{(AW-2){1'b0}}, in_flight} + 1'b1;
wire room = (cmp_need <= FIFO_DEPTH) && (vrd_need <= FIFO_DEPTH);
assign s_desc_ready = init_done && room;
assign ready        = init_done;
wire accept = s_desc_valid && s_desc_ready;
assign idle = !(v1 || v2 || v3 || v4 || v5);
assign s_exp_ready = init_done && idle;
wire exp_take = s_exp_valid && s_exp_ready;

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
wire [63:0] p1_dist_raw = p1_price - p1_touch;

reg [7:0]  p2_venue, p2_side, p2_action;
reg [15:0] p2_instr, p2_msglen;
reg [63:0] p2_id, p2_price, p2_qty, p2_tag, p2_cin, p2_touch, p2_dist;
reg [4:0]  p2_beats;
reg [3:0]  p2_tag_src;
reg [15:0] p2_reason;       // first failing field check, R_NONE if none yet
reg        p2_cancel;       // well-formed cancel: venue and throttle only
reg [63:0] p2_pp00, p2_pp01, p2_pp10, p2_pp11;  // price x qty, 32x32 partials

always @(posedge clk) begin
    v2 <= v1;
    p2_venue  <= p1_venue;  p2_side <= p1_side;  p2_action <= p1_action;
    p2_instr  <= p1_instr;  p2_msglen <= p1_msglen;
    p2_id     <= p1_id;     p2_price <= p1_price; p2_qty <= p1_qty;
    p2_tag    <= p1_tag;    p2_cin <= p1_cin;     p2_beats <= p1_beats;
    p2_touch  <= p1_touch;
    p2_tag_src <= p1_tag_src;
    p2_dist   <= $signed(p1_dist_raw) < 0 ? (64'd0 - p1_dist_raw) : p1_dist_raw;
    p2_cancel <= !p1_malformed && !p1_is_new;
    if (p1_malformed)                              p2_reason <= R_MALFORMED;
    else if (!p1_is_new)                           p2_reason <= p1_venue_on ? R_NONE : R_VENUE;
    else if (kill)                                 p2_reason <= R_KILL;
    else if (!p1_venue_on)                         p2_reason <= R_VENUE;
    else if (!p1_instr_on)                         p2_reason <= R_INSTR;
    else if ($signed(p1_qty) > $signed(max_qty))   p2_reason <= R_QTY;
    else                                           p2_reason <= R_NONE;
    p2_pp00 <= p1_price[31:0]  * p1_qty[31:0];
    p2_pp01 <= p1_price[31:0]  * p1_qty[63:32];
    p2_pp10 <= p1_price[63:32] * p1_qty[31:0];
    p2_pp11 <= p1_price[63:32] * p1_qty[63:32];
    if (rst) v2 <= 1'b0;
end

// ---- stage 2 -> 3: notional sum, collar partial products ---------------------------------
reg [7:0]   p3_venue, p3_side, p3_action;
reg [15:0]  p3_instr, p3_msglen, p3_reason;
reg [63:0]  p3_id, p3_price, p3_qty, p3_tag, p3_cin, p3_touch;
reg [4:0]   p3_beats;
reg [3:0]   p3_tag_src;
reg         p3_cancel;
reg [127:0] p3_notional;
reg [63:0]  p3_lhs0, p3_lhs1;   // dist x 10000: low and high 32-bit halves of dist
reg [63:0]  p3_rhs0, p3_rhs1;   // touch x bps

always @(posedge clk) begin
    v3 <= v2;
    p3_venue <= p2_venue; p3_side <= p2_side; p3_action <= p2_action;
    p3_instr <= p2_instr; p3_msglen <= p2_msglen; p3_reason <= p2_reason;
    p3_id <= p2_id; p3_price <= p2_price; p3_qty <= p2_qty; p3_tag <= p2_tag; p3_cin <= p2_cin;
    p3_touch <= p2_touch; p3_beats <= p2_beats; p3_cancel <= p2_cancel; p3_tag_src <= p2_tag_src;
    p3_notional <= {64'd0, p2_pp00} + {32'd0, p2_pp01, 32'd0} + {32'd0, p2_pp10, 32'd0} +
                   {p2_pp11, 64'd0};
    p3_lhs0 <= p2_dist[31:0]  * 64'd10000;
    p3_lhs1 <= p2_dist[63:32] * 64'd10000;
    p3_rhs0 <= p2_touch[31:0]  * collar_bps;
    p3_rhs1 <= p2_touch[63:32] * collar_bps;
    if (rst) v3 <= 1'b0;
end

// ---- stage 3 -> 4: notional compare, collar sums, duplicate bucket read ------------------
function [9:0] id_hash(input [63:0] id);
    id_hash = id[9:0] ^ id[19:10] ^ id[29:20] ^ id[39:30] ^ id[49:40] ^ id[59:50] ^ {6'd0, id[63:60]};
endfunction

// Notional: both factors are positive here, so the product exceeds a limit when its upper 65 bits
// are not zero or its low 64 bits exceed the limit as signed values (a negative limit: always).
wire p3_notional_over = (p3_notional[127:63] != 65'd0) ||
                        ($signed(p3_notional[63:0]) > $signed(max_notional));

reg [7:0]   p4_venue, p4_side, p4_action;
reg [15:0]  p4_instr, p4_msglen, p4_reason;
reg [63:0]  p4_id, p4_price, p4_qty, p4_tag, p4_cin, p4_touch;
reg [4:0]   p4_beats;
reg [3:0]   p4_tag_src;
reg         p4_cancel;
reg [127:0] p4_lhs, p4_rhs;
reg [9:0]   p4_bucket;

always @(posedge clk) begin
    v4 <= v3;
    p4_venue <= p3_venue; p4_side <= p3_side; p4_action <= p3_action;
    p4_instr <= p3_instr; p4_msglen <= p3_msglen;
    p4_id <= p3_id; p4_price <= p3_price; p4_qty <= p3_qty; p4_tag <= p3_tag; p4_cin <= p3_cin;
    p4_touch <= p3_touch; p4_beats <= p3_beats; p4_cancel <= p3_cancel; p4_tag_src <= p3_tag_src;
    p4_reason <= (p3_reason == R_NONE && !p3_cancel && p3_notional_over) ? R_NOTIONAL : p3_reason;
    p4_lhs <= {64'd0, p3_lhs0} + {32'd0, p3_lhs1, 32'd0};
    p4_rhs <= {64'd0, p3_rhs0} + {32'd0, p3_rhs1, 32'd0};
    p4_bucket <= id_hash(p3_id);
    if (rst) v4 <= 1'b0;
end

// ---- stage 4 -> 5: touch and collar; duplicate bucket read -------------------------------
// Duplicate bucket: 4 x {valid, id}, then a 2-bit FIFO pointer.
localparam BW = 4 * 65 + 2;
reg  [BW-1:0] dup_ram [0:1023];
reg  [BW-1:0] dup_rd;
reg           dup_we;
reg  [9:0]    dup_wa;
reg  [BW-1:0] dup_wd;

// Commit-stage state (written in stage 5, read for the next order in stage 4 -> 5).
// Flat vectors rather than arrays: these are registers with a mux read, never RAM, and Yosys
// 0.23 asserts when it tries to fold the registered read into a memory port.
reg [1023:0] position_flat, open_buy_flat, open_sell_flat;   // 16 x 64 bits, instrument i at 64*i
wire [3:0]  c_instr;
wire        c_bump_buy, c_bump_sell;    // the commit adds to the instrument's open buy / sell
wire [63:0] c_ob_next, c_os_next;
wire [63:0] c_bb_next, c_bs_next;       // the sums above after the commit's bump

function [63:0] sat_add(input [63:0] a, input [63:0] b);
    reg [63:0] s;
    begin
        s = a + b;
        if (a[63] == b[63] && s[63] != a[63]) sat_add = a[63] ? I64_MIN : I64_MAX;
        else sat_add = s;
    end
endfunction

// Sign of a + b + c + cin, exact (66 bits: three 64-bit signed values cannot overflow it). The
// three operands are reduced carry-save first, so the whole test is one carry chain.
function sum3_negative(input [63:0] a, input [63:0] b, input [63:0] c, input cin);
    reg [65:0] x, y, z, sv, cv;
    /* verilator lint_off UNUSEDSIGNAL */  // only the sign is wanted
    reg [65:0] t;
    /* verilator lint_on UNUSEDSIGNAL */
    begin
        x  = {{2{a[63]}}, a};
        y  = {{2{b[63]}}, b};
        z  = {{2{c[63]}}, c};
        sv = x ^ y ^ z;
        cv = {((x[64:0] & y[64:0]) | (x[64:0] & z[64:0]) | (y[64:0] & z[64:0])), cin};
        t  = sv + cv;
        sum3_negative = t[65];
    end
endfunction

reg [7:0]  p5_venue, p5_side, p5_action;
reg [15:0] p5_instr, p5_reason;
/* verilator lint_off UNUSEDSIGNAL */  // a passing message is at most 192 bytes
reg [15:0] p5_msglen;
/* verilator lint_on UNUSEDSIGNAL */
reg [63:0] p5_id, p5_price, p5_qty, p5_tag, p5_cin, p5_ref;
reg [4:0]  p5_beats;
reg [3:0]  p5_tag_src;
reg [63:0] p5_touch;
reg        p5_cancel;
reg [9:0]  p5_bucket;
reg        p5_fwd;               // the bucket read missed the commit just before it
reg [63:0] p5_pos, p5_ob, p5_os; // the instrument's state as this order's commit will see it
reg [63:0] p5_bb, p5_bs;         // sat_add(position, open buy) and sat_add(position, -open sell)
reg [BW-1:0] p5_fwd_data;

always @(posedge clk) begin
    v5 <= v4;
    p5_venue <= p4_venue; p5_side <= p4_side; p5_action <= p4_action;
    p5_instr <= p4_instr; p5_msglen <= p4_msglen;
    p5_id <= p4_id; p5_price <= p4_price; p5_qty <= p4_qty; p5_tag <= p4_tag; p5_cin <= p4_cin;
    p5_beats <= p4_beats; p5_cancel <= p4_cancel; p5_bucket <= p4_bucket; p5_tag_src <= p4_tag_src;
    p5_touch <= $signed(p4_touch) > 0 ? p4_touch : 64'd0;
    p5_ref <= 64'd0;
    p5_reason <= p4_reason;
    if (p4_reason == R_NONE && !p4_cancel) begin
        if ($signed(p4_touch) <= 64'sd0) begin
            p5_reason <= R_NOREF;
        end else begin
            p5_ref <= p4_touch;
            if (p4_lhs > p4_rhs) p5_reason <= R_COLLAR;
        end
    end
    // The RAM read below and a commit write in this cycle are on the same edge: forward it.
    p5_fwd      <= dup_we && dup_wa == p4_bucket;
    p5_fwd_data <= dup_wd;
    // The instrument mux is read here, a cycle before commit; the commit in this cycle (the order
    // just ahead) may change the same instrument's open exposure, so its new value is bypassed.
    // Positions change only through exposure records, which apply while nothing is in flight.
    p5_pos <= position_flat[{p4_instr[3:0], 6'd0} +: 64];
    p5_ob  <= (c_bump_buy  && c_instr == p4_instr[3:0]) ? c_ob_next : open_buy_flat[{p4_instr[3:0], 6'd0} +: 64];
    p5_os  <= (c_bump_sell && c_instr == p4_instr[3:0]) ? c_os_next : open_sell_flat[{p4_instr[3:0], 6'd0} +: 64];
    p5_bb  <= (c_bump_buy  && c_instr == p4_instr[3:0]) ? c_bb_next :
              sat_add(position_flat[{p4_instr[3:0], 6'd0} +: 64], open_buy_flat[{p4_instr[3:0], 6'd0} +: 64]);
    p5_bs  <= (c_bump_sell && c_instr == p4_instr[3:0]) ? c_bs_next :
              sat_add(position_flat[{p4_instr[3:0], 6'd0} +: 64], 64'd0 - open_sell_flat[{p4_instr[3:0], 6'd0} +: 64]);
    if (rst) v5 <= 1'b0;
end

always @(posedge clk) begin
    if (dup_we) dup_ram[dup_wa] <= dup_wd;
    dup_rd <= dup_ram[p4_bucket];
end

// ---- stage 5: commit --------------------------------------------------------------------
wire [255:0] tokens_flat;    // token count per venue, 32 bits each

assign c_instr = p5_instr[3:0];
wire [2:0]  c_venue = p5_venue[2:0];
wire        c_buy   = (p5_side == SIDE_BUY);
// Position check: worst = sat_add(base, +-qty) against +-max_position, decided on exact sums
// without forming worst. For a new order qty > 0, so a buy's worst can only saturate upwards and
// a sell's only downwards; a saturated worst crosses the same limit as the exact sum except when
// that limit is the saturation value itself (max_position = I64_MAX for a buy above, and
// 0 - max_position = I64_MIN, i.e. max_position = I64_MIN, below).
//   buy  above: base + qty - max > 0   <=>  base + qty + ~max >= 0
//   buy  below: base + qty < -max      <=>  base + qty + max < 0
//   sell above: base - qty - max > 0   <=>  base + ~qty + ~max + 1 >= 0
//   sell below: base - qty < -max      <=>  base + ~qty + max + 1 < 0
wire c_max_is_max = max_position == I64_MAX;
wire c_max_is_min = max_position == I64_MIN;
wire c_buy_above  = !c_max_is_max && !sum3_negative(p5_bb, p5_qty, ~max_position, 1'b0);
wire c_buy_below  = !c_max_is_min &&  sum3_negative(p5_bb, p5_qty, max_position, 1'b0);
wire c_sell_above = !sum3_negative(p5_bs, ~p5_qty, ~max_position, 1'b1);
wire c_sell_below = !c_max_is_min &&  sum3_negative(p5_bs, ~p5_qty, max_position, 1'b1);
wire c_position_over = c_buy ? (c_buy_above || c_buy_below) : (c_sell_above || c_sell_below);
wire        c_has_token = tokens_flat[{c_venue, 5'd0} +: 32] != 32'd0;
// Newest first: the commit of the order just ahead is still in the RAM's write register this
// cycle; the one two ahead was written on the edge of this order's read and was captured then.
wire [BW-1:0] c_bucket = (dup_we && dup_wa == p5_bucket) ? dup_wd : p5_fwd ? p5_fwd_data : dup_rd;
wire        c_duplicate =
    (c_bucket[64]  && c_bucket[63:0]    == p5_id) ||
    (c_bucket[129] && c_bucket[128:65]  == p5_id) ||
    (c_bucket[194] && c_bucket[193:130] == p5_id) ||
    (c_bucket[259] && c_bucket[258:195] == p5_id);

reg [15:0] c_reason;
always @(*) begin
    c_reason = p5_reason;
    if (p5_reason == R_NONE) begin
        if (p5_cancel)               c_reason = c_has_token ? R_NONE : R_THROTTLE;
        else if (c_position_over)    c_reason = R_POSITION;
        else if (!c_has_token)       c_reason = R_THROTTLE;
        else if (c_duplicate)        c_reason = R_DUPLICATE;
    end
end
wire c_marker = p5_tag_src[3];
wire c_order  = v5 && !c_marker;
wire c_pass   = c_order && c_reason == R_NONE;
wire c_new  = p5_action == ACT_NEW;
assign c_bump_buy  = c_pass && c_new && c_buy;
assign c_bump_sell = c_pass && c_new && !c_buy;
assign c_ob_next   = sat_add(p5_ob, p5_qty);
assign c_os_next   = sat_add(p5_os, p5_qty);
// With open buy + qty not saturated, sat_add(pos, open buy + qty) = sat_add(sat_add(pos, open
// buy), qty) (open buy >= 0 and qty > 0: the inner sum saturates only when the outer one would);
// when it saturates, open buy becomes I64_MAX. Likewise for sells, downwards.
// (Both addends are >= 0 when the bump applies, so the wrapped sum's sign bit is the overflow.)
/* verilator lint_off UNUSEDSIGNAL */
wire [63:0] c_ob_raw = p5_ob + p5_qty;
wire [63:0] c_os_raw = p5_os + p5_qty;
/* verilator lint_on UNUSEDSIGNAL */
wire        c_ob_ovf = c_ob_raw[63];
wire        c_os_ovf = c_os_raw[63];
assign c_bb_next = c_ob_ovf ? sat_add(p5_pos, I64_MAX) : sat_add(p5_bb, p5_qty);
assign c_bs_next = c_os_ovf ? sat_add(p5_pos, 64'd0 - I64_MAX) : sat_add(p5_bs, 64'd0 - p5_qty);

// exposure record fields
wire [15:0] e_instr = s_exp_data[15:0];
wire [7:0]  e_side  = s_exp_data[23:16];
wire [7:0]  e_kind  = s_exp_data[31:24];
wire [63:0] e_qty   = s_exp_data[191:128];
wire        e_bad   = e_instr >= 16'd16 || (e_side != SIDE_BUY && e_side != SIDE_SELL) ||
                      (e_kind != KIND_FILL && e_kind != KIND_RELEASE) || e_qty[63];
wire [3:0]  e_i     = e_instr[3:0];
wire [63:0] e_open  = e_side == SIDE_BUY ? open_buy_flat[{e_i, 6'd0} +: 64] : open_sell_flat[{e_i, 6'd0} +: 64];
wire [63:0] e_left  = e_open < e_qty ? 64'd0 : e_open - e_qty;  // both are not negative here

always @(posedge clk) begin
    order_sent         <= 1'b0;
    reason_inc         <= 12'd0;
    exposure_malformed <= 1'b0;
    dup_we             <= 1'b0;

    if (c_order) begin
        reason_inc[c_reason[3:0]] <= 1'b1;
    end
    if (c_pass) begin
        order_sent <= 1'b1;
        if (c_new) begin
            if (c_buy) open_buy_flat[{c_instr, 6'd0} +: 64]  <= c_ob_next;
            else       open_sell_flat[{c_instr, 6'd0} +: 64] <= c_os_next;
            // remember the id: replace the way the bucket's FIFO pointer names
            dup_we <= 1'b1;
            dup_wa <= p5_bucket;
            dup_wd <= c_bucket;
            case (c_bucket[BW-1:BW-2])
                2'd0: dup_wd[64:0]    <= {1'b1, p5_id};
                2'd1: dup_wd[129:65]  <= {1'b1, p5_id};
                2'd2: dup_wd[194:130] <= {1'b1, p5_id};
                default: dup_wd[259:195] <= {1'b1, p5_id};
            endcase
            dup_wd[BW-1:BW-2] <= c_bucket[BW-1:BW-2] + 2'd1;
        end
    end

    if (exp_take) begin
        if (e_bad) begin
            exposure_malformed <= 1'b1;
        end else begin
            if (e_side == SIDE_BUY) open_buy_flat[{e_i, 6'd0} +: 64] <= e_left;
            else                    open_sell_flat[{e_i, 6'd0} +: 64] <= e_left;
            if (e_kind == KIND_FILL) begin
                position_flat[{e_i, 6'd0} +: 64] <= sat_add(position_flat[{e_i, 6'd0} +: 64], e_side == SIDE_BUY ? e_qty : 64'd0 - e_qty);
            end
        end
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
        exposure_malformed <= 1'b0;
        position_flat  <= 1024'd0;
        open_buy_flat  <= 1024'd0;
        open_sell_flat <= 1024'd0;
    end
end

// Token bucket per venue, stepped every cycle: take (a sent order), then one cycle of refill;
// a full bucket keeps its timer at zero (no banking). ReferenceCard.hasToken evaluated at the
// commit cycle gives the same count.
genvar gv;
generate
    for (gv = 0; gv < 8; gv = gv + 1) begin : gen_bucket
        // public: the simulation driver fast-forwards an idle card by stepping these in closed form
        reg  [31:0] tokens /* verilator public_flat_rw */;
        reg  [31:0] since /* verilator public_flat_rw */;    // cycles since the last earned token or timer restart
        // Both outcomes (a take or none) are stepped in parallel from the registered state, and
        // the commit's verdict only picks one: the refill arithmetic stays off the commit path.
        wire        take    = c_pass && c_venue == gv;
        wire [31:0] s_inc   = since + 32'd1;
        wire        earn    = throttle_refill != 32'd0 && s_inc >= throttle_refill;
        wire [31:0] t_take1 = tokens - 32'd1;
        wire [31:0] t_earn0 = (earn && tokens < throttle_burst) ? tokens + 32'd1 : tokens;
        wire [31:0] t_earn1 = (earn && t_take1 < throttle_burst) ? tokens : t_take1;
        wire [31:0] t_next0 = t_earn0 > throttle_burst ? throttle_burst : t_earn0;
        wire [31:0] t_next1 = t_earn1 > throttle_burst ? throttle_burst : t_earn1;
        wire [31:0] s_next0 = throttle_refill == 32'd0 ? since :
                              (earn || t_earn0 >= throttle_burst) ? 32'd0 : s_inc;
        wire [31:0] s_next1 = throttle_refill == 32'd0 ? since :
                              (earn || t_earn1 >= throttle_burst) ? 32'd0 : s_inc;
        assign tokens_flat[gv*32 +: 32] = tokens;

        always @(posedge clk) begin
            tokens <= take ? t_next1 : t_next0;
            since  <= take ? s_next1 : s_next0;
            if (throttle_burst_written) begin
                tokens <= throttle_burst;
                since  <= 32'd0;
            end else if (throttle_refill_written) begin
                since  <= 32'd0;
            end
            if (rst) begin
                tokens <= 32'd0;
                since  <= 32'd0;
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
    if (rst) begin
        cmp_wr <= 0; cmp_rd <= 0; cmp_count <= 0;
        vrd_wr <= 0; vrd_rd <= 0; vrd_count <= 0;
    end
end

endmodule

`resetall
