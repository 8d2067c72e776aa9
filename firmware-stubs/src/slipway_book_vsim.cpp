// slipway_book_vsim.cpp - C driver of the book stage alone (slipway_book_vsim.h) over the
// Verilated slipway_book. Every value returned comes from the model. One thread per model.

#include "slipway_book_vsim.h"

#include "slipway_nic.h"
#include "vsim_reg_bus.hpp"

#include <cstring>
#include <new>

#include "Vslipway_book.h"
#include "verilated.h"

namespace {

constexpr int RESET_CYCLES = 4;
constexpr uint32_t RECORD_WORDS = SLIPWAY_MD_RECORD_SIZE / 4;
// A record not taken within this many cycles means a broken build (the stage stalls one cycle
// per register write at most), not back-pressure.
constexpr uint64_t STUCK_CYCLES = 100000;

}  // namespace

struct slipway_book_vsim {
    VerilatedContext *context;
    Vslipway_book *top;
    uint64_t rng;
    uint64_t cycles;
};

namespace {

void tick(slipway_book_vsim *book) {
    Vslipway_book *top = book->top;
    top->clk = 1;
    top->eval();
    top->clk = 0;
    top->eval();
    book->cycles++;
}

uint32_t next_percent(slipway_book_vsim *book) {
    // xorshift64*: a fixed, seeded pattern, so a run is reproducible
    uint64_t x = book->rng;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    book->rng = x;
    return static_cast<uint32_t>((x * 0x2545F4914F6CDD1Dull) >> 32) % 100u;
}

}  // namespace

extern "C" {

uint32_t slipway_book_vsim_abi_version(void) { return SLIPWAY_BOOK_VSIM_ABI_VERSION; }

slipway_book_vsim *slipway_book_vsim_open(uint64_t seed) {
    slipway_book_vsim *book = new (std::nothrow) slipway_book_vsim{};
    if (book == nullptr) return nullptr;
    book->context = new (std::nothrow) VerilatedContext;
    if (book->context == nullptr) {
        delete book;
        return nullptr;
    }
    book->top = new (std::nothrow) Vslipway_book{book->context};
    if (book->top == nullptr) {
        delete book->context;
        delete book;
        return nullptr;
    }
    book->rng = seed == 0 ? 0x9E3779B97F4A7C15ull : seed;
    Vslipway_book *top = book->top;
    top->clk = 0;
    top->reg_wr_en = 0;
    top->reg_rd_en = 0;
    top->s_rec_valid = 0;
    top->m_rec_ready = 1;
    top->rst = 1;
    for (int i = 0; i < RESET_CYCLES; i++) tick(book);
    top->rst = 0;
    return book;
}

void slipway_book_vsim_close(slipway_book_vsim *book) {
    if (book == nullptr) return;
    book->top->final();
    delete book->top;
    delete book->context;
    delete book;
}

void slipway_book_vsim_reg_write(slipway_book_vsim *book, uint32_t offset, uint32_t value) {
    if (book == nullptr) return;
    slipway_vsim_bus::write<uint8_t>(book->top, offset, SLIPWAY_BOOK_LENGTH, value, [book] { tick(book); });
}

uint32_t slipway_book_vsim_reg_read_block(slipway_book_vsim *book, uint32_t offset, uint32_t *out,
                                          uint32_t count) {
    if (book == nullptr || out == nullptr) return 0;
    return slipway_vsim_bus::read_block<uint8_t>(book->top, offset, SLIPWAY_BOOK_LENGTH, out, count,
                                                 [book] { tick(book); });
}

uint32_t slipway_book_vsim_records(slipway_book_vsim *book, const uint8_t *records, uint32_t count,
                                   uint32_t ready_percent, uint8_t *out) {
    if (book == nullptr || records == nullptr || out == nullptr || ready_percent == 0 || ready_percent > 100) {
        return 0;
    }
    Vslipway_book *top = book->top;
    uint32_t handed = 0;
    for (uint32_t i = 0; i < count; i++) {
        const uint8_t *src = records + static_cast<size_t>(i) * SLIPWAY_MD_RECORD_SIZE;
        for (uint32_t w = 0; w < RECORD_WORDS; w++) {
            uint32_t v;
            std::memcpy(&v, src + 4 * w, 4);
            top->s_rec_data[w] = v;
        }
        top->s_rec_valid = 1;
        uint64_t waited = 0;
        for (;;) {
            top->m_rec_ready = next_percent(book) < ready_percent;
            top->eval();
            bool handed_on = top->m_rec_valid && top->m_rec_ready;
            bool taken = top->s_rec_ready;
            if (handed_on) {
                uint8_t *dst = out + static_cast<size_t>(handed) * SLIPWAY_MD_RECORD_SIZE;
                for (uint32_t w = 0; w < RECORD_WORDS; w++) {
                    uint32_t v = top->m_rec_data[w];
                    std::memcpy(dst + 4 * w, &v, 4);
                }
                handed++;
            }
            tick(book);
            if (taken) break;
            if (++waited > STUCK_CYCLES) {
                top->s_rec_valid = 0;
                return handed;
            }
        }
    }
    top->s_rec_valid = 0;
    top->m_rec_ready = 1;
    return handed;
}

uint64_t slipway_book_vsim_cycles(const slipway_book_vsim *book) {
    return book == nullptr ? 0 : book->cycles;
}

}  // extern "C"
