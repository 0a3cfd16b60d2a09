package ai.curate.jobs.sample;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.global.avcodec;

/** Which encoders the bundled FFmpeg build offers. */
final class VideoCodecs {
  private static volatile Boolean h264;

  private VideoCodecs() {}

  static boolean h264Available() {
    Boolean cached = h264;
    if (cached == null) {
      AVCodec codec = avcodec.avcodec_find_encoder_by_name(VideoWriter.H264_ENCODER);
      cached = codec != null && !codec.isNull();
      h264 = cached;
    }
    return cached;
  }
}
