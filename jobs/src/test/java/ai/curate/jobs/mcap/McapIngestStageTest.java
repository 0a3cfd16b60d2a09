package ai.curate.jobs.mcap;

import static org.assertj.core.api.Assertions.assertThat;

import ai.curate.jobs.align.AlignStage;
import ai.curate.jobs.config.ConfigFixtures;
import ai.curate.jobs.config.CurateConfig;
import ai.curate.jobs.fleet.FleetIngestStage;
import ai.curate.jobs.sample.SampleFixture;
import ai.curate.jobs.sample.SampleFormat;
import ai.curate.jobs.sample.SampleGenerator;
import ai.curate.jobs.sample.SampleOptions;
import ai.curate.jobs.stages.StageContext;
import ai.curate.jobs.stages.StageResult;
import ai.curate.jobs.tables.TableId;
import ai.curate.jobs.tables.Tables;
import ai.curate.jobs.video.TestVideos;
import ai.curate.jobs.human.HumanIngestStage;
import ai.curate.mcap.McapMessage;
import ai.curate.mcap.McapReadOptions;
import ai.curate.mcap.McapReader;
import ai.curate.mcap.ros2.MessageDecoders;
import ai.curate.mcap.McapWriterOptions;
import ai.curate.mcap.records.ChunkIndex;
import ai.curate.retargeting.urdf.UrdfParser;
import ai.curate.testing.Fixtures;
import ai.curate.testing.SparkTestBase;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.Test;

/**
 * {@code ingest-mcap} end to end: the same generated session from bundles and from MCAP gives the same bronze stream
 * rows and the same {@code silver.robot_timesteps}; every bad-input case is a ledger row saying what and where while
 * the rest of the recording lands; both ingests share the bronze tables without touching each other's rows.
 */
class McapIngestStageTest extends SparkTestBase {
  private static final LocalDate DATE = SampleFixture.DATE;
  private static final long SEED = 21;

  private StageContext context(Path raw, Path warehouse, String runId) {
    CurateConfig config = ConfigFixtures.session(raw, warehouse, temp.resolve("scratch"))
        .set("mcap_ingest.mapping", Fixtures.project("configs/mcap/neo.yaml"))
        .set("mcap_ingest.robot_urdf", SampleFixture.neoUrdf()).load(temp);
    return new StageContext(spark(), config, DATE, runId);
  }

  private static Path generate(SampleFormat format) {
    Path out = SampleFixture.tempDir("curate-mcap-ingest-" + format);
    new SampleGenerator().generate(new SampleOptions(out, DATE, 1, 0, SEED, SampleFixture.SESSION_MINUTES,
        SampleFixture.CLIP_SECONDS, false, SampleFixture.neoUrdf(), 2, format));
    return out;
  }

  private static List<String> neoJoints() {
    return UrdfParser.parse(SampleFixture.neoUrdf()).actuatedJointNames();
  }

  @Test
  void bundleAndMcapOfOneSessionGiveEqualBronzeStreamsAndEqualSilverTimesteps() {
    StageContext bundle = context(generate(SampleFormat.BUNDLE), temp.resolve("wh-bundle"), "run-bundle");
    new FleetIngestStage().run(bundle);
    new AlignStage().run(bundle);
    StageContext mcap = context(generate(SampleFormat.MCAP), temp.resolve("wh-mcap"), "run-mcap");
    // A date of MCAP recordings only is a fleet date: ingest-fleet lands no bundle instead of failing.
    assertThat(new FleetIngestStage().run(mcap).counts()).containsEntry("bundles", 0L);
    StageResult ingested = new McapIngestStage().run(mcap);
    new AlignStage().run(mcap);

    assertThat(ingested.counts()).containsEntry("recordings", 1L).containsEntry("sessions", 1L)
        .containsEntry("unreadable", 0L).containsEntry("ledger_errors", 0L);
    List<String> lineage = List.of("batch_index", "batch_row", "raw_format", "mcap_file", "mcap_offset", "run_id",
        "ingested_at");
    for (TableId t : List.of(Tables.JOINT_STATES, Tables.JOINT_COMMANDS, Tables.WRENCHES, Tables.TACTILE,
        Tables.CAMERA_FRAMES)) {
      assertSameRows(t, read(bundle, t).drop(lineage.toArray(new String[0])),
          read(mcap, t).drop(lineage.toArray(new String[0])));
    }
    assertSameRows(Tables.EVENTS, read(bundle, Tables.EVENTS).drop("raw_format", "run_id", "ingested_at"),
        read(mcap, Tables.EVENTS).drop("raw_format", "run_id", "ingested_at"));
    String[] session = {"robot_id", "session_id", "robot_model", "format_version", "start_ts_ns", "end_ts_ns",
        "status", "error_count", "episodes"};
    assertSameRows(Tables.SESSIONS, read(bundle, Tables.SESSIONS).selectExpr(session),
        read(mcap, Tables.SESSIONS).selectExpr(session));
    assertSameRows(Tables.SESSIONS, read(bundle, Tables.SESSIONS).selectExpr(
        "inline(transform(streams, s -> struct(s.name, s.kind, s.rate_hz, s.clock_offset_ns, s.joint_names, s.rows,"
            + " s.nan_rows, s.first_ts_ns, s.last_ts_ns)))"),
        read(mcap, Tables.SESSIONS).selectExpr(
            "inline(transform(streams, s -> struct(s.name, s.kind, s.rate_hz, s.clock_offset_ns, s.joint_names,"
                + " s.rows, s.nan_rows, s.first_ts_ns, s.last_ts_ns)))"));
    assertSameRows(Tables.ROBOT_TIMESTEPS, read(bundle, Tables.ROBOT_TIMESTEPS).drop("run_id"),
        read(mcap, Tables.ROBOT_TIMESTEPS).drop("run_id"));
    assertThat(read(mcap, Tables.ROBOT_TIMESTEPS).count()).isGreaterThan(100);

    // Lineage: every MCAP stream row names its file and chunk; the channel table lists the recording's channels.
    assertThat(read(mcap, Tables.JOINT_STATES).where("raw_format <> 'mcap' OR mcap_file NOT LIKE '%.mcap'"
        + " OR mcap_offset IS NULL").count()).isZero();
    assertThat(read(bundle, Tables.JOINT_STATES).where("raw_format <> 'bundle' OR mcap_file IS NOT NULL").count())
        .isZero();
    List<Row> channels = read(mcap, Tables.MCAP_CHANNELS).where("status = 'ok'").collectAsList();
    assertThat(channels).extracting(r -> r.<String>getAs("topic")).contains("/joint_states", "/joint_commands",
        "/wrist_ft/left", "/tactile/right", "/camera/head/image/compressed", "/events");
    Row video = read(mcap, Tables.VIDEOS).where("camera = 'head'").first();
    assertThat(video.<String>getAs("container")).isEqualTo("mcap");
    assertThat(video.<Boolean>getAs("frame_count_matches")).isTrue();
    assertThat(video.<Integer>getAs("width")).isPositive();
  }

  @Test
  void everyCameraIsReMuxedIntoAnMp4WhoseFrameKIsTheFrameWithIndexK() throws Exception {
    Path raw = generate(SampleFormat.MCAP);
    Path warehouse = temp.resolve("wh");
    StageContext ctx = context(raw, warehouse, "run-1");
    StageResult ingested = new McapIngestStage().run(ctx);

    List<Row> videos = read(ctx, Tables.VIDEOS).orderBy("camera").collectAsList();
    assertThat(videos).hasSizeGreaterThanOrEqualTo(2);
    assertThat(ingested.counts()).containsEntry("camera_videos", (long) videos.size());
    Path recording;
    try (Stream<Path> files = Files.walk(raw.resolve("mcap"))) {
      recording = files.filter(f -> f.toString().endsWith(".mcap")).findFirst().orElseThrow();
    }
    for (Row v : videos) {
      String camera = v.getAs("camera");
      String videoPath = v.getAs("video_path");
      assertThat(videoPath).as("relative to the warehouse").startsWith("mcap_video/date=" + DATE + "/")
          .endsWith("/" + camera + ".mp4");
      Path mp4 = warehouse.resolve(videoPath);
      // The JPEGs of the camera's topic in file order, read without the stage's code.
      List<byte[]> jpegs = new ArrayList<>();
      try (var it = McapReader.scanMessages(recording, McapReadOptions.defaults())) {
        while (it.hasNext()) {
          McapMessage m = it.next();
          if (m.channel().topic().equals("/camera/" + camera + "/image/compressed")) {
            Map<String, Object> msg = MessageDecoders.forChannel(m.channel().messageEncoding(), m.schema().name(),
                m.schema().encoding(), m.schema().data()).decode(m.data());
            jpegs.add((byte[]) msg.get("data"));
          }
        }
      }
      long frameRows = read(ctx, Tables.CAMERA_FRAMES).where("camera = '" + camera + "'").count();
      assertThat(jpegs).as("camera %s", camera).hasSize((int) frameRows);
      List<byte[]> packets = new ArrayList<>();
      try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(mp4.toFile())) {
        grabber.start();
        assertThat(grabber.getVideoCodecName()).isEqualTo("mjpeg");
        assertThat(grabber.getImageWidth()).isEqualTo(v.<Integer>getAs("width"));
        AVPacket p;
        while ((p = grabber.grabPacket()) != null) {
          byte[] b = new byte[p.size()];
          p.data().get(b);
          packets.add(b);
        }
      }
      assertThat(packets).as("packet k of %s is the JPEG of message k, untouched", camera).hasSize(jpegs.size());
      for (int k = 0; k < jpegs.size(); k++) {
        assertThat(packets.get(k)).as("frame %d of %s", k, camera).isEqualTo(jpegs.get(k));
      }
    }

    // ingest-human analyses the re-muxed videos like a bundle's: a packet row per camera frame.
    StageResult human = new HumanIngestStage().run(ctx);
    assertThat(human.counts()).containsEntry("camera_videos", (long) videos.size())
        .containsEntry("camera_videos_unreadable", 0L);
    for (Row v : videos) {
      String camera = v.getAs("camera");
      assertThat(read(ctx, Tables.FLEET_VIDEO_QUALITY).where("camera = '" + camera + "'").first()
          .<String>getAs("video_path")).as("named as bronze.videos names it").isEqualTo(v.getAs("video_path"));
      long analysed = read(ctx, Tables.FLEET_VIDEO_PACKETS).where("camera = '" + camera + "'").count();
      assertThat(analysed).as("analysed frames of %s", camera)
          .isEqualTo(read(ctx, Tables.CAMERA_FRAMES).where("camera = '" + camera + "'").count());
    }

    // A rerun writes the same bytes; the recording removed, a rerun removes its videos with its rows.
    Path first = warehouse.resolve(videos.get(0).<String>getAs("video_path"));
    byte[] before = Files.readAllBytes(first);
    new McapIngestStage().run(context(raw, warehouse, "run-2"));
    assertThat(Files.readAllBytes(first)).isEqualTo(before);
    deleteTree(raw.resolve("mcap"));
    new McapIngestStage().run(context(raw, warehouse, "run-3"));
    assertThat(read(ctx, Tables.VIDEOS).where("raw_format = 'mcap'").count()).isZero();
    try (Stream<Path> left = Files.walk(warehouse.resolve("mcap_video"))) {
      assertThat(left.filter(Files::isRegularFile).toList()).isEmpty();
    }
  }

  @Test
  void badInputIsALedgerRowSayingWhatAndWhereAndTheRestLands() throws IOException {
    Path raw = temp.resolve("raw");
    Path day = raw.resolve("mcap/date=" + DATE);
    List<String> joints = neoJoints();

    TestRecording clean = recording(joints, "clean");
    clean.write(day.resolve("clean/clean.mcap"));

    Files.createDirectories(day.resolve("magic"));
    Files.write(day.resolve("magic/magic.mcap"), "this is not an MCAP file at all".getBytes(StandardCharsets.UTF_8));

    TestRecording truncated = recording(joints, "truncated");
    Path truncatedFile = day.resolve("truncated/truncated.mcap");
    truncated.write(truncatedFile);
    cut(truncatedFile, Files.size(truncatedFile) / 2);

    TestRecording crc = recording(joints, "crc");
    crc.compression = McapWriterOptions.Compression.NONE;
    Path crcFile = day.resolve("crc/crc.mcap");
    crc.write(crcFile);
    ChunkIndex second = chunks(crcFile).get(1);
    flip(crcFile, second.chunkStartOffset() + second.chunkLength() - 16);

    TestRecording lz4 = recording(joints, "compression");
    lz4.compression = McapWriterOptions.Compression.LZ4;
    Path lz4File = day.resolve("compression/compression.mcap");
    lz4.write(lz4File);
    patch(lz4File, chunks(lz4File).get(1).chunkStartOffset() + 1 + 8 + 8 + 8 + 8 + 4 + 4, "xz4");

    TestRecording schema = recording(joints, "schema");
    schema.jointSchemaText = "std_msgs/Header header\nthis line is not a field\n";
    schema.write(day.resolve("schema/schema.mcap"));

    TestRecording message = recording(joints, "message");
    message.truncatedMessage = 42;
    message.write(day.resolve("message/message.mcap"));

    TestRecording names = new TestRecording(TestRecording.withForeign(joints, "not_a_neo_joint"));
    names.sessionId = "names";
    names.write(day.resolve("names/names.mcap"));

    StageContext ctx = context(raw, temp.resolve("wh"), "run-1");
    StageResult result = new McapIngestStage().run(ctx);
    int n = clean.messages();

    assertThat(result.counts()).containsEntry("recordings", 8L).containsEntry("sessions", 7L)
        .containsEntry("unreadable", 1L);
    assertLedger(ctx, null, "mcap_bad_magic", "magic.mcap");
    assertThat(jointRows(ctx, "clean")).isEqualTo(n);
    assertThat(ledger(ctx, "clean")).isEmpty();

    // A recording cut in half: the intact prefix lands, the ledger says where it stops.
    assertLedger(ctx, "truncated", "mcap_truncated", "truncated.mcap");
    assertThat(jointRows(ctx, "truncated")).isBetween(1L, (long) n - 1);

    // One damaged chunk: its messages are left out, every other chunk lands.
    assertLedger(ctx, "crc", "mcap_crc_mismatch", "chunk at byte " + second.chunkStartOffset());
    assertThat(jointRows(ctx, "crc")).isBetween((long) n - 40, (long) n - 1);
    assertLedger(ctx, "compression", "mcap_unknown_compression", "compression.mcap");
    assertThat(jointRows(ctx, "compression")).isBetween((long) n - 40, (long) n - 1);

    // A schema that does not parse: that topic is not ingested, the others are.
    assertLedger(ctx, "schema", "schema_unparsable", "/joint_states");
    assertThat(jointRows(ctx, "schema")).isZero();
    assertThat(count(ctx, Tables.WRENCHES, "schema")).isEqualTo(n);

    // One message that does not decode: it alone is left out.
    assertLedger(ctx, "message", "message_undecodable", "1 message of /joint_states");
    assertThat(jointRows(ctx, "message")).isEqualTo(n - 1);

    // Joint names matching nothing: reported, the row lands with that joint NaN and the others in model order.
    assertLedger(ctx, "names", "joint_names_unknown", "not_a_neo_joint");
    assertThat(jointRows(ctx, "names")).isEqualTo(n);
    Row first = read(ctx, Tables.JOINT_STATES).where("session_id = 'names' AND ts_ns = "
        + (TestRecording.START_NS + 3 * TestRecording.PERIOD_NS)).first();
    List<Float> position = first.getList(first.fieldIndex("position"));
    assertThat(position.get(0)).isNaN();
    assertThat(position.get(1)).isEqualTo((float) TestRecording.position(1, 3));
    assertThat(first.<Boolean>getAs("has_nan")).isTrue();

    // The unmapped topic is listed, never ingested.
    assertThat(read(ctx, Tables.MCAP_CHANNELS).where("session_id = 'clean' AND topic = '/not/mapped'"
        + " AND status = 'unmapped' AND message_count = " + n).count()).isEqualTo(1);
    // The clock offset of the session record is applied to its topic only.
    assertThat(read(ctx, Tables.WRENCHES).where("session_id = 'clean' AND clock_offset_ns <> 1500").count()).isZero();
    assertThat(read(ctx, Tables.JOINT_STATES).where("session_id = 'clean' AND clock_offset_ns <> 0").count())
        .isZero();
  }

  @Test
  void aRosbag2SplitSetIsOneSessionReadInTheOrderItsMetadataGives() throws IOException {
    Path raw = temp.resolve("raw");
    Path bag = raw.resolve("mcap/date=" + DATE + "/rosbag2_2026_01_15-08_00_00");
    List<String> joints = neoJoints();
    TestRecording part0 = recording(joints, "split-session");
    part0.to = 120;
    part0.write(bag.resolve("bag_0.mcap"));
    TestRecording part1 = recording(joints, "split-session");
    part1.from = 120;
    part1.sessionRecord = false;
    part1.summary = false; // the last split of a recorder that crashed: read by a linear scan
    part1.write(bag.resolve("bag_1.mcap"));
    Files.writeString(bag.resolve("metadata.yaml"), "rosbag2_bagfile_information:\n  version: 5\n"
        + "  storage_identifier: mcap\n  relative_file_paths:\n  - bag_0.mcap\n  - bag_1.mcap\n");

    StageContext ctx = context(raw, temp.resolve("wh"), "run-1");
    StageResult result = new McapIngestStage().run(ctx);

    assertThat(result.counts()).containsEntry("sessions", 1L);
    assertThat(jointRows(ctx, "split-session")).isEqualTo(part0.messages());
    // File order across the split set: no row is out of order or a duplicate, and the two files' rows interleave
    // nowhere (batch_index of the second file follows every batch of the first).
    assertThat(read(ctx, Tables.JOINT_STATES).where("out_of_order OR duplicate_ts").count()).isZero();
    long firstFileMax = read(ctx, Tables.JOINT_STATES).where("mcap_file LIKE '%bag_0.mcap'")
        .selectExpr("max(batch_index)").first().getInt(0);
    assertThat(read(ctx, Tables.JOINT_STATES).where("mcap_file LIKE '%bag_1.mcap' AND batch_index <= "
        + firstFileMax).count()).isZero();
    assertThat(read(ctx, Tables.MCAP_CHANNELS).where("session_id = 'split-session'").count()).isEqualTo(6);
  }

  /**
   * Duplicate and out-of-order sample times everywhere, with every chunk its own read task: the flags each task sets
   * as it reads (its first samples against the chunk before it) are the flags of the whole stream in file order.
   */
  @Test
  void fileOrderFlagsHoldAcrossReadTaskBoundaries() {
    TestRecording rec = recording(neoJoints(), "flags");
    rec.seconds = 3;
    rec.chunkSize = 2048;
    long[] ts = new long[rec.messages()];
    for (int k = 0; k < ts.length; k++) {
      ts[k] = TestRecording.START_NS + k * TestRecording.PERIOD_NS;
      if (k % 7 == 3) {
        ts[k] = ts[k - 1]; // a repeated stamp
      } else if (k % 11 == 5) {
        ts[k] = ts[k - 1] - 3_000_000; // earlier than the sample before
      }
    }
    rec.jointTimes = ts;
    Path raw = temp.resolve("raw");
    rec.write(raw.resolve("mcap/date=" + DATE + "/flags/flags.mcap"));
    CurateConfig config = ConfigFixtures.session(raw, temp.resolve("wh"), temp.resolve("scratch"))
        .set("mcap_ingest.mapping", Fixtures.project("configs/mcap/neo.yaml"))
        .set("mcap_ingest.robot_urdf", SampleFixture.neoUrdf())
        .set("mcap_ingest.split_mb", 0.001).load(temp);
    StageContext ctx = new StageContext(spark(), config, DATE, "run-1");

    new McapIngestStage().run(ctx);

    List<Row> rows = read(ctx, Tables.JOINT_STATES)
        .select("ts_ns", "duplicate_ts", "out_of_order", "batch_index", "batch_row")
        .orderBy("batch_index", "batch_row").collectAsList();
    assertThat(rows).hasSize(ts.length);
    assertThat(rows.stream().map(r -> r.getInt(3)).distinct().count()).as("chunks (each a task)")
        .isGreaterThan(20);
    long boundaryFlags = 0;
    for (int k = 0; k < ts.length; k++) {
      Row r = rows.get(k);
      assertThat(r.getLong(0)).isEqualTo(ts[k]);
      assertThat(r.getBoolean(1)).as("duplicate_ts of sample %d", k).isEqualTo(k > 0 && ts[k] == ts[k - 1]);
      assertThat(r.getBoolean(2)).as("out_of_order of sample %d", k).isEqualTo(k > 0 && ts[k] < ts[k - 1]);
      if (r.getInt(4) == 0 && (r.getBoolean(1) || r.getBoolean(2))) {
        boundaryFlags++;
      }
    }
    assertThat(boundaryFlags).as("flags on the first sample of a task").isPositive();
    assertThat(read(ctx, Tables.WRENCHES).where("duplicate_ts OR out_of_order").count()).isZero();
  }

  @Test
  void anH264CompressedVideoTopicIsReMuxedAndOneStartingWithoutAKeyFrameIsALedgerRow() throws Exception {
    TestVideos.assumeFfmpeg();
    List<byte[]> units = TestVideos.h264AccessUnits(temp, 20);
    Path raw = temp.resolve("raw");
    TestRecording ok = recording(neoJoints(), "vid-ok");
    ok.videoFrames = units;
    ok.write(raw.resolve("mcap/date=" + DATE + "/ok/ok.mcap"));
    TestRecording late = recording(neoJoints(), "vid-late");
    late.videoFrames = units.subList(1, units.size());
    late.write(raw.resolve("mcap/date=" + DATE + "/late/late.mcap"));
    Path warehouse = temp.resolve("wh");
    StageContext ctx = context(raw, warehouse, "run-1");

    StageResult result = new McapIngestStage().run(ctx);

    assertThat(result.counts()).containsEntry("sessions", 2L).containsEntry("camera_videos", 1L);
    Row video = read(ctx, Tables.VIDEOS).where("session_id = 'vid-ok'").first();
    assertThat(video.<String>getAs("camera")).isEqualTo("front");
    assertThat(video.<String>getAs("codec")).isEqualTo("h264");
    Path mp4 = warehouse.resolve(video.<String>getAs("video_path"));
    int decoded = 0;
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(mp4.toFile())) {
      grabber.start();
      assertThat(grabber.getVideoCodecName()).isEqualTo("h264");
      while (grabber.grabImage() != null) {
        decoded++;
      }
    }
    assertThat(decoded).isEqualTo(20).isEqualTo((int) count(ctx, Tables.CAMERA_FRAMES, "vid-ok"));

    assertThat(read(ctx, Tables.VIDEOS).where("session_id = 'vid-late'").first().<String>getAs("video_path"))
        .isNull();
    assertThat(count(ctx, Tables.CAMERA_FRAMES, "vid-late")).as("its frame rows land").isEqualTo(19);
    assertLedger(ctx, "vid-late", McapIngestErrors.CAMERA_NOT_REMUXED, "not a key frame");
    assertThat(ledger(ctx, "vid-ok")).isEmpty();

    StageResult human = new HumanIngestStage().run(ctx);
    // Every frame of the re-muxed video is timed from its packet; its one key frame is decoded.
    assertThat(human.counts()).containsEntry("camera_videos", 1L).containsEntry("camera_frames", 20L)
        .containsEntry("camera_frames_decoded", 1L).containsEntry("camera_videos_flagged", 0L);
  }

  @Test
  void bothIngestsShareTheBronzeTablesAndRerunsReplaceOnlyTheirOwnRows() throws IOException {
    Path raw = generate(SampleFormat.BUNDLE);
    Path rawCopy = temp.resolve("raw");
    copyTree(raw, rawCopy);
    TestRecording rec = recording(neoJoints(), "mcap-session");
    rec.write(rawCopy.resolve("mcap/date=" + DATE + "/one/one.mcap"));
    StageContext ctx = context(rawCopy, temp.resolve("wh"), "run-1");

    new FleetIngestStage().run(ctx);
    new McapIngestStage().run(ctx);
    long bundleRows = read(ctx, Tables.JOINT_STATES).where("raw_format = 'bundle'").count();
    List<Row> sessions = read(ctx, Tables.SESSIONS).select("session_id", "raw_format").collectAsList();
    assertThat(sessions).hasSize(2);
    assertThat(read(ctx, Tables.JOINT_STATES).where("raw_format = 'mcap'").count()).isEqualTo(rec.messages());

    new McapIngestStage().run(context(rawCopy, temp.resolve("wh"), "run-2"));
    new FleetIngestStage().run(context(rawCopy, temp.resolve("wh"), "run-3"));
    new McapIngestStage().run(context(rawCopy, temp.resolve("wh"), "run-4"));
    assertThat(read(ctx, Tables.JOINT_STATES).where("raw_format = 'bundle'").count()).isEqualTo(bundleRows);
    assertThat(read(ctx, Tables.JOINT_STATES).where("raw_format = 'mcap'").count()).isEqualTo(rec.messages());
    assertThat(read(ctx, Tables.SESSIONS).count()).isEqualTo(2);

    // The recording removed: a rerun takes its rows out, the bundle's stay.
    deleteTree(rawCopy.resolve("mcap"));
    new McapIngestStage().run(context(rawCopy, temp.resolve("wh"), "run-5"));
    assertThat(read(ctx, Tables.JOINT_STATES).where("raw_format = 'mcap'").count()).isZero();
    assertThat(read(ctx, Tables.JOINT_STATES).where("raw_format = 'bundle'").count()).isEqualTo(bundleRows);
  }

  @Test
  void aRealRos2BagWithoutTheNeoTopicsIsListedAndIngestsNothing() throws IOException {
    Path talker = Fixtures.mcap("talker.mcap");
    Path raw = temp.resolve("raw");
    Path dir = raw.resolve("mcap/date=" + DATE + "/talker");
    Files.createDirectories(dir);
    Files.copy(talker, dir.resolve("talker.mcap"));
    StageContext ctx = context(raw, temp.resolve("wh"), "run-1");

    StageResult result = new McapIngestStage().run(ctx);

    assertThat(result.counts()).containsEntry("sessions", 1L).containsEntry("rows", 0L);
    List<Row> channels = read(ctx, Tables.MCAP_CHANNELS).collectAsList();
    assertThat(channels).extracting(r -> r.<String>getAs("topic")).contains("/topic", "/rosout");
    assertThat(channels).allSatisfy(r -> {
      assertThat(r.<String>getAs("status")).isEqualTo("unmapped");
      assertThat(r.<String>getAs("session_id")).isEqualTo("talker");
      assertThat(r.<String>getAs("robot_id")).isEqualTo("unknown");
    });
    assertThat(channels.stream().filter(r -> r.<String>getAs("topic").equals("/topic")).findFirst().get()
        .<Long>getAs("message_count")).isPositive();
    assertLedger(ctx, "talker", "session_metadata_missing", "talker.mcap");
  }

  private static TestRecording recording(List<String> joints, String session) {
    TestRecording r = new TestRecording(joints);
    r.sessionId = session;
    return r;
  }

  private void assertSameRows(TableId table, Dataset<Row> expectedRows, Dataset<Row> actualRows) {
    Dataset<Row> expected = comparable(expectedRows);
    Dataset<Row> actual = comparable(actualRows);
    assertThat(actual.count()).as("%s rows", table).isEqualTo(expected.count()).isPositive();
    assertThat(expected.exceptAll(actual).count()).as("%s rows only from bundles", table).isZero();
    assertThat(actual.exceptAll(expected).count()).as("%s rows only from MCAP", table).isZero();
  }

  /** Set operations refuse map columns: each becomes its entries sorted by key. */
  private static Dataset<Row> comparable(Dataset<Row> rows) {
    Dataset<Row> out = rows;
    for (org.apache.spark.sql.types.StructField f : rows.schema().fields()) {
      if (f.dataType() instanceof org.apache.spark.sql.types.MapType) {
        out = out.withColumn(f.name(), org.apache.spark.sql.functions.array_sort(
            org.apache.spark.sql.functions.map_entries(org.apache.spark.sql.functions.col(f.name()))));
      }
    }
    return out;
  }

  private static Dataset<Row> read(StageContext ctx, TableId t) {
    return ctx.readSlice(t);
  }

  private static long jointRows(StageContext ctx, String session) {
    return count(ctx, Tables.JOINT_STATES, session);
  }

  private static long count(StageContext ctx, TableId t, String session) {
    return read(ctx, t).where("session_id = '" + session + "'").count();
  }

  private static List<Row> ledger(StageContext ctx, String session) {
    return read(ctx, Tables.INGEST_ERRORS).where("stage = 'ingest-mcap' AND session_id = '" + session + "'")
        .collectAsList();
  }

  private static void assertLedger(StageContext ctx, String session, String kind, String messagePart) {
    Dataset<Row> rows = read(ctx, Tables.INGEST_ERRORS).where("stage = 'ingest-mcap' AND error_kind = '" + kind + "'"
        + (session == null ? " AND session_id IS NULL" : " AND session_id = '" + session + "'"));
    List<String> found = new ArrayList<>();
    for (Row r : rows.collectAsList()) {
      found
          .add(r.<String>getAs("source_path") + " | " + r.<String>getAs("stream") + " | " + r.<String>getAs("message"));
    }
    assertThat(found).as("ledger %s of %s", kind, session).anySatisfy(f -> assertThat(f).contains(messagePart));
  }

  private static List<ChunkIndex> chunks(Path file) {
    try (McapReader r = McapReader.open(file)) {
      List<ChunkIndex> out = new ArrayList<>(r.summary().get().chunkIndexes());
      out.sort(Comparator.comparingLong(ChunkIndex::chunkStartOffset));
      assertThat(out.size()).as("chunks of %s", file).isGreaterThan(3);
      return out;
    }
  }

  private static void cut(Path file, long length) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(length);
    }
  }

  private static void flip(Path file, long offset) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(offset);
      int b = f.read();
      f.seek(offset);
      f.write(b ^ 0xff);
    }
  }

  private static void patch(Path file, long offset, String text) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(offset);
      f.write(text.getBytes(StandardCharsets.US_ASCII));
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static void deleteTree(Path dir) {
    SampleFixture.deleteTree(dir);
  }
}
