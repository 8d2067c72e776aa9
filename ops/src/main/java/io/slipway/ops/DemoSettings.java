package io.slipway.ops;

import io.slipway.core.Strategy;
import io.slipway.domain.Instrument;
import io.slipway.domain.Side;
import io.slipway.sim.scenario.Scenario;

import java.nio.file.Path;

/** A validated demo request. */
record DemoSettings(Instrument instrument, Side side, String quantity, Strategy strategy, long horizonNs, long seed,
    int port, Path outputDirectory, boolean quiet, Scenario scenario, boolean replay, String cardBackend)
{
}
