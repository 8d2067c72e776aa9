// Rescales one SBE mantissa into the instrument scale: value = mantissa x 10^(exp - SCALE).
//
// exp == SCALE, or a zero mantissa: the mantissa as it is. exp finer than SCALE by k = 1..18:
// mantissa / 10^k when the division is exact, else ok = 0. Anything else (a coarser exponent,
// k > 18): ok = 0. This is the reference card's rescale without its multiply branch.
//
// Exact division without a divider: 10^k = 2^k x 5^k, so |m| / 10^k = (|m| >> k) / 5^k when the
// low k bits of |m| are 0, and for odd d = 5^k and x < 2^64, x is a multiple of d iff
// x * inv(d) mod 2^64 <= (2^64 - 1) / d, where inv(d) is d's inverse mod 2^64; that product is
// then the quotient. So one 64 x 64 multiply (low half) by a constant chosen by k, one compare.
// Three register stages: select and shift; the three 32 x 32 partial products of the low half
// (x_lo * c_lo in full, the low 32 bits of x_hi * c_lo and x_lo * c_hi); their sum, the test and
// the sign. out_* are valid 3 cycles after in_*. Splitting the product keeps each stage to one
// 32 x 32 multiply (4 DSP48E1 on a 7-series part instead of a 10-DSP cascade in one cycle).
`resetall
`timescale 1ns / 1ps
`default_nettype none

module slipway_scale_div #(
    parameter signed [7:0] SCALE = -8'sd2
) (
    input  wire        clk,
    input  wire [63:0] in_mantissa,
    input  wire [7:0]  in_exp,
    output reg  [63:0] out_value,
    output reg         out_ok
);

// inverses of 5^k mod 2^64 and the largest multiple-test bound (2^64 - 1) / 5^k, k = 1..18
function [63:0] inv5;
    input [4:0] k;
    case (k)
        5'd1:  inv5 = 64'hCCCCCCCCCCCCCCCD;
        5'd2:  inv5 = 64'h8F5C28F5C28F5C29;
        5'd3:  inv5 = 64'h1CAC083126E978D5;
        5'd4:  inv5 = 64'hD288CE703AFB7E91;
        5'd5:  inv5 = 64'h5D4E8FB00BCBE61D;
        5'd6:  inv5 = 64'h790FB65668C26139;
        5'd7:  inv5 = 64'hE5032477AE8D46A5;
        5'd8:  inv5 = 64'hC767074B22E90E21;
        5'd9:  inv5 = 64'h8E47CE423A2E9C6D;
        5'd10: inv5 = 64'h4FA7F60D3ED61F49;
        5'd11: inv5 = 64'h0FEE64690C913975;
        5'd12: inv5 = 64'h3662E0E1CF503EB1;
        5'd13: inv5 = 64'hA47A2CF9F6433FBD;
        5'd14: inv5 = 64'h54186F653140A659;
        5'd15: inv5 = 64'h7738164770402145;
        5'd16: inv5 = 64'hE4A4D1417CD9A041;
        5'd17: inv5 = 64'hC75429D9E5C5200D;
        5'd18: inv5 = 64'hC1773B91FAC10669;
        default: inv5 = 64'd1;
    endcase
endfunction

function [63:0] bound5;
    input [4:0] k;
    case (k)
        5'd1:  bound5 = 64'h3333333333333333;
        5'd2:  bound5 = 64'h0A3D70A3D70A3D70;
        5'd3:  bound5 = 64'h020C49BA5E353F7C;
        5'd4:  bound5 = 64'h0068DB8BAC710CB2;
        5'd5:  bound5 = 64'h0014F8B588E368F0;
        5'd6:  bound5 = 64'h000431BDE82D7B63;
        5'd7:  bound5 = 64'h0000D6BF94D5E57A;
        5'd8:  bound5 = 64'h00002AF31DC46118;
        5'd9:  bound5 = 64'h0000089705F4136B;
        5'd10: bound5 = 64'h000001B7CDFD9D7B;
        5'd11: bound5 = 64'h00000057F5FF85E5;
        5'd12: bound5 = 64'h000000119799812D;
        5'd13: bound5 = 64'h0000000384B84D09;
        5'd14: bound5 = 64'h00000000B424DC35;
        5'd15: bound5 = 64'h0000000024075F3D;
        5'd16: bound5 = 64'h000000000734ACA5;
        5'd17: bound5 = 64'h000000000170EF54;
        5'd18: bound5 = 64'h000000000049C977;
        default: bound5 = 64'hFFFFFFFFFFFFFFFF;
    endcase
endfunction

wire signed [8:0] shift  = $signed({SCALE[7], SCALE}) - $signed({in_exp[7], in_exp});  // k
wire [4:0]        k      = shift[4:0];
wire              same   = in_exp == SCALE || in_mantissa == 64'd0;
wire              finer  = shift >= 9'sd1 && shift <= 9'sd18;
wire              neg    = in_mantissa[63];
wire [63:0]       abs_m  = neg ? -in_mantissa : in_mantissa;
wire [63:0]       low    = ~({64{1'b1}} << k);  // the k bits shifted out

// stage 1: classify, take |m| >> k and the constants for k
reg        s1_same, s1_finer, s1_neg, s1_low_zero;
reg [63:0] s1_mantissa, s1_shifted, s1_inv, s1_bound;

always @(posedge clk) begin
    s1_same     <= same;
    s1_finer    <= finer;
    s1_neg      <= neg;
    s1_low_zero <= (abs_m & low) == 64'd0;
    s1_mantissa <= in_mantissa;
    s1_shifted  <= abs_m >> k;
    s1_inv      <= inv5(k);
    s1_bound    <= bound5(k);
end

// stage 2: partial products of the low 64 bits of s1_shifted * s1_inv
reg        s2_same, s2_finer, s2_neg, s2_low_zero;
reg [63:0] s2_mantissa, s2_bound, s2_lo_lo;
reg [31:0] s2_hi_lo, s2_lo_hi;

always @(posedge clk) begin
    s2_same     <= s1_same;
    s2_finer    <= s1_finer;
    s2_neg      <= s1_neg;
    s2_low_zero <= s1_low_zero;
    s2_mantissa <= s1_mantissa;
    s2_bound    <= s1_bound;
    s2_lo_lo    <= s1_shifted[31:0] * s1_inv[31:0];
    s2_hi_lo    <= s1_shifted[63:32] * s1_inv[31:0];
    s2_lo_hi    <= s1_shifted[31:0] * s1_inv[63:32];
end

// stage 3: sum, test, restore the sign
wire [31:0] cross_sum = s2_hi_lo + s2_lo_hi;
wire [63:0] quotient = s2_lo_lo + {cross_sum, 32'd0};

always @(posedge clk) begin
    if (s2_same) begin
        out_value <= s2_mantissa;
        out_ok    <= 1'b1;
    end else begin
        out_value <= s2_neg ? -quotient : quotient;
        out_ok    <= s2_finer && s2_low_zero && quotient <= s2_bound;
    end
end

endmodule

`resetall
