// Timing harness for nextpnr-ice40 (make fmax), not part of the card: slipway_scale_div with its
// ports behind registers, so the figure is the module's own register-to-register paths, and the
// harness needs 4 pins. Inputs come from a shift register loaded one bit a cycle; outputs are
// captured in parallel and shifted out. The harness adds one LUT level at most on either side.
`resetall
`timescale 1ns / 1ps
`default_nettype none

module slipway_fmax_scale_div (
    input  wire clk,
    input  wire serial_in,
    input  wire capture,
    output wire serial_out
);

reg  [71:0] in_shift;
wire [63:0] value;
wire        ok;
reg  [64:0] out_shift;

always @(posedge clk) begin
    in_shift  <= {in_shift[70:0], serial_in};
    out_shift <= capture ? {ok, value} : {out_shift[63:0], 1'b0};
end
assign serial_out = out_shift[64];

slipway_scale_div #(
    .SCALE(-8'sd2)
) dut (
    .clk(clk),
    .in_mantissa(in_shift[63:0]),
    .in_exp(in_shift[71:64]),
    .out_value(value),
    .out_ok(ok)
);

endmodule

`resetall
