package io.slipway.learn;

/** A model file that cannot be used, with the reason naming the file and the field. */
public final class ModelFileException extends IllegalArgumentException
{
    public ModelFileException(final String message)
    {
        super(message);
    }
}
