// Slipway card: register path, cycle counter, the receive path (wire parser and lookaside slots into
// the SBE decoder for all four templates of the Binance spot stream schema, slipway_sbe_decode,
// which writes MD records to the md stream) and the TX path (risk gate, order stream, triggers).
//
// Register map: identity 0x0000, risk 0x0040, counters 0x0080, feed 0x0100, book 0x0200,
// trigger 0x0300, latency 0x0400 (slipway_nic.h); the NEXT chain runs in that order. Other
// addresses are unmapped: reads return 0 and writes are dropped, so a stray access from a probing
// host cannot hang the bus or change state; discovery walks the NEXT chain instead of probing for
// a sentinel value.
//
// Register bus (32-bit, byte addresses, word aligned: reg_addr[1:0] is ignored):
//   write: reg_wr_en high for one cycle with reg_addr and reg_wr_data; the write takes effect
//          at the rising edge after the one that samples it. No acknowledge.
//   read:  reg_rd_en high for one cycle with reg_addr; reg_rd_data is valid while
//          reg_rd_valid is high, exactly RD_LATENCY (2) cycles later. Reads are pipelined:
//          one may be issued every cycle and they complete in order. A read and a write in
//          the same cycle are allowed; the read returns the value before the write.
//   The bus is registered on entry (address, data, and each block's read and write enable
//   decoded from the address), then each block registers its read data; the merged read data
//   is the OR of the blocks' read registers. So a read still completes 2 edges after the one
//   that samples it, and a write takes effect at the edge after the one that samples it; a
//   read and a write keep their order, so a read issued after a write sees it. The entry
//   register keeps the card's address decode out of every block's decode: from the reg_addr
//   port it was up to 5 LUT levels and a carry chain into the blocks' registers in the whole
//   card (`make depth`).
//
// Ingress: one slot per frame as 64-bit beats (s_ingress_*), see slipway_sbe_decode.v; the wire
// input (s_wire_*) is parsed by slipway_wire_rx.v. Every MD record the decoder writes counts in
// CNT_MD_RECORDS, FEED_STATUS decode-error records included; decode errors and gaps also count in
// the feed block.
//
// Market-data records: decoder -> book stage (slipway_book.v: keeps the price-level books from
// the records and passes them on unchanged, no added latency) -> m_md_*, where the trigger
// watches the BBO records.
//
// Latency block (slipway_latency_stats.v), three paths:
//   FEED    edge taking a message's last beat into the decoder -> the decoder committing its
//           records (or dropping it); exactly one commit per message, in order, so the pairing
//           holds for every template, decode errors and aborted wire frames included.
//   RISK    edge the gate takes an order descriptor (trigger fire markers excluded) -> edge
//           committing its verdict (one reason strobe per order, pass or reject).
//   TRIGGER tick-to-trade: the cycle the decoder takes the last beat of the BestBidAsk message
//           whose BBO record fired a slot -> the cycle the first beat of that slot's order is
//           taken on the venue port (the definition of `slipway card bench`'s tick-to-trade).
//           One sample per triggered order that leaves; a fired order the gate rejects adds
//           none. The trigger block keeps the start stamps (slipway_trigger.v) and hands the
//           pair over at the venue beat, so the path never holds an open start.
//
// ingress_dropped_inc is the count enable the ingress ring will drive; nothing on the card drives
// it yet and the simulation driver holds it at 0.
//
// TX path: order slots (s_order_*, see slipway_order_stream.v) are split into descriptor and
// message; the descriptor goes through slipway_risk_gate (fixed 5-cycle verdict, limits from
// the risk block, touch from the BBO table); its completion record leaves on m_cmp_*, and the
// message leaves on the venue port m_venue_* (tdest = venue) only if it passed. Exposure records
// (s_exposure_*, one 32-byte record per beat) update position and open quantity. Reason counters
// and ORDERS_SENT count the gate's verdicts.
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
    output wire [31:0]             reg_rd_data,
    output wire                    reg_rd_valid,

    input  wire                    ingress_dropped_inc,

    input  wire [63:0]             s_ingress_tdata,
    /* verilator lint_off UNUSEDSIGNAL */  // the slot header's LENGTH says where a message ends
    input  wire [7:0]              s_ingress_tkeep,
    /* verilator lint_on UNUSEDSIGNAL */
    input  wire                    s_ingress_tvalid,
    input  wire                    s_ingress_tlast,
    output wire                    s_ingress_tready,

    // wire input: Ethernet frames from the MAC (slipway_wire_rx.v)
    input  wire [63:0]             s_wire_tdata,
    input  wire [7:0]              s_wire_tkeep,
    input  wire                    s_wire_tvalid,
    input  wire                    s_wire_tlast,
    output wire                    s_wire_tready,

    output wire [511:0]            m_md_data,
    output wire                    m_md_valid,
    input  wire                    m_md_ready,

    // TX path: order slots in, exposure records in, completions out, venue port out
    input  wire [63:0]             s_order_tdata,
    input  wire [7:0]              s_order_tkeep,
    input  wire                    s_order_tvalid,
    input  wire                    s_order_tlast,
    output wire                    s_order_tready,

    input  wire [255:0]            s_exposure_data,
    input  wire                    s_exposure_valid,
    output wire                    s_exposure_ready,

    output wire [511:0]            m_cmp_data,
    output wire                    m_cmp_valid,
    input  wire                    m_cmp_ready,

    output wire [63:0]             m_venue_tdata,
    output wire [7:0]              m_venue_tkeep,
    output wire                    m_venue_tlast,
    output wire                    m_venue_tvalid,
    output wire [2:0]              m_venue_tdest,
    input  wire                    m_venue_tready,

    output wire                    tx_ready,  // the risk gate has cleared its tables after reset

    output wire [63:0]             cycles
);

// block selects; bases and lengths from slipway_nic.h
wire sel_identity = (reg_addr[15:6] == 10'h000);  // 0x0000-0x003F
wire sel_risk     = (reg_addr[15:6] == 10'h001);  // 0x0040-0x007F
wire sel_counters = (reg_addr[15:7] == 9'h001);   // 0x0080-0x00FF
wire sel_feed     = (reg_addr[15:8] == 8'h01);    // 0x0100-0x01FF
wire sel_book     = (reg_addr[15:8] == 8'h02);    // 0x0200-0x02FF
wire sel_trigger  = (reg_addr[15:8] == 8'h03);    // 0x0300-0x03FF
wire sel_latency  = (reg_addr[15:8] == 8'h04);    // 0x0400-0x04FF
wire sel_none     = !(sel_identity || sel_risk || sel_counters || sel_feed || sel_book || sel_trigger ||
                      sel_latency);

// The bus as registered on entry: the blocks see bus_addr/bus_wr_data and their own enables.
localparam B_IDENTITY = 0, B_RISK = 1, B_COUNTERS = 2, B_FEED = 3, B_BOOK = 4, B_TRIGGER = 5,
           B_LATENCY = 6;
reg [7:0]  bus_addr;       // the blocks decode offsets within 256 bytes at most
reg [31:0] bus_wr_data;
reg [6:0]  bus_wr;         // per block (B_*): a write to it
reg [6:0]  bus_rd;         // per block: a read of it
reg        bus_rd_none;    // a read of an unmapped address

always @(posedge clk) begin
    bus_addr    <= reg_addr[7:0];
    bus_wr_data <= reg_wr_data;
    bus_wr      <= {sel_latency, sel_trigger, sel_book, sel_feed, sel_counters, sel_risk, sel_identity} &
                   {7{reg_wr_en}};
    bus_rd      <= {sel_latency, sel_trigger, sel_book, sel_feed, sel_counters, sel_risk, sel_identity} &
                   {7{reg_rd_en}};
    bus_rd_none <= reg_rd_en && sel_none;
    if (rst) begin
        bus_wr      <= 7'd0;
        bus_rd      <= 7'd0;
        bus_rd_none <= 1'b0;
    end
end

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

wire [31:0] id_rd_data, risk_rd_data, cnt_rd_data, trg_rd_data, book_rd_data, lat_rd_data;
wire        id_rd_valid, risk_rd_valid, cnt_rd_valid, trg_rd_valid, book_rd_valid, lat_rd_valid;

slipway_reg_identity #(
    .BUILD_ID(BUILD_ID),
    .FEATURES(32'h0000_001F),  // RX_SBE | BOOK | RISK_GATE | TRIGGERS | LATENCY_STATS
    .CLOCK_KHZ(32'd322266),
    .NEXT(16'h0040)
) identity_inst (
    .clk(clk),
    .rst(rst),
    .reg_addr(bus_addr[5:0]),
    .reg_wr_en(bus_wr[B_IDENTITY]),
    .reg_wr_data(bus_wr_data),
    .reg_rd_en(bus_rd[B_IDENTITY]),
    .reg_rd_data(id_rd_data),
    .reg_rd_valid(id_rd_valid)
);

// risk gate limits
wire        risk_kill;
wire [7:0]  risk_venue_enable;
wire [15:0] risk_instrument_enable;
wire [31:0] risk_collar_bps;
wire [63:0] risk_max_qty;
wire [63:0] risk_max_notional;
wire [31:0] risk_throttle_burst;
wire [31:0] risk_throttle_refill;
wire [63:0] risk_max_position;
wire        risk_burst_written;
wire        risk_refill_written;

slipway_reg_risk #(
    .NEXT(16'h0080),
    .MAX_VENUES(8),
    .MAX_INSTRUMENTS(16)
) risk_inst (
    .clk(clk),
    .rst(rst),
    .reg_addr(bus_addr[5:0]),
    .reg_wr_en(bus_wr[B_RISK]),
    .reg_wr_data(bus_wr_data),
    .reg_rd_en(bus_rd[B_RISK]),
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
    .max_position(risk_max_position),
    .throttle_burst_written(risk_burst_written),
    .throttle_refill_written(risk_refill_written)
);

wire md_record_inc;
wire [511:0] dec_rec_data;
wire         dec_rec_valid;
wire         dec_rec_ready;

// BBO table read port, for the risk gate
wire        md_decode_error;
wire        md_gap;
wire        md_frame_end;
wire [6:0]  bbo_rd_channel;
wire [63:0] bbo_rd_bid;
wire [63:0] bbo_rd_ask;

// ---- receive path: wire parser and lookaside slots -> arbiter -> one SBE decoder -----------
wire [511:0] sub_group, sub_port_channel;
wire [63:0]  wire_tdata, dec_tdata, wire_tstamp, dec_tstamp;
wire [2:0]   wire_tuser, dec_tuser;
wire [31:0]  feed_stale_cycles;
wire         feed_stale_inc, feed_recovered_inc;
wire         wire_tvalid, wire_tlast, wire_tready, dec_tvalid, dec_tlast, dec_tready;
wire         feed_frame_inc, feed_not_subscribed_inc, feed_drop_l2_inc, feed_drop_l3_inc,
             feed_drop_l4_inc, feed_delivered_inc;

slipway_wire_rx wire_rx_inst (
    .clk(clk),
    .rst(rst),
    .s_tdata(s_wire_tdata),
    .s_tkeep(s_wire_tkeep),
    .s_tvalid(s_wire_tvalid),
    .s_tlast(s_wire_tlast),
    .s_tready(s_wire_tready),
    .m_tdata(wire_tdata),
    .m_tuser(wire_tuser),
    .m_tstamp(wire_tstamp),
    .m_tvalid(wire_tvalid),
    .m_tlast(wire_tlast),
    .m_tready(wire_tready),
    .cycles(cycle_count),
    .stale_cycles(feed_stale_cycles),
    .sub_group(sub_group),
    .sub_port_channel(sub_port_channel),
    .frame_inc(feed_frame_inc),
    .not_subscribed_inc(feed_not_subscribed_inc),
    .drop_l2_inc(feed_drop_l2_inc),
    .drop_l3_inc(feed_drop_l3_inc),
    .drop_l4_inc(feed_drop_l4_inc),
    .delivered_inc(feed_delivered_inc),
    .stale_inc(feed_stale_inc),
    .recovered_inc(feed_recovered_inc)
);

slipway_rx_arb rx_arb_inst (
    .clk(clk),
    .rst(rst),
    .a_tdata(s_ingress_tdata),
    .a_tuser(3'b000),
    .a_tstamp(cycle_count),   // the ingress port is the arbiter's input: a beat is taken as offered
    .a_tvalid(s_ingress_tvalid),
    .a_tlast(s_ingress_tlast),
    .a_tready(s_ingress_tready),
    .b_tdata(wire_tdata),
    .b_tuser(wire_tuser),
    .b_tstamp(wire_tstamp),
    .b_tvalid(wire_tvalid),
    .b_tlast(wire_tlast),
    .b_tready(wire_tready),
    .m_tdata(dec_tdata),
    .m_tuser(dec_tuser),
    .m_tstamp(dec_tstamp),
    .m_tvalid(dec_tvalid),
    .m_tlast(dec_tlast),
    .m_tready(dec_tready)
);

slipway_sbe_decode #(
    .PRICE_EXP(-8'sd2),
    .QTY_EXP(-8'sd6),
    .MAX_WIRE(1472),
    .FIFO_DEPTH(256)
) rx_decode_inst (
    .clk(clk),
    .rst(rst),
    .s_tdata(dec_tdata),
    .s_tuser(dec_tuser),
    .s_tstamp(dec_tstamp),
    .s_tvalid(dec_tvalid),
    .s_tlast(dec_tlast),
    .s_tready(dec_tready),
    .m_rec_data(dec_rec_data),
    .m_rec_valid(dec_rec_valid),
    .m_rec_ready(dec_rec_ready),
    .md_record(md_record_inc),
    .decode_error(md_decode_error),
    .gap(md_gap),
    .frame_end(md_frame_end),
    .bbo_rd_channel(bbo_rd_channel),
    .bbo_rd_bid(bbo_rd_bid),
    .bbo_rd_ask(bbo_rd_ask)
);

// ---- TX path: order stream -> risk gate -> venue port ----------------------------------------
wire [511:0] desc_data;
wire [15:0]  desc_length;
wire [4:0]   desc_beats;
wire         desc_valid, desc_ready;
wire         vrd_pass, vrd_valid, vrd_ready, vrd_trigger;
wire [2:0]   vrd_venue;
wire [7:0]   vrd_length;
wire [4:0]   vrd_beats;
wire [1:0]   vrd_slot;
// trigger slots take the gate input ahead of the host's order stream
wire [511:0] trg_desc_data;
wire [15:0]  trg_desc_length;
wire [4:0]   trg_desc_beats;
wire         trg_desc_marker, trg_desc_valid;
wire [1:0]   trg_desc_slot;
wire [1:0]   trg_msg_slot;
wire [4:0]   trg_msg_beat;
wire [63:0]  trg_msg_data;
wire         trg_msg_done;
wire [1:0]   trg_msg_done_slot;
wire         gate_desc_ready;
wire         gate_ready;
wire         lat_trigger_valid;
wire [63:0]  lat_trigger_cycle;
assign desc_ready = gate_desc_ready && !trg_desc_valid;
assign tx_ready   = gate_ready;

slipway_trigger #(
    .NEXT(16'h0400),  // SLIPWAY_LATENCY_BASE
    .SLOTS(4)
) trigger_inst (
    .clk(clk),
    .rst(rst),
    .reg_addr(bus_addr[7:0]),
    .reg_wr_en(bus_wr[B_TRIGGER]),
    .reg_wr_data(bus_wr_data),
    .reg_rd_en(bus_rd[B_TRIGGER]),
    .reg_rd_data(trg_rd_data),
    .reg_rd_valid(trg_rd_valid),
    .md_data(m_md_data),
    .md_take(m_md_valid && m_md_ready),
    .m_desc_data(trg_desc_data),
    .m_desc_length(trg_desc_length),
    .m_desc_beats(trg_desc_beats),
    .m_desc_marker(trg_desc_marker),
    .m_desc_slot(trg_desc_slot),
    .m_desc_valid(trg_desc_valid),
    .m_desc_ready(gate_desc_ready),
    .msg_rd_slot(trg_msg_slot),
    .msg_rd_beat(trg_msg_beat),
    .msg_rd_data(trg_msg_data),
    .msg_done(trg_msg_done),
    .msg_done_slot(trg_msg_done_slot),
    .cycles(cycle_count),
    .tick_beat(dec_tvalid && dec_tready && !dec_tuser[2]),  // a status token is no frame
    .tick_data(dec_tdata),
    .tick_last(dec_tlast),
    .tick_wire(dec_tuser[0]),
    .tick_abort(dec_tuser[1]),
    .tick_commit(md_frame_end),
    .tick_error(md_decode_error),
    .sent_first(trg_sent_first),
    .sent_slot(trg_sent_slot),
    .lat_valid(lat_trigger_valid),
    .lat_start(lat_trigger_cycle)
);

// The first beat of each packet on the venue port, and whether the verdict that started it was a
// trigger slot's (the sender takes one verdict at a time, so the last one taken names the packet).
reg       venue_mid;
reg       venue_trg;
reg [1:0] venue_trg_slot;
wire      trg_sent_first = m_venue_tvalid && m_venue_tready && !venue_mid && venue_trg;
wire [1:0] trg_sent_slot = venue_trg_slot;

always @(posedge clk) begin
    if (vrd_valid && vrd_ready) begin
        venue_trg      <= vrd_trigger;
        venue_trg_slot <= vrd_slot;
    end
    if (m_venue_tvalid && m_venue_tready) begin
        venue_mid <= !m_venue_tlast;
    end
    if (rst) begin
        venue_mid      <= 1'b0;
        venue_trg      <= 1'b0;
        venue_trg_slot <= 2'd0;
    end
end
wire [REASON_COUNT-1:0] reason_inc;
wire         order_sent_inc;
/* verilator lint_off UNUSEDSIGNAL */
wire         exposure_malformed;  // counted in CNT_EXPOSURE_MALFORMED
wire         gate_idle;
/* verilator lint_on UNUSEDSIGNAL */

slipway_order_stream #(
    .MSG_DEPTH(64)
) order_stream_inst (
    .clk(clk),
    .rst(rst),
    .s_ord_tdata(s_order_tdata),
    .s_ord_tkeep(s_order_tkeep),
    .s_ord_tvalid(s_order_tvalid),
    .s_ord_tlast(s_order_tlast),
    .s_ord_tready(s_order_tready),
    .m_desc_data(desc_data),
    .m_desc_length(desc_length),
    .m_desc_beats(desc_beats),
    .m_desc_valid(desc_valid),
    .m_desc_ready(desc_ready),
    .s_vrd_pass(vrd_pass),
    .s_vrd_venue(vrd_venue),
    .s_vrd_length(vrd_length),
    .s_vrd_beats(vrd_beats),
    .s_vrd_trigger(vrd_trigger),
    .s_vrd_slot(vrd_slot),
    .s_vrd_valid(vrd_valid),
    .s_vrd_ready(vrd_ready),
    .trg_rd_slot(trg_msg_slot),
    .trg_rd_beat(trg_msg_beat),
    .trg_rd_data(trg_msg_data),
    .trg_done(trg_msg_done),
    .trg_done_slot(trg_msg_done_slot),
    .m_venue_tdata(m_venue_tdata),
    .m_venue_tkeep(m_venue_tkeep),
    .m_venue_tlast(m_venue_tlast),
    .m_venue_tvalid(m_venue_tvalid),
    .m_venue_tdest(m_venue_tdest),
    .m_venue_tready(m_venue_tready)
);

slipway_risk_gate #(
    .FIFO_DEPTH(32)
) risk_gate_inst (
    .clk(clk),
    .rst(rst),
    .cycles(cycle_count),
    .s_desc_data(trg_desc_valid ? trg_desc_data : desc_data),
    .s_desc_length(trg_desc_valid ? trg_desc_length : desc_length),
    .s_desc_beats(trg_desc_valid ? trg_desc_beats : desc_beats),
    .s_desc_marker(trg_desc_valid && trg_desc_marker),
    .s_desc_trigger(trg_desc_valid),
    .s_desc_slot(trg_desc_slot),
    .s_desc_valid(trg_desc_valid || desc_valid),
    .s_desc_ready(gate_desc_ready),
    .s_exp_data(s_exposure_data),
    .s_exp_valid(s_exposure_valid),
    .s_exp_ready(s_exposure_ready),
    .kill(risk_kill),
    .venue_enable(risk_venue_enable),
    .instrument_enable(risk_instrument_enable),
    .collar_bps(risk_collar_bps),
    .max_qty(risk_max_qty),
    .max_notional(risk_max_notional),
    .throttle_burst(risk_throttle_burst),
    .throttle_refill(risk_throttle_refill),
    .max_position(risk_max_position),
    .throttle_burst_written(risk_burst_written),
    .throttle_refill_written(risk_refill_written),
    .bbo_rd_channel(bbo_rd_channel),
    .bbo_rd_bid(bbo_rd_bid),
    .bbo_rd_ask(bbo_rd_ask),
    .m_cmp_data(m_cmp_data),
    .m_cmp_valid(m_cmp_valid),
    .m_cmp_ready(m_cmp_ready),
    .m_vrd_pass(vrd_pass),
    .m_vrd_venue(vrd_venue),
    .m_vrd_length(vrd_length),
    .m_vrd_beats(vrd_beats),
    .m_vrd_trigger(vrd_trigger),
    .m_vrd_slot(vrd_slot),
    .m_vrd_valid(vrd_valid),
    .m_vrd_ready(vrd_ready),
    .reason_inc(reason_inc),
    .order_sent(order_sent_inc),
    .exposure_malformed(exposure_malformed),
    .ready(gate_ready),
    .idle(gate_idle)
);

slipway_book #(
    .SLOTS(16),
    .LEVELS(8),
    .NEXT(16'h0300)  // SLIPWAY_TRIGGER_BASE
) book_inst (
    .clk(clk),
    .rst(rst),
    .s_rec_data(dec_rec_data),
    .s_rec_valid(dec_rec_valid),
    .s_rec_ready(dec_rec_ready),
    .m_rec_data(m_md_data),
    .m_rec_valid(m_md_valid),
    .m_rec_ready(m_md_ready),
    .reg_addr(bus_addr[7:0]),
    .reg_wr_en(bus_wr[B_BOOK]),
    .reg_wr_data(bus_wr_data),
    .reg_rd_en(bus_rd[B_BOOK]),
    .reg_rd_data(book_rd_data),
    .reg_rd_valid(book_rd_valid)
);

// Latency paths: 0 feed, 1 risk, 2 trigger; see the header comment. The trigger path's start and
// end come together (start stamp from the trigger block), so its FIFO stays empty.
wire        lat_feed_start    = dec_tvalid && dec_tready && dec_tlast && !dec_tuser[2];  // not a status token
wire        lat_feed_end      = md_frame_end;
wire        lat_risk_start    = (trg_desc_valid || desc_valid) && gate_desc_ready &&
                                !(trg_desc_valid && trg_desc_marker);
wire        lat_risk_end      = |reason_inc;
wire        lat_trigger_start = lat_trigger_valid;
wire        lat_trigger_end   = lat_trigger_valid;

slipway_latency_stats #(
    .PATHS(3),
    .DEPTH(32),
    .NEXT(16'h0000)
) latency_inst (
    .clk(clk),
    .rst(rst),
    .cycles(cycle_count),
    .start_valid({lat_trigger_start, lat_risk_start, lat_feed_start}),
    .start_cycle({lat_trigger_cycle, cycle_count, cycle_count}),
    .end_valid({lat_trigger_end, lat_risk_end, lat_feed_end}),
    .reg_addr(bus_addr[7:0]),
    .reg_wr_en(bus_wr[B_LATENCY]),
    .reg_wr_data(bus_wr_data),
    .reg_rd_en(bus_rd[B_LATENCY]),
    .reg_rd_data(lat_rd_data),
    .reg_rd_valid(lat_rd_valid)
);

slipway_reg_counters #(
    .NEXT(16'h0100),  // SLIPWAY_FEED_BASE
    .REASON_COUNT(REASON_COUNT)
) counters_inst (
    .clk(clk),
    .rst(rst),
    .reg_addr(bus_addr[6:0]),
    .reg_wr_en(bus_wr[B_COUNTERS]),
    .reg_wr_data(bus_wr_data),
    .reg_rd_en(bus_rd[B_COUNTERS]),
    .reg_rd_data(cnt_rd_data),
    .reg_rd_valid(cnt_rd_valid),
    .reason_inc(reason_inc),
    .md_record_inc(md_record_inc),
    .ingress_dropped_inc(ingress_dropped_inc),
    .order_sent_inc(order_sent_inc),
    .exposure_malformed_inc(exposure_malformed),
    .cycles(cycle_count)
);

wire [31:0] feed_rd_data;
wire        feed_rd_valid;

slipway_reg_feed #(
    .NEXT(16'h0200)  // SLIPWAY_BOOK_BASE
) feed_inst (
    .clk(clk),
    .rst(rst),
    .reg_addr(bus_addr[7:0]),
    .reg_wr_en(bus_wr[B_FEED]),
    .reg_wr_data(bus_wr_data),
    .reg_rd_en(bus_rd[B_FEED]),
    .reg_rd_data(feed_rd_data),
    .reg_rd_valid(feed_rd_valid),
    .frame_inc(feed_frame_inc),
    .not_subscribed_inc(feed_not_subscribed_inc),
    .drop_l2_inc(feed_drop_l2_inc),
    .drop_l3_inc(feed_drop_l3_inc),
    .drop_l4_inc(feed_drop_l4_inc),
    .decode_error_inc(md_decode_error),
    .gap_inc(md_gap),
    .delivered_inc(feed_delivered_inc),
    .stale_inc(feed_stale_inc),
    .recovered_inc(feed_recovered_inc),
    .stale_cycles(feed_stale_cycles),
    .sub_group(sub_group),
    .sub_port_channel(sub_port_channel)
);

// Unmapped reads still complete (with 0) so a host never waits on a read that never returns.
reg none_rd_valid;

always @(posedge clk) begin
    none_rd_valid <= bus_rd_none;
    if (rst) begin
        none_rd_valid <= 1'b0;
    end
end

// blocks drive zero when not returning data, so OR merges them (each input is a block's register)
assign reg_rd_data  = id_rd_data | risk_rd_data | cnt_rd_data | feed_rd_data | book_rd_data | trg_rd_data |
                      lat_rd_data;
assign reg_rd_valid = id_rd_valid | risk_rd_valid | cnt_rd_valid | feed_rd_valid | book_rd_valid | trg_rd_valid |
                      lat_rd_valid | none_rd_valid;

endmodule

`resetall
