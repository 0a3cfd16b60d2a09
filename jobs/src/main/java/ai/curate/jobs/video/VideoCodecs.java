package ai.curate.jobs.video;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;

/** Which encoders the bundled FFmpeg build offers. */
public final class VideoCodecs {
  /** The H.264 encoder the bundled FFmpeg has (OpenH264; it has no libx264). */
  public static final String H264_ENCODER = "libopenh264";

  private static volatile Boolean h264;

  private VideoCodecs() {}

  public static boolean h264Available() {
    Boolean cached = h264;
    if (cached == null) {
      AVCodec codec = avcodec.avcodec_find_encoder_by_name(H264_ENCODER);
      cached = codec != null && !codec.isNull();
      h264 = cached;
    }
    return cached;
  }

  /**
   * A recorder (not started) of an MP4 with one video stream: H.264 where the build has an encoder for it, else
   * MPEG-4 Part 2; yuv420p at a constant {@code fps}, a key frame every second, one encoder thread.
   */
  public static FFmpegFrameRecorder mp4Recorder(Path file, int width, int height, double fps) {
    FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 0);
    recorder.setFormat("mp4");
    if (h264Available()) {
      recorder.setVideoCodecName(H264_ENCODER);
    } else {
      recorder.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
    }
    recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
    recorder.setFrameRate(fps);
    recorder.setGopSize((int) Math.max(1, Math.round(fps)));
    recorder.setVideoOption("threads", "1");
    return recorder;
  }
}
