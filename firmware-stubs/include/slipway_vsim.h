/*
 * slipway_vsim.h - C driver ABI of the simulated card (the RTL compiled by Verilator).
 *
 * fpga-bridge loads libslipway_vsim.so through JNA and calls only these functions. Calls are
 * coarse on purpose (JNA costs ~100-200 ns a call): block register reads, "run N cycles".
 * A model is created, clocked and destroyed on one thread; the Java side guarantees that.
 *
 * Version 1 exposes the register path (discoverable blocks, admin writes) and the cycle
 * counter. The ring functions (ingress, orders, market-data and completion drains) join this
 * ABI with the RTL receive path and risk gate; until then the Java verilator backend offers
 * register access only and says so.
 */
#ifndef SLIPWAY_VSIM_H
#define SLIPWAY_VSIM_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SLIPWAY_VSIM_ABI_VERSION 1u

typedef struct slipway_vsim slipway_vsim;

/* ABI version of the loaded library; the host refuses a mismatch. */
uint32_t slipway_vsim_abi_version(void);

/* Creates the model, holds reset for 16 cycles and releases it. NULL on failure. */
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

#ifdef __cplusplus
}
#endif

#endif /* SLIPWAY_VSIM_H */
