// Timing harness for nextpnr-ice40 (make fmax), not part of the card: slipway_book with its ports
// behind registers (inputs from a shift register loaded one bit a cycle, outputs captured and
// shifted out), so the figure is the module's own paths and the harness needs 5 pins.
//
// Reduced to fit and route on the HX8K: 1 slot and 2 levels instead of 16 and 8. The iCE40's block
// RAMs are at most 16 bits wide, so the card's 1024-bit memory word needs 64 of them (the HX8K has
// 32), and the 8-level datapath needs ~9600 LUT4s (the HX8K has 7680); at 4 levels it places (32
// of 32 block RAMs, 83 % of the LCs) but the router does not converge. Per level the logic is
// parallel (each level's compare and mux look at their own level and the neighbours), so the
// paths - a 64-bit compare into the next record's compare bits, the per-level choice into the level
// mux and the write-back - have the same depth at 2 levels as at 8; what differs is the fan-out of
// the record fields (8 loads instead of 2) and the slot CAM (1 entry instead of 16). Read the figure
// as an upper bound for the card's book. (The figures in the README were measured before the
// book's fourth stage; not re-run since.) Only the record fields the book reads come from the shift register.
`resetall
`timescale 1ns / 1ps
`default_nettype none

module slipway_fmax_book (
    input  wire clk,
    input  wire rst,
    input  wire serial_in,
    input  wire capture,
    output wire serial_out
);

// type/channel/flags (64) + sequence (64) + price (64) + qty (64) + bus: addr 8, wr_en, data 32,
// rd_en, rec_valid, m_ready
localparam IN_BITS = 256 + 8 + 1 + 32 + 1 + 1 + 1;

reg  [IN_BITS-1:0] in_shift;
wire [511:0]       rec_out;
wire               rec_out_valid;
wire               rec_in_ready;
wire [31:0]        rd_data;
wire               rd_valid;
reg  [34:0]        out_shift;

always @(posedge clk) begin
    in_shift  <= {in_shift[IN_BITS-2:0], serial_in};
    out_shift <= capture ? {rec_in_ready, rec_out_valid, rd_valid, rd_data}
                         : {out_shift[33:0], 1'b0};
end
assign serial_out = out_shift[34];

/* verilator lint_off UNUSEDSIGNAL */
wire [511:0] unused_pass = rec_out;   // the pass-through is wiring, nothing to time
/* verilator lint_on UNUSEDSIGNAL */

slipway_book #(
    .SLOTS(1),
    .LEVELS(2),
    .NEXT(16'h0000)
) dut (
    .clk(clk),
    .rst(rst),
    .s_rec_data({256'd0, in_shift[255:0]}),
    .s_rec_valid(in_shift[IN_BITS-2]),
    .s_rec_ready(rec_in_ready),
    .m_rec_data(rec_out),
    .m_rec_valid(rec_out_valid),
    .m_rec_ready(in_shift[IN_BITS-1]),
    .reg_addr(in_shift[263:256]),
    .reg_wr_en(in_shift[264]),
    .reg_wr_data(in_shift[296:265]),
    .reg_rd_en(in_shift[297])
    ,.reg_rd_data(rd_data),
    .reg_rd_valid(rd_valid)
);

endmodule

`resetall
