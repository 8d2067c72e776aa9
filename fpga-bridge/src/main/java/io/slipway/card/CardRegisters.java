package io.slipway.card;

/**
 * The card's register space: discoverable blocks of 32-bit registers at byte addresses, as laid
 * out in {@code firmware-stubs/include/slipway_nic.h}. Writes are the admin path: only the
 * operator side of the host holds an instance that is allowed to write risk limits.
 */
public interface CardRegisters
{
    int readRegister(int address);

    void writeRegister(int address, int value);

    default long readRegister64(final int lowAddress)
    {
        return (readRegister(lowAddress) & 0xFFFF_FFFFL) | ((long)readRegister(lowAddress + 4) << 32);
    }

    default void writeRegister64(final int lowAddress, final long value)
    {
        writeRegister(lowAddress, (int)value);
        writeRegister(lowAddress + 4, (int)(value >>> 32));
    }
}
