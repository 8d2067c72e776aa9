package io.slipway.card;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

import static io.slipway.card.NicLayout.BOOK_LENGTH;
import static io.slipway.card.NicLayout.MD_RECORD_SIZE;

/**
 * The RTL book stage alone ({@code libslipway_book_vsim.so}, {@code slipway_book_vsim.h}), for tests
 * that feed it market-data records directly. Register addresses are offsets inside the
 * {@code BOOK} block. Confined to the thread that opened it.
 */
final class VerilatorBookStage implements CardRegisters, AutoCloseable
{
    static final String LIBRARY_NAME = "slipway_book_vsim";
    static final int ABI_VERSION = 1;

    private final Pointer model;
    private final int[] word = new int[1];
    private boolean closed;

    private VerilatorBookStage(final Pointer model)
    {
        this.model = model;
    }

    static VerilatorBookStage open(final long seed)
    {
        Binding.checkLoaded();
        if (ABI_VERSION != Binding.slipway_book_vsim_abi_version())
        {
            throw new IllegalStateException("lib" + LIBRARY_NAME + ".so speaks another ABI; rebuild with `make -C hdl-sim lib`");
        }
        final Pointer model = Binding.slipway_book_vsim_open(seed);
        if (null == model)
        {
            throw new IllegalStateException("slipway_book_vsim_open failed");
        }
        return new VerilatorBookStage(model);
    }

    static boolean isAvailable()
    {
        return null == Binding.LOAD_FAILURE;
    }

    static String loadFailure()
    {
        return Binding.LOAD_FAILURE;
    }

    public int readRegister(final int offset)
    {
        if (offset < 0 || offset >= BOOK_LENGTH)
        {
            throw new IllegalArgumentException("offset outside the book block: 0x" + Integer.toHexString(offset));
        }
        if (1 != Binding.slipway_book_vsim_reg_read_block(model, offset, word, 1))
        {
            throw new IllegalStateException("book register read at 0x" + Integer.toHexString(offset) + " did not complete");
        }
        return word[0];
    }

    public void writeRegister(final int offset, final int value)
    {
        if (offset < 0 || offset >= BOOK_LENGTH)
        {
            throw new IllegalArgumentException("offset outside the book block: 0x" + Integer.toHexString(offset));
        }
        Binding.slipway_book_vsim_reg_write(model, offset, value);
    }

    /**
     * Feeds {@code count} records from {@code records} with the output ready in
     * {@code readyPercent} of cycles; the records handed on are copied into {@code out}.
     *
     * @return records handed on.
     */
    int feed(final byte[] records, final int count, final int readyPercent, final byte[] out)
    {
        if (records.length < count * MD_RECORD_SIZE || out.length < count * MD_RECORD_SIZE)
        {
            throw new IllegalArgumentException("buffers shorter than " + count + " records");
        }
        return Binding.slipway_book_vsim_records(model, records, count, readyPercent, out);
    }

    long cycles()
    {
        return Binding.slipway_book_vsim_cycles(model);
    }

    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            Binding.slipway_book_vsim_close(model);
        }
    }

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
                failure = "cannot load lib" + LIBRARY_NAME + ".so (jna.library.path=" +
                    System.getProperty("jna.library.path") + "); build it with `make -C hdl-sim lib`";
            }
            LOAD_FAILURE = failure;
        }

        private Binding()
        {
        }

        static void checkLoaded()
        {
            if (null != LOAD_FAILURE)
            {
                throw new IllegalStateException(LOAD_FAILURE);
            }
        }

        static native int slipway_book_vsim_abi_version();

        static native Pointer slipway_book_vsim_open(long seed);

        static native void slipway_book_vsim_close(Pointer book);

        static native void slipway_book_vsim_reg_write(Pointer book, int offset, int value);

        static native int slipway_book_vsim_reg_read_block(Pointer book, int offset, int[] out, int count);

        static native int slipway_book_vsim_records(Pointer book, byte[] records, int count, int readyPercent, byte[] out);

        static native long slipway_book_vsim_cycles(Pointer book);
    }
}
