package io.slipway.card;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests that need the Verilator-built card library call {@link #require()} first: a missing
 * library fails the test when the build made it ({@code slipway.vsim.required=true}, the
 * default) and skips it otherwise, saying where the library was looked for.
 */
final class SimulatedCardLibrary
{
    private SimulatedCardLibrary()
    {
    }

    static void require()
    {
        if (!VerilatorCardRegisters.isAvailable())
        {
            if (Boolean.getBoolean("slipway.vsim.required"))
            {
                fail(VerilatorCardRegisters.loadFailure());
            }
            assumeTrue(false, VerilatorCardRegisters.loadFailure());
        }
    }
}
