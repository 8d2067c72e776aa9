package io.slipway.card;

/**
 * One register block as discovered on a card: its header fields and where it sits.
 *
 * @param type    {@code BLK_TYPE_*} of the block.
 * @param version layout version of the block.
 * @param base    byte address of the block header.
 * @param length  block length in bytes, header included.
 */
public record RegisterBlock(int type, int version, int base, int length)
{
    public String toString()
    {
        return "RegisterBlock{type=0x" + Integer.toHexString(type) + ", version=" + version +
            ", base=0x" + Integer.toHexString(base) + ", length=0x" + Integer.toHexString(length) + '}';
    }
}
