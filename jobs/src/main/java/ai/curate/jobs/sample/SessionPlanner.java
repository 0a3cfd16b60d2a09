package ai.curate.jobs.sample;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Lays out sessions (robot, id, start time, clock offsets, episodes with tasks and annotations) from the seed. */
final class SessionPlanner {
  static final double MIN_SESSION_SECONDS = 12;
  private static final String[] NOTES = {
      "operator adjusted the object before the attempt", "object slipped once and was regrasped",
      "lighting changed (blinds opened)", "second person walked through the scene", "slow but steady execution"};

  private final long seed;
  private final LocalDate date;
  private final double sessionSeconds;

  SessionPlanner(long seed, LocalDate date, double sessionSeconds) {
    if (sessionSeconds < MIN_SESSION_SECONDS) {
      throw new IllegalArgumentException(
          "sessions must be at least " + MIN_SESSION_SECONDS + " s long, got " + sessionSeconds);
    }
    this.seed = seed;
    this.date = date;
    this.sessionSeconds = sessionSeconds;
  }

  /** Clean sessions draw from label "session", faulty ones from "fault-session": the two sets never interfere. */
  Plans.Session plan(String label, int index, int startSlot, List<Plans.FaultSpec> faults) {
    SplittableRandom rng = Seeds.random(seed, label, index);
    long sessionSeed = rng.nextLong();
    String robotId = String.format("neo-%04d", 1 + (startSlot % 3));
    String sessionId = Seeds.uuid(rng);
    // Sessions of one robot follow each other through the day, starting 08:00 UTC.
    long dayStart = date.atTime(8, 0).toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L;
    long slotNs = Math.round((sessionSeconds + 300) * 1e9);
    long startTsNs = dayStart + (startSlot / 3) * slotNs + rng.nextLong(0, 60_000_000_000L);
    Map<String, Long> offsets = new LinkedHashMap<>();
    offsets.put("joint_state", 0L);
    offsets.put("action", 0L);
    offsets.put("wrench_left", signed(rng, 1_000_000, 4_000_000));
    offsets.put("wrench_right", signed(rng, 1_000_000, 4_000_000));
    offsets.put("tactile_left", signed(rng, 500_000, 2_000_000));
    offsets.put("tactile_right", signed(rng, 500_000, 2_000_000));
    offsets.put("head", signed(rng, 5_000_000, 20_000_000));
    offsets.put("wrist_right", signed(rng, 5_000_000, 20_000_000));
    List<Plans.Episode> episodes = episodes(rng, sessionId);
    String software = "neo-os 2.14." + rng.nextInt(6);
    return new Plans.Session(robotId, sessionId, startTsNs, sessionSeconds, sessionSeed, episodes, offsets, software,
        List.copyOf(faults));
  }

  private static long signed(SplittableRandom rng, long min, long max) {
    long v = rng.nextLong(min, max);
    return rng.nextBoolean() ? v : -v;
  }

  private List<Plans.Episode> episodes(SplittableRandom rng, String sessionId) {
    double d = sessionSeconds;
    int n = d < 30 ? 2 : d < 90 ? 2 + rng.nextInt(2) : (int) Math.round(d / 20);
    double lead = 0.08 * d;
    double tail = 0.05 * d;
    double gap = Math.max(1.5, Math.min(6, 0.06 * d / n));
    double available = d - lead - tail - (n - 1) * gap;
    double[] weights = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      weights[i] = 0.8 + 0.4 * rng.nextDouble();
      sum += weights[i];
    }
    List<Plans.Episode> out = new ArrayList<>();
    double t = lead;
    for (int i = 0; i < n; i++) {
      double len = available * weights[i] / sum;
      TaskCatalog.Task task = TaskCatalog.ROBOT_TASKS.get(rng.nextInt(TaskCatalog.ROBOT_TASKS.size()));
      String episodeId = sessionId + "-e" + String.format("%03d", i + 1);
      boolean success = rng.nextDouble() < 0.85;
      List<Plans.Annotation> annotations = new ArrayList<>();
      if (rng.nextDouble() < 0.5) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("episode_id", episodeId);
        f.put("text", NOTES[rng.nextInt(NOTES.length)]);
        annotations.add(new Plans.Annotation(t + len * (0.4 + 0.2 * rng.nextDouble()), "note", f));
      }
      if (rng.nextDouble() < 0.25) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("episode_id", episodeId);
        f.put("source", "teleop");
        f.put("reason", "grasp recovery");
        f.put("duration_ns", Math.round(len * 0.1 * 1e9));
        annotations.add(new Plans.Annotation(t + len * (0.6 + 0.2 * rng.nextDouble()), "intervention", f));
      }
      out.add(new Plans.Episode(episodeId, task, t, t + len, success, annotations));
      t += len + gap;
    }
    return out;
  }
}
