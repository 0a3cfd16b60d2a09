package ai.curate.jobs.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import ai.curate.jobs.video.VideoCodecs;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Encodes canvases into an MP4 with JavaCV's bundled FFmpeg. H.264 (OpenH264, the H.264 encoder the bundled FFmpeg
 * has; it has no libx264) with an MPEG-4 Part 2 fallback. Bit-exact flags and a single encoder thread make the
 * output a deterministic function of the frames, so a seed reproduces the same bytes.
 */
final class VideoWriter implements AutoCloseable {
  static final String H264_ENCODER = VideoCodecs.H264_ENCODER;

  private final FFmpegFrameRecorder recorder;
  private final Frame frame;
  private final int width;
  private final int height;
  private final String codec;
  private long frames;

  VideoWriter(Path file, int width, int height, int fps) {
    this.width = width;
    this.height = height;
    avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    this.codec = VideoCodecs.h264Available() ? H264_ENCODER : "mpeg4";
    this.recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 0);
    recorder.setFormat("mp4");
    if (VideoCodecs.h264Available()) {
      recorder.setVideoCodecName(H264_ENCODER);
    } else {
      recorder.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
    }
    recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
    recorder.setFrameRate(fps);
    recorder.setGopSize(fps);
    // Enough bits that encoding keeps the rendered edges (sharpness) of these small frames.
    recorder.setVideoBitrate(Math.max(200_000, width * height * fps / 4));
    recorder.setOption("fflags", "+bitexact");
    recorder.setVideoOption("flags", "+bitexact");
    recorder.setVideoOption("threads", "1");
    this.frame = new Frame(width, height, Frame.DEPTH_UBYTE, 3);
    try {
      recorder.start();
    } catch (FrameRecorder.Exception e) {
      throw new UncheckedIOException(
          new IOException("cannot start the " + codec + " encoder for " + file + ": " + e.getMessage(), e));
    }
  }

  String codec() {
    return codec;
  }

  long framesWritten() {
    return frames;
  }

  void write(Canvas canvas) {
    if (canvas.width() != width || canvas.height() != height) {
      throw new IllegalStateException(
          "canvas " + canvas.width() + "x" + canvas.height() + " does not match the video " + width + "x" + height);
    }
    ByteBuffer buf = (ByteBuffer) frame.image[0];
    byte[] src = canvas.pixels();
    int rowBytes = width * 3;
    for (int y = 0; y < height; y++) {
      buf.position(y * frame.imageStride);
      buf.put(src, y * rowBytes, rowBytes);
    }
    buf.rewind();
    try {
      recorder.record(frame, avutil.AV_PIX_FMT_BGR24);
    } catch (FrameRecorder.Exception e) {
      throw new UncheckedIOException(new IOException("encoding frame " + frames + " failed: " + e.getMessage(), e));
    }
    frames++;
  }

  @Override
  public void close() {
    try {
      recorder.stop();
      recorder.release();
    } catch (FrameRecorder.Exception e) {
      throw new UncheckedIOException(new IOException("finishing the video failed: " + e.getMessage(), e));
    } finally {
      frame.close();
    }
  }
}
