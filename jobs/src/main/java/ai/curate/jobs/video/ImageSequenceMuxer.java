package ai.curate.jobs.video;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MJPEG;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_PNG;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import java.nio.file.Path;
import java.util.Locale;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;

/**
 * Writes already-encoded still images (JPEG or PNG, one per frame) into an MP4 without re-encoding: each image is one
 * packet of an MJPEG or PNG video stream, at a constant frame rate, so frame {@code k} of the file is the
 * {@code k}-th image written. This is how the camera frames of an MCAP recording become a video the video stages
 * decode like a bundle's camera video; the capture time of each frame stays in {@code bronze.camera_frames}.
 *
 * <p>Not thread-safe; one instance per file. Native memory is one packet at a time.
 */
public final class ImageSequenceMuxer implements AutoCloseable {
  /** The encoded image formats that can be muxed (the {@code format} of a ROS CompressedImage, lower case). */
  public enum ImageCodec {
    MJPEG(AV_CODEC_ID_MJPEG),
    PNG(AV_CODEC_ID_PNG);

    final int codecId;

    ImageCodec(int codecId) {
      this.codecId = codecId;
    }

    /**
     * The codec of a CompressedImage {@code format} ({@code jpeg}, {@code jpg}, {@code png}, also with a ROS
     * encoding prefix such as {@code rgb8; jpeg compressed bgr8}); null when it is neither.
     */
    public static ImageCodec ofFormat(String format) {
      if (format == null) {
        return null;
      }
      String f = format.toLowerCase(Locale.ROOT);
      if (f.contains("jpeg") || f.contains("jpg")) {
        return MJPEG;
      }
      return f.contains("png") ? PNG : null;
    }
  }

  private static final int TIME_BASE = 90_000;

  private final Path file;
  private final AVFormatContext context;
  private final AVStream stream;
  private final AVRational frameDuration;
  private final AVPacket packet;
  private long frames;
  private boolean closed;

  private ImageSequenceMuxer(Path file, AVFormatContext context, AVStream stream, AVRational frameDuration) {
    this.file = file;
    this.context = context;
    this.stream = stream;
    this.frameDuration = frameDuration;
    this.packet = av_packet_alloc();
  }

  /**
   * Opens {@code file} (created or replaced) for images of {@code codec}, {@code width} x {@code height} as the
   * stream's declared size, at {@code fps} frames per second.
   *
   * @throws VideoUnreadableException when FFmpeg refuses the output (the message says which call and why)
   */
  public static ImageSequenceMuxer open(Path file, ImageCodec codec, int width, int height, double fps)
      throws VideoUnreadableException {
    if (!(fps > 0) || Double.isInfinite(fps)) {
      throw new IllegalArgumentException("frame rate must be positive, got " + fps);
    }
    AVFormatContext context = new AVFormatContext(null);
    check(avformat_alloc_output_context2(context, null, "mp4", file.toString()), "allocate an MP4 muxer", file);
    boolean opened = false;
    try {
      AVStream stream = avformat_new_stream(context, null);
      if (stream == null) {
        throw new VideoUnreadableException("cannot add a video stream to " + file);
      }
      AVCodecParameters par = stream.codecpar();
      par.codec_type(AVMEDIA_TYPE_VIDEO);
      par.codec_id(codec.codecId);
      par.width(Math.max(0, width));
      par.height(Math.max(0, height));
      // Frame rate as a rational with millihertz precision: 30 -> 30000/1000, 29.97 -> 29970/1000.
      AVRational rate = av_make_q((int) Math.round(fps * 1000), 1000);
      stream.avg_frame_rate(rate);
      stream.r_frame_rate(rate);
      stream.time_base(av_make_q(1, TIME_BASE));
      AVIOContext io = new AVIOContext(null);
      check(avio_open(io, file.toString(), AVIO_FLAG_WRITE), "open for writing", file);
      context.pb(io);
      check(avformat_write_header(context, (AVDictionary) null), "write the MP4 header", file);
      opened = true;
      return new ImageSequenceMuxer(file, context, stream, av_make_q(1000, (int) Math.round(fps * 1000)));
    } finally {
      if (!opened) {
        if (context.pb() != null) {
          avio_closep(context.pb());
        }
        avformat_free_context(context);
      }
    }
  }

  /** Appends one encoded image as the next frame. */
  public void write(byte[] image) throws VideoUnreadableException {
    if (closed) {
      throw new IllegalStateException("the muxer of " + file + " is closed");
    }
    if (image == null || image.length == 0) {
      throw new IllegalArgumentException("an empty image cannot be a frame");
    }
    check(av_new_packet(packet, image.length), "allocate a packet", file);
    packet.data().put(image, 0, image.length);
    // Timestamps in the stream's time base as the muxer chose it (the header may have changed it).
    long pts = av_rescale_q(frames, frameDuration, stream.time_base());
    long next = av_rescale_q(frames + 1, frameDuration, stream.time_base());
    packet.pts(pts);
    packet.dts(pts);
    packet.duration(next - pts);
    packet.stream_index(stream.index());
    packet.flags(AV_PKT_FLAG_KEY);
    // Takes the packet's reference whether it succeeds or not.
    check(av_interleaved_write_frame(context, packet), "write frame " + frames, file);
    frames++;
  }

  /** Frames written so far. */
  public long frames() {
    return frames;
  }

  /** Writes the MP4 index and closes the file; the file is complete only after this. */
  @Override
  public void close() throws VideoUnreadableException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      check(av_write_trailer(context), "write the MP4 index", file);
    } finally {
      av_packet_free(packet);
      avio_closep(context.pb());
      avformat_free_context(context);
    }
  }

  private static void check(int code, String what, Path file) throws VideoUnreadableException {
    if (code < 0) {
      BytePointer buf = new BytePointer(256);
      avutil.av_strerror(code, buf, 256);
      String reason = buf.getString();
      buf.deallocate();
      throw new VideoUnreadableException("FFmpeg could not " + what + " of " + file + ": " + reason + " (" + code
          + ")");
    }
  }
}
