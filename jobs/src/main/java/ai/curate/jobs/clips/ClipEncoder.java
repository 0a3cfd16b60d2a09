package ai.curate.jobs.clips;

import ai.curate.jobs.video.VideoCodecs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * One camera's MP4 of one clip: H.264 (the bundled FFmpeg's OpenH264; MPEG-4 Part 2 where a build has no H.264
 * encoder), 4:2:0, a constant {@code fps}, frame {@code k} written {@code k}-th (so frame {@code k} of the file is
 * record {@code k}). One thread, bit-exact flags and no timestamps or metadata from the clock, so the same frames give
 * the same bytes. Written to a local file, which the caller moves into a shard.
 */
final class ClipEncoder implements AutoCloseable {
  private final FFmpegFrameRecorder recorder;
  private final OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
  private final Path file;
  private int written;
  private boolean finished;

  ClipEncoder(Path file, int width, int height, double fps) {
    this.file = file;
    recorder = VideoCodecs.mp4Recorder(file, width, height, fps);
    // Training input, not a preview: about a quarter of a bit per pixel, never starved on small frames.
    recorder.setVideoBitrate((int) Math.min(Integer.MAX_VALUE, Math.max(200_000L, (long) (width * (long) height
        * fps / 4))));
    recorder.setOption("fflags", "+bitexact");
    recorder.setVideoOption("flags", "+bitexact");
    try {
      recorder.start();
    } catch (FrameRecorder.Exception | RuntimeException e) {
      release();
      throw new UncheckedIOException(new IOException("cannot start the clip encoder for " + file + ": "
          + e.getMessage(), e));
    }
  }

  /** Appends {@code frame} (8-bit BGR at the clip size) as the next frame. */
  void write(Mat frame) {
    try {
      recorder.record(converter.convert(frame), avutil.AV_PIX_FMT_BGR24);
      written++;
    } catch (FrameRecorder.Exception e) {
      throw new UncheckedIOException(new IOException("encoding frame " + written + " of " + file + " failed: "
          + e.getMessage(), e));
    }
  }

  int written() {
    return written;
  }

  Path file() {
    return file;
  }

  /** Writes the MP4's index; the file is complete after this. */
  void finish() {
    try {
      recorder.stop();
      finished = true;
    } catch (FrameRecorder.Exception e) {
      throw new UncheckedIOException(new IOException("finishing " + file + " failed: " + e.getMessage(), e));
    } finally {
      release();
    }
  }

  private void release() {
    try {
      recorder.release();
    } catch (FrameRecorder.Exception | RuntimeException e) {
      // Only native memory is left to free.
    }
  }

  /** Frees the encoder; an unfinished file is left incomplete (the caller deletes it). */
  @Override
  public void close() {
    if (!finished) {
      release();
    }
    converter.close();
  }
}
