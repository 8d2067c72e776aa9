package io.slipway.card;

import java.util.HashMap;
import java.util.Map;

/** Fault injection: a card's register space with some addresses reading other values. */
final class PatchedRegisters implements CardRegisters
{
    private final CardRegisters delegate;
    private final Map<Integer, Integer> patches = new HashMap<>();

    PatchedRegisters(final CardRegisters delegate)
    {
        this.delegate = delegate;
    }

    PatchedRegisters patch(final int address, final int value)
    {
        patches.put(address, value);
        return this;
    }

    public int readRegister(final int address)
    {
        final Integer patched = patches.get(address);
        return null != patched ? patched : delegate.readRegister(address);
    }

    public void writeRegister(final int address, final int value)
    {
        delegate.writeRegister(address, value);
    }
}
