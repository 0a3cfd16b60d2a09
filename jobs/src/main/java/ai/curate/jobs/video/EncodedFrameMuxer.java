package ai.curate.jobs.video;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
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
 * Writes already-encoded frames (JPEG or PNG images; H.264 access units) into an MP4 without re-encoding: each frame
 * is one packet of the video stream, at a constant frame rate, so frame {@code k} of the file is the {@code k}-th
 * frame written. (FFmpeg's MP4 muxer turns Annex B H.264 into the MP4 form and takes the decoder configuration from
 * the first frame's parameter sets.) This is how the camera frames of an MCAP recording become a video the video stages
 * decode like a bundle's camera video; the capture time of each frame stays in {@code bronze.camera_frames}.
 *
 * <p>Not thread-safe; one instance per file. Native memory is one packet at a time.
 */
public final class EncodedFrameMuxer implements AutoCloseable {
  /**
   * The encoded frame formats that can be muxed: the {@code format} of a ROS CompressedImage (JPEG, PNG) or of a
   * Foxglove CompressedVideo (H.264 in Annex B, no B-frames, as that message's definition requires).
   */
  public enum FrameCodec {
    MJPEG(AV_CODEC_ID_MJPEG),
    PNG(AV_CODEC_ID_PNG),
    H264(AV_CODEC_ID_H264);

    final int codecId;

    FrameCodec(int codecId) {
      this.codecId = codecId;
    }

    /**
     * The codec of a CompressedImage {@code format} ({@code jpeg}, {@code jpg}, {@code png}, also with a ROS
     * encoding prefix such as {@code rgb8; jpeg compressed bgr8}); null when it is neither.
     */
    public static FrameCodec ofFormat(String format) {
      if (format == null) {
        return null;
      }
      String f = format.toLowerCase(Locale.ROOT).trim();
      if (f.equals("h264")) {
        return H264;
      }
      if (f.contains("jpeg") || f.contains("jpg")) {
        return MJPEG;
      }
      return f.contains("png") ? PNG : null;
    }

    /** Whether a frame of this codec can be decoded on its own: every image; an H.264 frame holding an IDR slice. */
    public boolean isKeyFrame(byte[] frame) {
      return this != H264 || H264Frames.hasIdrSlice(frame);
    }
  }

  private static final int TIME_BASE = 90_000;

  private final Path file;
  private final FrameCodec codec;
  private final int declaredWidth;
  private final int declaredHeight;
  private final double fps;
  private final AVRational frameDuration;
  /** The muxer, opened with the first frame (whose size it may need); null before. */
  private AVFormatContext context;
  private AVStream stream;
  private AVPacket packet;
  private long frames;
  private boolean closed;

  private EncodedFrameMuxer(Path file, FrameCodec codec, int width, int height, double fps) {
    this.file = file;
    this.codec = codec;
    this.declaredWidth = width;
    this.declaredHeight = height;
    this.fps = fps;
    this.frameDuration = av_make_q(1000, (int) Math.round(fps * 1000));
  }

  /**
   * A muxer into {@code file} (created or replaced with the first frame) for frames of {@code codec}, at {@code fps}
   * frames per second. {@code width} x {@code height} is the stream's declared size; 0 when unknown (an H.264 topic):
   * then it is read from the first frame.
   */
  public static EncodedFrameMuxer open(Path file, FrameCodec codec, int width, int height, double fps) {
    if (!(fps > 0) || fps > 1_000_000) {
      throw new IllegalArgumentException("frame rate must be positive and finite, got " + fps);
    }
    return new EncodedFrameMuxer(file, codec, width, height, fps);
  }

  private void start(byte[] first) throws VideoUnreadableException {
    int[] size = declaredWidth > 0 && declaredHeight > 0
        ? new int[] {declaredWidth, declaredHeight}
        : FrameSizes.of(codec, first);
    AVFormatContext ctx = new AVFormatContext(null);
    check(avformat_alloc_output_context2(ctx, null, "mp4", file.toString()), "allocate an MP4 muxer", file);
    boolean opened = false;
    try {
      AVStream st = avformat_new_stream(ctx, null);
      if (st == null) {
        throw new VideoUnreadableException("cannot add a video stream to " + file);
      }
      AVCodecParameters par = st.codecpar();
      par.codec_type(AVMEDIA_TYPE_VIDEO);
      par.codec_id(codec.codecId);
      par.width(size[0]);
      par.height(size[1]);
      // Frame rate as a rational with millihertz precision: 30 -> 30000/1000, 29.97 -> 29970/1000.
      AVRational rate = av_make_q((int) Math.round(fps * 1000), 1000);
      st.avg_frame_rate(rate);
      st.r_frame_rate(rate);
      st.time_base(av_make_q(1, TIME_BASE));
      AVIOContext io = new AVIOContext(null);
      check(avio_open(io, file.toString(), AVIO_FLAG_WRITE), "open for writing", file);
      ctx.pb(io);
      check(avformat_write_header(ctx, (AVDictionary) null), "write the MP4 header", file);
      opened = true;
      context = ctx;
      stream = st;
      packet = av_packet_alloc();
    } finally {
      if (!opened) {
        if (ctx.pb() != null) {
          avio_closep(ctx.pb());
        }
        avformat_free_context(ctx);
      }
    }
  }

  /**
   * Appends one encoded frame (an image; an H.264 access unit in Annex B) as the next frame. The first H.264 frame
   * must be a key frame holding its parameter sets, which the MP4's decoder configuration is made from.
   *
   * @throws VideoUnreadableException when FFmpeg refuses the output or the frame (the message says which and why)
   */
  public void write(byte[] image) throws VideoUnreadableException {
    if (closed) {
      throw new IllegalStateException("the muxer of " + file + " is closed");
    }
    if (image == null || image.length == 0) {
      throw new IllegalArgumentException("an empty image cannot be a frame");
    }
    boolean key = codec.isKeyFrame(image);
    if (frames == 0) {
      if (!key) {
        throw new VideoUnreadableException("the first frame is not a key frame: the frames before the first key"
            + " frame cannot be decoded");
      }
      start(image);
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
    packet.flags(key ? AV_PKT_FLAG_KEY : 0);
    // Takes the packet's reference whether it succeeds or not.
    check(av_interleaved_write_frame(context, packet), "write frame " + frames, file);
    frames++;
  }

  /** Frames written so far. */
  public long frames() {
    return frames;
  }

  /** Writes the MP4 index and closes the file; the file is complete only after this (no frame: no file). */
  @Override
  public void close() throws VideoUnreadableException {
    if (closed) {
      return;
    }
    closed = true;
    if (context == null) {
      return;
    }
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
      buf.fill(0);
      avutil.av_strerror(code, buf, 256);
      String reason = buf.getString();
      buf.deallocate();
      // The buffer is 256 bytes; the message ends at its first NUL.
      int end = reason.indexOf('\0');
      reason = end < 0 ? reason : reason.substring(0, end);
      throw new VideoUnreadableException("FFmpeg could not " + what + " of " + file + ": " + reason + " (" + code
          + ")");
    }
  }
}
