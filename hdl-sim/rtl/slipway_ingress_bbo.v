// Lookaside ingress decoder for the SBE BestBidAsk message (slipway_nic.h: SLIPWAY_INGRESS_*,
// SLIPWAY_SBE_*, SLIPWAY_MD_*), Binance spot stream schema 1 version 0, template 10001.
//
// Input: one ingress slot per frame as 64-bit little-endian beats (beat k = slot bytes 8k..8k+7),
// slot header first, tlast on the beat holding the last message byte. tkeep is not needed: the
// slot header's LENGTH says where the message ends.
//
// A frame is checked whole, as the reference card does: it yields either one BBO record (and a
// BBO table update) or one FEED_STATUS record with FLAG_DECODE_ERROR (and a decode_error strobe)
// when the schema id, version, template, block length (< 50), channel (>= 128), exponents or
// lengths (truncated frame, symbol not ending the message, LENGTH > 496) are wrong.
//
// Mantissas are rescaled into the instrument scale (PRICE_EXP, QTY_EXP) by slipway_scale_div:
// as they are at the scale's exponent or when 0, divided by 10^k for an exponent finer by k
// (1..18) when the division is exact (Binance's -8); anything else is a decode error.
//
// Latency: 6 cycles. m_rec_valid is high after the sixth rising edge counting the one that
// samples the frame's last beat: capture, rescale (3), assemble, FIFO write.
`resetall
`timescale 1ns / 1ps
`default_nettype none

module slipway_ingress_bbo #(
    parameter signed [7:0] PRICE_EXP  = -8'sd2,
    parameter signed [7:0] QTY_EXP    = -8'sd6,
    parameter              FIFO_DEPTH = 16       // records, power of two
) (
    input  wire         clk,
    input  wire         rst,

    input  wire [63:0]  s_tdata,
    /* verilator lint_off UNUSEDSIGNAL */  // length comes from the slot header
    input  wire [7:0]   s_tkeep,
    /* verilator lint_on UNUSEDSIGNAL */
    input  wire         s_tvalid,
    input  wire         s_tlast,
    output wire         s_tready,

    output wire [511:0] m_rec_data,    // one 64-byte MD record, byte 0 in bits [7:0]
    output wire         m_rec_valid,
    input  wire         m_rec_ready,

    input  wire [63:0]  cycles,        // stamped into MD_CARD_CYCLES

    output reg          md_record,     // one-cycle strobe per record written
    output reg          decode_error,  // one-cycle strobe per frame dropped as malformed

    // BBO table, one entry per channel, for the risk gate: registered read, 1 cycle
    input  wire [6:0]   bbo_rd_channel,
    output reg  [63:0]  bbo_rd_bid,
    output reg  [63:0]  bbo_rd_ask
);

localparam [15:0] SCHEMA_ID   = 16'd1;      // SLIPWAY_SBE_SCHEMA_ID
localparam [15:0] VERSION     = 16'd0;      // SLIPWAY_SBE_SCHEMA_VERSION
localparam [15:0] TEMPLATE    = 16'd10001;  // SLIPWAY_SBE_TEMPLATE_BEST_BID_ASK
localparam [15:0] BLOCK_MIN   = 16'd50;
localparam [15:0] MAX_PAYLOAD = 16'd496;    // SLIPWAY_INGRESS_MAX_PAYLOAD
localparam [15:0] TYPE_BBO    = 16'd1;      // SLIPWAY_MD_TYPE_BBO
localparam [15:0] TYPE_STATUS = 16'd4;      // SLIPWAY_MD_TYPE_FEED_STATUS
localparam [7:0]  FLAG_DECODE = 8'h10;      // SLIPWAY_MD_FLAG_DECODE_ERROR
localparam        AW          = $clog2(FIFO_DEPTH);

// ---- stage 0: capture fields by beat index ------------------------------------------------
reg  [6:0]  beat;          // index of the next beat, saturates at 127
reg  [15:0] channel, length, block_length, template_id, schema_id, version;
reg  [63:0] event_time, update_id;
reg  [7:0]  price_exp, qty_exp;
reg  [63:0] bid_price, bid_qty, ask_price, ask_qty;
reg  [7:0]  symbol_length;
reg  [6:0]  last_beat;
reg         frame_done;    // the fields above hold a complete frame (for one cycle)

wire        beat_in  = s_tvalid && s_tready;
// slot offset of the symbol's length byte: 16 slot header + 8 SBE header + blockLength
wire [16:0] symbol_pos = 17'd24 + {1'b0, block_length};
wire [7:0]  lane_byte [0:7];

genvar g;
generate
    for (g = 0; g < 8; g = g + 1) begin : g_lane
        assign lane_byte[g] = s_tdata[8*g +: 8];
    end
endgenerate

always @(posedge clk) begin
    frame_done <= 1'b0;
    if (beat_in) begin
        case (beat)
            7'd0: begin channel <= s_tdata[15:0]; length <= s_tdata[31:16]; end
            7'd2: begin
                block_length <= s_tdata[15:0];
                template_id  <= s_tdata[31:16];
                schema_id    <= s_tdata[47:32];
                version      <= s_tdata[63:48];
            end
            7'd3: event_time <= s_tdata;
            7'd4: update_id   <= s_tdata;
            7'd5: begin
                price_exp       <= s_tdata[7:0];
                qty_exp         <= s_tdata[15:8];
                bid_price[47:0] <= s_tdata[63:16];
            end
            7'd6: begin bid_price[63:48] <= s_tdata[15:0]; bid_qty[47:0]   <= s_tdata[63:16]; end
            7'd7: begin bid_qty[63:48]   <= s_tdata[15:0]; ask_price[47:0] <= s_tdata[63:16]; end
            7'd8: begin ask_price[63:48] <= s_tdata[15:0]; ask_qty[47:0]   <= s_tdata[63:16]; end
            7'd9: ask_qty[63:48] <= s_tdata[15:0];
            default: ;
        endcase
        // the symbol length byte can be on any beat after the SBE header
        if (beat > 7'd2 && {7'd0, beat} == symbol_pos[16:3]) begin
            symbol_length <= lane_byte[symbol_pos[2:0]];
        end
        if (s_tlast) begin
            beat       <= 7'd0;
            last_beat  <= beat;
            frame_done <= 1'b1;
        end else if (beat != 7'd127) begin
            beat <= beat + 7'd1;
        end
    end

    if (rst) begin
        beat       <= 7'd0;
        frame_done <= 1'b0;
    end
end

// ---- stage 1: check the frame; rescale the mantissas (RESCALE_CYCLES) -----------------------
wire [17:0] rx_bytes     = {8'd0, last_beat, 3'd0} + 18'd8;        // bytes the frame carried
wire [17:0] frame_bytes  = 18'd16 + {2'd0, length};                // slot header + message
wire [17:0] root_end     = 18'd8 + {2'd0, block_length};           // root block end, message offset
wire [17:0] message_end  = root_end + 18'd1 + {10'd0, symbol_length};

wire header_ok = length <= MAX_PAYLOAD
             && rx_bytes >= frame_bytes
             && length >= 16'd8
             && schema_id == SCHEMA_ID
             && version == VERSION
             && root_end <= {2'd0, length}
             && template_id == TEMPLATE
             && block_length >= BLOCK_MIN
             && message_end == {2'd0, length}
             && channel[15:7] == 9'd0;

wire [63:0] bid_price_s, bid_qty_s, ask_price_s, ask_qty_s;
wire [3:0]  scaled_ok;

slipway_scale_div #(.SCALE(PRICE_EXP)) bid_price_div (
    .clk(clk), .in_mantissa(bid_price), .in_exp(price_exp), .out_value(bid_price_s), .out_ok(scaled_ok[0]));
slipway_scale_div #(.SCALE(QTY_EXP)) bid_qty_div (
    .clk(clk), .in_mantissa(bid_qty), .in_exp(qty_exp), .out_value(bid_qty_s), .out_ok(scaled_ok[1]));
slipway_scale_div #(.SCALE(PRICE_EXP)) ask_price_div (
    .clk(clk), .in_mantissa(ask_price), .in_exp(price_exp), .out_value(ask_price_s), .out_ok(scaled_ok[2]));
slipway_scale_div #(.SCALE(QTY_EXP)) ask_qty_div (
    .clk(clk), .in_mantissa(ask_qty), .in_exp(qty_exp), .out_value(ask_qty_s), .out_ok(scaled_ok[3]));

// the rest of the record waits beside the rescale (slipway_scale_div's latency)
localparam RESCALE_CYCLES = 3;
localparam L = RESCALE_CYCLES - 1;
reg  [L:0]  d_valid, d_ok;
reg  [15:0] d_channel   [0:L];
reg  [63:0] d_update_id [0:L];
reg  [63:0] d_event     [0:L];

integer d;
always @(posedge clk) begin
    d_valid        <= {d_valid[L-1:0], frame_done};
    d_ok           <= {d_ok[L-1:0], header_ok};
    d_channel[0]   <= channel;
    d_update_id[0] <= update_id;
    d_event[0]     <= event_time;
    for (d = 1; d <= L; d = d + 1) begin
        d_channel[d]   <= d_channel[d-1];
        d_update_id[d] <= d_update_id[d-1];
        d_event[d]     <= d_event[d-1];
    end
    if (rst) begin
        d_valid <= {(L+1){1'b0}};
    end
end

// ---- stage 2: assemble the record ----------------------------------------------------------
wire        frame_ok = d_ok[L] && scaled_ok == 4'b1111;
wire [15:0] r_channel = d_channel[L];

reg [511:0] rec;
reg         rec_valid;
reg         rec_bbo;

always @(posedge clk) begin
    rec_valid <= d_valid[L];
    rec_bbo   <= frame_ok;
    rec[63:0] <= {frame_ok ? 8'h00 : FLAG_DECODE, r_channel[11:4], 12'd0, r_channel[3:0], r_channel,
                  frame_ok ? TYPE_BBO : TYPE_STATUS};
    rec[127:64]  <= frame_ok ? d_update_id[L] : 64'd0;
    rec[191:128] <= frame_ok ? bid_price_s    : 64'd0;
    rec[255:192] <= frame_ok ? bid_qty_s      : 64'd0;
    rec[319:256] <= frame_ok ? ask_price_s    : 64'd0;
    rec[383:320] <= frame_ok ? ask_qty_s      : 64'd0;
    rec[447:384] <= frame_ok ? d_event[L]     : 64'd0;
    rec[511:448] <= cycles;

    if (rst) begin
        rec_valid <= 1'b0;
    end
end

// ---- stage 3: FIFO write, BBO table update, counter strobes --------------------------------
reg [511:0] fifo [0:FIFO_DEPTH-1];
reg [AW:0]  wr_ptr, rd_ptr;
wire [AW:0] fill = wr_ptr - rd_ptr;

// Room for the records the stages behind the FIFO may still hold (capture, rescale, assemble:
// RESCALE_CYCLES + 2), a frame being as short as one beat.
assign s_tready    = fill <= FIFO_DEPTH - (RESCALE_CYCLES + 3);
assign m_rec_valid = wr_ptr != rd_ptr;
assign m_rec_data  = fifo[rd_ptr[AW-1:0]];

reg [127:0] bbo_table [0:127];  // {ask, bid} per channel

always @(posedge clk) begin
    md_record    <= rec_valid;
    decode_error <= rec_valid && !rec_bbo;
    if (rec_valid) begin
        fifo[wr_ptr[AW-1:0]] <= rec;
        wr_ptr <= wr_ptr + 1'b1;
        if (rec_bbo) begin
            bbo_table[rec[22:16]] <= {rec[319:256], rec[191:128]};
        end
    end
    if (m_rec_valid && m_rec_ready) begin
        rd_ptr <= rd_ptr + 1'b1;
    end

    {bbo_rd_ask, bbo_rd_bid} <= bbo_table[bbo_rd_channel];

    if (rst) begin
        wr_ptr       <= {(AW+1){1'b0}};
        rd_ptr       <= {(AW+1){1'b0}};
        md_record    <= 1'b0;
        decode_error <= 1'b0;
    end
end

endmodule

`resetall
