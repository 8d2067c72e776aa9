package io.slipway.card;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * Register access to the simulated card: the RTL compiled by Verilator into
 * {@code libslipway_vsim.so}, bound with JNA direct mapping per
 * {@code firmware-stubs/include/slipway_vsim.h}.
 *
 * <p>A Verilator model must be created, clocked and destroyed on one thread, so every call is
 * confined to the thread that opened the card and fails with {@link IllegalStateException} from any
 * other. Calls are coarse because a JNA call costs 100-200 ns: read register blocks with
 * {@link #readRegisters(int, int[], int)}, clock with {@link #run(long)}.
 *
 * <p>Version 2 of the library adds the lookaside ingress path, version 3 the wire input and a
 * latency probe, used through {@link VerilatorRxPath}; version 4 the TX path (order slots through the
 * risk gate, exposure records, completions, venue ports), and {@link VerilatorCard} puts them together
 * as a {@link Card}.
 */
public final class VerilatorCardRegisters implements CardRegisters, AutoCloseable
{
    /** Library name as JNA resolves it: {@code libslipway_vsim.so} on Linux. */
    public static final String LIBRARY_NAME = "slipway_vsim";
    /** ABI version of {@code slipway_vsim.h} this binding speaks. */
    public static final int ABI_VERSION = 4;

    private final Thread owner;
    private Pointer model;

    private VerilatorCardRegisters(final Pointer model)
    {
        this.owner = Thread.currentThread();
        this.model = model;
    }

    /**
     * Loads the library if needed, checks its ABI version and opens a model (reset held 16 cycles
     * and released). The calling thread owns the model.
     *
     * @throws IllegalStateException if the library cannot be loaded, speaks another ABI, or fails
     *                               to create a model.
     */
    public static VerilatorCardRegisters open()
    {
        Binding.checkLoaded();
        final int abiVersion = Binding.slipway_vsim_abi_version();
        if (ABI_VERSION != abiVersion)
        {
            throw new IllegalStateException("lib" + LIBRARY_NAME + ".so speaks ABI version " +
                Integer.toUnsignedString(abiVersion) + ", this host speaks " + ABI_VERSION +
                "; rebuild it from this checkout with `make -C hdl-sim lib`");
        }

        final Pointer model = Binding.slipway_vsim_open();
        if (null == model)
        {
            throw new IllegalStateException("slipway_vsim_open failed to create the simulated card");
        }

        return new VerilatorCardRegisters(model);
    }

    /** True if the library can be loaded here; {@link #loadFailure()} says why not. */
    public static boolean isAvailable()
    {
        return null == Binding.LOAD_FAILURE;
    }

    /** Why the library could not be loaded, with where it was looked for and how to build it; null if loaded. */
    public static String loadFailure()
    {
        return Binding.LOAD_FAILURE;
    }

    public int readRegister(final int address)
    {
        return Binding.slipway_vsim_reg_read(model(), address);
    }

    public void writeRegister(final int address, final int value)
    {
        Binding.slipway_vsim_reg_write(model(), address, value);
    }

    /**
     * Reads {@code count} consecutive registers from {@code address} into {@code out} in one native call.
     *
     * @return the number of registers read.
     */
    public int readRegisters(final int address, final int[] out, final int count)
    {
        if (count < 0 || count > out.length)
        {
            throw new IllegalArgumentException("count outside 0.." + out.length + ": " + count);
        }

        return Binding.slipway_vsim_reg_read_block(model(), address, out, count);
    }

    /** Clocks the model for {@code cycles} rising edges; returns its cycle counter afterwards. */
    public long run(final long cycles)
    {
        if (cycles < 0)
        {
            throw new IllegalArgumentException("cycles must not be negative: " + cycles);
        }

        return Binding.slipway_vsim_run(model(), cycles);
    }

    public long cycles()
    {
        return Binding.slipway_vsim_cycles(model());
    }

    /** Destroys the model; idempotent, owner thread only. */
    public void close()
    {
        checkOwner();
        if (null != model)
        {
            final Pointer closing = model;
            model = null;
            Binding.slipway_vsim_close(closing);
        }
    }

    /** The native model, for the other bindings of the same library; owner thread only. */
    Pointer model()
    {
        checkOwner();
        if (null == model)
        {
            throw new IllegalStateException("simulated card is closed");
        }

        return model;
    }

    private void checkOwner()
    {
        if (Thread.currentThread() != owner)
        {
            throw new IllegalStateException("simulated card is confined to thread \"" + owner.getName() +
                "\"; called from \"" + Thread.currentThread().getName() + "\"");
        }
    }

    /** The native functions, registered once; a load failure is kept and reported on use. */
    static final class Binding
    {
        static final String LOAD_FAILURE;

        static
        {
            String failure = null;
            try
            {
                Native.register(Binding.class, LIBRARY_NAME);
            }
            catch (final UnsatisfiedLinkError | IllegalArgumentException ex)
            {
                failure = "cannot load lib" + LIBRARY_NAME + ".so: looked in jna.library.path=" +
                    System.getProperty("jna.library.path") + ", java.library.path=" +
                    System.getProperty("java.library.path") + " and the system library paths. Build it with " +
                    "`make -C hdl-sim lib` and point the JVM at hdl-sim/build (Maven: -Dslipway.vsim.dir=<dir>, " +
                    "which sets -Djna.library.path). Loader said: " + firstLines(ex.getMessage());
            }
            LOAD_FAILURE = failure;
        }

        private Binding()
        {
        }

        private static String firstLines(final String message)
        {
            if (null == message)
            {
                return "no detail";
            }
            // The loader's message goes on to list the whole class path; the first lines say what failed.
            final String[] lines = message.split("\n");
            return lines.length > 2 ? lines[0] + " " + lines[1] : message.replace('\n', ' ');
        }

        static void checkLoaded()
        {
            if (null != LOAD_FAILURE)
            {
                throw new IllegalStateException(LOAD_FAILURE);
            }
        }

        static native int slipway_vsim_abi_version();

        static native Pointer slipway_vsim_open();

        static native void slipway_vsim_close(Pointer card);

        static native int slipway_vsim_reg_read(Pointer card, int address);

        static native void slipway_vsim_reg_write(Pointer card, int address, int value);

        static native int slipway_vsim_reg_read_block(Pointer card, int address, int[] out, int count);

        static native long slipway_vsim_run(Pointer card, long cycles);

        static native long slipway_vsim_cycles(Pointer card);

        static native int slipway_vsim_ingress(Pointer card, byte[] slots, int count);

        static native int slipway_vsim_drain_md(Pointer card, byte[] out, int maxRecords);

        static native int slipway_vsim_wire_rx(Pointer card, byte[] frames, int[] lengths, int count);

        static native int slipway_vsim_rx_latency(Pointer card, byte[] bytes, int length, int wire);

        static native int slipway_vsim_submit_orders(Pointer card, byte[] slots, int[] lengths, int count);

        static native int slipway_vsim_submit_exposures(Pointer card, byte[] records, int count);

        static native int slipway_vsim_drain_completions(Pointer card, byte[] out, int maxRecords);

        static native int slipway_vsim_drain_venue(Pointer card, byte[] out, int maxMessages);

        static native long slipway_vsim_last_ingress_beat_cycle(Pointer card);

        static native long slipway_vsim_advance(Pointer card, long cycles);

        static native long slipway_vsim_last_order_beat_cycle(Pointer card);
    }
}
