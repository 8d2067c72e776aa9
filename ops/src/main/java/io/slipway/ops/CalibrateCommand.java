package io.slipway.ops;

import io.slipway.sim.calibration.CalibrationReport;
import io.slipway.sim.calibration.ImpactCurve;
import io.slipway.sim.calibration.VenueStatistics;
import io.slipway.sim.calibration.WorldStatistics;
import io.slipway.sim.market.Calibration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code slipway calibrate}: measures the simulated world against the recorded markets and the
 * impact curve of the appliance, prints the comparison and writes calibration-report.html.
 * Exit code 0 when every check is within tolerance, 1 when one is not.
 */
@Command(
    name = "calibrate",
    mixinStandardHelpOptions = true,
    description = {
        "Measure a seeded simulated BTC world on three venues as the recorded",
        "Binance books were measured (spread, depth within 5/10/25 bps, traded",
        "USD per hour, 1 s volatility); run TWAP metaorders of 1e-5 to 1e-2 of",
        "daily volume through the simulated appliance to measure the impact",
        "curve; check both against stated tolerances; write",
        "calibration-report.html and calibration.json."})
public final class CalibrateCommand implements Callable<Integer>
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "Print JSON instead of the text table.")
    private boolean json;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the world; impact runs use seed .. seed + n - 1 (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--out", defaultValue = "slipway-runs", description = "Directory for calibration-report.html and calibration.json (default ${DEFAULT-VALUE}).")
    private Path outputDirectory;

    @Option(names = "--world", defaultValue = "30m", converter = DurationConverter.class,
        description = "Simulated time over which the world is measured (default 30m).")
    private long worldNs;

    @Option(names = "--impact-horizon", defaultValue = "10m", converter = DurationConverter.class,
        description = "TWAP horizon T of each metaorder; the mid is watched until 4T (default 10m).")
    private long impactHorizonNs;

    @Option(names = "--impact-seeds", defaultValue = "4", description = "Worlds averaged per metaorder size (default ${DEFAULT-VALUE}).")
    private int impactSeeds;

    @Option(names = "--data", description = "Directory of the Binance recordings for the recorded 1 s volatility (default: shared/data/binance next to the repository).")
    private Path dataDirectory;

    @Override
    public Integer call() throws Exception
    {
        if (worldNs < TimeUnit.MINUTES.toNanos(1) || worldNs > TimeUnit.HOURS.toNanos(24))
        {
            throw new IllegalArgumentException("--world must be between 1m and 24h");
        }
        if (impactHorizonNs < TimeUnit.MINUTES.toNanos(1) || impactHorizonNs > TimeUnit.HOURS.toNanos(4))
        {
            throw new IllegalArgumentException("--impact-horizon must be between 1m and 4h");
        }
        if (impactSeeds < 1 || impactSeeds > 64)
        {
            throw new IllegalArgumentException("--impact-seeds must be 1..64, was " + impactSeeds);
        }
        final PrintWriter out = spec.commandLine().getOut();
        final CalibrationReport report = measure();
        out.print(json ? report.json() : report.text());
        Files.createDirectories(outputDirectory);
        final Path html = outputDirectory.resolve("calibration-report.html");
        Files.writeString(html, report.html(), StandardCharsets.UTF_8);
        Files.writeString(outputDirectory.resolve("calibration.json"), report.json(), StandardCharsets.UTF_8);
        if (!json)
        {
            out.println("report: " + html.toAbsolutePath());
        }
        out.flush();
        return report.allPassed() ? 0 : 1;
    }

    CalibrationReport measure()
    {
        final double minutes = worldNs / 60e9;
        final List<VenueStatistics> simulated = WorldStatistics.simulated(seed, minutes);
        final List<VenueStatistics> recorded = WorldStatistics.recorded(Calibration.loadDefault(), dataDirectory());
        final long[] seeds = new long[impactSeeds];
        for (int i = 0; i < seeds.length; i++)
        {
            seeds[i] = seed + i;
        }
        final long slice = Math.min(TimeUnit.SECONDS.toNanos(10), impactHorizonNs / 4);
        final ImpactCurve.Result impact = ImpactCurve.measure(
            new ImpactCurve.Settings(ImpactCurve.DEFAULT_Q_OVER_V, seeds, impactHorizonNs, slice));
        return new CalibrationReport(seed, minutes, simulated, recorded, impact);
    }

    private Path dataDirectory()
    {
        if (dataDirectory != null)
        {
            return dataDirectory;
        }
        final Path repo = Paths.get(System.getProperty("slipway.repo.dir", "."));
        return repo.toAbsolutePath().normalize().resolveSibling("shared").resolve("data").resolve("binance");
    }
}
