package ai.curate.jobs.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import ai.curate.jobs.ledger.IngestError;
import ai.curate.jobs.sample.SampleFixture;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Planning (no Spark) on damaged copies of a good sample bundle: each defect is one clear ledger row naming the file
 * and what is wrong, and costs nothing else of the session.
 */
class BundlePlannerHardeningTest {
  @TempDir
  Path temp;

  private Path raw() {
    return temp.resolve("raw");
  }

  private BundlePlan plan(Path bundle) {
    return DamagedBundles.plan(bundle, temp.resolve("scratch"));
  }

  private static long start(Path bundle) {
    return SampleFixture.json(bundle.resolve("manifest.json")).get("start_ts_ns").asLong();
  }

  private static List<IngestError> ofKind(BundlePlan p, String kind) {
    return p.errors().stream().filter(e -> e.errorKind().equals(kind)).toList();
  }

  /** Plans a clean copy whose manifest got {@code edit}. */
  private BundlePlan planEdited(Consumer<ObjectNode> edit) {
    Path bundle = DamagedBundles.copyClean(raw());
    DamagedBundles.editManifest(bundle, edit);
    return plan(bundle);
  }

  /** Plans a clean copy whose manifest got {@code edit}: the session is left out, with one row of {@code kind}. */
  private void assertLeftOut(Consumer<ObjectNode> edit, String kind) {
    BundlePlan p = planEdited(edit);
    assertThat(p.session()).isNull();
    assertThat(p.slices()).isEmpty();
    assertThat(DamagedBundles.kinds(p)).containsExactly(kind);
  }

  /** The one ledger row of {@code kind}. */
  private static IngestError only(BundlePlan p, String kind) {
    List<IngestError> e = ofKind(p, kind);
    assertThat(e).as("%s rows in %s", kind, p.errors()).hasSize(1);
    return e.get(0);
  }

  @Test
  void theCleanCopyPlansWithoutErrors() {
    BundlePlan p = plan(DamagedBundles.copyClean(raw()));
    assertThat(p.errors()).isEmpty();
    assertThat(p.session()).isNotNull();
  }

  // ---------------------------------------------------------------- 1: identity

  @Test
  void aManifestNamingAnotherSessionThanItsFolderIsLeftOut() {
    Path bundle = DamagedBundles.copyClean(raw());
    DamagedBundles.editManifest(bundle, m -> m.put("session_id", "another-session"));
    BundlePlan p = plan(bundle);
    assertThat(p.session()).as("not ingested under the manifest's value").isNull();
    assertThat(p.slices()).isEmpty();
    IngestError e = only(p, "manifest_folder_mismatch");
    assertThat(e.sourcePath()).endsWith("/manifest.json");
    assertThat(e.sessionId()).isEqualTo(bundle.getFileName().toString());
    assertThat(e.message()).contains("another-session", bundle.getFileName().toString());
  }

  @Test
  void aManifestNamingAnotherRobotThanItsFolderIsLeftOut() {
    assertLeftOut(m -> m.put("robot_id", "neo-0999"), "manifest_folder_mismatch");
  }

  // ---------------------------------------------------------------- 2: names and ids

  @Test
  void aCameraNameThatCannotBeAColumnIsALedgerRowNamingTheManifestAndTheName() {
    BundlePlan p = planEdited(m -> DamagedBundles.entry(m, "cameras", "wrist_right").put("name",
        "wrist.right"));
    IngestError e = only(p, "name_invalid");
    assertThat(e.sourcePath()).endsWith("/manifest.json");
    assertThat(e.stream()).isEqualTo("wrist.right");
    assertThat(e.message()).contains("wrist.right", Identifiers.COLUMN_NAME.pattern());
    assertThat(p.session().manifest().cameras()).extracting(Manifest.Camera::name).containsExactly("head");
    assertThat(p.errors()).hasSize(1);
  }

  @Test
  void aStreamNameTooLongForAColumnIsALedgerRow() {
    String longName = "joint_state_" + "x".repeat(60);
    BundlePlan p = planEdited(m -> DamagedBundles.entry(m, "streams", "joint_state").put("name", longName));
    assertThat(DamagedBundles.kinds(p)).containsExactly("name_invalid");
    assertThat(p.session().manifest().streams()).extracting(Manifest.Stream::name).doesNotContain(longName);
  }

  @Test
  void aRobotIdThatIsNoValidIdLeavesTheSessionOut() {
    assertLeftOut(m -> m.put("robot_id", "neo/../0001"), "identifier_invalid");
  }

  @Test
  void anEpisodeIdThatIsNoValidIdSkipsTheLine() {
    Path bundle = DamagedBundles.copyClean(raw());
    DamagedBundles.appendEvents(bundle, "{\"ts_ns\": " + (start(bundle) + 5) + ", \"type\": \"note\", "
        + "\"episode_id\": \"a b\"}");
    BundlePlan p = plan(bundle);
    assertThat(DamagedBundles.kinds(p)).containsExactly("event_invalid");
    assertThat(p.events()).noneMatch(e -> "a b".equals(e.episodeId()));
  }

  // ---------------------------------------------------------------- 3: times

  @Test
  void aClockOffsetBeyondADayDropsThatStreamOnly() {
    BundlePlan p = planEdited(m -> DamagedBundles.entry(m, "streams", "action")
        .put("clock_offset_ns", Long.MAX_VALUE));
    IngestError e = only(p, "clock_offset_invalid");
    assertThat(e.stream()).isEqualTo("action");
    assertThat(p.session().manifest().streams()).extracting(Manifest.Stream::name).doesNotContain("action")
        .contains("joint_state");
    assertThat(p.slices()).noneMatch(s -> s.stream().equals("action"));
  }

  @Test
  void aSessionThatStartsAfterItEndsIsLeftOut() {
    assertLeftOut(m -> {
      long s = m.get("start_ts_ns").asLong();
      m.put("start_ts_ns", m.get("end_ts_ns").asLong());
      m.put("end_ts_ns", s);
    }, "session_time_invalid");
  }

  @Test
  void aSessionTimeBeyond2262IsLeftOut() {
    assertLeftOut(m -> m.put("end_ts_ns", Long.MAX_VALUE), "session_time_invalid");
  }

  @Test
  void anEventTimeOutsideTheRangeSkipsTheLine() {
    Path bundle = DamagedBundles.copyClean(raw());
    DamagedBundles.appendEvents(bundle, "{\"ts_ns\": -5, \"type\": \"system\"}");
    BundlePlan p = plan(bundle);
    assertThat(DamagedBundles.kinds(p)).containsExactly("event_time_invalid");
    assertThat(p.events()).noneMatch(e -> e.tsNs() == -5);
  }

  @Test
  void anEpisodeThatStartsAfterItEndsIsALedgerRow() {
    Path bundle = DamagedBundles.copyClean(raw());
    long t = start(bundle) + 1_000_000;
    DamagedBundles.appendEvents(bundle,
        "{\"ts_ns\": " + (t + 10) + ", \"type\": \"episode_start\", \"episode_id\": \"late-e001\"}",
        "{\"ts_ns\": " + t + ", \"type\": \"episode_end\", \"episode_id\": \"late-e001\"}");
    BundlePlan p = plan(bundle);
    IngestError e = only(p, "episode_time_invalid");
    assertThat(e.message()).contains("late-e001");
    assertThat(p.errors()).hasSize(1);
  }

  // ---------------------------------------------------------------- 4: symlinks and quoted content

  @Test
  void aSymlinkedEventsFileIsSkippedUnreadAndItsContentNeverReachesTheLedger() throws Exception {
    Path bundle = DamagedBundles.copyClean(raw());
    Path outside = temp.resolve("os-release");
    Files.writeString(outside, "NAME=\"Secret Linux\"\nID=secret\n");
    DamagedBundles.link(bundle, "events.jsonl", outside);
    BundlePlan p = plan(bundle);
    IngestError e = only(p, "symlink_skipped");
    assertThat(e.sourcePath()).endsWith("/events.jsonl");
    assertThat(p.errors()).hasSize(1).allSatisfy(x -> assertThat(x.message()).doesNotContain("Secret", "secret"));
    assertThat(p.events()).isEmpty();
    assertThat(p.session()).isNotNull();
  }

  @Test
  void aStreamsFolderLinkedIntoAnotherBundleBringsNothingIn() {
    Path bundle = DamagedBundles.copyClean(raw());
    Path other = DamagedBundles.copy(DamagedBundles.clean(), raw(), "neo-0003", "other-session");
    DamagedBundles.link(bundle, "streams", other.resolve("streams"));
    BundlePlan p = plan(bundle);
    IngestError e = only(p, "symlink_skipped");
    assertThat(e.sourcePath()).endsWith("/streams");
    assertThat(p.slices()).noneMatch(s -> s.kind() != StreamKind.CAMERA_FRAMES);
    assertThat(p.session().status()).containsEntry("joint_state", "symlink_skipped");
    assertThat(DamagedBundles.kinds(p)).containsOnly("symlink_skipped");
  }

  @Test
  void contentQuotedInParseErrorsIsAShortEscapedExcerpt() {
    String junk = "x".repeat(500) + "\u0007\n" + "y".repeat(500);
    BundlePlan p = planEdited(m -> m.put("format", junk));
    assertThat(p.errors()).hasSize(1);
    String message = p.errors().get(0).message();
    assertThat(message).doesNotContain("x".repeat(81)).doesNotContain("\u0007").doesNotContain("\n");
    assertThat(message.length()).isLessThan(300);

    Path events = DamagedBundles.copy(DamagedBundles.clean(), raw(), "neo-0003", "events-junk");
    DamagedBundles.editManifest(events, m -> m.put("robot_id", "neo-0003").put("session_id", "events-junk"));
    DamagedBundles.appendEvents(events, "notjson" + "z".repeat(2000));
    BundlePlan q = plan(events);
    assertThat(DamagedBundles.kinds(q)).containsExactly("event_malformed");
    assertThat(q.errors().get(0).message()).doesNotContain("z".repeat(81));
  }

  // ---------------------------------------------------------------- 5: stray episode events

  @Test
  void anEventOfAnEpisodeWithoutStartOrEndIsAStrayEpisodeEvent() {
    Path bundle = DamagedBundles.copyClean(raw());
    long t = start(bundle) + 2_000_000;
    DamagedBundles.appendEvents(bundle,
        "{\"ts_ns\": " + t + ", \"type\": \"intervention\", \"episode_id\": \"ghost-e001\"}",
        "{\"ts_ns\": " + (t + 1) + ", \"type\": \"episode_start\", \"episode_id\": \"open-e002\"}");
    BundlePlan p = plan(bundle);
    List<IngestError> e = ofKind(p, "stray_episode_event");
    assertThat(e).hasSize(2);
    assertThat(e.get(0).sessionId()).isEqualTo(bundle.getFileName().toString());
    assertThat(e.get(0).message()).contains("ghost-e001", "intervention");
    assertThat(e.get(1).message()).contains("open-e002", "episode_start", "no episode_end");
    assertThat(p.errors()).hasSize(2);
  }

  // ---------------------------------------------------------------- 6: sides and probes

  @Test
  void aWrenchStreamNamingNoHandIsALedgerRowAndStillIngested() {
    BundlePlan p = planEdited(m -> DamagedBundles.entry(m, "streams", "wrench_left").put("name", "wrench_a"));
    IngestError e = only(p, "stream_side_unknown");
    assertThat(e.stream()).isEqualTo("wrench_a");
    assertThat(p.slices()).anyMatch(s -> s.stream().equals("wrench_a"));
  }

  @Test
  void aProbeThatRunsOutOfMemoryOrThrowsIsALedgerRow() {
    Path bundle = DamagedBundles.copyClean(raw());
    BundlePlanner oom = new BundlePlanner(FleetIngestSettings.defaults(), temp.resolve("scratch").toString(), path -> {
      throw new OutOfMemoryError("native buffer");
    });
    BundlePlan p = DamagedBundles.plan(bundle, oom);
    assertThat(DamagedBundles.kinds(p)).containsExactly("video_unreadable", "video_unreadable");
    assertThat(p.errors().get(0).message()).contains("OutOfMemoryError");
    assertThat(p.session()).isNotNull();

    BundlePlanner bug = new BundlePlanner(FleetIngestSettings.defaults(), temp.resolve("scratch").toString(), path -> {
      throw new IllegalStateException("unexpected");
    });
    assertThat(DamagedBundles.kinds(DamagedBundles.plan(bundle, bug))).containsExactly("video_unreadable",
        "video_unreadable");
  }

  // ---------------------------------------------------------------- read limits (uploads are not trusted)

  private BundlePlan plan(Path bundle, FleetIngestSettings settings) {
    return DamagedBundles.plan(bundle, new BundlePlanner(settings, temp.resolve("scratch").toString()));
  }

  @Test
  void anEventLineOverTheLineLimitIsOneLedgerRowAndTheOtherEventsAreKept() throws Exception {
    Path bundle = DamagedBundles.copyClean(raw());
    Path events = bundle.resolve("events.jsonl");
    List<String> lines = new java.util.ArrayList<>(Files.readAllLines(events));
    int before = plan(bundle).events().size();
    // A valid note event padded with spaces to 2 MiB, as the second line.
    String note = "{\"ts_ns\": " + (start(bundle) + 5) + ", \"type\": \"note\"}";
    lines.add(1, note.substring(0, note.length() - 1) + " ".repeat((2 << 20) - note.length()) + "}");
    Files.write(events, lines);

    BundlePlan p = plan(bundle, new FleetIngestSettings(64L << 20, 64L << 20, 64L << 10));

    assertThat(p.session()).isNotNull();
    assertThat(p.events()).hasSize(before);
    assertThat(p.errors()).singleElement().satisfies(e -> {
      assertThat(e.errorKind()).isEqualTo(FleetIngestErrors.EVENT_LINE_TOO_LONG);
      assertThat(e.sourcePath()).endsWith("/events.jsonl");
      assertThat(e.message()).isEqualTo("events.jsonl line 2: the line is 2097152 bytes, longer than the limit of"
          + " 65536 bytes (fleet_ingest.max_event_line_bytes): it was not read (an event is a few hundred bytes);"
          + " the line is skipped");
    });
  }

  @Test
  void aManifestOverTheFileLimitLeavesTheSessionOutWithOneRow() throws Exception {
    Path bundle = DamagedBundles.copyClean(raw());
    long size = Files.size(bundle.resolve("manifest.json"));

    BundlePlan p = plan(bundle, new FleetIngestSettings(64L << 20, size - 1));

    assertThat(p.session()).isNull();
    assertThat(p.slices()).isEmpty();
    IngestError e = only(p, FleetIngestErrors.MANIFEST_TOO_LARGE);
    assertThat(p.errors()).hasSize(1);
    assertThat(FleetIngestErrors.SESSION_FATAL).contains(e.errorKind());
    assertThat(e.sourcePath()).endsWith("/manifest.json");
    assertThat(e.message()).startsWith("manifest.json is " + size + " bytes, more than the limit of " + (size - 1)
        + " bytes (fleet_ingest.max_small_file_mb)");
  }

  @Test
  void anEventsFileOverTheFileLimitIsNotReadAndTheStreamsAreStillPlanned() throws Exception {
    Path bundle = DamagedBundles.copyClean(raw());
    long limit = Files.size(bundle.resolve("manifest.json")) + 1024;
    DamagedBundles.appendEvents(bundle, " ".repeat((int) limit));
    long size = Files.size(bundle.resolve("events.jsonl"));

    BundlePlan p = plan(bundle, new FleetIngestSettings(64L << 20, limit));

    assertThat(p.session()).isNotNull();
    assertThat(p.slices()).isNotEmpty();
    assertThat(p.events()).isEmpty();
    IngestError e = only(p, FleetIngestErrors.EVENTS_TOO_LARGE);
    assertThat(p.errors()).hasSize(1);
    assertThat(e.message()).startsWith("events.jsonl is " + size + " bytes, more than the limit of " + limit
        + " bytes (fleet_ingest.max_small_file_mb)");
  }

  @Test
  void poseTimesAreBoundedByTheFleetTimestampRange() {
    // pose.jsonl's pts_us becomes ts_ns = pts_us * 1000 next to robot timestamps: the same upper bound, in microseconds.
    assertThat(ai.curate.retargeting.pose.PoseLineParser.MAX_PTS_US * 1000).isEqualTo(TimeBounds.MAX_TS_NS);
    assertThat(TimeBounds.MIN_TS_NS).isZero();
  }
}
