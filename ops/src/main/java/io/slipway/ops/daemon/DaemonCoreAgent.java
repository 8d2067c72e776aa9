package io.slipway.ops.daemon;

import io.slipway.admin.AdminCommand;
import io.slipway.admin.AdminLink;
import io.slipway.admin.AdminResult;
import io.slipway.analytics.ImpactFit;
import io.slipway.analytics.PreTrade;
import io.slipway.app.SimulatedAppliance;
import io.slipway.card.Card;
import io.slipway.card.NicLayout;
import io.slipway.core.CoreInput;
import io.slipway.core.CoreRiskLimit;
import io.slipway.core.ExecutionCore;
import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.domain.Side;
import io.slipway.journal.JournaledCore;
import io.slipway.oms.OmsCommand;
import io.slipway.oms.OmsLink;
import io.slipway.ops.PretradeCommand;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.status.AtomicCounter;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The daemon's core thread: the simulated appliance (world, card and execution core) paced to the
 * wall clock at the configured speed. Each duty cycle reads the clock once, takes OMS and operator
 * commands at that simulated time, runs the world up to it, and publishes counters; every
 * {@link #SNAPSHOT_INTERVAL_NS} it also publishes a snapshot of orders, venues, risk limits, card
 * registers and latency histograms. Only this thread touches the appliance and the card.
 */
public final class DaemonCoreAgent implements Agent
{
    static final long SNAPSHOT_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final long HISTOGRAM_MAX_NS = TimeUnit.SECONDS.toNanos(60);

    private final DaemonAppliance appliance;
    private final ExecutionCore core;
    private final CoreInput operatorInput;
    private final Card card;
    private final OmsLink omsLink;
    private final AdminLink adminLink;
    private final CountersFile counters;
    private final double speed;
    private final String worldLabel;
    private final int instrumentMask;
    private final long clockKhz;
    private final Consumer<OmsCommand> onCommand = this::onCommand;
    private final Consumer<AdminCommand> onAdmin = this::onAdmin;
    /** Refitted impact fits from the feedback loop's thread, oldest first; only this agent polls it. */
    private final ManyToOneConcurrentArrayQueue<ImpactFit> impactFits = new ManyToOneConcurrentArrayQueue<>(64);
    private final Histogram killLatency = new Histogram(HISTOGRAM_MAX_NS, 3);
    private final Histogram dutyCycle = new Histogram(HISTOGRAM_MAX_NS, 3);

    private final AtomicCounter parentsAccepted;
    private final AtomicCounter parentsRejected;
    private final AtomicCounter parentsActive;
    private final AtomicCounter childrenSent;
    private final AtomicCounter childrenWorking;
    private final AtomicCounter cancelsSent;
    private final AtomicCounter fills;
    private final AtomicCounter cardRefusals;
    private final AtomicCounter venueRejects;
    private final AtomicCounter simulatedTimeMs;
    private final AtomicCounter ingressDrops;
    private final AtomicCounter feedAlerts;
    private final AtomicCounter cardMdRecords;
    private final AtomicCounter cardIngressDropped;
    private final AtomicCounter cardOrdersSent;
    private final AtomicCounter cardCycles;
    private final AtomicCounter[] cardRejects = new AtomicCounter[NicLayout.REASON_COUNT];
    private final AtomicCounter killSwitch;
    private final AtomicCounter killedVenues;
    private final AtomicCounter disabledVenues;
    private final AtomicCounter kills;
    private final AtomicCounter adminApplied;
    private final AtomicCounter adminRefused;
    private final AtomicCounter killLatencyLastNs;
    private final AtomicCounter killLatencyMaxNs;
    private final AtomicCounter dutyCycleMaxNs;

    private RiskSettings risk;
    private int cardVenueMask;
    private long wallStartNs = Long.MIN_VALUE;
    private long simStartNs;
    private long nowWallNs;
    private long nextSnapshotNs;

    public DaemonCoreAgent(final SimulatedAppliance appliance, final OmsLink omsLink, final AdminLink adminLink,
        final CountersFile counters, final RiskSettings risk, final double speed, final String worldLabel)
    {
        this(DaemonAppliance.of(appliance), omsLink, adminLink, counters, risk, speed, worldLabel);
    }

    DaemonCoreAgent(final DaemonAppliance appliance, final OmsLink omsLink, final AdminLink adminLink,
        final CountersFile counters, final RiskSettings risk, final double speed, final String worldLabel)
    {
        this.appliance = appliance;
        this.core = appliance.core();
        this.operatorInput = appliance.operatorInput();
        this.card = appliance.card();
        this.omsLink = omsLink;
        this.adminLink = adminLink;
        this.counters = counters;
        this.speed = speed;
        this.worldLabel = worldLabel;
        this.risk = withJournaledCardLimits(risk, appliance.journal());
        this.clockKhz = card.readRegister(NicLayout.IDENTITY_BASE + NicLayout.ID_CLOCK_KHZ) & 0xFFFF_FFFFL;
        this.cardVenueMask = card.readRegister(NicLayout.RISK_BASE + NicLayout.RISK_VENUE_ENABLE);
        int instruments = 0;
        for (final Instrument instrument : appliance.instruments())
        {
            instruments |= 1 << instrument.id();
        }
        this.instrumentMask = instruments;
        // The configured limits replace the simulation defaults before anything trades.
        this.risk.toCardLimits(cardVenueMask, instrumentMask, clockKhz).applyLimits(card);
        // A core recovered from its journal may be killed, or have venues killed or disabled, by operator
        // commands of an earlier run; the fresh card follows it so it blocks what the core would not send.
        if (core.placingHalted())
        {
            writeRisk(NicLayout.RISK_CONTROL, NicLayout.RISK_CONTROL_KILL);
        }
        if ((core.killedVenueMask() | core.disabledVenueMask()) != 0)
        {
            updateCardVenueMask();
        }

        parentsAccepted = counters.newCounter("parents accepted", CountersLayout.TYPE_CORE);
        parentsRejected = counters.newCounter("parents rejected", CountersLayout.TYPE_CORE);
        parentsActive = counters.newCounter("parents active", CountersLayout.TYPE_CORE);
        childrenSent = counters.newCounter("children sent", CountersLayout.TYPE_CORE);
        childrenWorking = counters.newCounter("children working", CountersLayout.TYPE_CORE);
        cancelsSent = counters.newCounter("cancels sent", CountersLayout.TYPE_CORE);
        fills = counters.newCounter("fills", CountersLayout.TYPE_CORE);
        cardRefusals = counters.newCounter("children refused by card", CountersLayout.TYPE_CORE);
        venueRejects = counters.newCounter("children rejected by venues", CountersLayout.TYPE_CORE);
        simulatedTimeMs = counters.newCounter("simulated time ms", CountersLayout.TYPE_CORE);
        ingressDrops = counters.newCounter("market data dropped at ingress", CountersLayout.TYPE_CORE);
        feedAlerts = counters.newCounter("feed alerts", CountersLayout.TYPE_CORE);
        cardMdRecords = counters.newCounter("card md records", CountersLayout.TYPE_CARD);
        cardIngressDropped = counters.newCounter("card ingress dropped", CountersLayout.TYPE_CARD);
        cardOrdersSent = counters.newCounter("card orders sent", CountersLayout.TYPE_CARD);
        cardCycles = counters.newCounter("card cycles", CountersLayout.TYPE_CARD);
        for (int reason = 1; reason < NicLayout.REASON_COUNT; reason++)
        {
            cardRejects[reason] = counters.newCounter("card reject " + NicLayout.reasonName(reason),
                CountersLayout.TYPE_CARD_REJECT);
        }
        killSwitch = counters.newCounter("card kill switch", CountersLayout.TYPE_OPERATOR);
        killedVenues = counters.newCounter("killed venue mask", CountersLayout.TYPE_OPERATOR);
        disabledVenues = counters.newCounter("disabled venue mask", CountersLayout.TYPE_OPERATOR);
        kills = counters.newCounter("kills", CountersLayout.TYPE_OPERATOR);
        adminApplied = counters.newCounter("admin commands applied", CountersLayout.TYPE_OPERATOR);
        adminRefused = counters.newCounter("admin commands refused by core", CountersLayout.TYPE_OPERATOR);
        killLatencyLastNs = counters.newCounter("kill latency last ns", CountersLayout.TYPE_LATENCY);
        killLatencyMaxNs = counters.newCounter("kill latency max ns", CountersLayout.TYPE_LATENCY);
        dutyCycleMaxNs = counters.newCounter("core duty cycle max ns", CountersLayout.TYPE_LATENCY);
    }

    @Override
    public void onStart()
    {
        wallStartNs = System.nanoTime();
        simStartNs = appliance.nowNs();
        publishCounters();
        publishSnapshot();
    }

    @Override
    public int doWork()
    {
        nowWallNs = System.nanoTime();
        final long targetNs = simStartNs + (long)((nowWallNs - wallStartNs) * speed);
        // A refitted fit first: an order taken in the same cycle is worked at the fit of every order finished before.
        int work = applyImpactFits();
        work += omsLink.drainCommands(onCommand, 16);
        work += adminLink.drainCommands(onAdmin, 16);
        if (targetNs > appliance.nowNs())
        {
            // Only events count as work, so the idle strategy rests the thread between the world's events.
            work += appliance.runUntil(targetNs);
        }
        publishCounters();
        if (nowWallNs >= nextSnapshotNs)
        {
            publishSnapshot();
            nextSnapshotNs = nowWallNs + SNAPSHOT_INTERVAL_NS;
        }
        if (work > 0)
        {
            // Cycles that did something: idle polls would drown the figure that matters.
            final long elapsed = System.nanoTime() - nowWallNs;
            dutyCycle.recordValue(Math.min(elapsed, HISTOGRAM_MAX_NS));
            if (elapsed > dutyCycleMaxNs.get())
            {
                dutyCycleMaxNs.setOrdered(elapsed);
            }
        }
        return work;
    }

    @Override
    public void onClose()
    {
        publishCounters();
        publishSnapshot();
    }

    @Override
    public String roleName()
    {
        return "slipway-core";
    }

    /**
     * Hands a refitted impact fit to the core, from any thread; the core takes it on this agent's next duty cycle,
     * before any OMS command of that cycle. False when 64 fits are already waiting (the core has stalled); a later
     * fit carries everything this one would have.
     */
    public boolean offerImpactFit(final ImpactFit fit)
    {
        if (fit == null)
        {
            throw new IllegalArgumentException("an impact fit is required");
        }
        return impactFits.offer(fit);
    }

    /** Each waiting fit enters the core as an input: with a market process it is journaled before it applies. */
    private int applyImpactFits()
    {
        int applied = 0;
        ImpactFit fit;
        while ((fit = impactFits.poll()) != null)
        {
            final ImpactFit next = fit;
            appliance.operate(nowNs ->
            {
                operatorInput.setImpactFit(next, nowNs);
                return null;
            });
            applied++;
        }
        return applied;
    }

    private void onCommand(final OmsCommand command)
    {
        appliance.submit(command);
    }

    // ------------------------------------------------------------------------------------------
    // Operator commands
    // ------------------------------------------------------------------------------------------

    private void onAdmin(final AdminCommand command)
    {
        AdminResult result;
        try
        {
            result = apply(command);
        }
        catch (final IllegalArgumentException ex)
        {
            result = AdminResult.refused(command, ex.getMessage());
        }
        if (result.accepted())
        {
            adminApplied.incrementOrdered();
        }
        else
        {
            adminRefused.incrementOrdered();
        }
        while (!adminLink.offerResult(result))
        {
            // The admin agent answers operators; it drains quickly and a result must not be lost.
            Thread.onSpinWait();
        }
    }

    private AdminResult apply(final AdminCommand command)
    {
        // Operator commands go through operatorInput: with a journal, each is checked, recorded, then applied.
        switch (command.verb())
        {
            case KILL_ALL:
            {
                // The card first, so nothing new leaves even before the core has stopped placing.
                writeRisk(NicLayout.RISK_CONTROL, NicLayout.RISK_CONTROL_KILL);
                final long[] latency = new long[1];
                final int cancels = appliance.operate(nowNs ->
                {
                    final int sent = operatorInput.killAll(nowNs);
                    latency[0] = System.nanoTime() - command.receivedNs();
                    return sent;
                });
                recordKill(latency[0]);
                return AdminResult.done(command, String.format(Locale.ROOT,
                    "killed everything: card kill switch set, %d cancel(s) sent, %d child order(s) working; " +
                    "%s from command to last cancel at the card", cancels, core.workingChildCount(),
                    micros(latency[0])), latency[0]);
            }
            case KILL_VENUE:
            {
                final int venue = venueId(command.target());
                final long[] latency = new long[1];
                final int cancels = appliance.operate(nowNs ->
                {
                    final int sent = operatorInput.killVenue(venue, nowNs);
                    latency[0] = System.nanoTime() - command.receivedNs();
                    return sent;
                });
                // After the cancels have left the card: a disabled venue refuses cancels too.
                updateCardVenueMask();
                recordKill(latency[0]);
                return AdminResult.done(command, String.format(Locale.ROOT,
                    "killed venue %s: routing stopped, card venue bit cleared, %d cancel(s) sent; " +
                    "%s from command to last cancel at the card", core.venueName(venue), cancels,
                    micros(latency[0])), latency[0]);
            }
            case KILL_ORDER:
            {
                final long[] latency = new long[1];
                final int cancels = appliance.operate(nowNs ->
                {
                    final int sent = operatorInput.killParent(command.target(), nowNs);
                    latency[0] = System.nanoTime() - command.receivedNs();
                    return sent;
                });
                if (cancels < 0)
                {
                    return AdminResult.refused(command, "no working order '" + command.target() + "'");
                }
                recordKill(latency[0]);
                return AdminResult.done(command, String.format(Locale.ROOT,
                    "killed order %s: placing stopped, %d cancel(s) sent; %s from command to last cancel at the card",
                    command.target(), cancels, micros(latency[0])), latency[0]);
            }
            case RESUME_ALL:
                appliance.operate(nowNs ->
                {
                    operatorInput.resumeAll(nowNs);
                    return null;
                });
                writeRisk(NicLayout.RISK_CONTROL, 0);
                return AdminResult.done(command, "resumed: card kill switch cleared, orders place again");
            case RESUME_VENUE:
            {
                final int venue = venueId(command.target());
                appliance.operate(nowNs ->
                {
                    operatorInput.resumeVenue(venue, nowNs);
                    return null;
                });
                updateCardVenueMask();
                return AdminResult.done(command, "resumed venue " + core.venueName(venue) +
                    ((core.disabledVenueMask() & (1 << venue)) != 0 ? " (still disabled)" : ""));
            }
            case RESUME_ORDER:
            {
                final boolean found = appliance.operate(nowNs -> operatorInput.resumeParent(command.target(), nowNs));
                return found ? AdminResult.done(command, "resumed order " + command.target()) :
                    AdminResult.refused(command, "no working order '" + command.target() + "'");
            }
            case VENUE_ENABLE:
            case VENUE_DISABLE:
            {
                final int venue = venueId(command.target());
                final boolean enable = command.verb() == AdminCommand.Verb.VENUE_ENABLE;
                appliance.operate(nowNs ->
                {
                    operatorInput.enableVenue(venue, enable, nowNs);
                    return null;
                });
                updateCardVenueMask();
                return AdminResult.done(command, (enable ? "enabled " : "disabled ") + core.venueName(venue) +
                    ((core.killedVenueMask() & (1 << venue)) != 0 ? " (still killed)" : ""));
            }
            case RISK_SET:
            {
                final CoreRiskLimit coreLimit = CoreRiskLimit.fromName(command.target());
                if (coreLimit != null)
                {
                    return setCoreRiskLimit(command, coreLimit);
                }
                final RiskSettings changed = risk.with(command.target(), command.value());
                final JournaledCore journal = appliance.journal();
                if (journal != null)
                {
                    // Checked above, recorded next, applied last: a restart meets it and re-applies it.
                    final String value = changed.value(command.target());
                    appliance.operate(nowNs ->
                    {
                        journal.setCardLimit(command.target(), value, nowNs);
                        return null;
                    });
                }
                changed.toCardLimits(cardVenueMask, instrumentMask, clockKhz).applyLimits(card);
                final String before = risk.value(command.target());
                risk = changed;
                return AdminResult.done(command, command.target() + " " + before + " -> " + changed.value(command.target()));
            }
            case PRETRADE:
                return pretrade(command);
            default:
                return AdminResult.refused(command, "unsupported command " + command.verb());
        }
    }

    /**
     * The configured limits with every card limit an operator changed in an earlier run, as the
     * journal recorded them (last value wins), so a restart does not revert them to the file.
     */
    static RiskSettings withJournaledCardLimits(final RiskSettings configured, final JournaledCore journal)
    {
        RiskSettings settings = configured;
        if (journal != null)
        {
            for (final Map.Entry<String, String> limit : journal.cardLimits().entrySet())
            {
                settings = settings.with(limit.getKey(), limit.getValue());
            }
        }
        return settings;
    }

    /** A host-side limit the core reads every slice: an operator input like a kill, journaled with a market process. */
    private AdminResult setCoreRiskLimit(final AdminCommand command, final CoreRiskLimit limit)
    {
        final double value = AdminCommands.coreLimitValue(limit, command.value());
        final double before = core.riskLimit(limit);
        appliance.operate(nowNs ->
        {
            operatorInput.setRiskLimit(limit, value, nowNs);
            return null;
        });
        return AdminResult.done(command, limit.camelName() + " " + before + " -> " + core.riskLimit(limit) +
            " (core, from its next decision)");
    }

    /** value: SIDE QTY SYMBOL HORIZON_S RISK_AVERSION text|json. */
    private AdminResult pretrade(final AdminCommand command)
    {
        final String[] words = command.value().split(" ");
        if (words.length != 6)
        {
            return AdminResult.refused(command, "pretrade needs SIDE QTY INSTRUMENT HORIZON_S RISK_AVERSION FORMAT");
        }
        final Side side = "BUY".equalsIgnoreCase(words[0]) ? Side.BUY : "SELL".equalsIgnoreCase(words[0]) ? Side.SELL : null;
        if (side == null)
        {
            return AdminResult.refused(command, "side must be BUY or SELL, was " + words[0]);
        }
        final Instrument instrument = Instruments.bySymbol(words[2]);
        if (instrument == null || !appliance.instruments().contains(instrument))
        {
            return AdminResult.refused(command, "the daemon's world does not trade '" + words[2] + "'");
        }
        final double qty = instrument.qtyToDouble(instrument.parseQty(words[1]));
        if (!(qty > 0))
        {
            return AdminResult.refused(command, "quantity must be positive, was " + words[1]);
        }
        final long horizonNs = TimeUnit.SECONDS.toNanos(Long.parseLong(words[3]));
        final double riskAversion = Double.parseDouble(words[4]);
        final PreTrade pre = appliance.pretrade(instrument, side, qty);
        final String label = "live books of the daemon (" + worldLabel + ") at " + Instant.ofEpochSecond(0, appliance.nowNs());
        return AdminResult.done(command, "json".equals(words[5]) ?
            PretradeCommand.json(pre, side, words[1], instrument, null, null, riskAversion, horizonNs) :
            PretradeCommand.text(pre, side, words[1], instrument, label, riskAversion, horizonNs));
    }

    private int venueId(final String nameOrId)
    {
        int venue = core.venueId(nameOrId);
        if (venue == 0 && nameOrId != null && nameOrId.chars().allMatch(Character::isDigit) && !nameOrId.isEmpty() &&
            nameOrId.length() < 3)
        {
            venue = Integer.parseInt(nameOrId);
        }
        if (venue <= 0 || core.venueName(venue) == null)
        {
            throw new IllegalArgumentException("no venue '" + nameOrId + "'; the daemon's venues are " + venueList());
        }
        return venue;
    }

    private String venueList()
    {
        final StringBuilder names = new StringBuilder();
        for (int v = 1; v < NicLayout.MAX_VENUES; v++)
        {
            if (core.venueName(v) != null)
            {
                names.append(names.length() == 0 ? "" : ", ").append(core.venueName(v));
            }
        }
        return names.toString();
    }

    /** The card lets orders out only to venues neither killed nor disabled. */
    private void updateCardVenueMask()
    {
        int mask = 0;
        for (int v = 1; v < NicLayout.MAX_VENUES; v++)
        {
            if (core.venueName(v) != null)
            {
                mask |= 1 << v;
            }
        }
        cardVenueMask = mask & ~(core.killedVenueMask() | core.disabledVenueMask());
        writeRisk(NicLayout.RISK_VENUE_ENABLE, cardVenueMask);
    }

    private void writeRisk(final int register, final int value)
    {
        card.writeRegister(NicLayout.RISK_BASE + register, value);
    }

    private void recordKill(final long latencyNs)
    {
        killLatency.recordValue(Math.max(0, Math.min(latencyNs, HISTOGRAM_MAX_NS)));
        kills.incrementOrdered();
        killLatencyLastNs.setOrdered(latencyNs);
        if (latencyNs > killLatencyMaxNs.get())
        {
            killLatencyMaxNs.setOrdered(latencyNs);
        }
        publishCounters();
        publishSnapshot();
    }

    private static String micros(final long ns)
    {
        return String.format(Locale.ROOT, "%.1f us", ns / 1e3);
    }

    // ------------------------------------------------------------------------------------------
    // Publishing
    // ------------------------------------------------------------------------------------------

    private void publishCounters()
    {
        parentsAccepted.setOrdered(core.parentsAccepted());
        parentsRejected.setOrdered(core.parentsRejected());
        parentsActive.setOrdered(core.activeParentCount());
        childrenSent.setOrdered(core.childrenSent());
        childrenWorking.setOrdered(core.workingChildCount());
        cancelsSent.setOrdered(core.cancelsSent());
        fills.setOrdered(core.fills());
        cardRefusals.setOrdered(core.cardRefusals());
        venueRejects.setOrdered(core.venueRejects());
        simulatedTimeMs.setOrdered(appliance.nowNs() / 1_000_000L);
        ingressDrops.setOrdered(appliance.ingressDrops());
        feedAlerts.setOrdered(appliance.feedAlerts());
        cardMdRecords.setOrdered(cardCounter(NicLayout.CNT_MD_RECORDS));
        cardIngressDropped.setOrdered(cardCounter(NicLayout.CNT_INGRESS_DROPPED));
        cardOrdersSent.setOrdered(cardCounter(NicLayout.CNT_ORDERS_SENT));
        cardCycles.setOrdered(card.readRegister64(NicLayout.COUNTERS_BASE + NicLayout.CNT_CYCLES_LO));
        for (int reason = 1; reason < NicLayout.REASON_COUNT; reason++)
        {
            cardRejects[reason].setOrdered(card.readRegister(NicLayout.reasonCounterAddress(reason)) & 0xFFFF_FFFFL);
        }
        killSwitch.setOrdered(card.readRegister(NicLayout.RISK_BASE + NicLayout.RISK_CONTROL) &
            NicLayout.RISK_CONTROL_KILL);
        killedVenues.setOrdered(core.killedVenueMask());
        disabledVenues.setOrdered(core.disabledVenueMask());
        counters.heartbeat(System.currentTimeMillis());
    }

    private long cardCounter(final int offset)
    {
        return card.readRegister(NicLayout.COUNTERS_BASE + offset) & 0xFFFF_FFFFL;
    }

    private void publishSnapshot()
    {
        final StringBuilder b = new StringBuilder(4096);
        b.append("{\"simulatedTime\":\"").append(Instant.ofEpochSecond(0, appliance.nowNs())).append('"');
        b.append(",\"world\":\"").append(Json.escape(worldLabel)).append('"');
        b.append(",\"speed\":").append(speed);
        b.append(",\"killSwitch\":").append((card.readRegister(NicLayout.RISK_BASE + NicLayout.RISK_CONTROL) &
            NicLayout.RISK_CONTROL_KILL) != 0);
        b.append(",\"orders\":[");
        final int start = b.length();
        core.forEachParent((orderId, clOrdId, instrument, side, strategy, quantity, filled, inFlight, avgPx, fees,
            working, state) ->
        {
            b.append(b.length() == start ? "" : ",").append("{\"orderId\":\"").append(orderId)
                .append("\",\"clOrdId\":\"").append(Json.escape(clOrdId))
                .append("\",\"symbol\":\"").append(instrument.symbol())
                .append("\",\"side\":\"").append(side)
                .append("\",\"strategy\":\"").append(strategy)
                .append("\",\"quantity\":\"").append(instrument.formatQty(quantity))
                .append("\",\"filled\":\"").append(instrument.formatQty(filled))
                .append("\",\"inFlight\":\"").append(instrument.formatQty(inFlight))
                .append("\",\"avgPx\":").append(String.format(Locale.ROOT, "%.2f", avgPx))
                .append(",\"fees\":").append(String.format(Locale.ROOT, "%.2f", fees))
                .append(",\"workingChildren\":").append(working)
                .append(",\"state\":\"").append(state).append("\"}");
        });
        b.append("],\"venues\":[");
        boolean first = true;
        for (int v = 1; v < NicLayout.MAX_VENUES; v++)
        {
            if (core.venueName(v) == null)
            {
                continue;
            }
            final boolean killed = (core.killedVenueMask() & (1 << v)) != 0;
            final boolean disabled = (core.disabledVenueMask() & (1 << v)) != 0;
            b.append(first ? "" : ",").append("{\"id\":").append(v).append(",\"name\":\"").append(core.venueName(v))
                .append("\",\"routing\":\"").append(killed ? "killed" : disabled ? "disabled" : "enabled")
                .append("\",\"cardEnabled\":").append((card.readRegister(NicLayout.RISK_BASE +
                NicLayout.RISK_VENUE_ENABLE) & (1 << v)) != 0).append('}');
            first = false;
        }
        b.append("],\"risk\":{");
        for (int i = 0; i < RiskSettings.KEYS.size(); i++)
        {
            final String key = RiskSettings.KEYS.get(i);
            b.append(i == 0 ? "" : ",").append('"').append(key).append("\":{\"value\":\"").append(risk.value(key))
                .append("\",\"range\":\"").append(RiskSettings.describe(key)).append("\"}");
        }
        b.append("},\"coreRisk\":{");
        for (final CoreRiskLimit limit : CoreRiskLimit.values())
        {
            b.append(limit.ordinal() == 0 ? "" : ",").append('"').append(limit.camelName()).append("\":")
                .append(core.riskLimit(limit));
        }
        final ImpactFit fit = core.impactFit();
        b.append("},\"impactFit\":");
        if (fit == null)
        {
            b.append("null");
        }
        else
        {
            b.append("{\"coefficient\":").append(fit.coefficient()).append(",\"orders\":").append(fit.orders())
                .append(",\"source\":\"").append(Json.escape(fit.source())).append("\"}");
        }
        b.append(",\"registers\":[");
        for (int i = 0; i < CardRegisterNames.ALL.size(); i++)
        {
            final CardRegisterNames.Register register = CardRegisterNames.ALL.get(i);
            b.append(i == 0 ? "" : ",").append("{\"block\":\"").append(register.block())
                .append("\",\"name\":\"").append(register.name())
                .append("\",\"address\":").append(register.address())
                .append(",\"value\":").append(card.readRegister(register.address()) & 0xFFFF_FFFFL).append('}');
        }
        b.append("],\"latency\":{\"killNs\":");
        histogram(b, killLatency);
        b.append(",\"coreDutyCycleNs\":");
        histogram(b, dutyCycle);
        b.append("}}");
        counters.publishSnapshot(b.toString());
    }

    private static void histogram(final StringBuilder b, final Histogram histogram)
    {
        b.append("{\"count\":").append(histogram.getTotalCount());
        if (histogram.getTotalCount() > 0)
        {
            b.append(",\"min\":").append(histogram.getMinValue())
                .append(",\"p50\":").append(histogram.getValueAtPercentile(50))
                .append(",\"p90\":").append(histogram.getValueAtPercentile(90))
                .append(",\"p99\":").append(histogram.getValueAtPercentile(99))
                .append(",\"p999\":").append(histogram.getValueAtPercentile(99.9))
                .append(",\"max\":").append(histogram.getMaxValue());
        }
        // The whole histogram, compressed, so a reader can merge or re-percentile it (HdrHistogram's own encoding).
        final ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        final int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        b.append(",\"hdr\":\"").append(Base64.getEncoder().encodeToString(
            java.util.Arrays.copyOf(buffer.array(), length))).append("\"}");
    }
}
