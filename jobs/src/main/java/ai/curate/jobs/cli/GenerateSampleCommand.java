package ai.curate.jobs.cli;

import ai.curate.jobs.config.InstallPaths;
import ai.curate.jobs.errors.CurateErrors;
import ai.curate.jobs.sample.SampleFormat;
import ai.curate.jobs.sample.SampleGenerator;
import ai.curate.jobs.sample.SampleOptions;
import ai.curate.jobs.sample.SampleReport;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

@Command(name = "generate-sample", mixinStandardHelpOptions = true,
    description = {"Write sample raw data for one date: Neo fleet session bundles and human clips in the raw formats "
        + "of docs/raw-formats.md. The same options and seed give the same bytes.",
        "With --faults, extra sessions and clips carry known defects, listed in DIR/_planted_faults.json."})
public final class GenerateSampleCommand implements Callable<Integer> {
  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "Sample root (becomes paths.raw): writes DIR/fleet/date=D/... and DIR/human/date=D/...; "
          + "an existing sample for the same date is replaced.")
  Path out;

  @Option(names = "--date", defaultValue = "2026-01-15", paramLabel = DateOption.LABEL,
      description = "Capture date of the sample. Default: ${DEFAULT-VALUE}.")
  String date;

  @Option(names = "--sessions", defaultValue = "3", paramLabel = "N",
      description = "Clean fleet sessions. Default: ${DEFAULT-VALUE}.")
  int sessions;

  @Option(names = "--clips", defaultValue = "2", paramLabel = "N",
      description = "Clean human clips. Default: ${DEFAULT-VALUE}.")
  int clips;

  @Option(names = "--seed", defaultValue = "7", paramLabel = "S",
      description = "Random seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--faults", description = "Also write sessions and clips with planted defects (and their list).")
  boolean faults;

  @Option(names = "--session-minutes", defaultValue = "1.0", paramLabel = "M",
      description = "Length of each fleet session in minutes (use hours' worth for benchmarks). Default: ${DEFAULT-VALUE}.")
  double sessionMinutes;

  @Option(names = "--clip-seconds", defaultValue = "6.0", paramLabel = "S",
      description = "Length of each human clip in seconds. Default: ${DEFAULT-VALUE}.")
  double clipSeconds;

  @Option(names = "--urdf", paramLabel = "FILE",
      description = "Robot model naming the joint streams (default: configs/robots/neo/neo.urdf of this installation).")
  Path urdf;

  @Option(names = "--format", defaultValue = "bundle", paramLabel = "FORMAT",
      description = "Raw format of the fleet sessions: bundle (fleet/date=D/...) or mcap (instead: "
          + "mcap/date=D/<robot>_<session>/<session>.mcap, Neo mapping v1, the same samples as the bundles of the "
          + "same seed; not with --faults). Default: ${DEFAULT-VALUE}.")
  String format;

  @Option(names = "--human-format", defaultValue = "clip", paramLabel = "FORMAT",
      description = "Raw format of the clean human clips: clip (human/date=D/<dataset>/<clip_id>/) or egodex "
          + "(instead: egodex/date=D/<task>/<n>.hdf5 with <n>.mp4, the same motion and video). Default: "
          + "${DEFAULT-VALUE}.")
  String humanFormat;

  @Option(names = "--threads", paramLabel = "N",
      description = "Sessions and clips generated at once (default: available cores). Does not change the output.")
  Integer threads;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    SampleReport report = new SampleGenerator().generate(options());
    report.summaryLines().forEach(spec.commandLine().getOut()::println);
    spec.commandLine().getOut().flush();
    return 0;
  }

  SampleOptions options() {
    LocalDate d = DateOption.parse(date);
    Path model = urdf != null ? urdf : defaultUrdf();
    int t = threads != null ? threads : Math.max(1, Runtime.getRuntime().availableProcessors());
    return new SampleOptions(out, d, sessions, clips, seed, sessionMinutes, clipSeconds, faults, model, t,
        format(format)).withHumanFormat(humanFormat(humanFormat));
  }

  private static SampleOptions.HumanFormat humanFormat(String value) {
    for (SampleOptions.HumanFormat f : SampleOptions.HumanFormat.values()) {
      if (f.id().equals(value)) {
        return f;
      }
    }
    throw CurateErrors.optionInvalid("--human-format", "must be clip or egodex, got '" + value + "'");
  }

  private static SampleFormat format(String value) {
    for (SampleFormat f : SampleFormat.values()) {
      if (f.id().equals(value)) {
        return f;
      }
    }
    throw CurateErrors.optionInvalid("--format", "must be bundle or mcap, got '" + value + "'");
  }

  /** Neo's URDF in this installation: what {@code curate demo} and {@code generate-sample} use by default. */
  public static Path defaultUrdf() {
    return InstallPaths.home().resolve("configs").resolve("robots").resolve("neo").resolve("neo.urdf");
  }
}
