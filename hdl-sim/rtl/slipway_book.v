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
// stage 2 (below), 3 edges after the write; reads sampled from then on return it.
//
// Storage: one memory word per slot and side holds all LEVELS levels ({qty, price} x LEVELS,
// level 0 = best in the low bits), 2 x SLOTS words of LEVELS x 128 bits, block RAM with one
// read and one write port. A record is applied in three stages, one record per cycle sustained:
//   stage 0: slot lookup (the slot table is a 16-entry CAM on the channel), memory read, the
//            record's sequence compared with every slot's;
//   stage 1: the memory word registered (the block RAM's output register); whether the side
//            reads as empty or is cleared by a new snapshot, and which recent write holds the
//            side's word, worked out from stage 0's compares and the two records ahead;
//   stage 2: the level array (the memory word, or one of the two previous writes when they were
//            to the same side, or empty) is updated in registers - eight parallel compares give
//            the insert/update/delete position - and written back.
// For 322 MHz (`make depth`): the first version did the sequence compare, the empty test and the
// update in one stage, and read the SNAP registers through all of it (13 LUT levels).
// Emptying a side does not touch the memory: a flag per side says "read as empty", cleared by
// the next write of that side. The book reflects a record 3 edges after the edge that takes it.
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
reg                   remap_apply;         // ... two edges ago: clear it now, after the records in flight
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
reg  [SLOT_BITS-1:0] in_slot;
reg                  in_hit;
integer k;
always @(*) begin
    in_slot = {SLOT_BITS{1'b0}};
    in_hit  = 1'b0;
    for (k = 0; k < SLOTS; k = k + 1) begin
        if (slot_enable[k] && in_channel[15:7] == 9'd0 && slot_channel[k] == in_channel[6:0]) begin
            in_slot = in_slot | k[SLOT_BITS-1:0];
            in_hit  = 1'b1;
        end
    end
end

wire in_level = take && in_hit && in_type == TYPE_BOOK_LEVEL;
wire in_gap   = take && in_hit && in_type == TYPE_FEED_STATUS && in_flags[FLAG_GAP];

// ---- book memory --------------------------------------------------------------------------
(* ram_style = "block" *)
reg  [WORD_BITS-1:0] book_mem [0:SIDES-1];
reg  [WORD_BITS-1:0] mem_rd_data;
wire [ADDR_BITS-1:0] mem_rd_addr = select_pending ? {select_slot, select_bid}
                                                  : {in_slot, in_flags[FLAG_BID]};
wire                 mem_we;
wire [ADDR_BITS-1:0] mem_wr_addr;
wire [WORD_BITS-1:0] mem_wr_data;

always @(posedge clk) begin
    if (mem_we) begin
        book_mem[mem_wr_addr] <= mem_wr_data;
    end
    mem_rd_data <= book_mem[mem_rd_addr];
end

// ---- stage 1: the memory word registered; what the apply stage will need, worked out ------
// The record in stage 2 (q) changes the slot state at the end of this cycle, and the one that
// left stage 2 last cycle (p) did so at the start of it; what stage 0 read before them is
// corrected here.
reg                  s1_level;
reg                  s1_gap;
reg                  s1_host;
reg  [SLOT_BITS-1:0] s1_slot;
reg  [SLOTS-1:0]     s1_onehot;
reg                  s1_bid;
reg                  s1_snapshot;
reg  [63:0]          s1_sequence;
reg  [63:0]          s1_price;
reg  [63:0]          s1_qty;
reg  [SLOTS-1:0]     s1_seq_match;         // per slot: SEQUENCE == the record's, before p and q
reg                  s1_seq_q;             // the record's sequence == q's
reg                  s1_seq_p;             // ... == p's
reg  [WORD_BITS-1:0] mem_q;                // the memory word, registered (block RAM output register)
reg  [LEVELS-1:0]    mem_q_held;           // its levels with a quantity (so stage 2 need not test 64 bits)

reg                  s2_level;
reg                  s2_gap;
reg                  s2_host;
reg  [SLOT_BITS-1:0] s2_slot;
reg                  s2_bid;
reg  [63:0]          s2_sequence;
reg  [63:0]          s2_price;
reg  [63:0]          s2_qty;
reg                  s2_clear;
reg                  s2_zero;              // the side reads as empty (emptied, or cleared now)
reg                  s2_fwd_q;             // the side's word is q's write
reg                  s2_fwd_p;             // ... else p's write

reg                  last_wr_valid;        // q's write, registered (p's while stage 1 runs)
reg  [ADDR_BITS-1:0] last_wr_addr;
reg  [WORD_BITS-1:0] last_wr_data;
reg  [LEVELS-1:0]    last_wr_held;
reg                  last_clear;
reg  [WORD_BITS-1:0] last2_wr_data;
reg  [LEVELS-1:0]    last2_wr_held;

wire [ADDR_BITS-1:0] s1_addr      = {s1_slot, s1_bid};
wire [ADDR_BITS-1:0] s2_addr      = {s2_slot, s2_bid};
wire [ADDR_BITS-1:0] s2_other     = {s2_slot, !s2_bid};
wire                 q_same_slot  = s2_slot == s1_slot;
wire                 p_same_slot  = last_wr_addr[ADDR_BITS-1:1] == s1_slot;

reg s1_valid_now, s1_empty_now;
integer v;
always @(*) begin
    s1_valid_now = 1'b0;
    s1_empty_now = 1'b0;
    for (v = 0; v < SLOTS; v = v + 1) begin
        s1_valid_now = s1_valid_now | (s1_onehot[v] & slot_valid[v]);
        s1_empty_now = s1_empty_now | (s1_onehot[v] & side_empty[2*v + (s1_bid ? 1 : 0)]);
    end
end
wire s1_seq_eq = (q_same_slot && s2_clear)                  ? s1_seq_q :
                 (last_wr_valid && last_clear && p_same_slot) ? s1_seq_p :
                                                               |(s1_onehot & s1_seq_match);
wire s1_valid  = (q_same_slot && s2_gap)   ? 1'b0 :
                 (q_same_slot && s2_clear) ? 1'b1 : s1_valid_now;
// A snapshot level rebuilds the slot when the slot is not valid or the snapshot is a new one.
wire s1_clear  = s1_level && s1_snapshot && !(s1_valid && s1_seq_eq);
wire s1_empty  = (s2_level && s2_addr == s1_addr)   ? 1'b0 :
                 (s2_clear && q_same_slot)           ? 1'b1 :   // q cleared the other side
                                                      s1_empty_now;

// ---- stage 2: apply -----------------------------------------------------------------------
wire [WORD_BITS-1:0] cur = s2_zero  ? {WORD_BITS{1'b0}} :
                           s2_fwd_q ? last_wr_data :
                           s2_fwd_p ? last2_wr_data : mem_q;
// Which levels hold a quantity, kept beside each word so the compares below and the SNAP count do
// not wait for a 64-bit zero test of the word just chosen.
wire [LEVELS-1:0]    cur_held = s2_zero  ? {LEVELS{1'b0}} :
                                s2_fwd_q ? last_wr_held :
                                s2_fwd_p ? last2_wr_held : mem_q_held;
wire [LEVELS-1:0]    upd_held;

wire [LEVELS-1:0] held, same, better, at;
wire [WORD_BITS-1:0] upd;
wire        q_pos  = !s2_qty[63] && s2_qty != 64'd0;
wire        q_zero = s2_qty == 64'd0;
wire        found  = |same;
wire        do_del = found && q_zero;
wire        do_set = found && q_pos;
wire        do_ins = !found && q_pos;   // no position (all LEVELS better) inserts nothing

genvar i;
generate
    for (i = 0; i < LEVELS; i = i + 1) begin : level
        wire [63:0] price = cur[i*128 +: 64];
        assign held[i]   = cur_held[i];
        assign same[i]   = held[i] && price == s2_price;
        assign better[i] = held[i] && (s2_bid ? ($signed(price) > $signed(s2_price))
                                              : ($signed(price) < $signed(s2_price)));
        // Levels are sorted with the empty ones last, so "better" is a prefix and the
        // first level that is not better is where the price is or would go.
        if (i == 0) begin : first
            assign at[i] = !better[i];
        end else begin : rest
            assign at[i] = !better[i] && better[i-1];
        end

        wire [127:0] keep = cur[i*128 +: 128];
        wire [127:0] next_up;    // the level behind moves up (delete)
        wire [127:0] next_down;  // the level in front moves down (insert)
        if (i == LEVELS - 1) begin : last
            assign next_up = 128'd0;
        end else begin : notlast
            assign next_up = cur[(i+1)*128 +: 128];
        end
        if (i == 0) begin : head
            assign next_down = keep;
        end else begin : nothead
            assign next_down = cur[(i-1)*128 +: 128];
        end

        assign upd[i*128 +: 128] =
            better[i]           ? keep :
            do_del              ? next_up :
            (do_set && at[i])   ? {s2_qty, price} :
            (do_ins && at[i])   ? {s2_qty, s2_price} :
            do_ins              ? next_down :
                                  keep;
        wire held_up   = (i == LEVELS - 1) ? 1'b0 : cur_held[(i+1) % LEVELS];
        wire held_down = (i == 0) ? cur_held[0] : cur_held[(i+LEVELS-1) % LEVELS];
        assign upd_held[i] =
            better[i]           ? held[i] :
            do_del              ? held_up :
            (do_set && at[i])   ? 1'b1 :
            (do_ins && at[i])   ? 1'b1 :
            do_ins              ? held_down :
                                  held[i];
    end
endgenerate

assign mem_we      = s2_level;
assign mem_wr_addr = s2_addr;
assign mem_wr_data = upd;

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
// through the copy in progress lets a read sampled 3 edges after the SELECT write see it, on a bus
// with 1-cycle block reads as well as on the card's.
wire [WORD_BITS-1:0] view_levels   = s2_host ? cur : snap_levels;
wire [31:0]          view_status   = s2_host ? {20'd0, cur_count, 6'd0, slot_enable[s2_slot], slot_valid[s2_slot]}
                                             : snap_status;
wire [31:0]          view_updates  = s2_host ? slot_updates[s2_slot] : snap_updates;
wire [63:0]          view_sequence = s2_host ? slot_sequence[s2_slot] : snap_sequence;

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

reg  [SLOTS-1:0] in_onehot;
reg  [SLOTS-1:0] in_seq_match;
integer m;
always @(*) begin
    for (m = 0; m < SLOTS; m = m + 1) begin
        in_onehot[m]    = select_pending ? select_slot == m[SLOT_BITS-1:0] : (in_hit && in_slot == m[SLOT_BITS-1:0]);
        in_seq_match[m] = slot_sequence[m] == s_rec_data[127:64];
    end
end

integer s;
always @(posedge clk) begin
    // stage 0 -> stage 1
    s1_level     <= in_level;
    s1_gap       <= in_gap;
    s1_host      <= select_pending;
    s1_slot      <= select_pending ? select_slot : in_slot;
    s1_onehot    <= in_onehot;
    s1_bid       <= select_pending ? select_bid : in_flags[FLAG_BID];
    s1_snapshot  <= in_flags[FLAG_SNAPSHOT];
    s1_sequence  <= s_rec_data[127:64];
    s1_price     <= s_rec_data[191:128];
    s1_qty       <= s_rec_data[255:192];
    s1_seq_match <= in_seq_match;
    s1_seq_q     <= s_rec_data[127:64] == s1_sequence;
    s1_seq_p     <= s_rec_data[127:64] == s2_sequence;

    // stage 1 -> stage 2
    mem_q       <= mem_rd_data;
    for (m = 0; m < LEVELS; m = m + 1) begin
        mem_q_held[m] <= mem_rd_data[m*128 + 64 +: 64] != 64'd0;
    end
    s2_level    <= s1_level;
    s2_gap      <= s1_gap;
    s2_host     <= s1_host;
    s2_slot     <= s1_slot;
    s2_bid      <= s1_bid;
    s2_sequence <= s1_sequence;
    s2_price    <= s1_price;
    s2_qty      <= s1_qty;
    s2_clear    <= s1_clear;
    s2_zero     <= s1_empty || s1_clear;
    s2_fwd_q    <= s2_level && s2_addr == s1_addr;
    s2_fwd_p    <= last_wr_valid && last_wr_addr == s1_addr;

    // stage 2: apply
    last_wr_valid  <= mem_we;
    last_wr_addr   <= mem_wr_addr;
    last_wr_data   <= mem_wr_data;
    last_wr_held   <= upd_held;
    last2_wr_held  <= last_wr_held;
    last_clear     <= s2_clear;
    last2_wr_data  <= last_wr_data;
    if (s2_level) begin
        side_empty[s2_addr]   <= 1'b0;
        slot_updates[s2_slot] <= slot_updates[s2_slot] + 32'd1;
        if (s2_clear) begin
            side_empty[s2_other]   <= 1'b1;
            slot_valid[s2_slot]    <= 1'b1;
            slot_sequence[s2_slot] <= s2_sequence;
        end
    end
    if (s2_gap) begin
        slot_valid[s2_slot] <= 1'b0;
    end
    if (s2_host) begin
        snap_levels   <= view_levels;
        snap_status   <= view_status;
        snap_updates  <= view_updates;
        snap_sequence <= view_sequence;
    end

    // Remap: the table changes at the write edge (so the next write's duplicate check sees it);
    // the slot is emptied two edges later, when the last record looked up under the old table
    // (the stall keeps any other from entering) leaves stage 2, overriding what it did.
    select_pending <= wr_select;
    if (wr_select) begin
        select_slot <= reg_wr_data[SLOT_BITS-1:0];
        select_bid  <= reg_wr_data[8];
    end
    remap_pending <= wr_remap;
    if (wr_remap) begin
        remap_slot             <= wr_slot;
        slot_enable[wr_slot]   <= wr_enable;
        slot_channel[wr_slot]  <= wr_channel;
    end
    remap_apply <= remap_pending;
    apply_slot  <= remap_slot;
    if (remap_apply) begin
        side_empty[{apply_slot, 1'b0}] <= 1'b1;
        side_empty[{apply_slot, 1'b1}] <= 1'b1;
        slot_valid[apply_slot]         <= 1'b0;
        slot_updates[apply_slot]       <= 32'd0;
        slot_sequence[apply_slot]      <= 64'd0;
    end

    if (rst) begin
        s1_level       <= 1'b0;
        s1_gap         <= 1'b0;
        s1_host        <= 1'b0;
        last_wr_valid  <= 1'b0;
        select_pending <= 1'b0;
        select_slot    <= {SLOT_BITS{1'b0}};
        select_bid     <= 1'b0;
        remap_pending  <= 1'b0;
        remap_apply    <= 1'b0;
        s2_level       <= 1'b0;
        s2_gap         <= 1'b0;
        s2_host        <= 1'b0;
        s2_clear       <= 1'b0;
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
