// Identity register block (slipway_nic.h: SLIPWAY_IDENTITY_*), always at address 0x0000.
//
// Read-only except SCRATCH, which exists to prove the write path end to end.
// Register-slice interface shared by every block (see slipway_card.v for the bus):
//   reg_addr is the byte offset inside the block; reg_rd_en/reg_wr_en are already qualified
//   by the block select in the top. Read data is registered and is zero when reg_rd_valid is
//   low, so the top can OR the blocks' read data together.
`resetall
`timescale 1ns / 1ps
`default_nettype none

module slipway_reg_identity #(
    parameter [31:0] BUILD_ID  = 32'h0000_0000,
    parameter [31:0] FEATURES  = 32'h0000_0000,  // no data-path features in this build
    parameter [31:0] CLOCK_KHZ = 32'd322266,
    parameter [15:0] NEXT      = 16'h0040
) (
    input  wire        clk,
    input  wire        rst,

    /* verilator lint_off UNUSEDSIGNAL */  // [1:0]: word-aligned bus
    input  wire [5:0]  reg_addr,
    /* verilator lint_on UNUSEDSIGNAL */
    input  wire        reg_wr_en,
    input  wire [31:0] reg_wr_data,
    input  wire        reg_rd_en,
    output reg  [31:0] reg_rd_data,
    output reg         reg_rd_valid
);

localparam [31:0] BLK_TYPE    = 32'h0000_0001;  // SLIPWAY_BLK_TYPE_IDENTITY
localparam [31:0] BLK_VERSION = 32'd1;          // SLIPWAY_IDENTITY_VERSION
localparam [31:0] BLK_LENGTH  = 32'h0000_0040;  // SLIPWAY_IDENTITY_LENGTH
localparam [31:0] MAGIC       = 32'h5750_4C53;  // SLIPWAY_NIC_MAGIC
localparam [31:0] HDR_VERSION = 32'd1;          // SLIPWAY_NIC_HEADER_VERSION

reg [31:0] scratch;

always @(posedge clk) begin
    if (reg_wr_en && reg_addr[5:2] == 4'hC) begin  // 0x30 SCRATCH
        scratch <= reg_wr_data;
    end

    reg_rd_valid <= reg_rd_en;
    reg_rd_data  <= 32'd0;
    if (reg_rd_en) begin
        case (reg_addr[5:2])
            4'h0: reg_rd_data <= BLK_TYPE;
            4'h1: reg_rd_data <= BLK_VERSION;
            4'h2: reg_rd_data <= {16'd0, NEXT};
            4'h3: reg_rd_data <= BLK_LENGTH;
            4'h4: reg_rd_data <= MAGIC;
            4'h5: reg_rd_data <= HDR_VERSION;
            4'h6: reg_rd_data <= BUILD_ID;
            4'h7: reg_rd_data <= FEATURES;
            4'h8: reg_rd_data <= CLOCK_KHZ;
            4'h9: reg_rd_data <= 32'd64;   // SLIPWAY_MD_RECORD_SIZE
            4'hA: reg_rd_data <= 32'd256;  // SLIPWAY_ORDER_SLOT_SIZE
            4'hB: reg_rd_data <= 32'd64;   // SLIPWAY_COMPLETION_RECORD_SIZE
            4'hC: reg_rd_data <= scratch;
            default: reg_rd_data <= 32'd0; // 0x34..0x3C reserved
        endcase
    end

    if (rst) begin
        scratch      <= 32'd0;
        reg_rd_valid <= 1'b0;
        reg_rd_data  <= 32'd0;
    end
end

endmodule

`resetall
