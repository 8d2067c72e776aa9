/*
 * slipway_vsim.h - C driver ABI of the simulated card (the RTL compiled by Verilator).
 *
 * fpga-bridge loads libslipway_vsim.so through JNA and calls only these functions. Calls are
 * coarse on purpose (JNA costs ~100-200 ns a call): block register reads, "run N cycles".
 * A model is created, clocked and destroyed on one thread; the Java side guarantees that.
 *
 * Version 1 exposed the register path (discoverable blocks, admin writes) and the cycle
 * counter. Version 2 adds the lookaside ingress path and the market-data drain (the card decodes
 * the SBE BestBidAsk message only; since version 3 all four templates). Version 3 adds the wire
 * input (Ethernet/IPv4/UDP frames, slipway_nic.h SLIPWAY_FEED_*) and a latency probe. Version 4
 * adds the TX path: the order stream through the RTL risk gate, exposures, completions, the venue
 * ports, an idle fast-forward and the beat cycles latency figures are measured from.
 */
#ifndef SLIPWAY_VSIM_H
#define SLIPWAY_VSIM_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SLIPWAY_VSIM_ABI_VERSION 4u

typedef struct slipway_vsim slipway_vsim;

/* ABI version of the loaded library; the host refuses a mismatch. */
uint32_t slipway_vsim_abi_version(void);

/* Creates the model, holds reset for 16 cycles, releases it and clocks it until the risk gate has
 * cleared its tables (about 1030 cycles). NULL on failure. */
slipway_vsim *slipway_vsim_open(void);
void slipway_vsim_close(slipway_vsim *card);

/* Register access through the card's register bus; each takes as many cycles as the RTL does. */
uint32_t slipway_vsim_reg_read(slipway_vsim *card, uint32_t address);
void slipway_vsim_reg_write(slipway_vsim *card, uint32_t address, uint32_t value);
/* Reads count consecutive 32-bit registers from address into out; returns count read. */
uint32_t slipway_vsim_reg_read_block(slipway_vsim *card, uint32_t address, uint32_t *out, uint32_t count);

/* Clocks the model for cycles rising edges; returns the model's cycle counter afterwards. */
uint64_t slipway_vsim_run(slipway_vsim *card, uint64_t cycles);
uint64_t slipway_vsim_cycles(const slipway_vsim *card);

/* Version 2. Feeds count ingress slots of SLIPWAY_INGRESS_SLOT_SIZE bytes each (layout
 * SLIPWAY_INGRESS_*) to the card, one 64-bit beat per cycle as it accepts them, and clocks
 * the model while it does. Returns how many slots were taken: fewer than count only when the
 * library's market-data ring (4096 records) is too full to be sure the next slot's record fits;
 * drain it and offer the rest again. */
uint32_t slipway_vsim_ingress(slipway_vsim *card, const uint8_t *slots, uint32_t count);
/* Version 2. Clocks the model until the receive path is idle (nothing at its output for 8
 * cycles), then copies up to max_records 64-byte MD records (layout SLIPWAY_MD_*), oldest
 * first, into out. Records are moved from the card into the library's ring on every cycle,
 * whichever call clocks the model. Returns the number copied. */
uint32_t slipway_vsim_drain_md(slipway_vsim *card, uint8_t *out, uint32_t max_records);

/* Version 3. Feeds count Ethernet frames (no FCS) to the card's wire input, back to back with no
 * idle cycle between them, one 64-bit beat per cycle as the card accepts them (tkeep marks the
 * bytes of a frame's last beat). frames holds them one after another; lengths[i] is frame i's
 * length in bytes. Returns how many were taken: fewer than count only when the library's
 * market-data ring is too full to be sure a frame's records fit; drain it and offer the rest. */
uint32_t slipway_vsim_wire_rx(slipway_vsim *card, const uint8_t *frames, const uint32_t *lengths,
                              uint32_t count);
/* Version 3. Drains the receive path, then feeds one frame (wire != 0: an Ethernet frame of length
 * bytes on the wire input; wire == 0: an SBE message of length bytes as a lookaside slot for
 * channel 0) and returns the cycles from the rising edge that samples
 * its last beat (counted as 1) to the edge after which the first market-data record is at the
 * card's output, or 0 if no record came within 256 cycles. The records stay in the ring. */
uint32_t slipway_vsim_rx_latency(slipway_vsim *card, const uint8_t *bytes, uint32_t length,
                                 uint32_t wire);

/* Version 4. One message that left on a venue port, as slipway_vsim_drain_venue hands it out:
 * a fixed-size record so a batch is one flat array. */
#define SLIPWAY_VSIM_VENUE_RECORD_SIZE 208u
#define SLIPWAY_VSIM_VENUE_VENUE       0x00u /* u8 venue (the port's tdest) */
#define SLIPWAY_VSIM_VENUE_LENGTH      0x02u /* u16 message bytes */
#define SLIPWAY_VSIM_VENUE_FIRST_CYCLE 0x08u /* u64 card cycle the first beat left */
#define SLIPWAY_VSIM_VENUE_BYTES       0x10u /* up to SLIPWAY_ORDER_MAX_MESSAGE bytes */

/* Version 4. Feeds count order slots to the card's order stream, one 64-bit beat per cycle as
 * it accepts them, clocking the model. Slot i starts at slots + i x SLIPWAY_ORDER_SLOT_SIZE and
 * is lengths[i] bytes long (descriptor + message; the gate checks the length). Returns how many
 * were taken: fewer than count when the library's completion or venue ring could not be sure to
 * hold their output (drain them and offer the rest again), or at the first length over
 * SLIPWAY_ORDER_SLOT_SIZE, which the host must not offer. */
uint32_t slipway_vsim_submit_orders(slipway_vsim *card, const uint8_t *slots, const uint32_t *lengths,
                                    uint32_t count);
/* Version 4. Feeds count 32-byte exposure records (layout SLIPWAY_EXP_*); each is applied once
 * every order submitted before it has its verdict, so later orders see it and earlier ones do
 * not. Returns count. */
uint32_t slipway_vsim_submit_exposures(slipway_vsim *card, const uint8_t *records, uint32_t count);
/* Version 4. Clocks the model until the TX path is idle, then copies up to max_records 64-byte
 * completion records (layout SLIPWAY_CMP_*), oldest first. Returns the number copied. */
uint32_t slipway_vsim_drain_completions(slipway_vsim *card, uint8_t *out, uint32_t max_records);
/* Version 4. Clocks the model until the TX path is idle, then copies up to max_messages venue
 * records (SLIPWAY_VSIM_VENUE_*), oldest first. Returns the number copied. */
uint32_t slipway_vsim_drain_venue(slipway_vsim *card, uint8_t *out, uint32_t max_messages);

/* Version 4. Lets cycles pass as slipway_vsim_run does, but once the card is idle (nothing left
 * in the receive or TX path) jumps the rest: the cycle counter and the risk gate's token buckets
 * (the only state that changes on an idle card) are set to what clocking would give; it stops a
 * cycle before each feed staleness deadline (SLIPWAY_FEED_STALE_CYCLES) and clocks the STALE record
 * through, so the records and their order are what clocking gives. For the host to follow hours of
 * simulated time. Returns the cycle counter afterwards. */
uint64_t slipway_vsim_advance(slipway_vsim *card, uint64_t cycles);

/* Version 4. Card cycle at which the last beat of the last ingress slot or wire frame, or of the last order
 * slot, was taken (the cycle counter's value while that beat was on the bus); 0 before any. For
 * latency figures measured against the RTL's own clock. */
uint64_t slipway_vsim_last_ingress_beat_cycle(const slipway_vsim *card);
uint64_t slipway_vsim_last_order_beat_cycle(const slipway_vsim *card);

#ifdef __cplusplus
}
#endif

#endif /* SLIPWAY_VSIM_H */
