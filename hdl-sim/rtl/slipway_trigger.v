// Trigger block (slipway_nic.h: SLIPWAY_TRIGGER_*, SLIPWAY_TRG_*) at 0x0300: SLOTS pre-built
// order slots, each armed with a condition on the hardware BBO of one channel.
//
// It watches the BBO records the receive path writes (m_md_* at the card top, as they are taken):
// a BBO record whose channel an armed slot watches, and whose ask (ASK_AT_OR_BELOW) or bid
// (BID_AT_OR_ABOVE) is above zero and meets the level, fires that slot. Firing disarms the slot
// (one-shot) and marks it busy at once and queues it; the first queued slot is offered to the gate 2
// cycles after the record is taken. For 322 MHz the price compares are split over those two
// cycles ("watch BBO records" below); an earlier version registered the hit instead, which left
// the record -> 64-bit compare -> hit path over the budget. Queued slots go to the risk gate in
// slot order, each as two descriptors on consecutive cycles: a fire marker (the gate writes the
// TRIGGER_FIRED completion for it) and then the order itself, which the gate judges as any host
// order. Triggers take the gate input ahead of the host's order stream. The message bytes stay
// here; the order stream's sender reads them through msg_rd_* when the verdict comes, and clears
// busy once it has sent or dropped them, so a slot cannot be rewritten while in flight.
//
// Storage: per slot the 64-byte descriptor in registers (it goes to the gate in one cycle) and
// 24 message beats in a small RAM.
//
// Tick-to-trade stamps (LATENCY block, TRIGGER path): the start of a triggered order's latency is
// the cycle the decoder took the last beat of the BestBidAsk message whose BBO record fired the
// slot. The block follows the decoder's input and commits to pair messages with BBO records:
//   - tick_*: the decoder's input handshake, status tokens excluded (they are no frame and the
//     decoder commits none). Beat 2 of a frame carries the SBE header's templateId (slot bytes
//     18-19); a wire slot has no beat 1 (its header is one beat), so its second beat is beat 2,
//     as the decoder counts (slipway_sbe_decode.v); at the last beat {cycles, BestBidAsk?, abort} enters a
//     16-entry in-flight FIFO (the decoder holds at most ~6 frames between last beat and commit:
//     its pipeline is 5-6 stages and a frame takes at least one beat).
//   - tick_commit (the decoder's frame_end, one per frame, in order) pops it; tick_error, one
//     cycle later, says the decoder dropped that frame. A BestBidAsk frame neither aborted nor
//     dropped writes exactly one BBO record, so its stamp goes into a 512-entry ring in record
//     order. The ring needs more entries than BBO records can wait between commit and md_take:
//     the decoder's record FIFO (256) and the two output registers.
//   - Every BBO record taken on md_* advances the ring's read index; a slot fired by a record
//     keeps that record's index, and 2 cycles later the stamp read from the ring (registered
//     read, block RAM) is stored with the slot. The ring entry is written 1 cycle after commit,
//     before the record can reach md_* (2 cycles after commit at the earliest).
//   - sent_first / sent_slot: the first beat of a slot's order taken on the venue port (at least
//     9 cycles after firing: registered hit, marker, order, 5-cycle gate, verdict to the sender).
//     lat_valid and lat_start then give the latency block one sample: the venue-port cycle minus
//     the stamp.
//     A fired order the gate rejects sends no beat and adds no sample.
`resetall
`timescale 1ns / 1ps
`default_nettype none

module slipway_trigger #(
    parameter [15:0] NEXT  = 16'h0000,
    parameter        SLOTS = 4           // SLIPWAY_TRIGGER_SLOTS
) (
    input  wire         clk,
    input  wire         rst,

    /* verilator lint_off UNUSEDSIGNAL */  // [1:0]: word-aligned bus
    input  wire [7:0]   reg_addr,
    /* verilator lint_on UNUSEDSIGNAL */
    input  wire         reg_wr_en,
    input  wire [31:0]  reg_wr_data,
    input  wire         reg_rd_en,
    output reg  [31:0]  reg_rd_data,
    output reg          reg_rd_valid,

    // market-data records as they leave the card
    /* verilator lint_off UNUSEDSIGNAL */  // only type, channel and the two prices matter
    input  wire [511:0] md_data,
    /* verilator lint_on UNUSEDSIGNAL */
    input  wire         md_take,

    // to the risk gate: marker then order
    output reg  [511:0] m_desc_data,
    output reg  [15:0]  m_desc_length,
    output reg  [4:0]   m_desc_beats,
    output reg          m_desc_marker,   // 1: fire marker, 0: the order
    output reg  [1:0]   m_desc_slot,
    output reg          m_desc_valid,
    input  wire         m_desc_ready,

    // message beats for the sender
    input  wire [1:0]   msg_rd_slot,
    input  wire [4:0]   msg_rd_beat,
    output wire [63:0]  msg_rd_data,
    input  wire         msg_done,        // the sender finished slot msg_done_slot
    input  wire [1:0]   msg_done_slot,

    // tick-to-trade stamps (see the header comment)
    input  wire [63:0]  cycles,
    input  wire         tick_beat,       // the decoder takes a beat
    /* verilator lint_off UNUSEDSIGNAL */  // only the templateId bits of beat 2
    input  wire [63:0]  tick_data,
    /* verilator lint_on UNUSEDSIGNAL */
    input  wire         tick_last,
    input  wire         tick_wire,       // with the first beat: a wire slot, whose header is one beat
    input  wire         tick_abort,      // with the last beat: the frame is dropped without records
    input  wire         tick_commit,     // the decoder committed or dropped a frame (in order)
    input  wire         tick_error,      // one cycle after tick_commit: that frame was dropped
    input  wire         sent_first,      // first beat of a triggered order taken on the venue port
    input  wire [1:0]   sent_slot,
    output wire         lat_valid,       // one tick-to-trade sample: start lat_start, end now
    output wire [63:0]  lat_start
);

localparam [31:0] BLK_TYPE    = 32'h0000_0006;  // SLIPWAY_BLK_TYPE_TRIGGER
localparam [31:0] BLK_VERSION = 32'd1;          // SLIPWAY_TRIGGER_VERSION
localparam [31:0] BLK_LENGTH  = 32'h0000_0100;  // SLIPWAY_TRIGGER_LENGTH
localparam [15:0] MD_TYPE_BBO = 16'd1;
localparam [7:0]  COND_ASK    = 8'd1, COND_BID = 8'd2;

// ---- configuration ---------------------------------------------------------------------------
reg [1:0]   select;
reg [5:0]   pointer;
reg [6:0]   stage_channel;
reg [7:0]   stage_condition;
reg [31:0]  stage_level_lo_w;   // low word of LEVEL as written, takes effect with the high word
reg [63:0]  stage_level;
reg [15:0]  stage_length;
reg [31:0]  fired_count;

reg [SLOTS-1:0] armed, busy, queued;
reg [6:0]   channel   [0:SLOTS-1];
reg [SLOTS-1:0] cond_ask, cond_bid;   // the slot's condition, decoded when it is armed
integer     ak;
reg [63:0]  level     [0:SLOTS-1];
reg [15:0]  length    [0:SLOTS-1];
reg [4:0]   beats     [0:SLOTS-1];  // message beats of the slot (from its length at arming)
reg [511:0] desc      [0:SLOTS-1];
reg [31:0]  msg_lo    [0:SLOTS*32-1];   // message words, low and high halves of each beat
reg [31:0]  msg_hi    [0:SLOTS*32-1];

assign msg_rd_data = {msg_hi[{msg_rd_slot, msg_rd_beat}], msg_lo[{msg_rd_slot, msg_rd_beat}]};

wire [5:0] word      = reg_addr[7:2];
wire       wr_data   = reg_wr_en && word == 6'd6;   // 0x18
wire       slot_free = !armed[select] && !busy[select];

// ---- watch BBO records -------------------------------------------------------------------------
// For 322 MHz (`make depth`) each 64-bit signed compare of a price with a slot's level is split at
// a register: in the cycle the record is taken, four 16-bit chunk compares per price and slot
// (greater / less and equal; the top chunk signed); in the next, their combination, the hit, and
// the slot select and descriptor mux behind it. The hit is one cycle after the record, as the slot
// is offered to the gate 2 cycles after it. A slot's level, channel and condition cannot change
// while it is armed (arming needs a free slot), so the chunk compares taken with the record stay
// right; `armed_then` (armed as the record was taken) keeps a slot armed at that edge from firing
// on it. A disarm written in the cycle a record is taken wins over that record.
wire [63:0] in_bid     = md_data[191:128];
wire [63:0] in_ask     = md_data[319:256];
// The take and the record's kind are registered apart and ANDed after: md_data comes straight
// from the decoder's output RAM, and the type test behind the take was 5 LUT levels in the whole
// card.
reg         md_took;      // a record taken last cycle
reg         md_type_bbo;  // the record on md_data last cycle is a BBO record ...
reg         md_low_chan;  // ... on a channel a slot can watch (a channel beyond 127 names no book)
wire        md_any_bbo = md_took && md_type_bbo;                 // advances the stamp ring
wire        md_bbo     = md_took && md_type_bbo && md_low_chan;  // may fire a slot
// "price > 0" as the sign and four 16-bit zero tests, combined with the hit: the 64-bit test behind
// the decoder's output RAM (0.9 ns) was 5 LUT levels, 3.15 ns, in the whole card.
reg         bid_neg, ask_neg;
reg [3:0]   bid_nz, ask_nz;
wire        bid_pos = !bid_neg && bid_nz != 4'd0;
wire        ask_pos = !ask_neg && ask_nz != 4'd0;
reg [SLOTS-1:0] armed_then, chan_ok;
reg [4*SLOTS-1:0] ask_gt, ask_eq, bid_lt, bid_eq;   // slot k, chunk c at [4k + c]
integer k;
integer ch;
always @(posedge clk) begin
    md_took     <= md_take;
    md_type_bbo <= md_data[15:0] == MD_TYPE_BBO;
    md_low_chan <= md_data[31:23] == 9'd0;
    bid_neg    <= in_bid[63];
    ask_neg    <= in_ask[63];
    for (ch = 0; ch < 4; ch = ch + 1) begin
        bid_nz[ch] <= in_bid[16*ch +: 16] != 16'd0;
        ask_nz[ch] <= in_ask[16*ch +: 16] != 16'd0;
    end
    armed_then <= armed;
    for (k = 0; k < SLOTS; k = k + 1) begin
        chan_ok[k] <= channel[k] == md_data[22:16];
        for (ch = 0; ch < 4; ch = ch + 1) begin
            if (ch == 3) begin
                ask_gt[4*k + ch] <= $signed(in_ask[63:48]) > $signed(level[k][63:48]);
                bid_lt[4*k + ch] <= $signed(in_bid[63:48]) < $signed(level[k][63:48]);
            end else begin
                ask_gt[4*k + ch] <= in_ask[16*ch +: 16] > level[k][16*ch +: 16];
                bid_lt[4*k + ch] <= in_bid[16*ch +: 16] < level[k][16*ch +: 16];
            end
            ask_eq[4*k + ch] <= in_ask[16*ch +: 16] == level[k][16*ch +: 16];
            bid_eq[4*k + ch] <= in_bid[16*ch +: 16] == level[k][16*ch +: 16];
        end
    end
    if (rst) begin
        md_took    <= 1'b0;
    end
end

// "a > b" from chunk results, most significant chunk first
/* verilator lint_off UNUSEDSIGNAL */  // eq[0]: the last chunk's greater decides alone
function above(input [3:0] gt, input [3:0] eq);
    begin
        above = gt[3] | (eq[3] & gt[2]) | (eq[3] & eq[2] & gt[1]) | (eq[3] & eq[2] & eq[1] & gt[0]);
    end
endfunction
/* verilator lint_on UNUSEDSIGNAL */

reg [SLOTS-1:0] hit;
reg [SLOTS-1:0] hit_n;  // slots hit: fired_count adds it a cycle later (popcount -> add split)

function [SLOTS-1:0] popcount(input [SLOTS-1:0] bits);
    integer i;
    begin
        popcount = {SLOTS{1'b0}};
        for (i = 0; i < SLOTS; i = i + 1) popcount = popcount + {{(SLOTS-1){1'b0}}, bits[i]};
    end
endfunction
always @(*) begin
    for (k = 0; k < SLOTS; k = k + 1) begin
        hit[k] = md_bbo && armed[k] && armed_then[k] && chan_ok[k] &&
                 ((cond_ask[k] && ask_pos && !above(ask_gt[4*k +: 4], ask_eq[4*k +: 4])) ||
                  (cond_bid[k] && bid_pos && !above(bid_lt[4*k +: 4], bid_eq[4*k +: 4])));
    end
end

// ---- send queued slots: marker, then order -----------------------------------------------------
reg [1:0] next_slot;
reg       next_any;
always @(*) begin
    next_slot = 2'd0;
    next_any  = 1'b0;
    for (k = SLOTS - 1; k >= 0; k = k - 1) begin
        if (queued[k] || hit[k]) begin
            next_slot = k[1:0];
            next_any  = 1'b1;
        end
    end
end

wire [15:0] next_len  = length[next_slot];
// Message beats of a LENGTH as written, worked out when LENGTH is written so neither the send path
// (the subtract, round-up and clamp behind the slot select were 9 LUT levels in `make depth`) nor
// the arming write (stage_length -> beats RAM was 6 LUT levels and a carry chain, 3.40 ns, in the
// whole card) has arithmetic in front of it. Arming is a later register write, so both registers
// are settled by then.
// ceil((LENGTH - 64) / 8) clamped to 0..24 is (LENGTH - 57) >> 3 for LENGTH in 65..256; only that
// range can be armed, so the subtract is 9 bits and the two ends are bit tests.
wire        wr_len_small = reg_wr_data[15:7] == 9'd0 && (!reg_wr_data[6] || reg_wr_data[5:0] == 6'd0); // <= 64
wire        wr_len_big   = reg_wr_data[15:9] != 7'd0 || (reg_wr_data[8] && reg_wr_data[7:0] != 8'd0); // > 256
/* verilator lint_off UNUSEDSIGNAL */  // the round-up's low bits, and bit 8 (65..256 - 57 fits 8 bits)
wire [8:0]  wr_len_57    = reg_wr_data[8:0] - 9'd57;
/* verilator lint_on UNUSEDSIGNAL */
wire [4:0]  wr_beats     = wr_len_small ? 5'd0 : wr_len_big ? 5'd24 : wr_len_57[7:3];
reg  [4:0]  stage_beats;     // message beats of stage_length
reg         stage_len_ok;    // stage_length <= 256: the slot's message fits its 32 beats

// slots leaving the queue and the sender this cycle, as masks so they merge with new firings
wire             order_out = m_desc_valid && m_desc_ready && !m_desc_marker;
wire [SLOTS-1:0] sent_mask = order_out ? ({{(SLOTS-1){1'b0}}, 1'b1} << m_desc_slot) : {SLOTS{1'b0}};
wire [SLOTS-1:0] done_mask = msg_done ? ({{(SLOTS-1){1'b0}}, 1'b1} << msg_done_slot) : {SLOTS{1'b0}};

always @(posedge clk) begin
    queued <= (queued & ~sent_mask) | hit;
    busy   <= (busy & ~done_mask) | hit;
    if (m_desc_valid && m_desc_ready) begin
        if (m_desc_marker) begin
            m_desc_marker <= 1'b0;          // the order follows on the next cycle
        end else begin
            m_desc_valid <= 1'b0;
        end
    end else if (!m_desc_valid && next_any) begin
        m_desc_valid  <= 1'b1;
        m_desc_marker <= 1'b1;
        m_desc_slot   <= next_slot;
        m_desc_data   <= desc[next_slot];
        m_desc_length <= next_len;
        m_desc_beats  <= beats[next_slot];
    end

    if (|hit) begin
        armed <= armed & ~hit;
    end
    hit_n       <= popcount(hit);
    fired_count <= fired_count + {{(32-SLOTS){1'b0}}, hit_n};

    // ---- register writes ----
    if (reg_wr_en) begin
        case (word)
            6'd4:  select          <= reg_wr_data[1:0];
            6'd5:  pointer         <= reg_wr_data[5:0];
            6'd7:  stage_channel   <= reg_wr_data[6:0];
            6'd8:  stage_condition <= reg_wr_data[7:0];
            6'd9:  stage_level_lo_w <= reg_wr_data;
            6'd10: stage_level     <= {reg_wr_data, stage_level_lo_w};
            6'd11: begin
                stage_length <= reg_wr_data[15:0];
                stage_beats  <= wr_beats;
                stage_len_ok <= !wr_len_big;
            end
            6'd12: if (!armed[reg_wr_data[1:0]] && !busy[reg_wr_data[1:0]] && reg_wr_data[31:2] == 30'd0 &&
                       (stage_condition == COND_ASK || stage_condition == COND_BID) &&
                       stage_len_ok) begin
                // flag vectors written by constant index: a variable-index write of `armed` mapped
                // to an 8-CARRY4 chain of index arithmetic (3.15 ns in the whole card)
                for (ak = 0; ak < SLOTS; ak = ak + 1) begin
                    if (reg_wr_data[1:0] == ak[1:0]) begin
                        armed[ak]    <= 1'b1;
                        cond_ask[ak] <= stage_condition == COND_ASK;
                        cond_bid[ak] <= stage_condition == COND_BID;
                    end
                end
                channel[reg_wr_data[1:0]]   <= stage_channel;
                level[reg_wr_data[1:0]]     <= stage_level;
                length[reg_wr_data[1:0]]    <= stage_length;
                beats[reg_wr_data[1:0]]     <= stage_beats;
            end
            6'd13: if (reg_wr_data[31:2] == 30'd0) begin
                for (ak = 0; ak < SLOTS; ak = ak + 1) begin
                    if (reg_wr_data[1:0] == ak[1:0]) armed[ak] <= 1'b0;
                end
            end
            default: ;
        endcase
    end
    if (wr_data) begin
        pointer <= pointer + 6'd1;
        if (slot_free) begin
            if (pointer < 6'd16) desc[select][{pointer[3:0], 5'd0} +: 32] <= reg_wr_data;
        end
    end

    reg_rd_valid <= reg_rd_en;
    reg_rd_data  <= 32'd0;
    if (reg_rd_en) begin
        case (word)
            6'd0:  reg_rd_data <= BLK_TYPE;
            6'd1:  reg_rd_data <= BLK_VERSION;
            6'd2:  reg_rd_data <= {16'd0, NEXT};
            6'd3:  reg_rd_data <= BLK_LENGTH;
            6'd4:  reg_rd_data <= {30'd0, select};
            6'd5:  reg_rd_data <= {26'd0, pointer};
            6'd7:  reg_rd_data <= {25'd0, stage_channel};
            6'd8:  reg_rd_data <= {24'd0, stage_condition};
            6'd9:  reg_rd_data <= stage_level[31:0];
            6'd10: reg_rd_data <= stage_level[63:32];
            6'd11: reg_rd_data <= {16'd0, stage_length};
            6'd14: reg_rd_data <= {{(32-SLOTS){1'b0}}, armed};
            6'd15: reg_rd_data <= fired_count;
            default: reg_rd_data <= 32'd0;
        endcase
    end

    if (rst) begin
        select <= 2'd0;
        pointer <= 6'd0;
        stage_channel <= 7'd0;
        stage_condition <= 8'd0;
        stage_level_lo_w <= 32'd0;
        stage_level <= 64'd0;
        stage_length <= 16'd0;
        stage_beats  <= 5'd0;
        stage_len_ok <= 1'b1;
        fired_count <= 32'd0;
        armed  <= {SLOTS{1'b0}};
        busy   <= {SLOTS{1'b0}};
        queued <= {SLOTS{1'b0}};
        hit_n  <= {SLOTS{1'b0}};
        m_desc_valid  <= 1'b0;
        m_desc_marker <= 1'b0;
        m_desc_slot   <= 2'd0;
        m_desc_data   <= 512'd0;
        m_desc_length <= 16'd0;
        m_desc_beats  <= 5'd0;
        reg_rd_valid  <= 1'b0;
        reg_rd_data   <= 32'd0;
    end
end

// ---- tick-to-trade stamps ----------------------------------------------------------------------
localparam [15:0] T_BBO = 16'd10001;   // SBE templateId of BestBidAsk
localparam        RING  = 512;

reg  [1:0]  tick_idx;                  // beat index within the frame, saturating at 3
reg         tick_bbo;                  // the frame's templateId is BestBidAsk
reg  [65:0] flight [0:15];             // {abort, bbo, stamp} from last beat to commit
reg  [4:0]  flight_wr, flight_rd;
reg         c_valid, c_bbo, c_abort;
reg  [63:0] c_stamp;
reg  [63:0] ring [0:RING-1];
reg  [8:0]  ring_wr, ring_rd;
reg  [SLOTS-1:0] f1_mask, f2_mask;
reg  [8:0]  f1_index;
reg  [63:0] f2_stamp;
reg  [63:0] fire_stamp [0:SLOTS-1];
integer     j;

wire tick_bbo_now = tick_idx == 2'd2 ? tick_data[31:16] == T_BBO : tick_bbo;

assign lat_valid = sent_first;
assign lat_start = fire_stamp[sent_slot];

always @(posedge clk) begin
    if (tick_beat) begin
        tick_idx <= tick_last ? 2'd0 :
                    (tick_idx == 2'd0 && tick_wire) ? 2'd2 :
                    (tick_idx == 2'd3 ? 2'd3 : tick_idx + 2'd1);
        tick_bbo <= tick_last ? 1'b0 : tick_bbo_now;
        if (tick_last) begin
            flight[flight_wr[3:0]] <= {tick_abort, tick_bbo_now, cycles};
            flight_wr <= flight_wr + 5'd1;
        end
    end

    c_valid <= tick_commit;
    if (tick_commit) begin
        {c_abort, c_bbo, c_stamp} <= flight[flight_rd[3:0]];
        flight_rd <= flight_rd + 5'd1;
    end
    if (c_valid && c_bbo && !c_abort && !tick_error) begin
        ring[ring_wr] <= c_stamp;
        ring_wr <= ring_wr + 9'd1;
    end

    if (md_any_bbo) begin
        ring_rd <= ring_rd + 9'd1;
    end
    f1_mask  <= hit;
    f1_index <= ring_rd;
    f2_mask  <= f1_mask;
    f2_stamp <= ring[f1_index];
    for (j = 0; j < SLOTS; j = j + 1) begin
        if (f2_mask[j]) fire_stamp[j] <= f2_stamp;
    end

    if (rst) begin
        tick_idx  <= 2'd0;
        tick_bbo  <= 1'b0;
        flight_wr <= 5'd0;
        flight_rd <= 5'd0;
        c_valid   <= 1'b0;
        ring_wr   <= 9'd0;
        ring_rd   <= 9'd0;
        f1_mask   <= {SLOTS{1'b0}};
        f2_mask   <= {SLOTS{1'b0}};
    end
end

// Message words: DATA words 16..63 are the message, two words a beat.
wire [5:0] msg_word = pointer - 6'd16;
always @(posedge clk) begin
    if (wr_data && slot_free && pointer >= 6'd16) begin
        if (msg_word[0]) msg_hi[{select, msg_word[5:1]}] <= reg_wr_data;
        else             msg_lo[{select, msg_word[5:1]}] <= reg_wr_data;
    end
end

endmodule

`resetall
