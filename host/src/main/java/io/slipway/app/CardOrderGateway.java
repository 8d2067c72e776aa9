package io.slipway.app;

import io.slipway.card.Card;
import io.slipway.card.ExposureRecord;
import io.slipway.card.NicLayout;
import io.slipway.card.OrderDescriptor;
import io.slipway.core.ChildOrderSink;
import io.slipway.domain.Instrument;
import io.slipway.domain.OrderType;
import io.slipway.domain.Side;
import io.slipway.venue.OrderEntryEncoder;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * The core's child orders, as the card takes them: a normalized descriptor for the risk gate
 * followed by the venue's own order-entry bytes, which leave on the venue port only if every
 * check passes. Fills and releases go back on the exposure ring so the card's position and
 * open-exposure limits follow what the venues report; a card that starts after a recovery is first
 * set to the core's position and open quantities with the ring's RESTORE records.
 */
public final class CardOrderGateway implements ChildOrderSink
{
    private final Card card;
    private final OrderEntryEncoder[] encoders;
    private final UnsafeBuffer slot = new UnsafeBuffer(ByteBuffer.allocateDirect(NicLayout.ORDER_SLOT_SIZE));
    private final UnsafeBuffer exposureSlot = new UnsafeBuffer(ByteBuffer.allocateDirect(NicLayout.EXPOSURE_RECORD_SIZE));
    private final OrderDescriptor descriptor = new OrderDescriptor();
    private final ExposureRecord exposure = new ExposureRecord();

    /** @param encoders order-entry encoder by venue id (null where there is no venue) */
    public CardOrderGateway(final Card card, final OrderEntryEncoder[] encoders)
    {
        this.card = card;
        this.encoders = encoders.clone();
    }

    @Override
    public boolean sendNew(final int venueId, final long clientOrderId, final Instrument instrument, final Side side,
        final OrderType type, final long price, final long quantity)
    {
        final OrderEntryEncoder encoder = encoders[venueId];
        descriptor.wrap(slot, 0).clear()
            .venue(venueId)
            .side(side.cardCode())
            .type(type.cardCode())
            .action(NicLayout.ORD_ACTION_NEW)
            .instrument(instrument.id())
            .clientOrderId(clientOrderId)
            .price(price)
            .quantity(quantity)
            .hostTag(clientOrderId);
        final int length = encoder.encodeNew(slot, NicLayout.ORD_MESSAGE, clientOrderId, instrument, side, type, price,
            quantity);
        if (length <= 0 || length > NicLayout.ORDER_MAX_MESSAGE)
        {
            throw new IllegalStateException("venue " + venueId + " encoded a " + length + "-byte order message");
        }
        descriptor.messageLength(length);
        return card.offerOrder(slot, 0, NicLayout.ORDER_DESCRIPTOR_SIZE + length);
    }

    @Override
    public boolean sendCancel(final int venueId, final long clientOrderId, final Instrument instrument, final Side side)
    {
        final OrderEntryEncoder encoder = encoders[venueId];
        // The cancel's descriptor names the order it cancels, so the card checks and counts it as such.
        descriptor.wrap(slot, 0).clear()
            .venue(venueId)
            .side(side.cardCode())
            .type(NicLayout.ORD_TYPE_LIMIT) // the card checks the type field of every descriptor
            .action(NicLayout.ORD_ACTION_CANCEL)
            .instrument(instrument.id())
            .clientOrderId(clientOrderId)
            .hostTag(clientOrderId);
        final int length = encoder.encodeCancel(slot, NicLayout.ORD_MESSAGE, clientOrderId, instrument, side);
        if (length <= 0 || length > NicLayout.ORDER_MAX_MESSAGE)
        {
            throw new IllegalStateException("venue " + venueId + " encoded a " + length + "-byte cancel message");
        }
        descriptor.messageLength(length);
        return card.offerOrder(slot, 0, NicLayout.ORDER_DESCRIPTOR_SIZE + length);
    }

    @Override
    public void reportFill(final long clientOrderId, final Instrument instrument, final Side side, final long quantity)
    {
        offerExposure(NicLayout.EXP_KIND_FILL, clientOrderId, instrument, side, quantity);
    }

    @Override
    public void reportRelease(final long clientOrderId, final Instrument instrument, final Side side,
        final long quantity)
    {
        offerExposure(NicLayout.EXP_KIND_RELEASE, clientOrderId, instrument, side, quantity);
    }

    /** A RESTORE_POSITION record: the sign goes in the side, the card's quantities are never negative. */
    @Override
    public void restorePosition(final Instrument instrument, final long position)
    {
        // |Long.MIN_VALUE| does not fit; the card saturates there anyway.
        final long magnitude = position == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(position);
        offerExposure(NicLayout.EXP_KIND_RESTORE_POSITION, 0, instrument, position < 0 ? Side.SELL : Side.BUY,
            magnitude);
    }

    @Override
    public void restoreOpen(final Instrument instrument, final Side side, final long openQuantity)
    {
        if (openQuantity < 0)
        {
            throw new IllegalArgumentException("open quantity of " + instrument.symbol() + " " + side + " is " +
                openQuantity + "; it is never negative");
        }
        offerExposure(NicLayout.EXP_KIND_RESTORE_OPEN, 0, instrument, side, openQuantity);
    }

    private void offerExposure(final int kind, final long clientOrderId, final Instrument instrument, final Side side,
        final long quantity)
    {
        exposure.wrap(exposureSlot, 0).clear()
            .instrument(instrument.id())
            .side(side.cardCode())
            .kind(kind)
            .clientOrderId(clientOrderId)
            .quantity(quantity);
        // Exposure must never be lost, or the card's limits drift from reality: drain and retry.
        int attempts = 0;
        while (!card.offerExposure(exposureSlot, 0, NicLayout.EXPOSURE_RECORD_SIZE))
        {
            card.process();
            if (++attempts > 1_000)
            {
                throw new IllegalStateException("card exposure ring stays full; card is not consuming");
            }
        }
    }
}
