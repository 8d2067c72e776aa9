// Frame arbiter in front of the SBE decoder: the lookaside ingress slots (a) and the wire parser's
// slots (b) share one decoder. A frame, once its first beat has gone, owns the output until its
// last beat; between frames the two sources alternate when both wait, so neither starves the
// other. No register on the data path: a beat passes in the cycle it is offered. The ingress
// stamp (slipway_nic.h SLIPWAY_MD_CARD_CYCLES) rides beside the last beat.
`resetall
`timescale 1ns / 1ps
`default_nettype none

module slipway_rx_arb (
    input  wire        clk,
    input  wire        rst,

    input  wire [63:0] a_tdata,
    input  wire [2:0]  a_tuser,
    input  wire [63:0] a_tstamp,     // with the last beat: the frame's ingress stamp
    input  wire        a_tvalid,
    input  wire        a_tlast,
    output wire        a_tready,

    input  wire [63:0] b_tdata,
    input  wire [2:0]  b_tuser,
    input  wire [63:0] b_tstamp,
    input  wire        b_tvalid,
    input  wire        b_tlast,
    output wire        b_tready,

    output wire [63:0] m_tdata,
    output wire [2:0]  m_tuser,
    output wire [63:0] m_tstamp,
    output wire        m_tvalid,
    output wire        m_tlast,
    input  wire        m_tready
);

// The state is two registers so that each output bit (both sources' bits, both valids and these
// two) fits one LUT6: in the whole card the source select sits in front of the decoder's header
// logic, and with three state registers it was two LUT levels.
reg hold;        // inside a frame: the source is fixed to sel_b
reg sel_b;       // in a frame: its owner is b; between frames: b wins if both wait (last frame from a)

wire pick = hold || (a_tvalid && b_tvalid) ? sel_b : b_tvalid;

assign m_tdata  = pick ? b_tdata  : a_tdata;
assign m_tuser  = pick ? b_tuser  : a_tuser;
assign m_tstamp = pick ? b_tstamp : a_tstamp;
assign m_tvalid = pick ? b_tvalid : a_tvalid;
assign m_tlast  = pick ? b_tlast  : a_tlast;
assign a_tready = !pick && m_tready;
assign b_tready = pick && m_tready;

always @(posedge clk) begin
    if (m_tvalid && m_tready) begin
        hold  <= !m_tlast;
        sel_b <= m_tlast ? !pick : pick;   // after a last beat the other source goes first
    end
    if (rst) begin
        hold  <= 1'b0;
        sel_b <= 1'b0;                     // as if the last frame came from b: a goes first
    end
end

endmodule

`resetall
