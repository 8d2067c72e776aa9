package io.slipway.card;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens a {@link Card} by backend name. Only backends with a complete data path are offered as a
 * {@code Card}; the others fail with a message that says what exists and what is missing.
 */
public final class CardBackends
{
    public static final String REFERENCE = ReferenceCard.BACKEND_NAME;
    public static final String VERILATOR = VerilatorCard.BACKEND_NAME;
    public static final String PCIE = "pcie";

    private static final Path PCI_DEVICES = Path.of("/sys/bus/pci/devices");
    private static final String XILINX_VENDOR_ID = "0x10ee";

    private CardBackends()
    {
    }

    /**
     * Opens a card.
     *
     * @param name    {@code reference}, {@code verilator} or {@code pcie}.
     * @param context configuration for the reference model; ignored by other backends (the verilator
     *                card is the RTL as built, see {@link VerilatorCard}).
     * @throws IllegalStateException    if the backend exists but cannot serve as a card here.
     * @throws IllegalArgumentException if the name is not a backend.
     */
    public static Card open(final String name, final ReferenceCard.Context context)
    {
        switch (name)
        {
            case REFERENCE:
                return new ReferenceCard(context);

            case VERILATOR:
                // The RTL's instrument scale is fixed at build time; the reference context does not apply.
                return VerilatorCard.open();

            case PCIE:
                throw new IllegalStateException("no PCIe card driver is available on this machine" + pciHint());

            default:
                throw new IllegalArgumentException(
                    "unknown card backend '" + name + "'; expected " + REFERENCE + ", " + VERILATOR + " or " + PCIE);
        }
    }

    /** Opens a card with the reference model's default configuration. */
    public static Card open(final String name)
    {
        return open(name, new ReferenceCard.Context());
    }

    private static String pciHint()
    {
        int xilinxDevices = 0;
        if (Files.isDirectory(PCI_DEVICES))
        {
            try (DirectoryStream<Path> devices = Files.newDirectoryStream(PCI_DEVICES))
            {
                for (final Path device : devices)
                {
                    final Path vendor = device.resolve("vendor");
                    if (Files.isReadable(vendor) &&
                        XILINX_VENDOR_ID.equals(Files.readString(vendor, StandardCharsets.US_ASCII).trim()))
                    {
                        xilinxDevices++;
                    }
                }
            }
            catch (final IOException ignore)
            {
                // The hint is best effort; the error stands without it.
            }
        }

        return 0 == xilinxDevices ? " (no Xilinx PCIe device, vendor " + XILINX_VENDOR_ID + ", found under " +
            PCI_DEVICES + ")" : " (" + xilinxDevices + " Xilinx PCIe device(s) under " + PCI_DEVICES +
            ", but the Slipway BAR mapping is not implemented)";
    }
}
