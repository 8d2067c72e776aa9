// Rescales one SBE mantissa into the instrument scale: value = mantissa x 10^(exp - SCALE).
//
// exp == SCALE, or a zero mantissa: the mantissa as it is. exp finer than SCALE by k = 1..18:
// mantissa / 10^k when the division is exact, else ok = 0. Anything else (a coarser exponent,
// k > 18): ok = 0. This is the reference card's rescale without its multiply branch.
//
// Exact division without a divider: 10^k = 2^k x 5^k, so m / 10^k = (m >>> k) / 5^k when the
// low k bits of m are 0, and for odd d = 5^k and x < 2^64, x is a multiple of d iff
// r = x * inv(d) mod 2^64 <= (2^64 - 1) / d, where inv(d) is d's inverse mod 2^64; r is then the
// quotient. A negative m needs no absolute value: the low-half product is a product mod 2^64, so
// (m >>> k) * inv(d) is -r mod 2^64 (r > 0, m != 0 here), the signed quotient itself, and
// r <= bound reads prod >= 2^64 - bound. So one 64 x 64 multiply (low half), one compare.
//
// Five register stages so that no stage holds more than one adder chain or one DSP multiply at
// 322 MHz (hdl-sim/README.md "Synthesis and timing"): 1 select and shift, 2 the ten 16 x 16
// partial products of the low half (one DSP48E2 each), 3 the products summed per 16-bit weight
// into three terms, 4 the three terms summed, 5 the bound compare. out_* are valid 5
// cycles after in_* (slipway_sbe_decode's RESCALE_STAGES).
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

// the same bounds negated (2^64 - bound), for a negative mantissa: constants, so stage 1 selects
// instead of negating through a 64-bit carry chain
function [63:0] nbound5;
    input [4:0] k;
    case (k)
        5'd1:  nbound5 = 64'hCCCCCCCCCCCCCCCD;
        5'd2:  nbound5 = 64'hF5C28F5C28F5C290;
        5'd3:  nbound5 = 64'hFDF3B645A1CAC084;
        5'd4:  nbound5 = 64'hFF972474538EF34E;
        5'd5:  nbound5 = 64'hFFEB074A771C9710;
        5'd6:  nbound5 = 64'hFFFBCE4217D2849D;
        5'd7:  nbound5 = 64'hFFFF29406B2A1A86;
        5'd8:  nbound5 = 64'hFFFFD50CE23B9EE8;
        5'd9:  nbound5 = 64'hFFFFF768FA0BEC95;
        5'd10: nbound5 = 64'hFFFFFE4832026285;
        5'd11: nbound5 = 64'hFFFFFFA80A007A1B;
        5'd12: nbound5 = 64'hFFFFFFEE68667ED3;
        5'd13: nbound5 = 64'hFFFFFFFC7B47B2F7;
        5'd14: nbound5 = 64'hFFFFFFFF4BDB23CB;
        5'd15: nbound5 = 64'hFFFFFFFFDBF8A0C3;
        5'd16: nbound5 = 64'hFFFFFFFFF8CB535B;
        5'd17: nbound5 = 64'hFFFFFFFFFE8F10AC;
        5'd18: nbound5 = 64'hFFFFFFFFFFB63689;
        default: nbound5 = 64'h0000000000000001;
    endcase
endfunction

wire signed [8:0] shift  = $signed({SCALE[7], SCALE}) - $signed({in_exp[7], in_exp});  // k
wire [4:0]        k      = shift[4:0];
wire              same   = in_exp == SCALE || in_mantissa == 64'd0;
wire              finer  = shift >= 9'sd1 && shift <= 9'sd18;
wire              neg    = in_mantissa[63];
wire [63:0]       low    = ~({64{1'b1}} << k);  // the k bits shifted out

// stage 1: classify, take m >>> k and the constants for k (the bound as the sign reads it)
reg        s1_same, s1_cand, s1_neg;
reg [63:0] s1_mantissa, s1_shifted, s1_inv, s1_bound;

always @(posedge clk) begin
    s1_same     <= same;
    s1_cand     <= finer && (in_mantissa & low) == 64'd0;
    s1_neg      <= neg;
    s1_mantissa <= in_mantissa;
    s1_shifted  <= $signed(in_mantissa) >>> k;
    s1_inv      <= inv5(k);
    s1_bound    <= neg ? nbound5(k) : bound5(k);
end

// stage 2: partial products a_i x b_j of 16-bit chunks, only those with i + j <= 3 reach the
// low 64 bits; each is one DSP48E2 with its output registered
wire [15:0] a0 = s1_shifted[15:0],  a1 = s1_shifted[31:16], a2 = s1_shifted[47:32], a3 = s1_shifted[63:48];
wire [15:0] b0 = s1_inv[15:0],      b1 = s1_inv[31:16],     b2 = s1_inv[47:32],     b3 = s1_inv[63:48];

reg        s2_same, s2_cand, s2_neg;
reg [63:0] s2_mantissa, s2_bound;
reg [31:0] p00, p01, p10, p02, p11, p20;
reg [15:0] p03, p12, p21, p30;   // weight 48: only their low 16 bits reach the result

always @(posedge clk) begin
    s2_same     <= s1_same;
    s2_cand     <= s1_cand;
    s2_neg      <= s1_neg;
    s2_mantissa <= s1_mantissa;
    s2_bound    <= s1_bound;
    p00 <= a0 * b0;
    p01 <= a0 * b1;
    p10 <= a1 * b0;
    p02 <= a0 * b2;
    p11 <= a1 * b1;
    p20 <= a2 * b0;
    p03 <= a0 * b3;
    p12 <= a1 * b2;
    p21 <= a2 * b1;
    p30 <= a3 * b0;
end

// stage 3: sum per weight (0/16, 32, 48), each at most a 3-deep chain of short adders
reg        s3_same, s3_cand, s3_neg;
reg [63:0] s3_mantissa, s3_bound;
reg [49:0] t0;    // p00 + (p01 + p10) << 16, carries kept
reg [31:0] t32;   // p02 + p11 + p20, weight 32
reg [15:0] t48;   // p03 + p12 + p21 + p30, weight 48

always @(posedge clk) begin
    s3_same     <= s2_same;
    s3_cand     <= s2_cand;
    s3_neg      <= s2_neg;
    s3_mantissa <= s2_mantissa;
    s3_bound    <= s2_bound;
    t0  <= {18'd0, p00} + {2'd0, p01, 16'd0} + {2'd0, p10, 16'd0};
    t32 <= p02 + p11 + p20;
    t48 <= (p03 + p12) + (p21 + p30);
end

// stage 4: the low half of the product
reg        s4_same, s4_cand, s4_neg;
reg [63:0] s4_mantissa, s4_bound, s4_prod;

always @(posedge clk) begin
    s4_same     <= s3_same;
    s4_cand     <= s3_cand;
    s4_neg      <= s3_neg;
    s4_mantissa <= s3_mantissa;
    s4_bound    <= s3_bound;
    s4_prod     <= {14'd0, t0} + {t32, 32'd0} + {t48, 48'd0};
end

// stage 5: the exactness test; the product is already the signed quotient
always @(posedge clk) begin
    if (s4_same) begin
        out_value <= s4_mantissa;
        out_ok    <= 1'b1;
    end else begin
        out_value <= s4_prod;
        out_ok    <= s4_cand && (s4_neg ? s4_prod >= s4_bound : s4_prod <= s4_bound);
    end
end

endmodule

`resetall
