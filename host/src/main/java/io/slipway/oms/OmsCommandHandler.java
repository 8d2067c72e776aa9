package io.slipway.oms;

/** What the OMS can ask of the core. Called on the core's thread only, with the core's time. */
public interface OmsCommandHandler
{
    void onNewParentOrder(NewParentOrder order, long nowNs);

    void onCancelParentOrder(CancelParentOrder cancel, long nowNs);

    void onReplaceParentOrder(ReplaceParentOrder replace, long nowNs);

    void onParentStatusRequest(ParentStatusRequest request, long nowNs);

    /** One entry point for a drained {@link OmsCommand}, so every command type is dispatched the same way. */
    default void onCommand(final OmsCommand command, final long nowNs)
    {
        if (command instanceof NewParentOrder order)
        {
            onNewParentOrder(order, nowNs);
        }
        else if (command instanceof CancelParentOrder cancel)
        {
            onCancelParentOrder(cancel, nowNs);
        }
        else if (command instanceof ReplaceParentOrder replace)
        {
            onReplaceParentOrder(replace, nowNs);
        }
        else if (command instanceof ParentStatusRequest request)
        {
            onParentStatusRequest(request, nowNs);
        }
        else
        {
            throw new IllegalArgumentException("unknown OMS command " + command);
        }
    }
}
