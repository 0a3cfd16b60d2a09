package ai.curate.jobs.sample;

import ai.curate.jobs.errors.CurateErrors;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * What to generate.
 *
 * @param out the sample root; bundles go to {@code out/fleet/date=D/...} and {@code out/human/date=D/...}
 * @param sessionMinutes length of each fleet session (benchmarks use hours)
 * @param clipSeconds length of each human clip
 * @param faults also write faulty sessions and clips (in addition to the clean ones) and list them
 * @param urdf the robot model whose actuated joints name the joint streams (Neo's URDF)
 * @param threads sessions and clips generated concurrently (output does not depend on it)
 * @param format the fleet sessions' raw format; with {@link SampleFormat#MCAP} the sessions carry the same samples
 *        as the bundles of the same seed
 * @param humanFormat the clean human clips' raw format; with {@link HumanFormat#EGODEX} they carry the same motion
 *        and video as the clip folders of the same seed (clips with planted faults stay clip folders)
 */
public record SampleOptions(Path out, LocalDate date, int sessions, int clips, long seed, double sessionMinutes,
    double clipSeconds, boolean faults, Path urdf, int threads, SampleFormat format, HumanFormat humanFormat) {

  /** The raw format of the generated human clips. */
  public enum HumanFormat {
    /** Clip folders under {@code human/date=D/<dataset>/<clip_id>/}. */
    CLIP,
    /** EgoDex recordings under {@code egodex/date=D/<task>/<n>.hdf5} with {@code <n>.mp4}. */
    EGODEX;

    /** The name on the command line: {@code clip} or {@code egodex}. */
    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public static final double DEFAULT_CLIP_SECONDS = 6.0;

  public SampleOptions {
    if (out == null) {
      throw CurateErrors.optionInvalid("--out", "is required: the folder to write the sample into");
    }
    if (sessions < 0 || clips < 0) {
      throw CurateErrors.optionInvalid("--sessions and --clips",
          "must be 0 or more, got " + sessions + " and " + clips);
    }
    if (sessionMinutes * 60 < SessionPlanner.MIN_SESSION_SECONDS) {
      throw CurateErrors.optionInvalid("--session-minutes",
          "must be at least " + SessionPlanner.MIN_SESSION_SECONDS / 60
              + " (" + SessionPlanner.MIN_SESSION_SECONDS + " s, room for two episodes), got " + sessionMinutes);
    }
    if (clipSeconds < 3) {
      throw CurateErrors.optionInvalid("--clip-seconds", "must be at least 3, got " + clipSeconds);
    }
    if (threads < 1) {
      throw CurateErrors.optionInvalid("--threads", "must be at least 1, got " + threads);
    }
    if (format == null) {
      throw CurateErrors.optionInvalid("--format", "is required: bundle or mcap");
    }
    if (humanFormat == null) {
      throw CurateErrors.optionInvalid("--human-format", "is required: clip or egodex");
    }
    // Planted faults are bundle defects (truncated Arrow files, a broken manifest...); MCAP has its own.
    if (faults && format == SampleFormat.MCAP) {
      throw CurateErrors.optionInvalid("--faults", "is not available with --format mcap (faults are planted in "
          + "bundles only); drop --faults or use --format bundle");
    }
  }

  /** Fleet sessions as bundles, the default. */
  public SampleOptions(Path out, LocalDate date, int sessions, int clips, long seed, double sessionMinutes,
      double clipSeconds, boolean faults, Path urdf, int threads) {
    this(out, date, sessions, clips, seed, sessionMinutes, clipSeconds, faults, urdf, threads, SampleFormat.BUNDLE);
  }

  /** Human clips as clip folders, the default. */
  public SampleOptions(Path out, LocalDate date, int sessions, int clips, long seed, double sessionMinutes,
      double clipSeconds, boolean faults, Path urdf, int threads, SampleFormat format) {
    this(out, date, sessions, clips, seed, sessionMinutes, clipSeconds, faults, urdf, threads, format,
        HumanFormat.CLIP);
  }

  /** The same options with fleet sessions in {@code value}. */
  public SampleOptions withFormat(SampleFormat value) {
    return new SampleOptions(out, date, sessions, clips, seed, sessionMinutes, clipSeconds, faults, urdf, threads,
        value, humanFormat);
  }

  /** The same options with the clean human clips in {@code value}. */
  public SampleOptions withHumanFormat(HumanFormat value) {
    return new SampleOptions(out, date, sessions, clips, seed, sessionMinutes, clipSeconds, faults, urdf, threads,
        format, value);
  }

  /** Defaults as in {@code curate generate-sample}: date 2026-01-15, 3 sessions of 1 minute, 2 clips, seed 7. */
  public static SampleOptions defaults(Path out, Path urdf) {
    return new SampleOptions(out, LocalDate.parse("2026-01-15"), 3, 2, 7, 1.0, DEFAULT_CLIP_SECONDS, false, urdf,
        Math.max(1, Runtime.getRuntime().availableProcessors()));
  }

  public double sessionSeconds() {
    return sessionMinutes * 60;
  }
}
