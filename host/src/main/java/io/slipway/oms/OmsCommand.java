package io.slipway.oms;

/**
 * One thing the OMS asks of the core. Every command is an immutable value that names the order
 * by ClOrdID and carries nothing the core would have to look up elsewhere, so the same sequence
 * of commands (with the core's times) replays to the same decisions.
 */
public sealed interface OmsCommand permits NewParentOrder, CancelParentOrder, ReplaceParentOrder, ParentStatusRequest
{
    /** ClOrdID (11) of the command itself. */
    String clOrdId();
}
