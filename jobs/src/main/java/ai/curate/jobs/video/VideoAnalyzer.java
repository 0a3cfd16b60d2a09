package ai.curate.jobs.video;

import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GRAY8;
import static org.bytedeco.ffmpeg.global.swscale.SWS_AREA;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Decodes one local video file with JavaCV's {@link FFmpegFrameGrabber} and scores every frame (or every key frame in
 * triage mode). Plain Java, no Spark: one instance per task is cheap, and the grabber and its native memory are always
 * released before {@link #analyze} returns or throws.
 *
 * <p>Speed: FFmpeg's swscale converts each decoded picture straight to a {@code signalWidth}-wide GRAY8 image with the
 * area-averaging filter (a proper anti-aliased decimation: sharpness is not inflated by aliasing), so Java only ever
 * touches that small image. Decoding uses one thread ({@code threads=1}): Spark parallelises across tasks, and FFmpeg
 * then logs from the calling thread, which is what {@link FfmpegLog} needs to charge errors to this video.
 *
 * <p>Native memory: each open grabber holds the decoder's reference pictures (about 25 MB at 720p H.264, 200 MB at
 * 4K) outside the Java heap. JavaCPP refuses allocations beyond {@code -Dorg.bytedeco.javacpp.maxPhysicalBytes}
 * (a JVM property: set it through {@code spark.executor.extraJavaOptions}); such a refusal is reported as an unreadable
 * video with that hint instead of failing the task.
 */
public final class VideoAnalyzer {
  private final VideoAnalysisOptions options;

  public VideoAnalyzer(VideoAnalysisOptions options) {
    this.options = options;
  }

  public VideoAnalysisOptions options() {
    return options;
  }

  /** Analyses {@code video}, a file on the local disk (copy remote files to local scratch first). */
  public VideoAnalysis analyze(Path video) throws VideoUnreadableException {
    if (!Files.isRegularFile(video)) {
      throw new VideoUnreadableException("video file not found: " + video);
    }
    try (FfmpegLog.Capture log = FfmpegLog.capture()) {
      FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile());
      try {
        return decode(grabber, log);
      } catch (OutOfMemoryError e) {
        throw nativeLimit(e);
      } finally {
        Grabbers.close(grabber);
      }
    }
  }

  private VideoAnalysis decode(FFmpegFrameGrabber grabber, FfmpegLog.Capture log) throws VideoUnreadableException {
    grabber.setImageMode(FrameGrabber.ImageMode.GRAY);
    grabber.setPixelFormat(AV_PIX_FMT_GRAY8);
    grabber.setImageScalingFlags(SWS_AREA);
    grabber.setVideoOption("threads", "1");
    Grabbers.start(grabber, log);
    StreamFacts facts = StreamFacts.read(grabber);
    int width = options.signalWidth();
    int height = options.signalHeight(facts.codedWidth(), facts.codedHeight());
    // Set after start(): the grabber reads them per frame, and only now is the coded aspect ratio known.
    grabber.setImageWidth(width);
    grabber.setImageHeight(height);

    FrameLoop loop = new FrameLoop(new FrameSignalCalculator(options, width, height), facts);
    String grabFailure = loop.run(grabber);
    if (loop.frames.isEmpty()) {
      throw new VideoUnreadableException("no frame could be decoded"
          + (grabFailure != null ? " (" + grabFailure + ")" : "") + Grabbers.logSuffix(log));
    }
    return new VideoAnalysis(summarize(facts, width, height, loop, log, grabFailure), List.copyOf(loop.frames));
  }

  private VideoSummary summarize(StreamFacts facts, int width, int height, FrameLoop loop, FfmpegLog.Capture log,
      String grabFailure) {
    List<FrameSignals> frames = loop.frames;
    FrameTiming timing = FrameTiming.of(loop.pts, frames.size(), options.vfrMinSpread());
    List<String> errorMessages = new ArrayList<>(log.errorMessages());
    long errors = log.errors();
    if (grabFailure != null) {
      errors++;
      errorMessages.add("decoding stopped: " + grabFailure);
    }
    Long duration = facts.durationUs();
    VideoIntegrity integrity = VideoIntegrity.assess(frames.size(), facts.declaredFrameCount(), timing.decodedSpanUs(),
        duration, errors, options.keyframesOnly(), options.minCoverage());
    double brightness = meanOf(frames, FrameSignals::brightness);
    double contrast = meanOf(frames, FrameSignals::contrast);
    double sharpness = meanOf(frames, FrameSignals::sharpness);
    int black = (int) frames.stream().filter(FrameSignals::black).count();
    int frozen = (int) frames.stream().filter(FrameSignals::frozen).count();
    int cuts = (int) frames.stream().filter(FrameSignals::sceneCut).count();
    return new VideoSummary(facts, options.keyframesOnly(),
        width, height, timing, loop.keyFrames, loop.ptsMissing, errors, log.warnings(), List.copyOf(errorMessages),
        integrity, brightness, contrast, sharpness, black, frozen, cuts);
  }

  /** Mean of a signal over the frames, summed in frame order (a plain left fold, as the stored values were). */
  static double meanOf(List<FrameSignals> frames, java.util.function.ToDoubleFunction<FrameSignals> signal) {
    double sum = 0;
    for (FrameSignals f : frames) {
      sum += signal.applyAsDouble(f);
    }
    return sum / frames.size();
  }

  /** The grab loop's state: frames scored so far and their timestamps. */
  private final class FrameLoop {
    private final FrameSignalCalculator calculator;
    private final StreamFacts facts;
    private final List<FrameSignals> frames = new ArrayList<>();
    private long[] pts = new long[1024];
    private byte[] pixels = new byte[0];
    private int keyFrames;
    private int ptsMissing;

    FrameLoop(FrameSignalCalculator calculator, StreamFacts facts) {
      this.calculator = calculator;
      this.facts = facts;
    }

    /** Grabs until the end of the stream; returns why it stopped early, or null. */
    String run(FFmpegFrameGrabber grabber) {
      while (true) {
        Frame frame;
        try {
          frame = options.keyframesOnly() ? grabber.grabKeyFrame() : grabber.grabImage();
        } catch (FrameGrabber.Exception | RuntimeException e) {
          return Grabbers.firstLine(e);
        }
        if (frame == null) {
          return null;
        }
        if (frame.image == null || frame.image[0] == null) {
          continue;
        }
        accept(frame);
      }
    }

    private void accept(Frame frame) {
      int n = frames.size();
      long timestamp = timestampOf(frame, n);
      int index = options.keyframesOnly() ? estimatedIndex(timestamp) : n;
      int stride = frame.imageStride;
      int length = stride * frame.imageHeight;
      if (pixels.length < length) {
        pixels = new byte[length];
      }
      ByteBuffer image = (ByteBuffer) frame.image[0];
      image.get(0, pixels, 0, length);
      if (n == pts.length) {
        pts = java.util.Arrays.copyOf(pts, n * 2);
      }
      pts[n] = timestamp;
      keyFrames += frame.keyFrame ? 1 : 0;
      frames.add(calculator.next(index, timestamp, frame.keyFrame, pixels, stride));
    }

    private long timestampOf(Frame frame, int n) {
      boolean missing = frame.opaque instanceof AVFrame picture && picture.best_effort_timestamp() == AV_NOPTS_VALUE;
      if (!missing) {
        return frame.timestamp;
      }
      ptsMissing++;
      Double fps = facts.indexingFps();
      long step = fps == null || fps <= 0 ? 0 : Math.round(1_000_000.0 / fps);
      return n == 0 ? 0 : pts[n - 1] + step;
    }

    private int estimatedIndex(long timestampUs) {
      Double fps = facts.indexingFps();
      long start = facts.streamStartUs() == null ? 0 : facts.streamStartUs();
      if (fps == null || fps <= 0) {
        return frames.size();
      }
      return (int) Math.round((timestampUs - start) * fps / 1_000_000.0);
    }
  }

  /**
   * JavaCPP's refusal of native memory as an unreadable video saying what to raise; any other out-of-memory error is
   * rethrown as it is.
   */
  static VideoUnreadableException nativeLimit(OutOfMemoryError e) {
    if (!isNativeLimit(e)) {
      throw e;
    }
    return new VideoUnreadableException("decoding needs more native memory than JavaCPP allows (" + e.getMessage()
        + "): raise -Dorg.bytedeco.javacpp.maxPhysicalBytes and spark.executor.memoryOverhead, or run fewer tasks per"
        + " executor", e);
  }

  private static boolean isNativeLimit(OutOfMemoryError e) {
    String m = e.getMessage();
    return m != null && (m.contains("maxPhysicalBytes") || m.contains("maxBytes"));
  }
}
