package io.slipway.ops;

import io.slipway.core.Strategy;
import io.slipway.domain.Instrument;
import io.slipway.domain.Side;
import io.slipway.learn.PolicyModel;
import io.slipway.sim.scenario.Scenario;

import java.nio.file.Path;

/**
 * A validated demo request; model is the learned strategy's model, null when none was named; cardBackend is
 * reference or verilator; rfqAllowed sends StrategyParameter RfqAllowed=Y so the core may ask the world's dealers;
 * feedbackFile is the feedback loop's file the order is priced and scheduled with and refits, null for the default
 * (refit into the output directory's file, nothing read from it); impactFit and venuePriors are what that file held,
 * read and checked before anything runs (null and VenuePriors.EMPTY without one).
 */
record DemoSettings(Instrument instrument, Side side, String quantity, Strategy strategy, long horizonNs, long seed,
    int port, Path outputDirectory, boolean quiet, Scenario scenario, boolean replay, PolicyModel model,
    String cardBackend, boolean rfqAllowed, Path feedbackFile, io.slipway.analytics.ImpactFit impactFit,
    io.slipway.core.VenuePriors venuePriors)
{
}
