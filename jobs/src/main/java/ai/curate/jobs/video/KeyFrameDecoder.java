package ai.curate.jobs.video;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GRAY8;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.swscale.SWS_AREA;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Decodes the key-frame packets a demuxing pass hands it, with a decoder of its own on the stream's parameters, and
 * scores each picture exactly as {@link VideoAnalyzer} does (one thread; swscale's area filter straight to a
 * {@code signalWidth}-wide GRAY8 image, rows packed, as JavaCV converts them), so a key frame has the same signals
 * in either analyser. Inter frames are never sent: a key frame decodes on its own, and the next one pushes a
 * decoder's reordering delay out. Native memory is freed by {@link #close()}.
 */
final class KeyFrameDecoder implements AutoCloseable {
  /** {@code AV_FRAME_FLAG_KEY} of libavutil/frame.h. */
  private static final int FRAME_FLAG_KEY = 1 << 1;

  private final FrameSignalCalculator calculator;
  private final int num;
  private final int den;
  private final int width;
  private final int height;
  private final byte[] pixels;
  private final List<FrameSignals> frames = new ArrayList<>();
  // Native memory, allocated in the constructor and freed by close() (null where the constructor stopped early).
  private AVCodecContext context;
  private AVFrame picture;
  private BytePointer grey;
  private PointerPointer<BytePointer> destination;
  private IntPointer strides;
  private SwsContext scaler;
  private int errors;

  KeyFrameDecoder(AVStream stream, VideoAnalysisOptions options, int width, int height)
      throws VideoUnreadableException {
    AVCodec codec = avcodec_find_decoder(stream.codecpar().codec_id());
    if (codec == null || codec.isNull()) {
      throw new VideoUnreadableException("FFmpeg has no decoder for codec id " + stream.codecpar().codec_id());
    }
    this.calculator = new FrameSignalCalculator(options, width, height);
    this.num = stream.time_base().num();
    this.den = stream.time_base().den();
    this.width = width;
    this.height = height;
    this.pixels = new byte[width * height];
    try {
      context = avcodec_alloc_context3(codec);
      if (avcodec_parameters_to_context(context, stream.codecpar()) < 0) {
        throw new VideoUnreadableException("FFmpeg cannot set up a decoder from the stream's parameters");
      }
      context.thread_count(1);
      context.pkt_timebase(stream.time_base());
      if (avcodec_open2(context, codec, (PointerPointer<?>) null) < 0) {
        throw new VideoUnreadableException("FFmpeg cannot open the " + codec.name().getString() + " decoder");
      }
      picture = av_frame_alloc();
      grey = new BytePointer((long) width * height);
      // Rows packed (stride = width), as JavaCV lays out a converted image.
      destination = new PointerPointer<>(1);
      destination.put(0, grey);
      strides = new IntPointer(1).put(0, width);
    } catch (VideoUnreadableException | RuntimeException | OutOfMemoryError e) {
      // close() never runs on an object whose constructor threw (JavaCPP refuses an allocation past its native
      // limit, FFmpeg refuses the stream): free here what was allocated so far.
      close();
      throw e;
    }
  }

  /** Decodes one key-frame packet and scores what the decoder outputs (maybe an earlier key frame, or nothing). */
  void decode(AVPacket packet) {
    if (avcodec_send_packet(context, packet) < 0) {
      errors++;
      return;
    }
    receive();
  }

  /** Drains the decoder at the end of the stream and returns every scored key frame, in output order. */
  List<FrameSignals> finish() {
    if (avcodec_send_packet(context, null) >= 0) {
      receive();
    }
    return frames;
  }

  /** Packets the decoder refused. */
  int errors() {
    return errors;
  }

  private void receive() {
    while (true) {
      int ret = avcodec_receive_frame(context, picture);
      if (ret == AVERROR_EAGAIN() || ret == AVERROR_EOF) {
        return;
      }
      if (ret < 0) {
        errors++;
        return;
      }
      score();
    }
  }

  private void score() {
    scaler = sws_getCachedContext(scaler, picture.width(), picture.height(), picture.format(), width, height,
        AV_PIX_FMT_GRAY8, SWS_AREA, null, null, (DoublePointer) null);
    if (scaler == null || scaler.isNull()) {
      // A pixel format or size swscale refuses: count it as a frame that could not be scored, never crash the task.
      scaler = null;
      errors++;
      return;
    }
    sws_scale(scaler, picture.data(), picture.linesize(), 0, picture.height(), destination, strides);
    grey.get(pixels);
    long pts = picture.best_effort_timestamp();
    long ptsUs = pts == AV_NOPTS_VALUE || den <= 0 ? 0 : StreamFacts.micros(pts, num, den);
    // The index is provisional: the caller puts each frame at its packet's position in presentation order.
    frames.add(calculator.next(frames.size(), ptsUs, (picture.flags() & FRAME_FLAG_KEY) != 0, pixels, width));
  }

  @Override
  public void close() {
    if (scaler != null) {
      sws_freeContext(scaler);
    }
    if (picture != null) {
      av_frame_free(picture);
    }
    if (context != null) {
      avcodec_free_context(context);
    }
    if (destination != null) {
      destination.close();
    }
    if (strides != null) {
      strides.close();
    }
    if (grey != null) {
      grey.close();
    }
  }
}
