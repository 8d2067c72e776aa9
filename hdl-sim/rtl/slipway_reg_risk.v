// Risk register block (slipway_nic.h: SLIPWAY_RISK_*), at 0x0040.
//
// Admin-written limits that the risk gate will consume; they leave this module as ports.
// Reset is the safe state: kill switch set, no venue or instrument enabled, every limit zero,
// so a card fresh out of reset lets nothing out until the admin path configures it.
//
// Field widths follow the card limits in slipway_nic.h: CONTROL keeps bit 0 only,
// VENUE_ENABLE keeps SLIPWAY_MAX_VENUES bits, INSTRUMENT_ENABLE SLIPWAY_MAX_INSTRUMENTS bits.
// Bits above those are reserved: writes are ignored and they read as zero.
//
// 64-bit limits are written low word first (header convention). The low word is held in a
// staging register and both halves take effect together on the high-word write, so the gate
// never sees half an update (e.g. raising 0x1_00000000 to 0x0_FFFFFFFF must not pass through
// 0x1_FFFFFFFF). Reads return the value in effect.
`resetall
`timescale 1ns / 1ps
`default_nettype none

module slipway_reg_risk #(
    parameter [15:0] NEXT            = 16'h0080,
    parameter        MAX_VENUES      = 8,
    parameter        MAX_INSTRUMENTS = 16
) (
    input  wire                       clk,
    input  wire                       rst,

    /* verilator lint_off UNUSEDSIGNAL */  // [1:0]: word-aligned bus
    input  wire [5:0]                 reg_addr,
    /* verilator lint_on UNUSEDSIGNAL */
    input  wire                       reg_wr_en,
    input  wire [31:0]                reg_wr_data,
    input  wire                       reg_rd_en,
    output reg  [31:0]                reg_rd_data,
    output reg                        reg_rd_valid,

    // to the risk gate
    output reg                        kill,
    output reg  [MAX_VENUES-1:0]      venue_enable,
    output reg  [MAX_INSTRUMENTS-1:0] instrument_enable,
    output reg  [31:0]                collar_bps,
    output reg  [63:0]                max_qty,
    output reg  [63:0]                max_notional,
    output reg  [31:0]                throttle_burst,
    output reg  [31:0]                throttle_refill,
    output reg  [63:0]                max_position,
    // one-cycle strobes, high while the new value is first visible: the gate refills its token
    // buckets on a burst write and restarts their refill timers on a refill write
    output reg                        throttle_burst_written,
    output reg                        throttle_refill_written
);

localparam [31:0] BLK_TYPE    = 32'h0000_0002;  // SLIPWAY_BLK_TYPE_RISK
localparam [31:0] BLK_VERSION = 32'd1;          // SLIPWAY_RISK_VERSION
localparam [31:0] BLK_LENGTH  = 32'h0000_0040;  // SLIPWAY_RISK_LENGTH

reg [31:0] max_qty_lo_stage;
reg [31:0] max_notional_lo_stage;
reg [31:0] max_position_lo_stage;

always @(posedge clk) begin
    throttle_burst_written  <= reg_wr_en && reg_addr[5:2] == 4'hC;
    throttle_refill_written <= reg_wr_en && reg_addr[5:2] == 4'hD;
    if (reg_wr_en) begin
        case (reg_addr[5:2])
            4'h4: kill                  <= reg_wr_data[0];
            4'h5: venue_enable          <= reg_wr_data[MAX_VENUES-1:0];
            4'h6: instrument_enable     <= reg_wr_data[MAX_INSTRUMENTS-1:0];
            4'h7: collar_bps            <= reg_wr_data;
            4'h8: max_qty_lo_stage      <= reg_wr_data;
            4'h9: max_qty               <= {reg_wr_data, max_qty_lo_stage};
            4'hA: max_notional_lo_stage <= reg_wr_data;
            4'hB: max_notional          <= {reg_wr_data, max_notional_lo_stage};
            4'hC: throttle_burst        <= reg_wr_data;
            4'hD: throttle_refill       <= reg_wr_data;
            4'hE: max_position_lo_stage <= reg_wr_data;
            4'hF: max_position          <= {reg_wr_data, max_position_lo_stage};
            default: ;  // block header is read-only
        endcase
    end

    reg_rd_valid <= reg_rd_en;
    reg_rd_data  <= 32'd0;
    if (reg_rd_en) begin
        case (reg_addr[5:2])
            4'h0: reg_rd_data <= BLK_TYPE;
            4'h1: reg_rd_data <= BLK_VERSION;
            4'h2: reg_rd_data <= {16'd0, NEXT};
            4'h3: reg_rd_data <= BLK_LENGTH;
            4'h4: reg_rd_data <= {31'd0, kill};
            4'h5: reg_rd_data <= {{(32-MAX_VENUES){1'b0}}, venue_enable};
            4'h6: reg_rd_data <= {{(32-MAX_INSTRUMENTS){1'b0}}, instrument_enable};
            4'h7: reg_rd_data <= collar_bps;
            4'h8: reg_rd_data <= max_qty[31:0];
            4'h9: reg_rd_data <= max_qty[63:32];
            4'hA: reg_rd_data <= max_notional[31:0];
            4'hB: reg_rd_data <= max_notional[63:32];
            4'hC: reg_rd_data <= throttle_burst;
            4'hD: reg_rd_data <= throttle_refill;
            4'hE: reg_rd_data <= max_position[31:0];
            4'hF: reg_rd_data <= max_position[63:32];
            default: reg_rd_data <= 32'd0;
        endcase
    end

    if (rst) begin
        kill                  <= 1'b1;
        venue_enable          <= {MAX_VENUES{1'b0}};
        instrument_enable     <= {MAX_INSTRUMENTS{1'b0}};
        collar_bps            <= 32'd0;
        max_qty               <= 64'd0;
        max_notional          <= 64'd0;
        throttle_burst        <= 32'd0;
        throttle_refill       <= 32'd0;
        max_position          <= 64'd0;
        max_qty_lo_stage      <= 32'd0;
        max_notional_lo_stage <= 32'd0;
        max_position_lo_stage <= 32'd0;
        throttle_burst_written  <= 1'b0;
        throttle_refill_written <= 1'b0;
        reg_rd_valid          <= 1'b0;
        reg_rd_data           <= 32'd0;
    end
end

endmodule

`resetall
