package ai.curate.jobs.bench;

import ai.curate.jobs.align.AlignStage;
import ai.curate.jobs.clips.ClipExport;
import ai.curate.jobs.clips.ClipExportStage;
import ai.curate.jobs.clips.ClipProfile;
import ai.curate.jobs.clips.ClipSettings;
import ai.curate.jobs.config.ConfigFixtures;
import ai.curate.jobs.config.CurateConfig;
import ai.curate.jobs.fleet.FleetIngestStage;
import ai.curate.jobs.fleet.VideoPaths;
import ai.curate.jobs.publish.PublishStage;
import ai.curate.jobs.quality.QualityStage;
import ai.curate.jobs.sample.SampleFormat;
import ai.curate.jobs.spark.SparkSessions;
import ai.curate.jobs.stages.StageContext;
import ai.curate.jobs.stages.StageResult;
import ai.curate.jobs.tables.TableReader;
import ai.curate.jobs.tables.Tables;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Clip export on one generated robot-hour (docs/benchmarks.md, "Training clips"), next to the ffmpeg CLI doing the
 * same seek + scale + encode for the same windows, one process per window and camera, {@code -threads 1}.
 *
 * <pre>
 * bin/bench clips [--minutes 60] [--profile configs/clips/world-model-lowres.yaml] [--master local[1]]
 *     [--baseline-clips 400] [--work /tmp/curate-clips-bench]
 * </pre>
 *
 * <p>A clean session of {@code --minutes} goes through ingest-fleet, align, quality and publish once (kept under
 * {@code --work}); the export then runs with {@code --force} and is timed (wall, and the process's CPU seconds:
 * driver and local executors). The baseline re-encodes the first {@code --baseline-clips} windows of the export
 * (in shard order) with {@code ffmpeg -threads 1 -ss <first frame> -i <camera video> -vf select,scale,crop|pad
 * -frames:v <frames> -c:v libx264 -preset veryfast}, all from one shell whose {@code times} gives the children's CPU.
 */
public final class ClipExportBenchmark {
  private static final LocalDate DATE = LocalDate.parse("2026-01-15");

  private ClipExportBenchmark() {}

  public static void main(String[] args) throws Exception {
    double minutes = 60;
    String master = "local[1]";
    Path work = Path.of("/tmp/curate-clips-bench");
    Path profileFile = Path.of("configs/clips/world-model-lowres.yaml");
    int baselineClips = 400;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--minutes" -> minutes = Double.parseDouble(args[++i]);
        case "--master" -> master = args[++i];
        case "--work" -> work = Path.of(args[++i]);
        case "--profile" -> profileFile = Path.of(args[++i]);
        case "--baseline-clips" -> baselineClips = Integer.parseInt(args[++i]);
        default -> {
          System.err.println("usage: ClipExportBenchmark [--minutes M] [--profile FILE] [--master URL]"
              + " [--baseline-clips N] [--work DIR]");
          System.exit(2);
        }
      }
    }
    Path project = Path.of(System.getProperty("curate.project.dir", ".")).toAbsolutePath();
    Path urdf = project.resolve("configs/robots/neo/neo.urdf");
    Path raw = work.resolve(String.format(Locale.ROOT, "raw-%.0fmin", minutes));
    Path warehouse = work.resolve(String.format(Locale.ROOT, "warehouse-%.0fmin", minutes));
    BenchSessions.generateOnce(raw, 1, minutes, SampleFormat.BUNDLE, urdf);
    CurateConfig cfg = ConfigFixtures.session(raw, warehouse, work.resolve("scratch")).set("spark.master", master)
        .set("spark.sql.shuffle.partitions", 4).set("spark.ui.enabled", false)
        .set("quality.robot_rules", project.resolve("configs/quality/robot.yaml"))
        .set("quality.human_rules", project.resolve("configs/quality/human.yaml"))
        .set("quality.robot_urdf", urdf).set("publish.robot_urdf", urdf).load(work);
    ClipProfile profile = ClipProfile.load(project.resolve(profileFile));
    Path out = work.resolve("clips");
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    try (SparkSession spark = SparkSessions.create(cfg)) {
      spark.sparkContext().setLogLevel("WARN");
      TableReader tables = new TableReader(spark, warehouse.toString());
      if (!tables.exists(Tables.EPISODES)) {
        long t0 = System.nanoTime();
        StageContext ctx = new StageContext(spark, cfg, DATE, "run-bench");
        new FleetIngestStage().run(ctx);
        new AlignStage().run(ctx);
        new QualityStage().run(ctx);
        new PublishStage().run(ctx);
        System.out.printf(Locale.ROOT, "session through ingest-fleet, align, quality and publish in %.0f s%n",
            (System.nanoTime() - t0) / 1e9);
      }
      long episodes = tables.readDate(Tables.EPISODES, DATE).count();

      long t0 = System.nanoTime();
      long cpu0 = os.getProcessCpuTime();
      StageResult.Builder result = StageResult.builder(ClipExportStage.NAME);
      ClipExport.run(new StageContext(spark, cfg, DATE, "run-clips"), new ClipExport.Request(out.toString(),
          profile, List.of(), List.of()), ClipSettings.from(cfg), true, result);
      double wall = (System.nanoTime() - t0) / 1e9;
      double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
      Map<String, Long> counts = result.build().counts();
      long clips = counts.get("clips");
      long decoded = counts.get("frames_decoded");
      long encoded = clips * profile.frames() * profile.cameras().size();
      System.out.println(result.build().summaryLine());
      System.out.printf(Locale.ROOT, "export-clips (%s, %s): %d episodes, %,d clips, %,d source frames decoded,"
          + " %,d frames encoded: %.1f s wall, %.1f CPU-s; %.1f clips per CPU-s, %.0f source frames per CPU-s%n",
          profile.name(), master, episodes, clips, decoded, encoded, wall, cpu, clips / cpu, decoded / cpu);

      List<Row> sample = tables.readDate(Tables.CLIPS, DATE).orderBy("shard", "start_ts_ns")
          .limit(baselineClips).collectAsList();
      Map<String, Path> videoOf = new HashMap<>();
      for (Row v : tables.readDate(Tables.VIDEOS, DATE).collectAsList()) {
        String p = VideoPaths.resolve(warehouse.toString(), v.getAs("video_path"));
        videoOf.put(v.<String>getAs("session_id") + "/" + v.getAs("camera"),
            p.startsWith("file:") ? Path.of(URI.create(p)) : Path.of(p));
      }
      Path script = work.resolve("baseline.sh");
      Path baselineOut = Files.createDirectories(work.resolve("baseline"));
      StringBuilder sh = new StringBuilder("set -e\n");
      ObjectMapper json = new ObjectMapper();
      int n = 0;
      for (Row clip : sample) {
        JsonNode record = json.readTree(member(out, clip, clip.getAs("clip_id") + ".json"));
        for (String camera : clip.<String>getList(clip.fieldIndex("cameras"))) {
          JsonNode frames = record.get("camera_frame_index").get(camera);
          long first = frames.get(0).asLong();
          TreeSet<Long> relative = new TreeSet<>();
          frames.forEach(f -> relative.add(f.asLong() - first));
          StringBuilder select = new StringBuilder();
          for (long r : relative) {
            select.append(select.length() == 0 ? "" : "+").append("eq(n\\,").append(r).append(')');
          }
          String fit = profile.resize() == ClipProfile.Resize.CROP
              ? "scale=" + profile.width() + ":" + profile.height() + ":force_original_aspect_ratio=increase,crop="
                  + profile.width() + ":" + profile.height()
              : "scale=" + profile.width() + ":" + profile.height() + ":force_original_aspect_ratio=decrease,pad="
                  + profile.width() + ":" + profile.height() + ":(ow-iw)/2:(oh-ih)/2";
          double fps = 30.0; // the sample's head camera; the wrist camera is 15
          double seek = Math.max(0, (first - 0.25) / (camera.equals("head") ? fps : 15.0));
          sh.append(String.format(Locale.ROOT, "ffmpeg -nostdin -v error -y -threads 1 -ss %.4f -i '%s' -vf"
              + " \"select='%s',%s\" -vsync 0 -frames:v %d -r %s -c:v libx264 -preset veryfast -threads 1"
              + " -pix_fmt yuv420p '%s'%n", seek, videoOf.get(clip.<String>getAs("session_id") + "/" + camera),
              select, fit, profile.frames(), fmt(profile.fps()), baselineOut.resolve("c" + n + ".mp4")));
          n++;
        }
      }
      sh.append("times\n");
      Files.writeString(script, sh.toString());
      long b0 = System.nanoTime();
      Process p = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes());
      if (p.waitFor() != 0) {
        throw new IllegalStateException("the ffmpeg baseline failed: " + output);
      }
      double baselineWall = (System.nanoTime() - b0) / 1e9;
      String[] lines = output.strip().split("\n");
      double baselineCpu = seconds(lines[lines.length - 1]);
      double perClipOurs = cpu / clips;
      double perClipFfmpeg = baselineCpu / sample.size();
      System.out.printf(Locale.ROOT, "ffmpeg CLI baseline: %d clips (%d encodes): %.1f s wall, %.1f CPU-s; %.1f clips"
          + " per CPU-s%n", sample.size(), n, baselineWall, baselineCpu, sample.size() / baselineCpu);
      System.out.printf(Locale.ROOT, "per clip: export-clips %.1f CPU-ms, ffmpeg CLI %.1f CPU-ms: export-clips is"
          + " %.1fx cheaper per clip%n", perClipOurs * 1000, perClipFfmpeg * 1000, perClipFfmpeg / perClipOurs);
    }
  }

  private static String fmt(double fps) {
    return fps == Math.rint(fps) ? Long.toString((long) fps) : Double.toString(fps);
  }

  /** The children's user + system seconds from bash's {@code times} line ("0m1.234s 0m0.567s"). */
  private static double seconds(String timesLine) {
    double total = 0;
    for (String part : timesLine.trim().split("\\s+")) {
      String[] ms = part.replace("s", "").split("m");
      total += Double.parseDouble(ms[0]) * 60 + Double.parseDouble(ms[1]);
    }
    return total;
  }

  private static byte[] member(Path out, Row clip, String name) throws IOException {
    for (Row m : clip.<Row>getList(clip.fieldIndex("members"))) {
      if (m.getAs("name").equals(name)) {
        try (RandomAccessFile f = new RandomAccessFile(out.resolve(clip.<String>getAs("shard")).toFile(), "r")) {
          byte[] bytes = new byte[(int) m.<Long>getAs("size").longValue()];
          f.seek(m.getAs("offset"));
          f.readFully(bytes);
          return bytes;
        }
      }
    }
    throw new IllegalStateException("no member " + name);
  }
}
