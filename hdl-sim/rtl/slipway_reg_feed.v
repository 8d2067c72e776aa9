// Feed register block (slipway_nic.h: SLIPWAY_FEED_*), at 0x0100: wire receive counters and the
// subscription table the wire parser matches datagrams against.
//
// Counters are 32-bit, read-only, wrap, cleared by reset; each event input is a one-cycle count
// enable, registered before it counts (in the card the strobes come from the end of the parser's
// and decoder's logic: strobe -> 32-bit increment was 11 LUT levels), so a count shows one cycle
// after its event. The table has SUB_COUNT entries of two words: GROUP (IPv4 destination) and
// PORT_CHANNEL (port 15:0, channel 22:16, enable 31); unused bits read 0. Reset disables every
// entry. The host writes GROUP first and PORT_CHANNEL (with enable) last, so an entry never
// matches with half its key; the parser sees the table one cycle after a write. STALE_CYCLES
// (read-write, reset 0 = off) is the wire parser's staleness timeout; STALE and RECOVERED count the
// status tokens it sends.
`resetall
`timescale 1ns / 1ps
`default_nettype none

module slipway_reg_feed #(
    parameter [15:0] NEXT = 16'h0000
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

    input  wire         frame_inc,
    input  wire         not_subscribed_inc,
    input  wire         drop_l2_inc,
    input  wire         drop_l3_inc,
    input  wire         drop_l4_inc,
    input  wire         decode_error_inc,
    input  wire         gap_inc,
    input  wire         delivered_inc,
    input  wire         stale_inc,
    input  wire         recovered_inc,

    output reg  [31:0]  stale_cycles,
    output wire [511:0] sub_group,         // entry i in bits [32i +: 32]
    output wire [511:0] sub_port_channel   // entry i in bits [32i +: 32]
);

localparam [31:0] BLK_TYPE    = 32'h0000_0004;  // SLIPWAY_BLK_TYPE_FEED
localparam [31:0] BLK_VERSION = 32'd1;          // SLIPWAY_FEED_VERSION
localparam [31:0] BLK_LENGTH  = 32'h0000_0100;  // SLIPWAY_FEED_LENGTH

reg [31:0] counter [0:7];   // words 4..11: FRAMES .. DELIVERED
reg [31:0] stale_count, recovered_count;   // words 13, 14
reg [31:0] group   [0:15];
reg [31:0] port_ch [0:15];

wire [5:0] word     = reg_addr[7:2];
wire       sub_word = word[5];                 // 0x80..0xFF
wire [3:0] sub_idx  = word[4:1];
wire       sub_hi   = word[0];

genvar g;
generate
    for (g = 0; g < 16; g = g + 1) begin : g_out
        assign sub_group[32*g +: 32]        = group[g];
        assign sub_port_channel[32*g +: 32] = port_ch[g];
    end
endgenerate

reg [7:0] inc;
reg       stale_r, recovered_r;
always @(posedge clk) begin
    inc         <= {delivered_inc, gap_inc, decode_error_inc, drop_l4_inc, drop_l3_inc, drop_l2_inc,
                    not_subscribed_inc, frame_inc};
    stale_r     <= stale_inc;
    recovered_r <= recovered_inc;
    if (rst) begin
        inc         <= 8'd0;
        stale_r     <= 1'b0;
        recovered_r <= 1'b0;
    end
end

integer i;

always @(posedge clk) begin
    for (i = 0; i < 8; i = i + 1) begin
        if (inc[i]) counter[i] <= counter[i] + 32'd1;
    end

    if (stale_r)       stale_count     <= stale_count + 32'd1;
    if (recovered_r)   recovered_count <= recovered_count + 32'd1;
    if (reg_wr_en && word == 6'd12) stale_cycles <= reg_wr_data;

    if (reg_wr_en && sub_word) begin
        if (sub_hi) port_ch[sub_idx] <= reg_wr_data & 32'h807F_FFFF;
        else        group[sub_idx]   <= reg_wr_data;
    end

    reg_rd_valid <= reg_rd_en;
    reg_rd_data  <= 32'd0;
    if (reg_rd_en) begin
        if (sub_word) begin
            reg_rd_data <= sub_hi ? port_ch[sub_idx] : group[sub_idx];
        end else if (word >= 6'd4 && word <= 6'd11) begin
            reg_rd_data <= counter[word[2:0] - 3'd4];
        end else begin
            case (word)
                6'd0:    reg_rd_data <= BLK_TYPE;
                6'd1:    reg_rd_data <= BLK_VERSION;
                6'd2:    reg_rd_data <= {16'd0, NEXT};
                6'd3:    reg_rd_data <= BLK_LENGTH;
                6'd12:   reg_rd_data <= stale_cycles;
                6'd13:   reg_rd_data <= stale_count;
                6'd14:   reg_rd_data <= recovered_count;
                default: reg_rd_data <= 32'd0;
            endcase
        end
    end

    if (rst) begin
        for (i = 0; i < 8; i = i + 1) begin
            counter[i] <= 32'd0;
        end
        for (i = 0; i < 16; i = i + 1) begin
            group[i]   <= 32'd0;
            port_ch[i] <= 32'd0;
        end
        stale_cycles    <= 32'd0;
        stale_count     <= 32'd0;
        recovered_count <= 32'd0;
        reg_rd_valid <= 1'b0;
        reg_rd_data  <= 32'd0;
    end
end

endmodule

`resetall
