package ai.curate.jobs.video;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.curate.testing.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * ffmpeg-made variants of the real fixture video ({@link Fixtures#handVideo()}). Variants are generated at test time
 * into a temporary folder (never committed); tests that need them are skipped, with the reason, when the ffmpeg CLI
 * is not installed.
 */
public final class TestVideos {
  public static final Path FFMPEG = Path.of("/usr/bin/ffmpeg");
  public static final int FIXTURE_FRAMES = 621;

  private TestVideos() {}

  public static void assumeFfmpeg() {
    assumeTrue(Files.isExecutable(FFMPEG), "ffmpeg CLI not found at " + FFMPEG
        + ": tests with ffmpeg-made video variants are skipped (apt-get install -y ffmpeg)");
  }

  /** Runs {@code ffmpeg -hide_banner -v error -y ARGS...}; fails with ffmpeg's own message on error. */
  public static void ffmpeg(String... args) {
    List<String> command = new ArrayList<>(List.of(FFMPEG.toString(), "-hide_banner", "-nostdin", "-v", "error", "-y"));
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("ffmpeg timed out: " + String.join(" ", command));
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException("ffmpeg failed (" + process.exitValue() + "): " + String.join(" ", command)
            + "\n" + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * {@code frames} H.264 access units in Annex B form, as a Foxglove CompressedVideo message carries them: a test
   * pattern encoded by the ffmpeg CLI (x264, 96x64 at 25 fps, no B-frames, a key frame every 8 frames, parameter
   * sets in every key frame), split into access units by FFmpeg's H.264 parser.
   */
  public static List<byte[]> h264AccessUnits(Path dir, int frames) {
    Path annexB = dir.resolve("x264-" + frames + ".h264");
    ffmpeg("-f", "lavfi", "-i", "testsrc=size=96x64:rate=25", "-frames:v", String.valueOf(frames), "-c:v",
        "libx264", "-preset", "ultrafast", "-bf", "0", "-g", "8", "-threads", "1", "-pix_fmt", "yuv420p", "-f",
        "h264", annexB.toString());
    List<byte[]> units = new ArrayList<>();
    try (org.bytedeco.javacv.FFmpegFrameGrabber grabber = new org.bytedeco.javacv.FFmpegFrameGrabber(
        annexB.toFile())) {
      grabber.start();
      org.bytedeco.ffmpeg.avcodec.AVPacket p;
      while ((p = grabber.grabPacket()) != null) {
        byte[] b = new byte[p.size()];
        p.data().get(b);
        units.add(b);
      }
    } catch (org.bytedeco.javacv.FrameGrabber.Exception e) {
      throw new IllegalStateException("cannot split " + annexB + " into access units: " + e.getMessage(), e);
    }
    return units;
  }

  /** The first {@code frames} frames of the fixture re-encoded with x264 (one thread, fixed quality), through a filter. */
  public static Path encode(Path dir, String name, int frames, String filter) {
    Path out = dir.resolve(name);
    List<String> args = new ArrayList<>(
        List.of("-i", Fixtures.handVideo().toString(), "-frames:v", String.valueOf(frames)));
    if (filter != null) {
      args.addAll(List.of("-vf", filter));
    }
    args.addAll(List.of("-an", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "18", "-threads", "1",
        "-pix_fmt", "yuv420p", out.toString()));
    ffmpeg(args.toArray(String[]::new));
    return out;
  }

  /** A copy of {@code source} with {@code count} bytes overwritten by random values between 10% and 90% of the file. */
  public static Path corrupt(Path source, Path out, int count, long seed) {
    try {
      byte[] bytes = Files.readAllBytes(source);
      java.util.Random random = new java.util.Random(seed);
      int from = bytes.length / 10;
      int to = bytes.length * 9 / 10;
      for (int i = 0; i < count; i++) {
        bytes[from + random.nextInt(to - from)] = (byte) random.nextInt(256);
      }
      Files.write(out, bytes);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first {@code fraction} of {@code source}'s bytes, as an interrupted upload leaves it. */
  public static Path truncate(Path source, Path out, double fraction) {
    try {
      byte[] bytes = Files.readAllBytes(source);
      Files.write(out, java.util.Arrays.copyOf(bytes, (int) (bytes.length * fraction)));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
