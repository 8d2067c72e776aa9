// Slipway card, version 1: register path, cycle counter and the lookaside ingress path for the
// SBE BestBidAsk message (slipway_ingress_bbo), which writes MD records to the md stream.
//
// Register map: identity 0x0000, risk 0x0040, counters 0x0080, book 0x0200, latency 0x0400
// (slipway_nic.h). The NEXT chain runs identity -> risk -> counters -> book -> latency; the feed
// (0x0100) and trigger (0x0300) blocks join it where they are built. Other addresses are
// unmapped: reads return 0 and writes are dropped, so a stray access from a
// probing host cannot hang the bus or change state; discovery walks the NEXT chain instead of
// probing for a sentinel value.
//
// Register bus (32-bit, byte addresses, word aligned: reg_addr[1:0] is ignored):
//   write: reg_wr_en high for one cycle with reg_addr and reg_wr_data; the write takes effect
//          at that rising edge. No acknowledge.
//   read:  reg_rd_en high for one cycle with reg_addr; reg_rd_data is valid while
//          reg_rd_valid is high, exactly RD_LATENCY (2) cycles later. Reads are pipelined:
//          one may be issued every cycle and they complete in order. A read and a write in
//          the same cycle are allowed; the read returns the value before the write.
//   Latency is one register stage in the blocks plus one on the merged read data, which
//   keeps the block decode and the read-data OR in separate cycles for timing.
//
// Market-data records: decoder -> book stage (slipway_book.v: keeps the price-level books from
// the records and passes them on unchanged, no added latency) -> m_md_*.
//
// Latency block (slipway_latency_stats.v): the FEED path is wired here, from the edge taking a
// frame's last ingress beat to its record leaving on m_md_* (the decoder makes one record per
// frame). The RISK and TRIGGER paths' start/end inputs are tied off until the risk gate and the
// trigger engine drive them.
//
// Ingress: one slot per frame as 64-bit beats (s_ingress_*), see slipway_ingress_bbo.v. Every
// MD record the decoder writes counts in CNT_MD_RECORDS, FEED_STATUS decode-error records
// included; the header has no decode-error counter, so those are seen as records only.
//
// The other event strobes (reason_inc, ingress_dropped_inc, order_sent_inc) are the count
// enables the risk gate and the ingress ring will drive; nothing on the card drives them yet and
// the simulation driver holds them at 0. They are top-level ports so the counters are exercised
// and are not optimised away in synthesis. The risk block outputs and the BBO table read port
// are left for the risk gate.
`resetall
`timescale 1ns / 1ps
`default_nettype none

module slipway_card #(
    parameter [31:0] BUILD_ID     = 32'h0000_0000,
    parameter        REASON_COUNT = 12
) (
    input  wire                    clk,
    input  wire                    rst,

    input  wire [15:0]             reg_addr,
    input  wire                    reg_wr_en,
    input  wire [31:0]             reg_wr_data,
    input  wire                    reg_rd_en,
    output reg  [31:0]             reg_rd_data,
    output reg                     reg_rd_valid,

    input  wire [REASON_COUNT-1:0] reason_inc,
    input  wire                    ingress_dropped_inc,
    input  wire                    order_sent_inc,

    input  wire [63:0]             s_ingress_tdata,
    input  wire [7:0]              s_ingress_tkeep,
    input  wire                    s_ingress_tvalid,
    input  wire                    s_ingress_tlast,
    output wire                    s_ingress_tready,

    output wire [511:0]            m_md_data,
    output wire                    m_md_valid,
    input  wire                    m_md_ready,

    output wire [63:0]             cycles
);

// block selects; bases and lengths from slipway_nic.h
wire sel_identity = (reg_addr[15:6] == 10'h000);  // 0x0000-0x003F
wire sel_risk     = (reg_addr[15:6] == 10'h001);  // 0x0040-0x007F
wire sel_counters = (reg_addr[15:7] == 9'h001);   // 0x0080-0x00FF
wire sel_book     = (reg_addr[15:8] == 8'h02);    // 0x0200-0x02FF
wire sel_latency  = (reg_addr[15:8] == 8'h04);    // 0x0400-0x04FF
wire sel_none     = !(sel_identity || sel_risk || sel_counters || sel_book || sel_latency);

// Free-running 64-bit cycle counter, built as two 32-bit halves: the high half steps on a
// registered "low half is all ones" flag, so no 64-bit carry chain sits in one cycle. The value
// is the same as a plain 64-bit counter on every cycle.
reg [31:0] cycle_lo /* verilator public_flat_rw */;
reg [31:0] cycle_hi /* verilator public_flat_rw */;
reg        cycle_lo_all_ones /* verilator public_flat_rw */;
wire [63:0] cycle_count = {cycle_hi, cycle_lo};
assign cycles = cycle_count;

always @(posedge clk) begin
    cycle_lo          <= cycle_lo + 32'd1;
    cycle_lo_all_ones <= (cycle_lo == 32'hFFFF_FFFE);
    if (cycle_lo_all_ones) begin
        cycle_hi <= cycle_hi + 32'd1;
    end

    if (rst) begin
        cycle_lo          <= 32'd0;
        cycle_hi          <= 32'd0;
        cycle_lo_all_ones <= 1'b0;
    end
end

wire [31:0] id_rd_data, risk_rd_data, cnt_rd_data, book_rd_data, lat_rd_data;
wire        id_rd_valid, risk_rd_valid, cnt_rd_valid, book_rd_valid, lat_rd_valid;

slipway_reg_identity #(
    .BUILD_ID(BUILD_ID),
    .FEATURES(32'h0000_0000),
    .CLOCK_KHZ(32'd322266),
    .NEXT(16'h0040)
) identity_inst (
    .clk(clk),
    .rst(rst),
    .reg_addr(reg_addr[5:0]),
    .reg_wr_en(reg_wr_en && sel_identity),
    .reg_wr_data(reg_wr_data),
    .reg_rd_en(reg_rd_en && sel_identity),
    .reg_rd_data(id_rd_data),
    .reg_rd_valid(id_rd_valid)
);

// risk gate inputs; unconnected until the gate exists
/* verilator lint_off UNUSEDSIGNAL */
wire        risk_kill;
wire [7:0]  risk_venue_enable;
wire [15:0] risk_instrument_enable;
wire [31:0] risk_collar_bps;
wire [63:0] risk_max_qty;
wire [63:0] risk_max_notional;
wire [31:0] risk_throttle_burst;
wire [31:0] risk_throttle_refill;
wire [63:0] risk_max_position;
/* verilator lint_on UNUSEDSIGNAL */

slipway_reg_risk #(
    .NEXT(16'h0080),
    .MAX_VENUES(8),
    .MAX_INSTRUMENTS(16)
) risk_inst (
    .clk(clk),
    .rst(rst),
    .reg_addr(reg_addr[5:0]),
    .reg_wr_en(reg_wr_en && sel_risk),
    .reg_wr_data(reg_wr_data),
    .reg_rd_en(reg_rd_en && sel_risk),
    .reg_rd_data(risk_rd_data),
    .reg_rd_valid(risk_rd_valid),
    .kill(risk_kill),
    .venue_enable(risk_venue_enable),
    .instrument_enable(risk_instrument_enable),
    .collar_bps(risk_collar_bps),
    .max_qty(risk_max_qty),
    .max_notional(risk_max_notional),
    .throttle_burst(risk_throttle_burst),
    .throttle_refill(risk_throttle_refill),
    .max_position(risk_max_position)
);

wire md_record_inc;
wire [511:0] dec_rec_data;
wire         dec_rec_valid;
wire         dec_rec_ready;

// BBO table read port, for the risk gate
/* verilator lint_off UNUSEDSIGNAL */
wire        md_decode_error;
wire [63:0] bbo_rd_bid;
wire [63:0] bbo_rd_ask;
/* verilator lint_on UNUSEDSIGNAL */

slipway_ingress_bbo #(
    .PRICE_EXP(-8'sd2),
    .QTY_EXP(-8'sd6),
    .FIFO_DEPTH(16)
) ingress_bbo_inst (
    .clk(clk),
    .rst(rst),
    .s_tdata(s_ingress_tdata),
    .s_tkeep(s_ingress_tkeep),
    .s_tvalid(s_ingress_tvalid),
    .s_tlast(s_ingress_tlast),
    .s_tready(s_ingress_tready),
    .m_rec_data(dec_rec_data),
    .m_rec_valid(dec_rec_valid),
    .m_rec_ready(dec_rec_ready),
    .cycles(cycle_count),
    .md_record(md_record_inc),
    .decode_error(md_decode_error),
    .bbo_rd_channel(7'd0),
    .bbo_rd_bid(bbo_rd_bid),
    .bbo_rd_ask(bbo_rd_ask)
);

slipway_book #(
    .SLOTS(16),
    .LEVELS(8),
    .NEXT(16'h0400)
) book_inst (
    .clk(clk),
    .rst(rst),
    .s_rec_data(dec_rec_data),
    .s_rec_valid(dec_rec_valid),
    .s_rec_ready(dec_rec_ready),
    .m_rec_data(m_md_data),
    .m_rec_valid(m_md_valid),
    .m_rec_ready(m_md_ready),
    .reg_addr(reg_addr[7:0]),
    .reg_wr_en(reg_wr_en && sel_book),
    .reg_wr_data(reg_wr_data),
    .reg_rd_en(reg_rd_en && sel_book),
    .reg_rd_data(book_rd_data),
    .reg_rd_valid(book_rd_valid)
);

// Latency paths: 0 feed (wired), 1 risk, 2 trigger (tied off; see the header comment).
wire        lat_feed_start = s_ingress_tvalid && s_ingress_tready && s_ingress_tlast;
wire        lat_feed_end   = m_md_valid && m_md_ready;
wire        lat_risk_start    = 1'b0;
wire [63:0] lat_risk_cycle    = 64'd0;
wire        lat_risk_end      = 1'b0;
wire        lat_trigger_start = 1'b0;
wire [63:0] lat_trigger_cycle = 64'd0;
wire        lat_trigger_end   = 1'b0;

slipway_latency_stats #(
    .PATHS(3),
    .DEPTH(32),
    .NEXT(16'h0000)
) latency_inst (
    .clk(clk),
    .rst(rst),
    .cycles(cycle_count),
    .start_valid({lat_trigger_start, lat_risk_start, lat_feed_start}),
    .start_cycle({lat_trigger_cycle, lat_risk_cycle, cycle_count}),
    .end_valid({lat_trigger_end, lat_risk_end, lat_feed_end}),
    .reg_addr(reg_addr[7:0]),
    .reg_wr_en(reg_wr_en && sel_latency),
    .reg_wr_data(reg_wr_data),
    .reg_rd_en(reg_rd_en && sel_latency),
    .reg_rd_data(lat_rd_data),
    .reg_rd_valid(lat_rd_valid)
);

slipway_reg_counters #(
    .NEXT(16'h0200),
    .REASON_COUNT(REASON_COUNT)
) counters_inst (
    .clk(clk),
    .rst(rst),
    .reg_addr(reg_addr[6:0]),
    .reg_wr_en(reg_wr_en && sel_counters),
    .reg_wr_data(reg_wr_data),
    .reg_rd_en(reg_rd_en && sel_counters),
    .reg_rd_data(cnt_rd_data),
    .reg_rd_valid(cnt_rd_valid),
    .reason_inc(reason_inc),
    .md_record_inc(md_record_inc),
    .ingress_dropped_inc(ingress_dropped_inc),
    .order_sent_inc(order_sent_inc),
    .cycles(cycle_count)
);

// Unmapped reads still complete (with 0) so a host never waits on a read that never returns.
reg none_rd_valid;

always @(posedge clk) begin
    none_rd_valid <= reg_rd_en && sel_none;

    // blocks drive zero when not returning data, so OR merges them
    reg_rd_data  <= id_rd_data | risk_rd_data | cnt_rd_data | book_rd_data | lat_rd_data;
    reg_rd_valid <= id_rd_valid | risk_rd_valid | cnt_rd_valid | book_rd_valid | lat_rd_valid |
                    none_rd_valid;

    if (rst) begin
        none_rd_valid <= 1'b0;
        reg_rd_data   <= 32'd0;
        reg_rd_valid  <= 1'b0;
    end
end

endmodule

`resetall
