// Latency statistics: the LATENCY register block (SLIPWAY_LATENCY_*, slipway_nic.h). For each of
// PATHS paths it keeps COUNT, MIN, MAX and SUM of the latency in cycles from a start event to
// the matching end event.
//
// Inputs per path p: start_valid[p] with start_cycle[p] (the cycle stamp the item started at,
// which a path may take earlier than the pulse), and end_valid[p] when an item completes. Items
// complete in the order they started (true of each path's pipeline), so the k-th end closes the
// k-th start: the stamps wait in a DEPTH-entry FIFO per path. An end in the same cycle as a start
// with no start open closes that start. An end with nothing open is ignored. A start with DEPTH
// open sets OVERFLOW[p]; the path then ignores its inputs until CLEAR, since its pairing is lost.
//
// Timing (322 MHz, `make depth`): the inputs are registered first (in the card they are strobes
// from the end of other blocks' logic: the start/end strobes -> FIFO empty test -> sample was 10
// LUT levels in the whole card); then the end event's start stamp (FIFO head or bypass) and the
// cycle count are registered; then the 64-bit subtract; then the saturation to 32 bits; then the fold
// into the figures (32-bit compares, 64-bit add). Each stage is one carry chain or a few LUT
// levels; the first version subtracted behind the FIFO read and saturated in one cycle (6 LUT
// levels and a 16-CARRY4 chain). A sample is visible in the registers 5 edges after the end
// event; CLEAR also drops the samples and the events in flight (those taken at the CLEAR edge too).
`resetall
`timescale 1ns / 1ps
`default_nettype none

module slipway_latency_stats #(
    parameter        PATHS = 3,
    parameter        DEPTH = 32,    // power of two
    parameter [15:0] NEXT  = 16'h0000
) (
    input  wire                  clk,
    input  wire                  rst,
    input  wire [63:0]           cycles,

    input  wire [PATHS-1:0]      start_valid,
    input  wire [PATHS*64-1:0]   start_cycle,
    input  wire [PATHS-1:0]      end_valid,

    input  wire [7:0]            reg_addr,
    input  wire                  reg_wr_en,
    /* verilator lint_off UNUSEDSIGNAL */
    input  wire [31:0]           reg_wr_data,    // CLEAR keeps bits PATHS-1:0
    /* verilator lint_on UNUSEDSIGNAL */
    input  wire                  reg_rd_en,
    output reg  [31:0]           reg_rd_data,
    output reg                   reg_rd_valid
);

localparam PTR_BITS = $clog2(DEPTH);

wire [PATHS-1:0] clear = (reg_wr_en && reg_addr == 8'h10) ? reg_wr_data[PATHS-1:0] : {PATHS{1'b0}};

wire [PATHS-1:0]    overflow;
wire [PATHS*32-1:0] count_flat;
wire [PATHS*32-1:0] min_flat;
wire [PATHS*32-1:0] max_flat;
wire [PATHS*64-1:0] sum_flat;
wire [PATHS*32-1:0] sum_hi_latch;
reg  [63:0]         in_cycles;     // the cycle count of the events in the input registers
reg  [63:0]         end_cycles;    // the cycle count of the end events in stage 1
reg  [PATHS-1:0]    in_start;      // the inputs, registered: the FIFOs work on these
reg  [PATHS*64-1:0] in_start_cycle;
reg  [PATHS-1:0]    in_end;

always @(posedge clk) begin
    in_cycles      <= cycles;
    end_cycles     <= in_cycles;
    in_start       <= start_valid & ~clear;
    in_start_cycle <= start_cycle;
    in_end         <= end_valid & ~clear;
    if (rst) begin
        in_start <= {PATHS{1'b0}};
        in_end   <= {PATHS{1'b0}};
    end
end

genvar p;
generate
    for (p = 0; p < PATHS; p = p + 1) begin : path
        reg  [63:0]       stamps [0:DEPTH-1];
        reg  [PTR_BITS:0] wr_ptr;
        reg  [PTR_BITS:0] rd_ptr;
        reg               ovf;
        reg               e1_valid;
        reg  [63:0]       e1_begin;
        reg               e2_valid;
        reg  [63:0]       e2_elapsed;
        reg               sample_valid;
        reg  [31:0]       sample;
        reg  [31:0]       stat_count;
        reg  [31:0]       stat_min;
        reg  [31:0]       stat_max;
        reg  [63:0]       stat_sum;
        reg  [31:0]       sum_hi;    // SUM_HI as latched by the last SUM_LO read of this path
        localparam [2:0]  PATH_BLOCK = p + 1;   // reg_addr[7:5] of this path's registers

        wire [PTR_BITS:0] open_count = wr_ptr - rd_ptr;
        wire              empty = open_count == {(PTR_BITS+1){1'b0}};
        wire              full  = open_count[PTR_BITS];
        wire [63:0]       my_start = in_start_cycle[p*64 +: 64];
        wire              active = !ovf;
        wire              bypass = empty && in_start[p];       // start and end together
        wire              pop    = active && in_end[p] && !empty;
        wire              push   = active && in_start[p] && !(bypass && in_end[p]);
        wire              do_push     = push && (!full || pop);
        wire              do_overflow = push && full && !pop;
        wire [63:0]       begin_at = empty ? my_start : stamps[rd_ptr[PTR_BITS-1:0]];

        assign overflow[p]               = ovf;
        assign count_flat[p*32 +: 32]    = stat_count;
        assign min_flat[p*32 +: 32]      = stat_min;
        assign max_flat[p*32 +: 32]      = stat_max;
        assign sum_flat[p*64 +: 64]      = stat_sum;
        assign sum_hi_latch[p*32 +: 32]  = sum_hi;

        // SUM_LO latches SUM_HI so a LO-then-HI pair is one value. Each path latches its own sum
        // on its own address test: through the read mux's path select this was 5 LUT levels and
        // 8 wide muxes in the whole card.
        always @(posedge clk) begin
            if (reg_rd_en && reg_addr[7:5] == PATH_BLOCK && reg_addr[4:2] == 3'd3) begin
                sum_hi <= stat_sum[63:32];
            end
            if (rst) begin
                sum_hi <= 32'd0;
            end
        end

        always @(posedge clk) begin
            if (do_push) begin
                stamps[wr_ptr[PTR_BITS-1:0]] <= my_start;
            end
        end

        always @(posedge clk) begin
            e1_valid     <= active && in_end[p] && (!empty || bypass);
            e1_begin     <= begin_at;
            e2_valid     <= e1_valid;
            e2_elapsed   <= end_cycles - e1_begin;
            sample_valid <= e2_valid;
            sample       <= (e2_elapsed[63:32] != 32'd0) ? 32'hFFFF_FFFF : e2_elapsed[31:0];
            if (do_overflow) begin
                ovf <= 1'b1;
            end
            if (do_push) begin
                wr_ptr <= wr_ptr + 1'b1;
            end
            if (pop) begin
                rd_ptr <= rd_ptr + 1'b1;
            end

            if (sample_valid) begin
                stat_count <= stat_count + 32'd1;
                stat_sum   <= stat_sum + {32'd0, sample};
                if (sample < stat_min) stat_min <= sample;
                if (sample > stat_max) stat_max <= sample;
            end

            if (rst || clear[p]) begin
                wr_ptr       <= {(PTR_BITS+1){1'b0}};
                rd_ptr       <= {(PTR_BITS+1){1'b0}};
                ovf          <= 1'b0;
                e1_valid     <= 1'b0;
                e2_valid     <= 1'b0;
                sample_valid <= 1'b0;
                stat_count   <= 32'd0;
                stat_min     <= 32'hFFFF_FFFF;
                stat_max     <= 32'd0;
                stat_sum     <= 64'd0;
            end
        end
    end
endgenerate

// ---- register reads: one register stage, zero when not reading ----------------------------
// Paths at 0x20 + 0x20 x p; within a path, offset bits 4:2 pick the register.
wire [2:0] rd_path = reg_addr[7:5] - 3'd1;
wire [2:0] rd_reg  = reg_addr[4:2];
wire       rd_in_path = reg_addr >= 8'h20 && {1'b0, rd_path} < PATHS[3:0];

always @(posedge clk) begin
    reg_rd_valid <= reg_rd_en;
    reg_rd_data  <= 32'd0;
    if (reg_rd_en) begin
        if (rd_in_path) begin
            case (rd_reg)
                3'd0: reg_rd_data <= count_flat[rd_path*32 +: 32];
                3'd1: reg_rd_data <= min_flat[rd_path*32 +: 32];
                3'd2: reg_rd_data <= max_flat[rd_path*32 +: 32];
                3'd3: reg_rd_data <= sum_flat[rd_path*64 +: 32];
                3'd4: reg_rd_data <= sum_hi_latch[rd_path*32 +: 32];
                default: reg_rd_data <= 32'd0;
            endcase
        end else begin
            case (reg_addr)
                8'h00:   reg_rd_data <= 32'h0000_0007;              // SLIPWAY_BLK_TYPE_LATENCY
                8'h04:   reg_rd_data <= 32'd1;                      // SLIPWAY_LATENCY_VERSION
                8'h08:   reg_rd_data <= {16'd0, NEXT};
                8'h0C:   reg_rd_data <= 32'h0000_0100;              // SLIPWAY_LATENCY_LENGTH
                8'h14:   reg_rd_data <= {{(32-PATHS){1'b0}}, overflow};
                default: reg_rd_data <= 32'd0;
            endcase
        end
    end
    if (rst) begin
        reg_rd_valid <= 1'b0;
        reg_rd_data  <= 32'd0;
    end
end

endmodule

`resetall
