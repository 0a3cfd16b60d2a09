package ai.curate.jobs.mcap;

import ai.curate.jobs.fleet.EventRecord;
import ai.curate.jobs.fleet.StreamStats;
import ai.curate.jobs.ledger.IngestError;
import ai.curate.jobs.mcap.McapPlan.CameraInfo;
import ai.curate.jobs.mcap.McapPlan.ChannelRow;
import ai.curate.jobs.mcap.McapPlan.StreamInfo;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The small tables' rows of an MCAP recording ({@code sessions}, {@code events}, {@code videos},
 * {@code mcap_channels}) from its plan, in the columns {@code ingest-fleet} writes for a bundle
 * ({@link ai.curate.jobs.fleet.FleetSchemas}), so the later stages read both alike.
 */
final class McapRows {
  private McapRows() {}

  /**
   * @param readErrors ledger rows the read tasks reported for this session
   * @param jointNames the robot model's joints: the joint streams' {@code joint_names}
   */
  static Row session(McapPlan p, Date date, Map<StreamStats.Key, StreamStats.Stats> stats,
      List<IngestError> readErrors, List<String> jointNames) {
    McapPlan.Session s = p.session();
    List<Row> streams = new ArrayList<>();
    for (StreamInfo st : p.streams()) {
      StreamStats.Stats x = StreamStats.of(stats, s.robotId(), s.sessionId(), st.name());
      boolean joints = st.kind().listColumns.contains("position");
      Integer taxels = null;
      streams.add(RowFactory.create(st.name(), st.kind().id, st.file(), rate(st.rateHz(), x), st.clockOffsetNs(),
          joints ? jointNames.toArray(new String[0]) : new String[0], null, taxels, new String[0],
          status(st.status(), st.topic(), readErrors), x.rows(), x.nanRows(), x.duplicateRows(), x.outOfOrderRows(),
          x.firstTs(), x.lastTs()));
    }
    List<Row> cameras = new ArrayList<>();
    for (CameraInfo c : p.cameras()) {
      StreamStats.Stats x = StreamStats.of(stats, s.robotId(), s.sessionId(), c.name());
      cameras.add(RowFactory.create(c.name(), c.file(), c.topic(), rate(c.fps(), x), c.clockOffsetNs(),
          status(c.status(), c.topic(), readErrors), x.rows()));
    }
    int errors = p.errors().size() + readErrors.size();
    int episodes = (int) p.events().stream().filter(e -> "episode_start".equals(e.type())).count();
    return RowFactory.create(date, s.robotId(), s.sessionId(), s.robotModel(), s.formatVersion(),
        s.softwareVersion(), s.startTsNs(), s.endTsNs(), errors == 0 ? "ok" : "partial", errors, episodes,
        streams.toArray(new Row[0]), cameras.toArray(new Row[0]), p.recording(), s.fileCount(), s.totalBytes(),
        s.checksum(), s.metadataJson());
  }

  /** The declared rate, else the one the rows show ((n - 1) intervals over the span); null when unknown. */
  private static Double rate(Double declared, StreamStats.Stats x) {
    if (declared != null) {
      return declared;
    }
    if (x.rows() < 2 || x.firstTs() == null || x.lastTs() == null || x.lastTs() <= x.firstTs()) {
      return null;
    }
    return (x.rows() - 1) * 1e9 / (x.lastTs() - x.firstTs());
  }

  private static String status(String planned, String topic, List<IngestError> readErrors) {
    for (IngestError e : readErrors) {
      if (topic.equals(e.stream())) {
        return e.errorKind();
      }
    }
    return planned;
  }

  static List<Row> events(McapPlan p, Date date) {
    List<Row> out = new ArrayList<>();
    if (p.session() == null) {
      return out;
    }
    for (EventRecord e : p.events()) {
      out.add(RowFactory.create(date, p.session().robotId(), p.session().sessionId(), e.lineNumber(), e.tsNs(),
          e.type(), e.episodeId(), e.task(), e.prompt(), e.success(), e.payload()));
    }
    return out;
  }

  /**
   * One row per camera: the recording holds the camera's encoded frames (container {@code mcap}), one per message;
   * {@code declared_frames} is the message count, so a frame row is decodable when its index is below it.
   */
  static List<Row> videos(McapPlan p, Date date, Map<StreamStats.Key, StreamStats.Stats> stats,
      Map<String, McapCameraVideos.Result> remuxed) {
    List<Row> out = new ArrayList<>();
    if (p.session() == null) {
      return out;
    }
    McapPlan.Session s = p.session();
    for (CameraInfo c : p.cameras()) {
      StreamStats.Stats x = StreamStats.of(stats, s.robotId(), s.sessionId(), c.name());
      long frameRows = x.rows();
      Long duration = x.firstTs() == null ? null : x.lastTs() - x.firstTs();
      String codec = c.format() == null ? null : switch (c.format().toLowerCase(java.util.Locale.ROOT)) {
        case "jpeg", "jpg" -> "mjpeg";
        default -> c.format().toLowerCase(java.util.Locale.ROOT);
      };
      out.add(RowFactory.create(date, s.robotId(), s.sessionId(), c.name(), c.file(), c.fileBytes(), "mcap", codec,
          c.width() == null ? 0 : c.width(), c.height() == null ? 0 : c.height(), rate(c.fps(), x), c.fps(),
          c.messages(), duration, c.clockOffsetNs(), frameRows, c.messages() == frameRows,
          videoPath(remuxed.get(McapCameraVideos.Result.key(s.robotId(), s.sessionId(), c.name())))));
    }
    return out;
  }

  private static String videoPath(McapCameraVideos.Result r) {
    return r == null ? null : r.relativePath();
  }

  static List<Row> channels(McapPlan p, Date date) {
    List<Row> out = new ArrayList<>();
    String robot = p.session() == null ? null : p.session().robotId();
    String session = p.session() == null ? null : p.session().sessionId();
    for (ChannelRow c : p.channels()) {
      out.add(RowFactory.create(date, robot, session, c.file(), c.channelId(), c.topic(), c.schemaName(),
          c.schemaEncoding(), c.messageEncoding(), c.messages(), c.mappedKind(), c.mappedName(), c.status()));
    }
    return out;
  }
}
