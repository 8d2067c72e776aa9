// Price-level book: a stage on the market-data record stream that keeps the top LEVELS price
// levels per side of SLOTS books from the BOOK_LEVEL and FEED_STATUS records going past, and the
// BOOK register block (SLIPWAY_BOOK_*, slipway_nic.h) through which the host configures slots and
// reads books. Semantics (update, delete, insert, top-N fall-off, snapshot rebuild, gap) are the
// header's; fpga-bridge ReferenceBook is the same book in Java and the differential test holds
// them equal.
//
// Stream: records pass through unchanged and combinationally (m_rec_* = s_rec_*), so the stage
// adds no latency to the feed; the book takes a copy of each record handed on. The stream stalls
// (s_rec_ready low) for one cycle after each SELECT or SLOT_CHANNEL write, which is when the
// block uses the book memory's only read port or reconfigures a slot. A SELECT's copy is taken in
// stage 3 (below), 4 edges after the write; reads sampled from then on return it.
//
// Storage: one memory word per slot and side holds all LEVELS levels ({qty, price} x LEVELS,
// level 0 = best in the low bits), 2 x SLOTS words of LEVELS x 128 bits, block RAM with one
// read and one write port. A record is applied in four stages, one record per cycle sustained:
//   stage 0: slot lookup (the slot table is a 16-entry CAM on the channel), memory read;
//   stage 1: the memory word, or the write it missed (the one in the same edge as the read),
//            registered with a bit per held level; the record's sequence compared with every
//            slot's; whether the word comes from the two records ahead;
//   stage 2: the record's price compared with every level of each word it may get (the memory
//            word, the last write, and the level array of the record in stage 3), and whether
//            the side reads as empty or is cleared by a new snapshot;
//   stage 3: the update. From registered compare bits (the level's price above or below the
//            record's, held) it picks per level keep / move up / move down / set / insert, writes the array back
//            and hands the next record its level array and compare bits.
// The next record on the same side needs this record's result in the cycle right after, so its
// compare bits cannot be worked out from that result in time. Stage 2 instead compares the next
// record's price with this record's level array and price, and stage 3 moves those bits with the
// same per-level choice it makes for the levels (a level moving down takes its compare bits with
// it; the inserted level takes the price compare). That keeps the loop to the choice and one mux.
// For 322 MHz (`make depth`): with the compares in the update stage, the loop was word select ->
// 64-bit compares -> position -> level mux -> word (7-8 LUT levels); before that the sequence
// compare, the empty test and the update shared one stage (13). Now 4, the slot lookup.
// Emptying a side does not touch the memory: a flag per side says "read as empty", cleared by
// the next write of that side. The book reflects a record 4 edges after the edge that takes it.
`resetall
`timescale 1ns / 1ps
`default_nettype none

module slipway_book #(
    parameter        SLOTS  = 16,
    parameter        LEVELS = 8,
    parameter [15:0] NEXT   = 16'h0000
) (
    input  wire         clk,
    input  wire         rst,

    input  wire [511:0] s_rec_data,
    input  wire         s_rec_valid,
    output wire         s_rec_ready,

    output wire [511:0] m_rec_data,
    output wire         m_rec_valid,
    input  wire         m_rec_ready,

    /* verilator lint_off UNUSEDSIGNAL */  // [1:0]: word-aligned bus
    input  wire [7:0]   reg_addr,
    /* verilator lint_on UNUSEDSIGNAL */
    input  wire         reg_wr_en,
    /* verilator lint_off UNUSEDSIGNAL */
    input  wire [31:0]  reg_wr_data,       // only the defined bits are kept
    /* verilator lint_on UNUSEDSIGNAL */
    input  wire         reg_rd_en,
    output reg  [31:0]  reg_rd_data,
    output reg          reg_rd_valid
);

localparam SLOT_BITS  = 4;                 // SLOTS <= 16
localparam WORD_BITS  = LEVELS * 128;
localparam MEM_BITS   = WORD_BITS + LEVELS;   // the levels and a bit per held level
localparam ADDR_BITS  = SLOT_BITS + 1;
localparam SIDES      = 2 * SLOTS;

localparam [15:0] TYPE_BOOK_LEVEL  = 16'd3;
localparam [15:0] TYPE_FEED_STATUS = 16'd4;
localparam        FLAG_BID         = 0;
localparam        FLAG_GAP         = 2;
localparam        FLAG_SNAPSHOT    = 5;

// ---- register-side state ------------------------------------------------------------------
reg  [6:0]            slot_channel [0:SLOTS-1];
reg  [SLOTS-1:0]      slot_enable;
reg  [SLOTS-1:0]      slot_valid;
reg  [31:0]           slot_updates [0:SLOTS-1];
reg  [63:0]           slot_sequence [0:SLOTS-1];
reg  [SIDES-1:0]      side_empty;

reg                   select_pending;      // SELECT written last edge: read the memory now
reg  [SLOT_BITS-1:0]  select_slot;
reg                   select_bid;
reg                   remap_pending;       // SLOT_CHANNEL written last edge: clear the slot now
reg  [SLOT_BITS-1:0]  remap_slot;
reg                   remap_wait;          // ... two edges ago
reg  [SLOT_BITS-1:0]  wait_slot;
reg                   remap_apply;         // ... three edges ago: clear it now, after the records in flight
reg  [SLOT_BITS-1:0]  apply_slot;

reg  [WORD_BITS-1:0]  snap_levels;
reg  [31:0]           snap_status;
reg  [31:0]           snap_updates;
reg  [63:0]           snap_sequence;

// ---- stream tap ---------------------------------------------------------------------------
wire stall = select_pending || remap_pending;
assign s_rec_ready = m_rec_ready && !stall;
assign m_rec_valid = s_rec_valid && !stall;
assign m_rec_data  = s_rec_data;
wire take = s_rec_valid && s_rec_ready;

wire [15:0] in_type    = s_rec_data[15:0];
wire [15:0] in_channel = s_rec_data[31:16];
wire [7:0]  in_flags   = s_rec_data[63:56];

// Slot lookup: at most one enabled slot follows a channel (the register path refuses a second).
// The memory address and s1_slot are the encoding of in_onehot (below), which is the SELECT slot
// while a SELECT read is pending: the SELECT choice sits in each slot's test instead of a mux
// after the encode, which from the decoder's output RAM was 5 LUT levels and a MUXF to the book
// memory's address (116 endpoints over the budget in the whole card).
reg  [SLOTS-1:0]     in_onehot;
reg  [SLOT_BITS-1:0] in_slot;
integer k;
always @(*) begin
    in_slot = {SLOT_BITS{1'b0}};
    for (k = 0; k < SLOTS; k = k + 1) begin
        if (in_onehot[k]) begin
            in_slot = in_slot | k[SLOT_BITS-1:0];
        end
    end
end

// The record's own kind, registered without the slot lookup: the hit is the OR of s1_onehot a
// stage later (taking it here put the 16 channel compares and their OR in front of s1_gap, 5 LUT
// levels in the whole card). s1_onehot is the record's slots whenever a record is taken (a SELECT
// read stalls the input), so the AND is the same hit.
wire in_level_rec = take && in_type == TYPE_BOOK_LEVEL;
wire in_gap_rec   = take && in_type == TYPE_FEED_STATUS && in_flags[FLAG_GAP];

// ---- book memory --------------------------------------------------------------------------
(* ram_style = "block" *)
reg  [MEM_BITS-1:0]  book_mem [0:SIDES-1];
reg  [MEM_BITS-1:0]  mem_rd_data;
wire [ADDR_BITS-1:0] mem_rd_addr = {in_slot, select_pending ? select_bid : in_flags[FLAG_BID]};
wire                 mem_we;
wire [ADDR_BITS-1:0] mem_wr_addr;
wire [MEM_BITS-1:0]  mem_wr_data;

always @(posedge clk) begin
    if (mem_we) begin
        book_mem[mem_wr_addr] <= mem_wr_data;
    end
    mem_rd_data <= book_mem[mem_rd_addr];
end

// ---- the records in flight ---------------------------------------------------------------
// Stage k holds sk_*. The pipeline after stage 0 advances every cycle (stalls only hold the
// input), so "the record in stage 3" is always the one just ahead of the record in stage 2.
reg                  s1_level_rec, s2_level, s3_level;
reg                  s1_gap_rec,   s2_gap,   s3_gap;
reg                  s1_host,  s2_host,  s3_host;
reg  [SLOT_BITS-1:0] s1_slot,  s2_slot,  s3_slot;
reg  [SLOTS-1:0]     s1_onehot, s2_onehot;
wire                 s1_level = s1_level_rec && |s1_onehot;
wire                 s1_gap   = s1_gap_rec && |s1_onehot;
reg                  s1_bid,   s2_bid,   s3_bid;
reg                  s1_snapshot, s2_snapshot;
reg  [63:0]          s1_sequence, s2_sequence, s3_sequence;
reg  [63:0]          s1_price, s2_price, s3_price;
reg  [63:0]          s1_qty,   s2_qty,   s3_qty;
reg                  s2_qpos,  s3_qpos;    // quantity > 0
reg                  s2_qzero, s3_qzero;   // quantity == 0

reg                  last_wr_valid;        // the write of the record that left stage 3 last edge
reg  [ADDR_BITS-1:0] last_wr_addr;
reg  [WORD_BITS-1:0] last_wr_data;
reg  [LEVELS-1:0]    last_wr_held;

wire [ADDR_BITS-1:0] s1_addr  = {s1_slot, s1_bid};
wire [ADDR_BITS-1:0] s2_addr  = {s2_slot, s2_bid};
wire [ADDR_BITS-1:0] s3_addr  = {s3_slot, s3_bid};

// ---- stage 1 ------------------------------------------------------------------------------
// The read in stage 0 missed the write made in the same edge (the memory reads the old word); that
// write is last_wr now. The two records ahead (stages 2 and 3) write later: stage 2 picks them.
wire s1_fwd_last = last_wr_valid && last_wr_addr == s1_addr;
reg  [SLOTS-1:0]  s1_seq_match;
integer v;
always @(*) begin
    for (v = 0; v < SLOTS; v = v + 1) begin
        s1_seq_match[v] = slot_sequence[v] == s1_sequence;
    end
end

reg  [WORD_BITS-1:0] s2_word;              // the memory word as of this record's stage 2
reg  [LEVELS-1:0]    s2_word_held;
reg                  s2_same_u;            // the record in stage 3 writes this side: take its result
reg                  s2_fwd_p;             // ... else the record that left stage 3 last edge did
reg  [SLOTS-1:0]     s2_seq_match;         // per slot: SEQUENCE == the record's, before the two records ahead
reg                  s2_seq_q;             // the record's sequence == the one in stage 3's
reg                  s2_seq_p;             // ... == the one that left stage 3 last edge's
reg                  s2_q_same_slot;
reg                  s2_p_same_slot;
reg                  s2_p_clear;

// ---- stage 2 ------------------------------------------------------------------------------
// State registers already hold every record that left stage 3; only the one in stage 3 (q) is
// still to come, and the sequence compare (stage 1) missed the one that left last edge (p).
reg s2_valid_now, s2_empty_now;
always @(*) begin
    s2_valid_now = 1'b0;
    s2_empty_now = 1'b0;
    for (v = 0; v < SLOTS; v = v + 1) begin
        s2_valid_now = s2_valid_now | (s2_onehot[v] & slot_valid[v]);
        s2_empty_now = s2_empty_now | (s2_onehot[v] & side_empty[2*v + (s2_bid ? 1 : 0)]);
    end
end
reg                  s3_clear;
wire s2_seq_eq = (s2_q_same_slot && s3_clear)  ? s2_seq_q :
                 (s2_p_same_slot && s2_p_clear) ? s2_seq_p : |(s2_onehot & s2_seq_match);
wire s2_valid  = (s2_q_same_slot && s3_gap)   ? 1'b0 :
                 (s2_q_same_slot && s3_clear) ? 1'b1 : s2_valid_now;
// A snapshot level rebuilds the slot when the slot is not valid or the snapshot is a new one.
wire s2_clear  = s2_level && s2_snapshot && !(s2_valid && s2_seq_eq);
wire s2_empty  = s2_same_u                      ? 1'b0 :
                 (s2_q_same_slot && s3_clear)   ? 1'b1 :   // q cleared the other side
                                                  s2_empty_now;

// Stage 3's registers: the level array of the record in it and, per level, whether the level's
// price is above (gt) or below (lt) the record's (neither: the same price). Signed, whatever the
// side, so that stage 2 need not know which way "better" goes and the held bits stay apart.
reg  [WORD_BITS-1:0] s3_word;
reg  [LEVELS-1:0]    s3_held;
reg  [LEVELS-1:0]    s3_gt;
reg  [LEVELS-1:0]    s3_lt;
reg                  s3_zero;              // the side reads as empty (emptied, or cleared now)

// The stage 2 price against each array it may take: stage 3's (before stage 3's choice moves the
// bits), the last write, and the memory word.
wire [LEVELS-1:0] cu_gt, cu_lt, cp_gt, cp_lt, cw_gt, cw_lt;
wire cr_gt = $signed(s3_price) > $signed(s2_price);        // against the level stage 3 may insert
wire cr_lt = $signed(s3_price) < $signed(s2_price);
genvar i;
generate
    for (i = 0; i < LEVELS; i = i + 1) begin : cmp
        wire [63:0] pu = s3_word[i*128 +: 64];
        wire [63:0] pp = last_wr_data[i*128 +: 64];
        wire [63:0] pw = s2_word[i*128 +: 64];
        assign cu_gt[i] = $signed(pu) > $signed(s2_price);
        assign cu_lt[i] = $signed(pu) < $signed(s2_price);
        assign cp_gt[i] = $signed(pp) > $signed(s2_price);
        assign cp_lt[i] = $signed(pp) < $signed(s2_price);
        assign cw_gt[i] = $signed(pw) > $signed(s2_price);
        assign cw_lt[i] = $signed(pw) < $signed(s2_price);
    end
endgenerate

// ---- stage 3: apply -----------------------------------------------------------------------
// An emptied side's array is whatever was there; s3_zero masks it here instead of on the way in.
wire [LEVELS-1:0] held   = s3_held & {LEVELS{!s3_zero}};
wire [LEVELS-1:0] better = held & (s3_bid ? s3_gt : s3_lt);
wire [LEVELS-1:0] same   = held & ~s3_gt & ~s3_lt;
wire        found  = |same;
wire        do_del = found && s3_qzero;
wire        do_set = found && s3_qpos;
wire        do_ins = !found && s3_qpos;   // no position (all LEVELS better) inserts nothing

// Per level, one of: keep, keep the price with the record's quantity (set), the level behind
// (delete), the record (insert), the level in front (moved down by an insert); none = empty.
wire [LEVELS-1:0] k_keep, k_set, k_up, k_ins, k_down, at;
wire [WORD_BITS-1:0] upd;
wire [LEVELS-1:0]    upd_held;
wire [LEVELS-1:0]    nx_gt, nx_lt;         // the stage 2 price against upd, from its compares
generate
    for (i = 0; i < LEVELS; i = i + 1) begin : level
        // Levels are sorted with the empty ones last, so "better" is a prefix and the
        // first level that is not better is where the price is or would go.
        if (i == 0) begin : first
            assign at[i] = !better[i];
        end else begin : rest
            assign at[i] = !better[i] && better[i-1];
        end
        assign k_keep[i] = !s3_zero && (better[i] || !(do_del || do_ins || (do_set && at[i])));
        assign k_set[i]  = !better[i] && do_set && at[i];
        assign k_up[i]   = !better[i] && do_del;
        assign k_ins[i]  = do_ins && at[i];
        assign k_down[i] = !s3_zero && !better[i] && do_ins && !at[i];

        wire [127:0] here  = s3_word[i*128 +: 128];
        wire [127:0] behind;        // moves up on a delete
        wire         behind_held, behind_gt, behind_lt;
        wire [127:0] front;         // moves down on an insert
        wire         front_held, front_gt, front_lt;
        if (i == LEVELS - 1) begin : last
            assign behind        = 128'd0;
            assign behind_held   = 1'b0;
            assign behind_gt     = 1'b0;
            assign behind_lt     = 1'b0;
        end else begin : notlast
            assign behind        = s3_word[(i+1)*128 +: 128];
            assign behind_held   = s3_held[i+1];
            assign behind_gt     = cu_gt[i+1];
            assign behind_lt     = cu_lt[i+1];
        end
        if (i == 0) begin : head   // never chosen: at[0] whenever level 0 is not better
            assign front        = 128'd0;
            assign front_held   = 1'b0;
            assign front_gt     = 1'b0;
            assign front_lt     = 1'b0;
        end else begin : nothead
            assign front        = s3_word[(i-1)*128 +: 128];
            assign front_held   = s3_held[i-1];
            assign front_gt     = cu_gt[i-1];
            assign front_lt     = cu_lt[i-1];
        end

        assign upd[i*128 +: 64] = ({64{k_keep[i] | k_set[i]}} & here[63:0]) |
                                  ({64{k_up[i]}}              & behind[63:0]) |
                                  ({64{k_ins[i]}}             & s3_price) |
                                  ({64{k_down[i]}}            & front[63:0]);
        assign upd[i*128 + 64 +: 64] = ({64{k_keep[i]}}            & here[127:64]) |
                                       ({64{k_up[i]}}              & behind[127:64]) |
                                       ({64{k_set[i] | k_ins[i]}}  & s3_qty) |
                                       ({64{k_down[i]}}            & front[127:64]);
        assign upd_held[i]  = (k_keep[i] & s3_held[i]) | (k_up[i] & behind_held) | k_set[i] | k_ins[i] |
                              (k_down[i] & front_held);
        // A level keeps its price under keep and set, so its compare bits go with it.
        assign nx_gt[i] = ((k_keep[i] | k_set[i]) & cu_gt[i]) | (k_up[i] & behind_gt) |
                          (k_ins[i] & cr_gt) | (k_down[i] & front_gt);
        assign nx_lt[i] = ((k_keep[i] | k_set[i]) & cu_lt[i]) | (k_up[i] & behind_lt) |
                          (k_ins[i] & cr_lt) | (k_down[i] & front_lt);
    end
endgenerate

assign mem_we      = s3_level;
assign mem_wr_addr = s3_addr;
assign mem_wr_data = {upd_held, upd};

// Held levels are a prefix (sorted, empty ones last), so the count is where the first empty one is.
reg [3:0] cur_count;
integer c;
always @(*) begin
    cur_count = 4'd0;
    for (c = 0; c < LEVELS; c = c + 1) begin
        if (held[c] && (c == LEVELS - 1 || !held[(c + 1) % LEVELS])) begin
            cur_count = cur_count | (c[3:0] + 4'd1);
        end
    end
end

// What the SNAP registers show: the copy being taken this cycle, else the last one. Reading
// through the copy in progress lets a read sampled 4 edges after the SELECT write see it, on a bus
// with 1-cycle block reads as well as on the card's.
wire [WORD_BITS-1:0] view_levels   = s3_host ? (s3_word & {WORD_BITS{!s3_zero}}) : snap_levels;
wire [31:0]          view_status   = s3_host ? {20'd0, cur_count, 6'd0, slot_enable[s3_slot], slot_valid[s3_slot]}
                                             : snap_status;
wire [31:0]          view_updates  = s3_host ? slot_updates[s3_slot] : snap_updates;
wire [63:0]          view_sequence = s3_host ? slot_sequence[s3_slot] : snap_sequence;

// ---- register decode ----------------------------------------------------------------------
// SLOT_CHANNEL words 0x10..0x4C and their slot (word - 4), as bit tests: compares and a subtract
// here mapped to an 8-CARRY4 chain in front of the duplicate check (`make depth`).
wire                 in_slot_words   = (reg_addr[7:6] == 2'b00 && reg_addr[5:4] != 2'b00) || reg_addr[7:4] == 4'b0100;
wire [SLOT_BITS-1:0] addr_slot       = {~(reg_addr[5] ^ reg_addr[4]), ~reg_addr[4], reg_addr[3:2]};
wire                 wr_slot_channel = reg_wr_en && in_slot_words;
wire [SLOT_BITS-1:0] wr_slot         = addr_slot;
wire                 wr_enable       = reg_wr_data[15];
wire [6:0]           wr_channel      = reg_wr_data[6:0];
wire                 wr_select       = reg_wr_en && reg_addr[7:2] == 6'h14;

reg wr_duplicate;
integer d;
always @(*) begin
    wr_duplicate = 1'b0;
    for (d = 0; d < SLOTS; d = d + 1) begin
        if (slot_enable[d] && slot_channel[d] == wr_channel && d[SLOT_BITS-1:0] != wr_slot) begin
            wr_duplicate = 1'b1;
        end
    end
end
wire wr_remap = wr_slot_channel && !(wr_enable && wr_duplicate);

// Each slot's own channel test rather than a decode of in_slot: the same one-hot, as at most one
// enabled slot follows a channel, without the encode-then-decode in front of s1_onehot (in the
// whole card that was 5 LUT levels and 7 MUXF).
integer m;
always @(*) begin
    for (m = 0; m < SLOTS; m = m + 1) begin
        in_onehot[m] = select_pending ? select_slot == m[SLOT_BITS-1:0]
                                      : (slot_enable[m] && in_channel[15:7] == 9'd0 && slot_channel[m] == in_channel[6:0]);
    end
end

integer s;
always @(posedge clk) begin
    // stage 0 -> stage 1
    s1_level_rec <= in_level_rec;
    s1_gap_rec   <= in_gap_rec;
    s1_host      <= select_pending;
    s1_slot      <= in_slot;   // the SELECT slot while a SELECT read is pending
    s1_onehot    <= in_onehot;
    s1_bid       <= select_pending ? select_bid : in_flags[FLAG_BID];
    s1_snapshot  <= in_flags[FLAG_SNAPSHOT];
    s1_sequence  <= s_rec_data[127:64];
    s1_price     <= s_rec_data[191:128];
    s1_qty       <= s_rec_data[255:192];

    // stage 1 -> stage 2
    s2_word        <= s1_fwd_last ? last_wr_data : mem_rd_data[WORD_BITS-1:0];
    s2_word_held   <= s1_fwd_last ? last_wr_held : mem_rd_data[WORD_BITS +: LEVELS];
    s2_same_u      <= s2_level && s2_addr == s1_addr;
    s2_fwd_p       <= s3_level && s3_addr == s1_addr;
    s2_seq_match   <= s1_seq_match;
    s2_seq_q       <= s1_sequence == s2_sequence;
    s2_seq_p       <= s1_sequence == s3_sequence;
    s2_q_same_slot <= s1_slot == s2_slot;
    s2_p_same_slot <= s1_slot == s3_slot;
    s2_p_clear     <= s3_level && s3_clear;
    s2_level       <= s1_level;
    s2_gap         <= s1_gap;
    s2_host        <= s1_host;
    s2_slot        <= s1_slot;
    s2_onehot      <= s1_onehot;
    s2_bid         <= s1_bid;
    s2_snapshot    <= s1_snapshot;
    s2_sequence    <= s1_sequence;
    s2_price       <= s1_price;
    s2_qty         <= s1_qty;
    s2_qpos        <= !s1_qty[63] && s1_qty != 64'd0;
    s2_qzero       <= s1_qty == 64'd0;

    // stage 2 -> stage 3: the array and compare bits of this side as the records ahead leave it
    if (s2_same_u) begin
        s3_word   <= upd;
        s3_held   <= upd_held;
        s3_gt     <= nx_gt;
        s3_lt     <= nx_lt;
    end else if (s2_fwd_p) begin
        s3_word   <= last_wr_data;
        s3_held   <= last_wr_held;
        s3_gt     <= cp_gt;
        s3_lt     <= cp_lt;
    end else begin
        s3_word   <= s2_word;
        s3_held   <= s2_word_held;
        s3_gt     <= cw_gt;
        s3_lt     <= cw_lt;
    end
    s3_zero     <= s2_empty || s2_clear;
    s3_clear    <= s2_clear;
    s3_level    <= s2_level;
    s3_gap      <= s2_gap;
    s3_host     <= s2_host;
    s3_slot     <= s2_slot;
    s3_bid      <= s2_bid;
    s3_sequence <= s2_sequence;
    s3_price    <= s2_price;
    s3_qty      <= s2_qty;
    s3_qpos     <= s2_qpos;
    s3_qzero    <= s2_qzero;

    // stage 3: apply
    last_wr_valid  <= mem_we;
    last_wr_addr   <= mem_wr_addr;
    last_wr_data   <= upd;
    last_wr_held   <= upd_held;
    // Per slot with constant indices: a variable-index write of side_empty mapped to an 8-CARRY4
    // chain on the slot number (`make depth`).
    for (s = 0; s < SLOTS; s = s + 1) begin
        if (s3_level && s3_slot == s[SLOT_BITS-1:0]) begin
            slot_updates[s] <= slot_updates[s] + 32'd1;
            side_empty[2*s + 1] <= s3_bid ? 1'b0 : (s3_clear | side_empty[2*s + 1]);
            side_empty[2*s]     <= s3_bid ? (s3_clear | side_empty[2*s]) : 1'b0;
            if (s3_clear) begin
                slot_valid[s]    <= 1'b1;
                slot_sequence[s] <= s3_sequence;
            end
        end
        if (s3_gap && s3_slot == s[SLOT_BITS-1:0]) begin
            slot_valid[s] <= 1'b0;
        end
    end
    if (s3_host) begin
        snap_levels   <= view_levels;
        snap_status   <= view_status;
        snap_updates  <= view_updates;
        snap_sequence <= view_sequence;
    end

    // Remap: the table changes at the write edge (so the next write's duplicate check sees it);
    // the slot is emptied three edges later, when the last record looked up under the old table
    // (the stall keeps any other from entering) leaves stage 3, overriding what it did.
    select_pending <= wr_select;
    if (wr_select) begin
        select_slot <= reg_wr_data[SLOT_BITS-1:0];
        select_bid  <= reg_wr_data[8];
    end
    remap_pending <= wr_remap;
    if (wr_remap) begin
        remap_slot <= wr_slot;
    end
    for (s = 0; s < SLOTS; s = s + 1) begin   // constant indices, as above
        if (wr_remap && wr_slot == s[SLOT_BITS-1:0]) begin
            slot_enable[s]  <= wr_enable;
            slot_channel[s] <= wr_channel;
        end
    end
    remap_wait  <= remap_pending;
    wait_slot   <= remap_slot;
    remap_apply <= remap_wait;
    apply_slot  <= wait_slot;
    for (s = 0; s < SLOTS; s = s + 1) begin
        if (remap_apply && apply_slot == s[SLOT_BITS-1:0]) begin
            side_empty[2*s]     <= 1'b1;
            side_empty[2*s + 1] <= 1'b1;
            slot_valid[s]       <= 1'b0;
            slot_updates[s]     <= 32'd0;
            slot_sequence[s]    <= 64'd0;
        end
    end

    if (rst) begin
        s1_level_rec   <= 1'b0;
        s1_gap_rec     <= 1'b0;
        s1_host        <= 1'b0;
        last_wr_valid  <= 1'b0;
        select_pending <= 1'b0;
        select_slot    <= {SLOT_BITS{1'b0}};
        select_bid     <= 1'b0;
        remap_pending  <= 1'b0;
        remap_wait     <= 1'b0;
        remap_apply    <= 1'b0;
        s2_level       <= 1'b0;
        s2_gap         <= 1'b0;
        s2_host        <= 1'b0;
        s3_level       <= 1'b0;
        s3_gap         <= 1'b0;
        s3_host        <= 1'b0;
        s3_clear       <= 1'b0;
        s3_zero        <= 1'b1;
        s3_held        <= {LEVELS{1'b0}};
        slot_enable    <= {SLOTS{1'b0}};
        slot_valid     <= {SLOTS{1'b0}};
        side_empty     <= {SIDES{1'b1}};
        snap_levels    <= {WORD_BITS{1'b0}};
        snap_status    <= 32'd0;
        snap_updates   <= 32'd0;
        snap_sequence  <= 64'd0;
        for (s = 0; s < SLOTS; s = s + 1) begin
            slot_channel[s]  <= 7'd0;
            slot_updates[s]  <= 32'd0;
            slot_sequence[s] <= 64'd0;
        end
    end
end

// ---- register reads: one register stage, zero when not reading ----------------------------
wire [SLOT_BITS-1:0] rd_slot = addr_slot;

always @(posedge clk) begin
    reg_rd_valid <= reg_rd_en;
    reg_rd_data  <= 32'd0;
    if (reg_rd_en) begin
        if (reg_addr[7]) begin
            reg_rd_data <= view_levels[reg_addr[6:2]*32 +: 32];
        end else if (in_slot_words) begin
            reg_rd_data <= {16'd0, slot_enable[rd_slot], 8'd0, slot_channel[rd_slot]};
        end else begin
            case (reg_addr[7:2])
                6'h00:   reg_rd_data <= 32'h0000_0005;              // SLIPWAY_BLK_TYPE_BOOK
                6'h01:   reg_rd_data <= 32'd1;                      // SLIPWAY_BOOK_VERSION
                6'h02:   reg_rd_data <= {16'd0, NEXT};
                6'h03:   reg_rd_data <= 32'h0000_0100;              // SLIPWAY_BOOK_LENGTH
                6'h14:   reg_rd_data <= {23'd0, select_bid, {(8-SLOT_BITS){1'b0}}, select_slot};
                6'h15:   reg_rd_data <= {16'd0, SLOTS[7:0], LEVELS[7:0]};
                6'h16:   reg_rd_data <= view_status;
                6'h17:   reg_rd_data <= view_updates;
                6'h18:   reg_rd_data <= view_sequence[31:0];
                6'h19:   reg_rd_data <= view_sequence[63:32];
                default: reg_rd_data <= 32'd0;
            endcase
        end
    end
    if (rst) begin
        reg_rd_valid <= 1'b0;
        reg_rd_data  <= 32'd0;
    end
end

endmodule

`resetall
