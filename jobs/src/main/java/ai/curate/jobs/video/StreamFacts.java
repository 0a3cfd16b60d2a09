package ai.curate.jobs.video;

import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/**
 * What the container declares about the video stream a started grabber decodes.
 *
 * @param containerFormat FFmpeg demuxer name, e.g. {@code mov,mp4,m4a,3gp,3g2,mj2}
 * @param codec decoder name, e.g. {@code h264}
 * @param pixelFormat coded pixel format, e.g. {@code yuv420p}
 * @param codedWidth coded (stored) width; a rotated video is displayed with width and height swapped
 * @param rotationDegrees counter-clockwise rotation to apply for display, 0/90/180/270 (the display matrix, the number
 *     ffprobe prints as the side data's {@code rotation}, normalised to 0..359)
 * @param declaredFps the stream's average frame rate as declared by the container
 * @param baseFps the stream's base (lowest common) frame rate ({@code r_frame_rate})
 * @param declaredFrameCount frames the container index lists; null when it does not say
 * @param streamDurationUs the video stream's declared duration; null when unknown
 * @param streamStartUs the video stream's declared start time; null when unknown
 * @param containerDurationUs the container's declared duration; null when unknown
 */
public record StreamFacts(
    String containerFormat,
    String codec,
    String pixelFormat,
    int codedWidth,
    int codedHeight,
    int rotationDegrees,
    Long bitRate,
    Double declaredFps,
    Double baseFps,
    Long declaredFrameCount,
    Long streamDurationUs,
    Long streamStartUs,
    Long containerDurationUs) implements java.io.Serializable {

  static StreamFacts read(FFmpegFrameGrabber grabber) {
    AVFormatContext format = grabber.getFormatContext();
    AVStream stream = format.streams(grabber.getVideoStream());
    AVRational timeBase = stream.time_base();
    var parameters = stream.codecpar();
    BytePointer pixelFormatName = avutil.av_get_pix_fmt_name(parameters.format());
    return new StreamFacts(
        grabber.getFormat(),
        grabber.getVideoCodecName(),
        pixelFormatName == null ? null : pixelFormatName.getString(),
        parameters.width(),
        parameters.height(),
        rotation(grabber),
        parameters.bit_rate() > 0 ? parameters.bit_rate() : null,
        rate(stream.avg_frame_rate()),
        rate(stream.r_frame_rate()),
        stream.nb_frames() > 0 ? stream.nb_frames() : null,
        toMicros(stream.duration(), timeBase),
        toMicros(stream.start_time(), timeBase),
        format.duration() != AV_NOPTS_VALUE && format.duration() > 0 ? format.duration() : null);
  }

  /** The duration the decoded span is compared with: the stream's if declared, else the container's. */
  public Long durationUs() {
    return streamDurationUs != null ? streamDurationUs : containerDurationUs;
  }

  /** The fps used to turn timestamps into frame numbers: the base rate if known, else the average. */
  Double indexingFps() {
    return baseFps != null ? baseFps : declaredFps;
  }

  /**
   * The display matrix's counter-clockwise rotation, normalised to 0..359. Demuxers of FFmpeg 5 and later export only
   * the matrix; the legacy {@code rotate} tag is read when there is no matrix (older muxers wrote the same number into
   * both, so it is taken as is).
   */
  static int rotation(FFmpegFrameGrabber grabber) {
    double degrees = grabber.getDisplayRotation();
    if (degrees == 0 || Double.isNaN(degrees)) {
      String tag = grabber.getVideoMetadata("rotate");
      if (tag != null) {
        try {
          degrees = Double.parseDouble(tag.trim());
        } catch (NumberFormatException ignored) {
          degrees = 0;
        }
      }
    }
    return normalizeDegrees(degrees);
  }

  static int normalizeDegrees(double degrees) {
    if (Double.isNaN(degrees) || Double.isInfinite(degrees)) {
      return 0;
    }
    long rounded = Math.round(degrees);
    return (int) (((rounded % 360) + 360) % 360);
  }

  private static Double rate(AVRational r) {
    return r.num() > 0 && r.den() > 0 ? (double) r.num() / r.den() : null;
  }

  private static Long toMicros(long value, AVRational timeBase) {
    if (value == AV_NOPTS_VALUE || value < 0 || timeBase.den() <= 0) {
      return null;
    }
    return micros(value, timeBase.num(), timeBase.den());
  }

  /** {@code value * num / den} seconds in microseconds, truncated like JavaCV's frame timestamps. */
  static long micros(long value, int num, int den) {
    try {
      return Math.multiplyExact(Math.multiplyExact(value, 1_000_000L), (long) num) / den;
    } catch (ArithmeticException overflow) {
      return (long) ((double) value * num / den * 1_000_000.0);
    }
  }
}
