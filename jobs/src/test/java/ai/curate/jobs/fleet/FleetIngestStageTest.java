package ai.curate.jobs.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.curate.jobs.config.ConfigFixtures;
import ai.curate.jobs.config.CurateConfig;
import ai.curate.jobs.errors.UserError;
import ai.curate.jobs.sample.ArrowFiles;
import ai.curate.jobs.sample.FaultKind;
import ai.curate.jobs.sample.PlantedFault;
import ai.curate.jobs.sample.SampleFixture;
import ai.curate.jobs.sample.SampleReport;
import ai.curate.jobs.stages.StageContext;
import ai.curate.jobs.stages.StageResult;
import ai.curate.jobs.tables.TableId;
import ai.curate.jobs.tables.Tables;
import ai.curate.testing.SparkTestBase;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * {@code ingest-fleet} end to end on the generator's faulty sample: every session lands in bronze or the ledger,
 * every planted fleet defect is reported where it was planted, clean data is complete and unchanged, reruns are
 * idempotent.
 */
class FleetIngestStageTest extends SparkTestBase {
  private static final LocalDate DATE = SampleFixture.DATE;

  /** Through the real config loader, so the test follows the config's shape as it grows. */
  private StageContext context(Path raw, Path warehouse, String runId) {
    CurateConfig config = ConfigFixtures.session(raw, warehouse, temp.resolve("scratch")).load(temp);
    return new StageContext(spark(), config, DATE, runId);
  }

  /** Small slices, so every stream file is read by several tasks and slice boundaries are exercised. */
  private static FleetIngestStage smallSlices() {
    return new FleetIngestStage(new FleetIngestSettings(2 << 20, 16 << 20));
  }

  @Test
  void everySessionLandsInBronzeOrTheLedgerAndEveryPlantedDefectIsReported() {
    SampleReport sample = SampleFixture.faulty();
    StageContext ctx = context(sample.out(), temp.resolve("wh"), "run-1");

    StageResult result = smallSlices().run(ctx);

    // The duplicate is one more bundle folder; it and its original are left out, like the unreadable manifest.
    int bundles = sample.sessions().size() + 1;
    assertThat(result.counts()).containsEntry("bundles", (long) bundles)
        .containsEntry("sessions", (long) sample.sessions().size() - 2).containsEntry("unreadable", 3L);

    // Reconciliation: every generated session is in bronze.sessions, in the ledger, or both.
    Map<String, String> status = new HashMap<>();
    for (Object[] r : sql("SELECT session_id, status FROM delta.`%s` WHERE capture_date = DATE'%s'",
        loc(ctx, Tables.SESSIONS), DATE)) {
      status.put((String) r[0], (String) r[1]);
    }
    Set<String> inLedger = new HashSet<>();
    for (Object[] r : sql("SELECT DISTINCT session_id FROM delta.`%s` WHERE stage = 'ingest-fleet'",
        loc(ctx, Tables.INGEST_ERRORS))) {
      inLedger.add((String) r[0]);
    }
    Set<String> faultySessions = new HashSet<>();
    for (SampleReport.SessionSummary s : sample.sessions()) {
      assertThat(status.containsKey(s.sessionId()) || inLedger.contains(s.sessionId()))
          .as("session %s accounted for", s.sessionId()).isTrue();
      if (s.clean()) {
        assertThat(status.get(s.sessionId())).as("clean session %s", s.sessionId()).isEqualTo("ok");
        assertThat(inLedger).doesNotContain(s.sessionId());
      }
    }

    // Every planted fleet defect with an expected ledger kind is reported at its file, session and stream.
    for (PlantedFault f : sample.faults()) {
      if (f.kind().target != FaultKind.Target.FLEET) {
        continue;
      }
      faultySessions.add(f.sessionId());
      if (f.kind().expectedLedgerKind == null) {
        continue;
      }
      List<Object[]> hits = sql(
          "SELECT stream, message FROM delta.`%s` WHERE stage = 'ingest-fleet' AND session_id = '%s'"
              + " AND error_kind = '%s' AND source_path LIKE '%%%s'",
          loc(ctx, Tables.INGEST_ERRORS), f.sessionId(),
          f.kind().expectedLedgerKind, f.path());
      assertThat(hits).as("ledger entry for %s %s at %s", f.id(), f.kind().id, f.path()).hasSize(1);
      assertThat(hits.get(0)[0]).isEqualTo(f.stream());
      String fileName = Path.of(f.path()).getFileName().toString();
      assertThat((String) hits.get(0)[1]).as("message of %s", f.kind().id).contains(fileName);
      if (f.kind() == FaultKind.MANIFEST_INVALID || f.kind() == FaultKind.DUPLICATE_SESSION) {
        assertThat(status).doesNotContainKey(f.sessionId());
      } else {
        assertThat(status.get(f.sessionId())).as("partially damaged session %s", f.sessionId()).isEqualTo("partial");
      }
    }

    // Row-level defects are flagged (not dropped) in exactly the planted number of rows.
    assertFlagged(ctx, sample, FaultKind.NAN_VALUES, Tables.JOINT_STATES, "has_nan");
    assertFlagged(ctx, sample, FaultKind.TIMESTAMP_REORDER, Tables.WRENCHES, "out_of_order");
    assertFlagged(ctx, sample, FaultKind.TIMESTAMP_DUPLICATE, Tables.TACTILE, "duplicate_ts");
    for (TableId t : List.of(Tables.JOINT_STATES, Tables.JOINT_COMMANDS, Tables.WRENCHES, Tables.TACTILE)) {
      List<Object[]> flagged = sql(
          "SELECT DISTINCT session_id FROM delta.`%s` WHERE has_nan OR duplicate_ts OR out_of_order",
          loc(ctx, t));
      for (Object[] r : flagged) {
        assertThat(faultySessions).as("flags in %s only in faulty sessions", t).contains((String) r[0]);
      }
    }
    // The session summary counts what was flagged.
    PlantedFault nan = fault(sample, FaultKind.NAN_VALUES);
    List<Object[]> summary = sql("SELECT s.nan_rows, s.rows FROM (SELECT explode(streams) AS s FROM delta.`%s`"
        + " WHERE session_id = '%s') WHERE s.name = 'joint_state'", loc(ctx, Tables.SESSIONS), nan.sessionId());
    assertThat(summary.get(0)[0]).isEqualTo((long) nan.affectedRows());

    // Good sessions' sample counts equal what the generator wrote; partial sessions keep their intact streams.
    for (SampleReport.SessionSummary s : sample.sessions()) {
      if (!status.containsKey(s.sessionId())) {
        continue;
      }
      Map<String, Long> landed = new HashMap<>();
      for (TableId t : List.of(Tables.JOINT_STATES, Tables.JOINT_COMMANDS, Tables.WRENCHES, Tables.TACTILE)) {
        for (Object[] r : sql("SELECT stream, count(*) FROM delta.`%s` WHERE session_id = '%s' GROUP BY stream",
            loc(ctx, t), s.sessionId())) {
          landed.put((String) r[0], (Long) r[1]);
        }
      }
      Set<String> damaged = new HashSet<>();
      sample.faults().stream().filter(f -> s.sessionId().equals(f.sessionId()) && f.kind().expectedLedgerKind != null)
          .forEach(f -> damaged.add(f.stream()));
      for (Map.Entry<String, Long> e : s.streamRows().entrySet()) {
        if (damaged.contains(e.getKey())) {
          assertThat(landed).as("damaged stream %s of %s", e.getKey(), s.sessionId()).doesNotContainKey(e.getKey());
        } else {
          assertThat(landed.get(e.getKey())).as("rows of %s in %s", e.getKey(), s.sessionId()).isEqualTo(e.getValue());
        }
      }
      for (Map.Entry<String, Long> e : s.cameraFrames().entrySet()) {
        if (sample.faults().stream().anyMatch(f -> f.kind() == FaultKind.CAMERA_NAME_INVALID
            && s.sessionId().equals(f.sessionId()) && e.getKey().replace('_', '.').equals(f.stream()))) {
          continue;
        }
        List<Object[]> frames = sql("SELECT count(*) FROM delta.`%s` WHERE session_id = '%s' AND camera = '%s'",
            loc(ctx, Tables.CAMERA_FRAMES), s.sessionId(), e.getKey());
        assertThat(frames.get(0)[0]).as("frames of %s in %s", e.getKey(), s.sessionId()).isEqualTo(e.getValue());
      }
    }
  }

  @Test
  void valuesTimestampsAndOffsetsAreKeptAsWritten() {
    SampleReport sample = SampleFixture.faulty();
    StageContext ctx = context(sample.out(), temp.resolve("wh"), "run-1");
    smallSlices().run(ctx);
    SampleReport.SessionSummary clean = sample.sessions().stream().filter(SampleReport.SessionSummary::clean)
        .findFirst().orElseThrow();
    Path bundle = sample.out().resolve(clean.path());
    JsonNode manifest = SampleFixture.json(bundle.resolve("manifest.json"));

    for (String stream : List.of("joint_state", "wrench_left")) {
      ArrowFiles.Table file = ArrowFiles.read(bundle.resolve("streams/" + stream + ".arrow"));
      TableId table = stream.equals("joint_state") ? Tables.JOINT_STATES : Tables.WRENCHES;
      String column = stream.equals("joint_state") ? "position" : "force";
      Dataset<Row> rows = spark().read().format("delta").load(loc(ctx, table))
          .where(String.format("session_id = '%s' AND stream = '%s'", clean.sessionId(), stream))
          .orderBy("batch_index", "batch_row");
      List<Row> all = rows.select("ts_ns", "clock_offset_ns", column, "batch_index", "batch_row", "robot_id")
          .collectAsList();
      assertThat(all).hasSize(file.rows());
      long offset = offset(manifest, stream);
      for (int i = 0; i < all.size(); i += 97) {
        Row r = all.get(i);
        assertThat(r.getLong(0)).as("device ts of row %d", i).isEqualTo(file.ts()[i]);
        assertThat(r.getLong(1)).isEqualTo(offset);
        List<Float> values = r.getList(2);
        float[] expected = file.lists().get(column)[i];
        assertThat(values).hasSize(expected.length);
        for (int k = 0; k < expected.length; k++) {
          assertThat(values.get(k)).isEqualTo(expected[k]);
        }
        assertThat(r.getString(5)).isEqualTo(clean.robotId());
      }
      assertThat(all.get(all.size() - 1).getInt(3)).as("several record batches").isPositive();
    }
    List<Object[]> sessions = sql(
        "SELECT robot_model, format_version, start_ts_ns, episodes, size(streams), size(cameras),"
            + " length(checksum), total_bytes > 0, source_path, run_id, manifest_json IS NOT NULL FROM delta.`%s` WHERE session_id = '%s'",
        loc(ctx, Tables.SESSIONS), clean.sessionId());
    assertThat(sessions).hasSize(1);
    assertThat(sessions.get(0)).containsExactly("neo", 1, manifest.get("start_ts_ns").asLong(),
        clean.episodeIds().size(),
        6, 2, 64, true, sessions.get(0)[8], "run-1", true);
    assertThat((String) sessions.get(0)[8]).endsWith(clean.path());

    List<Object[]> videos = sql(
        "SELECT camera, codec, width, height, declared_frames, frame_index_rows, frame_count_matches"
            + " FROM delta.`%s` WHERE session_id = '%s' ORDER BY camera",
        loc(ctx, Tables.VIDEOS), clean.sessionId());
    assertRows("videos", rows(
        row("head", "h264", 160, 120, clean.cameraFrames().get("head"), clean.cameraFrames().get("head"), true),
        row("wrist_right", "h264", 160, 120, clean.cameraFrames().get("wrist_right"),
            clean.cameraFrames().get("wrist_right"), true)),
        videos);

    List<Object[]> episodes = sql("SELECT episode_id FROM delta.`%s` WHERE session_id = '%s' AND type = 'episode_start'"
        + " ORDER BY ts_ns", loc(ctx, Tables.EVENTS), clean.sessionId());
    assertThat(episodes.stream().map(r -> (String) r[0]).toList()).isEqualTo(clean.episodeIds());
  }

  @Test
  void rerunningTheDateLeavesIdenticalTablesWhateverTheSliceSize() {
    SampleReport sample = SampleFixture.faulty();
    Path warehouse = temp.resolve("wh");
    StageContext first = context(sample.out(), warehouse, "run-1");
    smallSlices().run(first);
    Map<TableId, Long> counts = new HashMap<>();
    for (TableId t : tables()) {
      counts.put(t, spark().read().format("delta").load(loc(first, t)).count());
    }
    new FleetIngestStage(FleetIngestSettings.defaults()).run(context(sample.out(), warehouse, "run-2"));
    for (TableId t : tables()) {
      // The first run's version (not always 0: the ledger is created empty before its first write).
      long firstRun = first.writer().committedVersion(t, "run-1");
      Dataset<Row> before = spark().read().format("delta").option("versionAsOf", firstRun).load(loc(first, t))
          .drop("run_id", "ingested_at", "recorded_at");
      Dataset<Row> after = spark().read().format("delta").load(loc(first, t)).drop("run_id", "ingested_at",
          "recorded_at");
      if (t.equals(Tables.INGEST_ERRORS)) {
        before = before.where("stage = 'ingest-fleet'");
        after = after.where("stage = 'ingest-fleet'");
      }
      assertThat(after.count()).as("rows of %s after the rerun", t).isEqualTo(counts.get(t));
      assertThat(before.exceptAll(after).count()).as("%s rows lost by the rerun", t).isZero();
      assertThat(after.exceptAll(before).count()).as("%s rows added by the rerun", t).isZero();
    }
    assertThat(sql("SELECT DISTINCT run_id FROM delta.`%s`", loc(first, Tables.JOINT_STATES))).hasSize(1);
  }

  @Test
  void bundlesSharingASessionIdAndLinkedFoldersAreLedgerRowsOnly() throws java.io.IOException {
    Path raw = temp.resolve("raw");
    SampleReport.SessionSummary clean = DamagedBundles.clean();
    DamagedBundles.copyClean(raw);
    Path copy = DamagedBundles.copy(clean, raw, "neo-0042", clean.sessionId());
    DamagedBundles.editManifest(copy, m -> m.put("robot_id", "neo-0042"));
    Path solo = DamagedBundles.copy(clean, raw, clean.robotId(), "solo-session");
    DamagedBundles.editManifest(solo, m -> m.put("session_id", "solo-session"));
    Files.createSymbolicLink(copy.getParent().resolveSibling("neo-0043"), copy.getParent());
    StageContext ctx = context(raw, temp.resolve("wh"), "run-1");

    StageResult result = smallSlices().run(ctx);

    assertThat(result.counts()).containsEntry("bundles", 4L).containsEntry("sessions", 1L)
        .containsEntry("unreadable", 3L);
    assertThat(sql("SELECT session_id FROM delta.`%s`", loc(ctx, Tables.SESSIONS))).extracting(r -> r[0])
        .containsExactly("solo-session");
    assertThat(sql("SELECT DISTINCT session_id FROM delta.`%s`", loc(ctx, Tables.JOINT_STATES))).extracting(r -> r[0])
        .containsExactly("solo-session");
    List<Object[]> ledger = sql("SELECT error_kind, session_id, source_path, message FROM delta.`%s`"
        + " WHERE stage = 'ingest-fleet' ORDER BY source_path", loc(ctx, Tables.INGEST_ERRORS));
    assertThat(ledger).extracting(r -> r[0]).containsExactly("duplicate_session_id", "duplicate_session_id",
        "symlink_skipped");
    for (Object[] r : ledger.subList(0, 2)) {
      assertThat(r[1]).isEqualTo(clean.sessionId());
      assertThat((String) r[3]).contains(clean.robotId() + "/" + clean.sessionId(), "neo-0042/" + clean.sessionId());
    }
    assertThat((String) ledger.get(2)[2]).endsWith("/neo-0043");
  }

  @Test
  void aRowPastTheTimeBoundsIsCountedInTheLedgerAndTheRestReconciles() throws Exception {
    Path raw = temp.resolve("raw");
    SampleReport.SessionSummary clean = DamagedBundles.clean();
    Path bundle = DamagedBundles.copyClean(raw);
    Path file = bundle.resolve("streams/wrench_left.arrow");
    long[] ts = ArrowFiles.read(file).ts();
    byte[] bytes = Files.readAllBytes(file);
    byte[] pattern = java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(ts[ts.length / 3])
        .array();
    int at = -1;
    for (int k = 0; k + 8 <= bytes.length && at < 0; k++) {
      at = java.util.Arrays.equals(bytes, k, k + 8, pattern, 0, 8) ? k : -1;
    }
    java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(at, Long.MAX_VALUE - 1);
    Files.write(file, bytes);
    StageContext ctx = context(raw, temp.resolve("wh"), "run-1");

    StageResult result = smallSlices().run(ctx);

    long bronze = (long) sql("SELECT count(*) FROM delta.`%s` WHERE stream = 'wrench_left'",
        loc(ctx, Tables.WRENCHES)).get(0)[0];
    assertThat(bronze).isEqualTo(ts.length - 1L);
    assertThat(sql("SELECT max(ts_ns) FROM delta.`%s`", loc(ctx, Tables.WRENCHES)).get(0)[0])
        .isEqualTo(java.util.Arrays.stream(ts).max().getAsLong());
    List<Object[]> ledger = sql("SELECT error_kind, session_id, stream, message FROM delta.`%s`"
        + " WHERE stage = 'ingest-fleet'", loc(ctx, Tables.INGEST_ERRORS));
    assertThat(ledger).hasSize(1);
    assertThat(ledger.get(0)).startsWith("sample_time_invalid", clean.sessionId(), "wrench_left");
    assertThat((String) ledger.get(0)[3]).contains("1 row of record batches", "ts_ns = " + (Long.MAX_VALUE - 1));
    List<Object[]> session = sql("SELECT status, s.status, s.rows FROM delta.`%s` LATERAL VIEW explode(streams) t AS s"
        + " WHERE s.name = 'wrench_left'", loc(ctx, Tables.SESSIONS));
    assertThat(session).hasSize(1);
    assertThat(session.get(0)).containsExactly("partial", "sample_time_invalid", ts.length - 1L);
    assertThat(result.counts()).containsEntry("ledger_errors", 1L).containsEntry("flagged_rows", 0L);
  }

  @Test
  void aMissingDateIsAUserError() {
    StageContext ctx = context(temp.resolve("empty-raw"), temp.resolve("wh"), "run-1");
    assertThatThrownBy(() -> new FleetIngestStage().run(ctx)).isInstanceOf(UserError.class)
        .hasMessageContaining("fleet/date=" + DATE);
  }

  // ---------------------------------------------------------------- helpers

  private static List<TableId> tables() {
    return List.of(Tables.SESSIONS, Tables.JOINT_STATES, Tables.JOINT_COMMANDS, Tables.WRENCHES, Tables.TACTILE,
        Tables.CAMERA_FRAMES, Tables.VIDEOS, Tables.EVENTS, Tables.INGEST_ERRORS);
  }

  private void assertFlagged(StageContext ctx, SampleReport sample, FaultKind kind, TableId table, String flag) {
    PlantedFault f = fault(sample, kind);
    List<Object[]> r = sql("SELECT count_if(%s), count(*), min(%s_window_ok) FROM (SELECT *, ts_ns BETWEEN %d AND %d"
        + " OR NOT %s AS %s_window_ok FROM delta.`%s` WHERE session_id = '%s' AND stream = '%s')", flag, flag,
        f.windowStartTsNs(), f.windowEndTsNs(), flag, flag, loc(ctx, table), f.sessionId(), f.stream());
    assertThat(r.get(0)[0]).as("%s rows flagged %s", kind.id, flag).isEqualTo((long) f.affectedRows());
    assertThat((long) r.get(0)[0]).isPositive();
    assertThat(r.get(0)[2]).as("%s flags only inside the planted window", kind.id).isEqualTo(true);
  }

  private static PlantedFault fault(SampleReport sample, FaultKind kind) {
    return sample.faults().stream().filter(f -> f.kind() == kind).findFirst().orElseThrow();
  }

  private static String loc(StageContext ctx, TableId t) {
    return ctx.writer().location(t);
  }

  private static long offset(JsonNode manifest, String stream) {
    for (JsonNode s : manifest.get("streams")) {
      if (s.get("name").asText().equals(stream)) {
        return s.get("clock_offset_ns").asLong();
      }
    }
    throw new AssertionError(stream);
  }
}
