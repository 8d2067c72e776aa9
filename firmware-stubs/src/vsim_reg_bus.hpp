// vsim_reg_bus.hpp - the card's register-bus protocol, driven on a Verilated model.
//
// Every register block (and the card top that merges them) has the same bus: reg_addr,
// reg_wr_en/reg_wr_data for a one-cycle write, reg_rd_en for a read whose reg_rd_valid/reg_rd_data
// come back a fixed number of cycles later. The card driver and the book-stage test library both
// drive it, so the protocol lives here once. `tick` clocks the model one cycle.
#ifndef SLIPWAY_VSIM_REG_BUS_HPP
#define SLIPWAY_VSIM_REG_BUS_HPP

#include <cstdint>

namespace slipway_vsim_bus {

// A read that does not complete within this many idle cycles is a hardware fault; the RTL answers
// every read (unmapped ones included) in 2 cycles, so this only trips on a broken build.
constexpr int READ_TIMEOUT_CYCLES = 64;
// What a failed read returns, as a PCIe read that gets no completion does.
constexpr uint32_t READ_FAILED = 0xFFFFFFFFu;

// One write in one cycle. An address at or past `window` addresses nothing, so the write is
// dropped, as the card does with an unmapped address, instead of aliasing onto a real register.
template <typename Addr, typename Top, typename Tick>
void write(Top *top, uint32_t address, uint32_t window, uint32_t value, Tick tick) {
    if (address >= window) return;
    top->reg_addr = static_cast<Addr>(address);
    top->reg_wr_data = value;
    top->reg_wr_en = 1;
    tick();
    top->reg_wr_en = 0;
}

// Reads are pipelined: one is issued per cycle while earlier ones complete, so a block of n
// registers takes n + latency cycles, not n x (1 + latency). Addresses at or past `window` read
// as 0 without a bus cycle, once every earlier read has completed, so results stay in order.
// Returns the number of registers read; on a timeout the rest of out is READ_FAILED.
template <typename Addr, typename Top, typename Tick>
uint32_t read_block(Top *top, uint32_t address, uint32_t window, uint32_t *out, uint32_t count, Tick tick) {
    uint32_t issued = 0;
    uint32_t done = 0;
    int idle = 0;
    while (done < count) {
        const uint32_t issue_addr = address + 4u * issued;
        bool issue = issued < count;
        if (issue && (issue_addr < address || issue_addr >= window)) {
            if (done == issued) {
                out[done++] = 0;
                issued++;
                continue;
            }
            issue = false;
        }
        if (issue) {
            top->reg_addr = static_cast<Addr>(issue_addr);
            top->reg_rd_en = 1;
            issued++;
        } else {
            top->reg_rd_en = 0;
        }
        tick();
        if (top->reg_rd_valid) {
            out[done++] = top->reg_rd_data;
            idle = 0;
        } else if (++idle > READ_TIMEOUT_CYCLES) {
            top->reg_rd_en = 0;
            for (uint32_t i = done; i < count; i++) out[i] = READ_FAILED;
            return done;
        }
    }
    top->reg_rd_en = 0;
    return done;
}

}  // namespace slipway_vsim_bus

#endif  // SLIPWAY_VSIM_REG_BUS_HPP
