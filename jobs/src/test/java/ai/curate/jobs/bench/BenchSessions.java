package ai.curate.jobs.bench;

import ai.curate.jobs.sample.SampleFormat;
import ai.curate.jobs.sample.SampleGenerator;
import ai.curate.jobs.sample.SampleOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;

/** Generated robot sessions the benchmarks measure, made once into their folder and kept across runs. */
final class BenchSessions {
  static final LocalDate DATE = LocalDate.parse("2026-01-15");

  private BenchSessions() {}

  /**
   * {@code sessions} fleet sessions of {@code minutes} each (seed 11, no human clips, no faults) in {@code format}
   * under {@code raw}, unless a previous run left them there; returns {@code raw}.
   */
  static Path generateOnce(Path raw, int sessions, double minutes, SampleFormat format, Path urdf) {
    if (!Files.exists(raw.resolve("_sample_summary.json"))) {
      long t0 = System.nanoTime();
      new SampleGenerator().generate(new SampleOptions(raw, DATE, sessions, 0, 11, minutes,
          SampleOptions.DEFAULT_CLIP_SECONDS, false, urdf, 2, format));
      System.out.printf(Locale.ROOT, "generated %d %.0f-minute session(s) as %s in %.0f s%n", sessions, minutes,
          format.name().toLowerCase(Locale.ROOT), (System.nanoTime() - t0) / 1e9);
    }
    return raw;
  }

  /** One bundle session of {@code minutes}, with the project's Neo model. */
  static Path generateOnce(Path raw, double minutes) {
    return generateOnce(raw, 1, minutes, SampleFormat.BUNDLE, Path.of("configs/robots/neo/neo.urdf"));
  }
}
