package ai.curate.jobs.video;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.global.avcodec;

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
}
