package io.slipway.ops.daemon;

import io.slipway.card.NicLayout;

import java.util.ArrayList;
import java.util.List;

/** The card registers an operator reads, named as in {@code slipway_nic.h}. */
final class CardRegisterNames
{
    record Register(String block, String name, int address)
    {
    }

    static final List<Register> ALL;

    static
    {
        final List<Register> all = new ArrayList<>();
        final int id = NicLayout.IDENTITY_BASE;
        all.add(new Register("identity", "MAGIC", id + NicLayout.ID_MAGIC));
        all.add(new Register("identity", "HEADER_VERSION", id + NicLayout.ID_HEADER_VERSION));
        all.add(new Register("identity", "BUILD_ID", id + NicLayout.ID_BUILD_ID));
        all.add(new Register("identity", "FEATURES", id + NicLayout.ID_FEATURES));
        all.add(new Register("identity", "CLOCK_KHZ", id + NicLayout.ID_CLOCK_KHZ));
        final int risk = NicLayout.RISK_BASE;
        all.add(new Register("risk", "CONTROL", risk + NicLayout.RISK_CONTROL));
        all.add(new Register("risk", "VENUE_ENABLE", risk + NicLayout.RISK_VENUE_ENABLE));
        all.add(new Register("risk", "INSTRUMENT_ENABLE", risk + NicLayout.RISK_INSTRUMENT_ENABLE));
        all.add(new Register("risk", "COLLAR_BPS", risk + NicLayout.RISK_COLLAR_BPS));
        all.add(new Register("risk", "MAX_QTY_LO", risk + NicLayout.RISK_MAX_QTY_LO));
        all.add(new Register("risk", "MAX_QTY_HI", risk + NicLayout.RISK_MAX_QTY_HI));
        all.add(new Register("risk", "MAX_NOTIONAL_LO", risk + NicLayout.RISK_MAX_NOTIONAL_LO));
        all.add(new Register("risk", "MAX_NOTIONAL_HI", risk + NicLayout.RISK_MAX_NOTIONAL_HI));
        all.add(new Register("risk", "THROTTLE_BURST", risk + NicLayout.RISK_THROTTLE_BURST));
        all.add(new Register("risk", "THROTTLE_REFILL", risk + NicLayout.RISK_THROTTLE_REFILL));
        all.add(new Register("risk", "MAX_POSITION_LO", risk + NicLayout.RISK_MAX_POSITION_LO));
        all.add(new Register("risk", "MAX_POSITION_HI", risk + NicLayout.RISK_MAX_POSITION_HI));
        final int counters = NicLayout.COUNTERS_BASE;
        for (int reason = 0; reason < NicLayout.REASON_COUNT; reason++)
        {
            all.add(new Register("counters", "REASON_" + NicLayout.reasonName(reason), NicLayout.reasonCounterAddress(reason)));
        }
        all.add(new Register("counters", "MD_RECORDS", counters + NicLayout.CNT_MD_RECORDS));
        all.add(new Register("counters", "INGRESS_DROPPED", counters + NicLayout.CNT_INGRESS_DROPPED));
        all.add(new Register("counters", "ORDERS_SENT", counters + NicLayout.CNT_ORDERS_SENT));
        all.add(new Register("counters", "CYCLES_LO", counters + NicLayout.CNT_CYCLES_LO));
        all.add(new Register("counters", "CYCLES_HI", counters + NicLayout.CNT_CYCLES_HI));
        ALL = List.copyOf(all);
    }

    private CardRegisterNames()
    {
    }
}
