/*
 * slipway_book_vsim.h - C driver ABI of the book stage alone (hdl-sim/rtl/slipway_book.v
 * compiled by Verilator), a test entry point.
 *
 * The card's book sits behind the decoder, which today writes only BBO and FEED_STATUS records,
 * so BOOK_LEVEL records cannot reach it through the card's ingress yet. This library feeds market-
 * data records straight into the book stage, so fpga-bridge can hold the RTL book against the
 * reference book on real recorded data (BookDifferentialTest). It is not part of the card's ABI
 * (slipway_vsim.h); the card library contains the same module behind its decoder.
 * A model is created, clocked and destroyed on one thread.
 */
#ifndef SLIPWAY_BOOK_VSIM_H
#define SLIPWAY_BOOK_VSIM_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SLIPWAY_BOOK_VSIM_ABI_VERSION 1u

typedef struct slipway_book_vsim slipway_book_vsim;

uint32_t slipway_book_vsim_abi_version(void);

/* Creates the model and resets it. seed drives the downstream back-pressure pattern. NULL on failure. */
slipway_book_vsim *slipway_book_vsim_open(uint64_t seed);
void slipway_book_vsim_close(slipway_book_vsim *book);

/* The BOOK block's registers, by offset inside the block (SLIPWAY_BOOK_*). A write takes one
 * cycle; reads are pipelined, one issued per cycle, so count registers take count + 1 cycles. */
void slipway_book_vsim_reg_write(slipway_book_vsim *book, uint32_t offset, uint32_t value);
uint32_t slipway_book_vsim_reg_read_block(slipway_book_vsim *book, uint32_t offset, uint32_t *out,
                                          uint32_t count);

/* Feeds count 64-byte records (layout SLIPWAY_MD_*) into the stage, each held until taken, with
 * the stage's output ready in ready_percent (0 < .. <= 100) of cycles, drawn from the seeded
 * pattern. Every record the stage hands on is copied to out (count x 64 bytes). Returns the number
 * handed on (count unless the arguments are bad, then 0). */
uint32_t slipway_book_vsim_records(slipway_book_vsim *book, const uint8_t *records, uint32_t count,
                                   uint32_t ready_percent, uint8_t *out);

/* Rising edges since open (reset included). */
uint64_t slipway_book_vsim_cycles(const slipway_book_vsim *book);

#ifdef __cplusplus
}
#endif

#endif /* SLIPWAY_BOOK_VSIM_H */
