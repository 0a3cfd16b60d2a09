package ai.curate.jobs.sample;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/**
 * Independent checks of generated videos: the frame count from the system's ffprobe when installed (else JavaCV's
 * grabber), and decoded luma statistics (mean brightness, variance of the Laplacian) for exposure and focus.
 */
public final class VideoFrames {
  private static final Path FFPROBE = Path.of("/usr/bin/ffprobe");

  public record Luma(int frames, double meanBrightness, double meanSharpness) {}

  private VideoFrames() {}

  /** Decoded video frames, or -1 when the file cannot be opened as a video. */
  public static int count(Path video) {
    return Files.isExecutable(FFPROBE) ? countWithFfprobe(video) : luma(video).frames();
  }

  static int countWithFfprobe(Path video) {
    try {
      Process p = new ProcessBuilder(FFPROBE.toString(), "-v", "error", "-count_frames", "-select_streams", "v:0",
          "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", video.toString())
          .redirectErrorStream(false).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      p.getErrorStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || out.isEmpty()) {
        return -1;
      }
      return Integer.parseInt(out.split("[,\\s]")[0]);
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Decodes every frame as 8-bit grey; frames = -1 when the file cannot be opened. */
  public static Luma luma(Path video) {
    avutil.av_log_set_level(avutil.AV_LOG_QUIET);
    try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(video.toFile())) {
      g.setPixelFormat(avutil.AV_PIX_FMT_GRAY8);
      try {
        g.start();
      } catch (FFmpegFrameGrabber.Exception e) {
        return new Luma(-1, Double.NaN, Double.NaN);
      }
      int frames = 0;
      double brightness = 0;
      double sharpness = 0;
      Frame f;
      while ((f = g.grabImage()) != null) {
        ByteBuffer buf = (ByteBuffer) f.image[0];
        int w = f.imageWidth;
        int h = f.imageHeight;
        int stride = f.imageStride;
        double sum = 0;
        double lapSum = 0;
        double lapSq = 0;
        int lapN = 0;
        for (int y = 0; y < h; y++) {
          for (int x = 0; x < w; x++) {
            int v = buf.get(y * stride + x) & 0xFF;
            sum += v;
            if (x > 0 && y > 0 && x < w - 1 && y < h - 1) {
              double lap = (buf.get((y - 1) * stride + x) & 0xFF) + (buf.get((y + 1) * stride + x) & 0xFF)
                  + (buf.get(y * stride + x - 1) & 0xFF) + (buf.get(y * stride + x + 1) & 0xFF) - 4.0 * v;
              lapSum += lap;
              lapSq += lap * lap;
              lapN++;
            }
          }
        }
        brightness += sum / (w * h);
        double mean = lapSum / lapN;
        sharpness += lapSq / lapN - mean * mean;
        frames++;
      }
      g.stop();
      return new Luma(frames, frames == 0 ? Double.NaN : brightness / frames,
          frames == 0 ? Double.NaN : sharpness / frames);
    } catch (org.bytedeco.javacv.FrameGrabber.Exception e) {
      return new Luma(-1, Double.NaN, Double.NaN);
    }
  }
}
