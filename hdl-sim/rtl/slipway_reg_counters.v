// Counters register block (slipway_nic.h: SLIPWAY_COUNTERS_*, SLIPWAY_CNT_*), at 0x0080.
//
// Read-only, free-running 32-bit event counters that wrap; software takes differences.
// One counter per reject reason (reason 0 counts orders that passed), then totals, then the
// card's 64-bit cycle counter, then the exposure records that changed no state. Each event input is a one-cycle count enable from the data
// path. Reason slots from REASON_COUNT to 15 are reserved and read as zero.
//
// CYCLES is 64 bits over two registers: reading CYCLES_LO latches the high word, and
// CYCLES_HI returns that latched word, so a LO-then-HI read pair is one consistent value
// even when the low word wraps between the two reads.
`resetall
`timescale 1ns / 1ps
`default_nettype none

module slipway_reg_counters #(
    parameter [15:0] NEXT         = 16'h0000,  // last block
    parameter        REASON_COUNT = 12         // SLIPWAY_REASON_COUNT, at most 16
) (
    input  wire                    clk,
    input  wire                    rst,

    /* verilator lint_off UNUSEDSIGNAL */  // [1:0]: word-aligned bus; writes: read-only block
    input  wire [6:0]              reg_addr,
    input  wire                    reg_wr_en,
    input  wire [31:0]             reg_wr_data,
    /* verilator lint_on UNUSEDSIGNAL */
    input  wire                    reg_rd_en,
    output reg  [31:0]             reg_rd_data,
    output reg                     reg_rd_valid,

    input  wire [REASON_COUNT-1:0] reason_inc,
    input  wire                    md_record_inc,
    input  wire                    ingress_dropped_inc,
    input  wire                    order_sent_inc,
    input  wire                    exposure_malformed_inc,
    input  wire [63:0]             cycles
);

localparam [31:0] BLK_TYPE    = 32'h0000_0003;  // SLIPWAY_BLK_TYPE_COUNTERS
localparam [31:0] BLK_VERSION = 32'd1;          // SLIPWAY_COUNTERS_VERSION
localparam [31:0] BLK_LENGTH  = 32'h0000_0080;  // SLIPWAY_COUNTERS_LENGTH

// word indexes (byte offset / 4)
localparam [4:0] W_REASON_BASE     = 5'd4;   // 0x10
localparam [4:0] W_MD_RECORDS      = 5'd20;  // 0x50
localparam [4:0] W_INGRESS_DROPPED = 5'd21;  // 0x54
localparam [4:0] W_ORDERS_SENT     = 5'd22;  // 0x58
localparam [4:0] W_CYCLES_LO       = 5'd23;  // 0x5C
localparam [4:0] W_CYCLES_HI       = 5'd24;  // 0x60
localparam [4:0] W_EXP_MALFORMED   = 5'd25;  // 0x64

reg [31:0] reason_cnt [0:REASON_COUNT-1];
reg [31:0] md_records;
reg [31:0] ingress_dropped;
reg [31:0] orders_sent;
reg [31:0] exposure_malformed;
reg [31:0] cycles_hi_latch;

wire [4:0] word        = reg_addr[6:2];
/* verilator lint_off UNUSEDSIGNAL */  // bit 4: only used under the range check
wire [4:0] reason_word = word - W_REASON_BASE;
/* verilator lint_on UNUSEDSIGNAL */

integer i;

always @(posedge clk) begin
    for (i = 0; i < REASON_COUNT; i = i + 1) begin
        if (reason_inc[i]) begin
            reason_cnt[i] <= reason_cnt[i] + 32'd1;
        end
    end
    if (md_record_inc)       md_records      <= md_records + 32'd1;
    if (ingress_dropped_inc) ingress_dropped <= ingress_dropped + 32'd1;
    if (order_sent_inc)      orders_sent     <= orders_sent + 32'd1;
    if (exposure_malformed_inc) exposure_malformed <= exposure_malformed + 32'd1;

    reg_rd_valid <= reg_rd_en;
    reg_rd_data  <= 32'd0;
    if (reg_rd_en) begin
        if (word >= W_REASON_BASE && word < W_REASON_BASE + REASON_COUNT) begin
            reg_rd_data <= reason_cnt[reason_word[3:0]];
        end else begin
            case (word)
                5'd0:              reg_rd_data <= BLK_TYPE;
                5'd1:              reg_rd_data <= BLK_VERSION;
                5'd2:              reg_rd_data <= {16'd0, NEXT};
                5'd3:              reg_rd_data <= BLK_LENGTH;
                W_MD_RECORDS:      reg_rd_data <= md_records;
                W_INGRESS_DROPPED: reg_rd_data <= ingress_dropped;
                W_ORDERS_SENT:     reg_rd_data <= orders_sent;
                W_CYCLES_LO: begin
                    reg_rd_data     <= cycles[31:0];
                    cycles_hi_latch <= cycles[63:32];
                end
                W_CYCLES_HI:       reg_rd_data <= cycles_hi_latch;
                W_EXP_MALFORMED:   reg_rd_data <= exposure_malformed;
                default:           reg_rd_data <= 32'd0;
            endcase
        end
    end

    if (rst) begin
        for (i = 0; i < REASON_COUNT; i = i + 1) begin
            reason_cnt[i] <= 32'd0;
        end
        md_records      <= 32'd0;
        ingress_dropped <= 32'd0;
        orders_sent     <= 32'd0;
        exposure_malformed <= 32'd0;
        cycles_hi_latch <= 32'd0;
        reg_rd_valid    <= 1'b0;
        reg_rd_data     <= 32'd0;
    end
end

endmodule

`resetall
