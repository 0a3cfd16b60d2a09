package ai.curate.jobs.fleet;

import ai.curate.jobs.ledger.IngestError;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Builds the small tables' rows (sessions, events, videos) from planning results; schemas in {@link FleetSchemas}.
 * Array columns are Java arrays: Spark's row encoder takes arrays or Scala sequences, not Java lists.
 */
final class FleetRows {
  private FleetRows() {}

  /**
   * @param sliceErrors ledger entries found while reading this session's record batches
   */
  static Row session(BundlePlan p, Date date, Map<StreamStats.Key, StreamStats.Stats> stats,
      List<IngestError> sliceErrors) {
    BundlePlan.Session s = p.session();
    Manifest m = s.manifest();
    List<Row> streams = new ArrayList<>();
    for (Manifest.Stream st : m.streams()) {
      StreamStats.Stats x = StreamStats.of(stats, m.robotId(), m.sessionId(), st.name());
      streams.add(RowFactory.create(st.name(), st.kind().id, st.file(), st.rateHz(), st.clockOffsetNs(),
          st.jointNames().toArray(new String[0]), st.frame(), st.taxels(),
          s.extraColumns().getOrDefault(st.name(), List.of()).toArray(new String[0]),
          status(s, st.name(), sliceErrors), x.rows(), x.nanRows(), x.duplicateRows(), x.outOfOrderRows(), x.firstTs(),
          x.lastTs()));
    }
    List<Row> cameras = new ArrayList<>();
    for (Manifest.Camera c : m.cameras()) {
      StreamStats.Stats x = StreamStats.of(stats, m.robotId(), m.sessionId(), c.name());
      cameras.add(RowFactory.create(c.name(), c.file(), c.framesFile(), c.fps(), c.clockOffsetNs(),
          status(s, c.name(), sliceErrors), x.rows()));
    }
    int errors = p.errors().size() + sliceErrors.size();
    int episodes = (int) p.events().stream().filter(e -> "episode_start".equals(e.type())).count();
    return RowFactory.create(date, m.robotId(), m.sessionId(), m.robotModel(), m.formatVersion(), m.softwareVersion(),
        m.startTsNs(), m.endTsNs(), errors == 0 ? "ok" : "partial", errors, episodes, streams.toArray(new Row[0]),
        cameras.toArray(new Row[0]),
        p.location().dir(), s.fileCount(), s.totalBytes(), s.checksum(), m.json());
  }

  private static String status(BundlePlan.Session s, String name, List<IngestError> sliceErrors) {
    for (IngestError e : sliceErrors) {
      if (name.equals(e.stream())) {
        return e.errorKind();
      }
    }
    return s.status().getOrDefault(name, "ok");
  }

  static List<Row> events(BundlePlan p, Date date) {
    List<Row> out = new ArrayList<>();
    if (p.session() == null) {
      return out;
    }
    Manifest m = p.session().manifest();
    for (EventRecord e : p.events()) {
      out.add(RowFactory.create(date, m.robotId(), m.sessionId(), e.lineNumber(), e.tsNs(), e.type(), e.episodeId(),
          e.task(), e.prompt(), e.success(), e.payload()));
    }
    return out;
  }

  static List<Row> videos(BundlePlan p, Date date, Map<StreamStats.Key, StreamStats.Stats> stats) {
    List<Row> out = new ArrayList<>();
    if (p.session() == null) {
      return out;
    }
    Manifest m = p.session().manifest();
    for (VideoInfo v : p.videos()) {
      long frameRows = StreamStats.of(stats, m.robotId(), m.sessionId(), v.camera()).rows();
      Boolean matches = v.declaredFrames() == null ? null : v.declaredFrames() == frameRows;
      out.add(RowFactory.create(date, m.robotId(), m.sessionId(), v.camera(), v.file(), v.sizeBytes(), v.container(),
          v.codec(), v.width(), v.height(), v.fps(), v.manifestFps(), v.declaredFrames(), v.durationNs(),
          v.clockOffsetNs(), frameRows, matches, v.file()));
    }
    return out;
  }
}
