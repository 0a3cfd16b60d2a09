package ai.curate.jobs.fleet;

import ai.curate.jobs.landing.LandingZone;
import ai.curate.jobs.ledger.IngestError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The planning task of one bundle (runs on an executor): lists the bundle, parses the manifest, checks every Arrow
 * file from its ends, cuts slices, probes the videos and parses the events. No sample data is read here.
 */
final class BundlePlanner implements java.io.Serializable {
  /** Reads a local video's container facts; a seam so tests can make probing fail. */
  interface Prober extends java.io.Serializable {
    VideoProbe.Probe probe(java.nio.file.Path local) throws VideoProbe.Unreadable;
  }

  private final FleetIngestSettings settings;
  private final String scratch;
  private final Prober prober;

  BundlePlanner(FleetIngestSettings settings, String scratch) {
    this(settings, scratch, VideoProbe::probe);
  }

  BundlePlanner(FleetIngestSettings settings, String scratch, Prober prober) {
    this.settings = settings;
    this.scratch = scratch;
    this.prober = prober;
  }

  BundlePlan plan(BundleLocation b, Configuration conf) {
    try {
      return planOrThrow(b, conf);
    } catch (IOException | RuntimeException e) {
      // One unreadable bundle must not stop the date: it goes to the ledger whole.
      return new BundlePlan(b, null, List.of(), List.of(), List.of(),
          List.of(FleetIngestErrors.bundleUnreadable(b, e)));
    }
  }

  private BundlePlan planOrThrow(BundleLocation b, Configuration conf) throws IOException {
    Path dir = new Path(b.dir());
    FileSystem fs = dir.getFileSystem(conf);
    Map<String, FileStatus> files = new TreeMap<>();
    List<String> links = new ArrayList<>();
    listFiles(fs, dir, "", files, links);
    List<IngestError> errors = new ArrayList<>();
    links.forEach(l -> errors.add(FleetIngestErrors.symlinkSkipped(b, l)));
    FileStatus manifestFile = files.get(BundleLocation.MANIFEST);
    if (manifestFile == null) {
      if (!links.contains(BundleLocation.MANIFEST)) {
        errors.add(FleetIngestErrors.manifestMissing(b));
      }
      return new BundlePlan(b, null, List.of(), List.of(), List.of(), errors);
    }
    byte[] manifestBytes = BundleFiles.readAll(fs, manifestFile.getPath(), manifestFile.getLen(),
        settings.maxSmallFileBytes());
    if (manifestBytes == null) {
      errors.add(FleetIngestErrors.manifestTooLarge(b, manifestFile.getLen(), settings.maxSmallFileBytes()));
      return new BundlePlan(b, null, List.of(), List.of(), List.of(), errors);
    }
    ManifestParser.Parsed parsed;
    try {
      parsed = ManifestParser.parse(manifestBytes);
    } catch (ManifestException e) {
      errors.add(FleetIngestErrors.manifest(b, e));
      return new BundlePlan(b, null, List.of(), List.of(), List.of(), errors);
    }
    Manifest m = parsed.manifest();
    String sessionId = m.sessionId();
    // Like clip.json on the human side: a bundle is only ingested under the identity its folders give it.
    boolean sessionDiffers = !m.sessionId().equals(b.sessionId());
    boolean robotDiffers = !m.robotId().equals(b.robotId());
    if (sessionDiffers) {
      errors.add(FleetIngestErrors.folderMismatch(b, "session_id", m.sessionId(), b.sessionId()));
    }
    if (robotDiffers) {
      errors.add(FleetIngestErrors.folderMismatch(b, "robot_id", m.robotId(), b.robotId()));
    }
    if (sessionDiffers || robotDiffers) {
      return new BundlePlan(b, null, List.of(), List.of(), List.of(), errors);
    }
    parsed.problems().forEach(p -> errors.add(FleetIngestErrors.entry(b, sessionId, p)));

    MessageDigest digest = sha256();
    digest.update(manifestBytes);
    Map<String, String> status = new LinkedHashMap<>();
    Map<String, List<String>> extra = new LinkedHashMap<>();
    List<StreamSlice> slices = new ArrayList<>();
    for (Manifest.Stream s : m.streams()) {
      FileStatus f = files.get(normalize(s.file()));
      if (f == null) {
        if (linked(links, normalize(s.file()))) {
          status.put(s.name(), FleetIngestErrors.SYMLINK_SKIPPED);
          continue;
        }
        errors.add(FleetIngestErrors.streamMissing(b, sessionId, s));
        status.put(s.name(), FleetIngestErrors.STREAM_MISSING);
        continue;
      }
      Map<String, Integer> widths = new LinkedHashMap<>();
      for (String column : s.kind().listColumns) {
        widths.put(column, s.width());
      }
      try (SeekableByteChannel ch = BundleFiles.open(fs, f.getPath(), f.getLen())) {
        ArrowFileCheck.Info info = ArrowFileCheck.inspect(ch, f.getLen(), s.kind(), widths);
        digest.update(info.footer());
        extra.put(s.name(), info.extraColumns());
        int[] w = widths.values().stream().mapToInt(Integer::intValue).toArray();
        for (int[] range : SlicePlanner.cut(info.bodyBytes(), settings.sliceBytes())) {
          slices.add(new StreamSlice(m.robotId(), sessionId, s.name(), s.kind(), b.file(s.file()), s.file(),
              f.getLen(), s.clockOffsetNs(), w, range[0], range[1]));
        }
        status.put(s.name(), "ok");
      } catch (StreamFileException e) {
        errors.add(FleetIngestErrors.streamFile(b, sessionId, s.file(), s.name(), e));
        status.put(s.name(), e.errorKind());
      }
    }
    List<VideoInfo> videos = new ArrayList<>();
    for (Manifest.Camera c : m.cameras()) {
      String cameraStatus = "ok";
      FileStatus frames = files.get(normalize(c.framesFile()));
      if (frames == null && linked(links, normalize(c.framesFile()))) {
        cameraStatus = FleetIngestErrors.SYMLINK_SKIPPED;
      } else if (frames == null) {
        errors.add(FleetIngestErrors.framesMissing(b, sessionId, c));
        cameraStatus = FleetIngestErrors.FRAMES_MISSING;
      } else {
        try (SeekableByteChannel ch = BundleFiles.open(fs, frames.getPath(), frames.getLen())) {
          ArrowFileCheck.Info info = ArrowFileCheck.inspect(ch, frames.getLen(), StreamKind.CAMERA_FRAMES, Map.of());
          digest.update(info.footer());
          for (int[] range : SlicePlanner.cut(info.bodyBytes(), settings.sliceBytes())) {
            slices.add(new StreamSlice(m.robotId(), sessionId, c.name(), StreamKind.CAMERA_FRAMES,
                b.file(c.framesFile()), c.framesFile(), frames.getLen(), c.clockOffsetNs(), new int[0], range[0],
                range[1]));
          }
        } catch (StreamFileException e) {
          errors.add(FleetIngestErrors.streamFile(b, sessionId, c.framesFile(), c.name(), e));
          cameraStatus = e.errorKind();
        }
      }
      FileStatus video = files.get(normalize(c.file()));
      if (video == null && linked(links, normalize(c.file()))) {
        cameraStatus = FleetIngestErrors.SYMLINK_SKIPPED;
      } else if (video == null) {
        errors.add(FleetIngestErrors.videoMissing(b, sessionId, c));
        cameraStatus = FleetIngestErrors.VIDEO_MISSING;
      } else {
        try {
          VideoProbe.Probe p = probe(fs, video.getPath());
          videos.add(new VideoInfo(c.name(), b.file(c.file()), video.getLen(), p.container(), p.codec(), p.width(),
              p.height(), p.fps(), p.declaredFrames(), p.durationNs(), c.fps(), c.clockOffsetNs()));
        } catch (VideoProbe.Unreadable e) {
          errors.add(FleetIngestErrors.videoUnreadable(b, sessionId, c, e.getMessage()));
          cameraStatus = FleetIngestErrors.VIDEO_UNREADABLE;
        } catch (RuntimeException | OutOfMemoryError e) {
          // Native FFmpeg code can fail in ways no header check foresees; one video must not stop the date.
          errors.add(FleetIngestErrors.probeFailed(b, sessionId, c, e));
          cameraStatus = FleetIngestErrors.VIDEO_UNREADABLE;
        }
      }
      status.put(c.name(), cameraStatus);
    }
    List<EventRecord> events = List.of();
    FileStatus eventsFile = files.get(BundleLocation.EVENTS);
    if (eventsFile == null) {
      if (!links.contains(BundleLocation.EVENTS)) {
        errors.add(FleetIngestErrors.eventsMissing(b, sessionId));
      }
    } else {
      byte[] bytes = BundleFiles.readAll(fs, eventsFile.getPath(), eventsFile.getLen(), settings.maxSmallFileBytes());
      if (bytes == null) {
        // As without events.jsonl: the streams are still worth ingesting, the episodes are unknown.
        errors.add(FleetIngestErrors.eventsTooLarge(b, sessionId, eventsFile.getLen(), settings.maxSmallFileBytes()));
      } else {
        digest.update(bytes);
        EventsParser.Result r = EventsParser.parse(bytes, settings.maxEventLineBytes());
        events = r.events();
        r.problems().forEach(p -> errors.add(FleetIngestErrors.eventLine(b, sessionId, p)));
      }
    }
    long totalBytes = 0;
    for (Map.Entry<String, FileStatus> e : files.entrySet()) {
      totalBytes += e.getValue().getLen();
      digest.update((e.getKey() + "\u0000" + e.getValue().getLen() + "\n").getBytes(StandardCharsets.UTF_8));
    }
    BundlePlan.Session session = new BundlePlan.Session(m, files.size(), totalBytes,
        HexFormat.of().formatHex(digest.digest()), status, extra);
    return new BundlePlan(b, session, List.copyOf(slices), events, List.copyOf(videos), List.copyOf(errors));
  }

  /**
   * Every file of the bundle by path relative to the bundle folder into {@code files} (a sorted map: the checksum
   * depends on the order), and every symbolic link into {@code links}: a link is neither followed nor read, so a
   * link to a file outside the landing zone or to another bundle's folder brings in nothing.
   */
  private static void listFiles(FileSystem fs, Path dir, String prefix, Map<String, FileStatus> files,
      List<String> links) throws IOException {
    for (FileStatus s : fs.listStatus(dir)) {
      String relative = prefix + s.getPath().getName();
      if (LandingZone.isSymlink(fs, s)) {
        links.add(relative);
      } else if (s.isDirectory()) {
        listFiles(fs, s.getPath(), relative + "/", files, links);
      } else {
        files.put(relative, s);
      }
    }
  }

  /** Whether {@code relative} is a skipped link or lies below one (a linked folder): it is reported already. */
  private static boolean linked(List<String> links, String relative) {
    return links.stream().anyMatch(l -> relative.equals(l) || relative.startsWith(l + "/"));
  }

  private static String normalize(String relative) {
    String r = relative.replace('\\', '/');
    while (r.startsWith("./")) {
      r = r.substring(2);
    }
    return r;
  }

  /** FFmpeg needs a seekable local file: local paths are probed in place, remote ones copied to scratch first. */
  private VideoProbe.Probe probe(FileSystem fs, Path video) throws IOException, VideoProbe.Unreadable {
    if (BundleFiles.isLocal(fs, video)) {
      return prober.probe(Paths.get(fs.makeQualified(video).toUri()));
    }
    java.nio.file.Path root = Paths.get(scratch, "ingest-fleet");
    Files.createDirectories(root);
    java.nio.file.Path copy = Files.createTempFile(root, "video-", "-" + video.getName());
    try {
      try (InputStream in = fs.open(video)) {
        Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      return prober.probe(copy);
    } finally {
      Files.deleteIfExists(copy);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }
}
