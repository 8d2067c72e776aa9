package io.slipway.journal;

import java.util.List;

/**
 * What one reconciliation found.
 *
 * @param childrenChecked open children the core held and the venues were asked about
 * @param injected        venue events the core had missed, injected as journaled inputs
 * @param unresolved      children a venue could not answer for yet: still in flight, asked again later
 * @param anomalies       differences that reconciliation cannot explain (a venue that saw an order twice,
 *                        fills that do not line up): the goal is none
 * @param differences     every difference found, one line each, resolved or not
 */
public record ReconcileResult(int childrenChecked, int injected, int unresolved, int anomalies,
    List<String> differences)
{
}
