// Order stream around the risk gate (slipway_nic.h: SLIPWAY_ORDER_*, SLIPWAY_ORD_*): splits each
// order slot into its descriptor (to the gate) and its venue message (held here), and sends or
// drops the message when the gate's verdict for that slot comes back.
//
// Input: one order slot per packet as 64-bit little-endian beats (beat k = slot bytes 8k..8k+7),
// tkeep marking the valid bytes (contiguous from lane 0), tlast on the slot's last beat. The slot
// length is the number of kept bytes, so the gate can check it against MESSAGE_LENGTH. Beats 0-7
// are the descriptor (bytes past the slot's end read as zero); beats 8-31 are message bytes and
// go into the message FIFO; beats past 31 (a slot over 256 bytes) still count in the length,
// which makes the slot MALFORMED, but are not kept.
//
// The descriptor is handed over on the cycle after the slot's last beat; the next slot is taken
// once the gate has accepted it. Verdicts come back in slot order, each saying how many beats
// its slot left in the FIFO: a pass sends them on the venue port (tdest = venue, tkeep on the
// last beat from MESSAGE_LENGTH), a reject drops them, one beat per cycle either way. A passed
// message of zero bytes leaves as one beat with tkeep 0 and tlast, so the venue port still
// shows one packet per sent order.
`resetall
`timescale 1ns / 1ps
`default_nettype none

module slipway_order_stream #(
    parameter MSG_DEPTH = 64   // message FIFO beats, power of two, >= 24 (one full message)
) (
    input  wire         clk,
    input  wire         rst,

    input  wire [63:0]  s_ord_tdata,
    input  wire [7:0]   s_ord_tkeep,
    input  wire         s_ord_tvalid,
    input  wire         s_ord_tlast,
    output wire         s_ord_tready,

    output reg  [511:0] m_desc_data,
    output reg  [15:0]  m_desc_length,
    output reg  [4:0]   m_desc_beats,
    output reg          m_desc_valid,
    input  wire         m_desc_ready,

    input  wire         s_vrd_pass,
    input  wire [2:0]   s_vrd_venue,
    /* verilator lint_off UNUSEDSIGNAL */  // only the bytes in the last beat matter
    input  wire [7:0]   s_vrd_length,
    /* verilator lint_on UNUSEDSIGNAL */
    input  wire [4:0]   s_vrd_beats,
    input  wire         s_vrd_trigger,   // the message is in trigger slot s_vrd_slot, not the FIFO
    input  wire [1:0]   s_vrd_slot,
    input  wire         s_vrd_valid,
    output wire         s_vrd_ready,

    // trigger slot messages (slipway_trigger): read port and release
    output wire [1:0]   trg_rd_slot,
    output wire [4:0]   trg_rd_beat,
    input  wire [63:0]  trg_rd_data,
    output reg          trg_done,
    output reg  [1:0]   trg_done_slot,

    output wire [63:0]  m_venue_tdata,
    output wire [7:0]   m_venue_tkeep,
    output wire         m_venue_tlast,
    output wire         m_venue_tvalid,
    output wire [2:0]   m_venue_tdest,
    input  wire         m_venue_tready
);

localparam AW = $clog2(MSG_DEPTH);

// ---- message FIFO ------------------------------------------------------------------------
reg [63:0]  msg_mem [0:MSG_DEPTH-1];
reg [AW-1:0] msg_wr, msg_rd;
reg [AW:0]   msg_count;
wire         msg_push;
wire         msg_pop;

// ---- parser ------------------------------------------------------------------------------
// One-hot beat position: bit k (k < 8) = descriptor beat k, bit 8 = a message beat (8 and on).
// Each descriptor lane then has its own write enable, so no beat count is compared or decoded
// between the input and the 512-bit descriptor register.
reg [8:0]  lane;
reg [15:0] length;    // kept bytes so far, saturates at 0xFFFF
reg [4:0]  stored;    // message beats put in the FIFO for this slot

wire [3:0] keep_count = {3'd0, s_ord_tkeep[0]} + {3'd0, s_ord_tkeep[1]} + {3'd0, s_ord_tkeep[2]} +
                        {3'd0, s_ord_tkeep[3]} + {3'd0, s_ord_tkeep[4]} + {3'd0, s_ord_tkeep[5]} +
                        {3'd0, s_ord_tkeep[6]} + {3'd0, s_ord_tkeep[7]};
wire [63:0] keep_mask;
genvar g;
generate
    for (g = 0; g < 8; g = g + 1) begin : gen_mask
        assign keep_mask[8*g +: 8] = {8{s_ord_tkeep[g]}};
    end
endgenerate
wire [63:0] kept = s_ord_tdata & keep_mask;
wire [16:0] length_next = {1'b0, length} + {13'd0, keep_count};

// msg_count never exceeds MSG_DEPTH, so its top bit alone says the FIFO is full.
assign s_ord_tready = !m_desc_valid && !msg_count[AW];
wire beat_in   = s_ord_tvalid && s_ord_tready;
wire desc_take = m_desc_valid && m_desc_ready;
wire store     = beat_in && lane[8] && stored != 5'd24;
assign msg_push = store;

// Per-lane write enables: the lane's beat is written, or the descriptor is handed over and the
// next slot's bytes past its end must read as zero (the two never coincide: no beat is taken
// while a descriptor is waiting).
generate
    for (g = 0; g < 8; g = g + 1) begin : gen_lane
        always @(posedge clk) begin
            if (beat_in && lane[g]) m_desc_data[64*g +: 64] <= kept;
            else if (desc_take)     m_desc_data[64*g +: 64] <= 64'd0;
            if (rst)                m_desc_data[64*g +: 64] <= 64'd0;
        end
    end
endgenerate

always @(posedge clk) begin
    if (desc_take) begin
        m_desc_valid <= 1'b0;
    end
    if (beat_in) begin
        if (!lane[8]) lane <= {lane[7:0], 1'b0};
        length <= length_next[16] ? 16'hFFFF : length_next[15:0];
        if (store) stored <= stored + 5'd1;
        if (s_ord_tlast) begin
            m_desc_valid  <= 1'b1;
            m_desc_length <= length_next[16] ? 16'hFFFF : length_next[15:0];
            m_desc_beats  <= stored + (store ? 5'd1 : 5'd0);
            lane   <= 9'd1;
            length <= 16'd0;
            stored <= 5'd0;
        end
    end
    if (rst) begin
        m_desc_valid  <= 1'b0;
        m_desc_length <= 16'd0;
        m_desc_beats  <= 5'd0;
        lane   <= 9'd1;
        length <= 16'd0;
        stored <= 5'd0;
    end
end

// ---- sender ------------------------------------------------------------------------------
localparam [1:0] S_IDLE = 2'd0, S_SEND = 2'd1, S_DROP = 2'd2, S_NULL = 2'd3;
reg [1:0] state;
reg [4:0] left;       // beats still to send or drop
reg [2:0] venue;
reg [7:0] last_keep;
reg       from_trigger;
reg [1:0] trg_slot;
reg [4:0] trg_beat;

assign trg_rd_slot = trg_slot;
assign trg_rd_beat = trg_beat;

assign s_vrd_ready    = state == S_IDLE;
assign m_venue_tvalid = state == S_SEND || state == S_NULL;
assign m_venue_tdata  = state != S_SEND ? 64'd0 : from_trigger ? trg_rd_data : msg_mem[msg_rd];
assign m_venue_tlast  = state == S_NULL || left == 5'd1;
assign m_venue_tkeep  = state == S_NULL ? 8'h00 : (left == 5'd1 ? last_keep : 8'hFF);
assign m_venue_tdest  = venue;
assign msg_pop = !from_trigger && ((state == S_SEND && m_venue_tready) || state == S_DROP);

wire [2:0] tail_bytes = s_vrd_length[2:0];

// A trigger slot's message is read in place: nothing to drop on a reject, and the slot is
// released (trg_done) once its verdict has been acted on.
always @(posedge clk) begin
    trg_done <= 1'b0;
    case (state)
        S_IDLE: if (s_vrd_valid) begin
            venue        <= s_vrd_venue;
            left         <= s_vrd_beats;
            last_keep    <= tail_bytes == 3'd0 ? 8'hFF : (8'hFF >> (4'd8 - {1'b0, tail_bytes}));
            from_trigger <= s_vrd_trigger;
            trg_slot     <= s_vrd_slot;
            trg_beat     <= 5'd0;
            if (s_vrd_pass) state <= s_vrd_beats == 5'd0 ? S_NULL : S_SEND;
            else if (s_vrd_beats != 5'd0 && !s_vrd_trigger) state <= S_DROP;
            else if (s_vrd_trigger) begin
                trg_done      <= 1'b1;
                trg_done_slot <= s_vrd_slot;
            end
        end
        S_SEND: if (m_venue_tready) begin
            left     <= left - 5'd1;
            trg_beat <= trg_beat + 5'd1;
            if (left == 5'd1) begin
                state         <= S_IDLE;
                trg_done      <= from_trigger;
                trg_done_slot <= trg_slot;
            end
        end
        S_DROP: begin
            left <= left - 5'd1;
            if (left == 5'd1) state <= S_IDLE;
        end
        default: if (m_venue_tready) begin   // S_NULL
            state         <= S_IDLE;
            trg_done      <= from_trigger;
            trg_done_slot <= trg_slot;
        end
    endcase
    if (rst) begin
        state <= S_IDLE;
        left  <= 5'd0;
        venue <= 3'd0;
        last_keep <= 8'hFF;
        from_trigger  <= 1'b0;
        trg_slot      <= 2'd0;
        trg_beat      <= 5'd0;
        trg_done      <= 1'b0;
        trg_done_slot <= 2'd0;
    end
end

always @(posedge clk) begin
    if (msg_push) begin
        msg_mem[msg_wr] <= kept;
        msg_wr <= msg_wr + 1'b1;
    end
    if (msg_pop) msg_rd <= msg_rd + 1'b1;
    msg_count <= msg_count + {{AW{1'b0}}, msg_push} - {{AW{1'b0}}, msg_pop};
    if (rst) begin
        msg_wr <= 0;
        msg_rd <= 0;
        msg_count <= 0;
    end
end

endmodule

`resetall
