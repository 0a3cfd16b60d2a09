package ai.curate.jobs.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fleet camera analysis on videos with planted faults, made by an independent encoder (the ffmpeg CLI's x264, with
 * B-frames, so decode and presentation order differ): the default packets mode, which decodes key frames only, flags
 * every fault the full decode flags and nothing on the clean video; the packet track equals ffprobe's.
 */
class FleetVideoAnalyzerTest {
  private static final int FPS = 30;
  private static final String SOURCE = "testsrc2=size=160x120:rate=" + FPS + ":duration=12";

  @TempDir
  static Path dir;

  private static final Map<String, Path> VIDEOS = new LinkedHashMap<>();

  @BeforeAll
  static void plantFaults() {
    TestVideos.assumeFfmpeg();
    VIDEOS.put("clean", encode("clean", "null"));
    // Frames 150-239 (3 s, across two key frames) repeat frame 149: the camera froze.
    VIDEOS.put("frozen", encodeComplex("frozen", "[0]split[a][b];[a][b]freezeframes=first=150:last=239:replace=149"));
    // Under-exposed: luma at a fifth of its distance above video black (mean about 20 of 255).
    VIDEOS.put("dark", encode("dark", "lutyuv=y=16+(val-16)*0.2"));
    VIDEOS.put("blurred", encode("blurred", "boxblur=luma_radius=3:luma_power=3"));
    // Frames 100-104 and 200-202 never reach the file; the others keep their capture times.
    Path dropped = dir.resolve("dropped.mp4");
    TestVideos.ffmpeg("-f", "lavfi", "-i", SOURCE, "-vf", "select='not(between(n\\,100\\,104)+between(n\\,200\\,202))'",
        "-fps_mode", "passthrough", "-c:v", "libx264", "-threads", "1", "-g", String.valueOf(FPS), "-pix_fmt",
        "yuv420p", dropped.toString());
    VIDEOS.put("dropped", dropped);
    // The index at the front (faststart), the media data cut at 60 %: the file opens and ends early.
    Path whole = dir.resolve("faststart.mp4");
    TestVideos.ffmpeg("-f", "lavfi", "-i", SOURCE, "-c:v", "libx264", "-threads", "1", "-g", String.valueOf(FPS),
        "-pix_fmt", "yuv420p", "-movflags", "+faststart", whole.toString());
    VIDEOS.put("truncated", TestVideos.truncate(whole, dir.resolve("truncated.mp4"), 0.6));
  }

  private static Path encode(String name, String filter) {
    Path out = dir.resolve(name + ".mp4");
    TestVideos.ffmpeg("-f", "lavfi", "-i", SOURCE, "-vf", filter, "-c:v", "libx264", "-threads", "1", "-g",
        String.valueOf(FPS), "-pix_fmt", "yuv420p", out.toString());
    return out;
  }

  private static Path encodeComplex(String name, String graph) {
    Path out = dir.resolve(name + ".mp4");
    TestVideos.ffmpeg("-f", "lavfi", "-i", SOURCE, "-filter_complex", graph, "-c:v", "libx264", "-threads", "1", "-g",
        String.valueOf(FPS), "-pix_fmt", "yuv420p", out.toString());
    return out;
  }

  private static FleetVideoAnalysis analyze(String video, String mode) throws VideoUnreadableException {
    return new FleetVideoAnalyzer(VideoAnalysisOptions.defaults(), FleetVideoOptions.defaults().withMode(mode))
        .analyze(VIDEOS.get(video));
  }

  @Test
  void theDefaultModeFlagsEveryPlantedFaultAndNothingOnTheCleanVideo() throws Exception {
    Map<String, List<String>> expected = new LinkedHashMap<>();
    expected.put("clean", List.of());
    expected.put("frozen", List.of(FleetVideoOptions.FLAG_FROZEN));
    expected.put("dark", List.of(FleetVideoOptions.FLAG_DARK));
    expected.put("blurred", List.of(FleetVideoOptions.FLAG_BLURRED));
    expected.put("dropped", List.of(FleetVideoOptions.FLAG_DROPPED));
    // FFmpeg logs the cut ("partial file"), so a truncated file is also corrupt.
    expected.put("truncated", List.of(FleetVideoOptions.FLAG_TRUNCATED, FleetVideoOptions.FLAG_CORRUPT));
    for (Map.Entry<String, List<String>> e : expected.entrySet()) {
      FleetVideoAnalysis packets = analyze(e.getKey(), FleetVideoOptions.PACKETS);
      assertThat(packets.flags()).as("packets mode, %s video", e.getKey())
          .containsExactlyInAnyOrderElementsOf(e.getValue());
      assertThat(analyze(e.getKey(), FleetVideoOptions.FULL).flags()).as("full mode, %s video", e.getKey())
          .containsExactlyInAnyOrderElementsOf(e.getValue());
    }
  }

  @Test
  void packetsModeDecodesSomeKeyFramesOnlyButTimesEveryFrame() throws Exception {
    FleetVideoAnalysis packets = analyze("clean", FleetVideoOptions.PACKETS);
    FleetVideoAnalysis full = analyze("clean", FleetVideoOptions.FULL);

    assertThat(packets.mode()).isEqualTo(FleetVideoOptions.PACKETS);
    // Twelve key frames (one a second); the default budget decodes one picture every two seconds.
    assertThat(packets.frames()).hasSize(6).allMatch(FrameSignals::keyFrame);
    assertThat(packets.summary().keyFrameCount()).isEqualTo(12);
    assertThat(new FleetVideoAnalyzer(VideoAnalysisOptions.defaults(), FleetVideoOptions.defaults()
        .withPictureInterval(0)).analyze(VIDEOS.get("clean")).frames()).hasSize(12);
    assertThat(full.frames()).hasSize(12 * FPS);
    assertThat(packets.summary().timing().frameCount()).isEqualTo(12 * FPS);
    assertThat(packets.summary().timing()).isEqualTo(full.summary().timing());
    assertThat(packets.summary().integrity()).isEqualTo(full.summary().integrity());
    // A decoded key frame has the same picture signals in either mode.
    for (FrameSignals key : packets.frames()) {
      FrameSignals same = full.frames().stream().filter(f -> f.ptsUs() == key.ptsUs()).findFirst().orElseThrow();
      assertThat(key.brightness()).isEqualTo(same.brightness());
      assertThat(key.sharpness()).isEqualTo(same.sharpness());
      assertThat(packets.packets().key()[packets.packets().indexOf(key.ptsUs())]).isTrue();
    }
  }

  @Test
  void theFrozenRunAndTheGapsAreWhereTheyWerePlanted() throws Exception {
    PacketSignals frozen = analyze("frozen", FleetVideoOptions.PACKETS).signals();
    assertThat(frozen.frozenRuns()).isEqualTo(1);
    assertThat(frozen.frozenFrames()).isEqualTo(89);
    for (int i = 0; i < frozen.unchanged().length; i++) {
      assertThat(frozen.unchanged()[i]).as("frame %d", i).isEqualTo(i >= 151 && i <= 239);
    }

    FleetVideoAnalysis dropped = analyze("dropped", FleetVideoOptions.PACKETS);
    assertThat(dropped.signals().droppedFrames()).isEqualTo(8);
    assertThat(dropped.signals().gaps()).isEqualTo(2);
    assertThat(dropped.signals().longestIntervalUs()).isEqualTo(6 * 1_000_000L / FPS);
    assertThat(dropped.packets().count()).isEqualTo(12 * FPS - 8);

    VideoSummary truncated = analyze("truncated", FleetVideoOptions.PACKETS).summary();
    assertThat(truncated.integrity().truncated()).isTrue();
    assertThat(truncated.integrity().coverage()).isBetween(0.3, 0.8);
  }

  @Test
  void thePacketTrackEqualsFfprobesPacketsInPresentationOrder() throws Exception {
    for (String video : List.of("clean", "dropped")) {
      PacketTrack track = PacketTrack.read(VIDEOS.get(video));
      List<long[]> probe = ffprobePackets(VIDEOS.get(video));
      assertThat(track.count()).as(video).isEqualTo(probe.size());
      boolean reordered = false;
      for (int i = 0; i < track.count(); i++) {
        long[] p = probe.get(i);
        assertThat(track.ptsUs()[i]).as("%s frame %d pts", video, i).isEqualTo(p[0]);
        assertThat(track.bytes()[i]).as("%s frame %d size", video, i).isEqualTo((int) p[1]);
        assertThat(track.key()[i]).as("%s frame %d key", video, i).isEqualTo(p[2] == 1);
        reordered |= p[3] != i;
      }
      assertThat(reordered).as("x264's B-frames put decode order and presentation order apart").isTrue();
    }
  }

  @Test
  void aFileWithoutItsIndexIsUnreadable() {
    Path cut = TestVideos.truncate(VIDEOS.get("clean"), dir.resolve("no-moov.mp4"), 0.5);
    assertThatThrownBy(() -> new FleetVideoAnalyzer(VideoAnalysisOptions.defaults(), FleetVideoOptions.defaults())
        .analyze(cut)).isInstanceOf(VideoUnreadableException.class).hasMessageContaining("cannot open");
  }

  /** ffprobe's packets of the video stream: {pts in us (truncated), size, key, position in file order}, by pts. */
  private static List<long[]> ffprobePackets(Path video) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
        "stream=time_base:packet=pts,size,flags", "-of", "csv=p=0", video.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new UncheckedIOException(new IOException("ffprobe failed: " + out));
    }
    List<String[]> packets = new ArrayList<>();
    long num = 0;
    long den = 0;
    for (String line : out.strip().split("\n")) {
      String[] f = line.split(",");
      if (f.length == 1 && f[0].contains("/")) {
        String[] tb = f[0].split("/");
        num = Long.parseLong(tb[0]);
        den = Long.parseLong(tb[1]);
      } else if (f.length >= 3) {
        packets.add(f);
      }
    }
    List<long[]> rows = new ArrayList<>();
    for (int i = 0; i < packets.size(); i++) {
      String[] f = packets.get(i);
      rows.add(new long[] {Long.parseLong(f[0]) * 1_000_000L * num / den, Long.parseLong(f[1]),
          f[2].startsWith("K") ? 1 : 0, i});
    }
    rows.sort(Comparator.comparingLong(r -> r[0]));
    return rows;
  }
}
