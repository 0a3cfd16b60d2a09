package ai.curate.jobs.video;

import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/**
 * Analyses one fleet camera video for the price a fleet can pay. Every frame is seen in the compressed domain
 * ({@link PacketTrack}: presentation time, size, key flag, by demuxing only), which gives the timeline (frame count,
 * dropped frames, truncation) and frozen pictures ({@link PacketSignals}); picture signals (brightness, sharpness,
 * black frames) come from the key frames, decoded as the demuxing pass meets them ({@link KeyFrameDecoder}: one pass
 * over the file), or from every frame in {@link FleetVideoOptions#FULL} mode (the packets read, then the full
 * {@link VideoAnalyzer}). The result carries the fault flags the options' thresholds give.
 *
 * <p>In packets mode the summary's timing and integrity are the packets' (every frame is counted, so a truncated or
 * gappy file is judged as in full mode); a corrupt bitstream is seen only where a decoded key frame or the container
 * shows it.
 */
public final class FleetVideoAnalyzer {
  private final VideoAnalysisOptions videoOptions;
  private final FleetVideoOptions options;

  public FleetVideoAnalyzer(VideoAnalysisOptions videoOptions, FleetVideoOptions options) {
    this.videoOptions = videoOptions.withKeyframesOnly(false);
    this.options = options;
  }

  /** Analyses {@code video}, a file on the local disk. */
  public FleetVideoAnalysis analyze(Path video) throws VideoUnreadableException {
    if (!Files.isRegularFile(video)) {
      throw new VideoUnreadableException("video file not found: " + video);
    }
    if (options.decodeEveryFrame()) {
      PacketTrack packets = PacketTrack.read(video);
      return result(new VideoAnalyzer(videoOptions).analyze(video), packets);
    }
    try (FfmpegLog.Capture log = FfmpegLog.capture()) {
      FFmpegFrameGrabber grabber = PacketTrack.open(video, log);
      try {
        return packetsMode(grabber, log);
      } catch (OutOfMemoryError e) {
        throw VideoAnalyzer.nativeLimit(e);
      } finally {
        Grabbers.close(grabber);
      }
    }
  }

  /** One demuxing pass: every packet timed, each key frame decoded as it passes. */
  private FleetVideoAnalysis packetsMode(FFmpegFrameGrabber grabber, FfmpegLog.Capture log)
      throws VideoUnreadableException {
    StreamFacts facts = StreamFacts.read(grabber);
    int width = videoOptions.signalWidth();
    int height = videoOptions.signalHeight(facts.codedWidth(), facts.codedHeight());
    AVStream stream = grabber.getFormatContext().streams(grabber.getVideoStream());
    PacketTrack packets;
    List<FrameSignals> keys;
    int refused;
    try (KeyFrameDecoder decoder = new KeyFrameDecoder(stream, videoOptions, width, height)) {
      PictureBudget budget = new PictureBudget(stream.time_base(), options.pictureIntervalSeconds());
      packets = PacketTrack.scan(grabber, key -> {
        if (budget.take(key)) {
          decoder.decode(key);
        }
      });
      keys = decoder.finish();
      refused = decoder.errors();
    }
    if (packets.count() == 0) {
      throw new VideoUnreadableException("the video stream has no packets"
          + (packets.stopReason() != null ? " (" + packets.stopReason() + ")" : ""));
    }
    List<FrameSignals> frames = new ArrayList<>(keys.size());
    for (FrameSignals f : keys) {
      int at = packets.indexOf(f.ptsUs());
      frames.add(at < 0
          ? f
          : new FrameSignals(at, f.ptsUs(), f.keyFrame(), f.brightness(), f.contrast(),
              f.sharpness(), f.diffFromPrevious(), f.maxDiffFromPrevious(), f.sceneScore(), f.frozen(), f.black(),
              f.sceneCut()));
    }
    FrameTiming timing = FrameTiming.of(packets.ptsUs(), packets.count(), videoOptions.vfrMinSpread());
    List<String> messages = new ArrayList<>(log.errorMessages());
    long errors = log.errors() + refused;
    if (refused > 0) {
      messages.add(refused + " key frame(s) the decoder refused");
    }
    if (packets.stopReason() != null) {
      errors++;
      messages.add("reading packets stopped: " + packets.stopReason());
    }
    VideoIntegrity integrity = VideoIntegrity.assess(packets.count(), facts.declaredFrameCount(),
        timing.decodedSpanUs(), facts.durationUs(), errors, false, videoOptions.minCoverage());
    int keyPackets = 0;
    for (boolean key : packets.key()) {
      keyPackets += key ? 1 : 0;
    }
    VideoSummary summary = new VideoSummary(facts, true, width, height, timing, keyPackets, packets.missingPts(),
        errors, log.warnings(), List.copyOf(messages), integrity, mean(frames, FrameSignals::brightness),
        mean(frames, FrameSignals::contrast), mean(frames, FrameSignals::sharpness),
        (int) frames.stream().filter(FrameSignals::black).count(),
        (int) frames.stream().filter(FrameSignals::frozen).count(),
        (int) frames.stream().filter(FrameSignals::sceneCut).count());
    return result(new VideoAnalysis(summary, List.copyOf(frames)), packets);
  }

  private FleetVideoAnalysis result(VideoAnalysis decoded, PacketTrack packets) {
    PacketSignals signals = PacketSignals.of(packets, options.unchangedMaxBytes(), options.frozenMinSeconds());
    return new FleetVideoAnalysis(options.mode(), decoded, packets, signals, flags(decoded.summary(), signals));
  }

  /** Which key frames packets mode decodes: the first, then each first one at least the interval after the last. */
  private static final class PictureBudget {
    private final int num;
    private final int den;
    private final long intervalUs;
    private long lastUs = Long.MIN_VALUE;

    PictureBudget(AVRational timeBase, double intervalSeconds) {
      this.num = timeBase.num();
      this.den = timeBase.den();
      this.intervalUs = Math.round(intervalSeconds * 1_000_000.0);
    }

    boolean take(AVPacket key) {
      long t = key.pts() != AV_NOPTS_VALUE ? key.pts() : key.dts();
      if (t == AV_NOPTS_VALUE || den <= 0) {
        return true;
      }
      long us = StreamFacts.micros(t, num, den);
      if (lastUs != Long.MIN_VALUE && us - lastUs < intervalUs) {
        return false;
      }
      lastUs = us;
      return true;
    }
  }

  /** Mean of a signal over the frames in frame order; null without frames (no key frame could be decoded). */
  private static Double mean(List<FrameSignals> frames, ToDoubleFunction<FrameSignals> signal) {
    return frames.isEmpty() ? null : VideoAnalyzer.meanOf(frames, signal);
  }

  private List<String> flags(VideoSummary s, PacketSignals p) {
    List<String> out = new ArrayList<>();
    if (Boolean.TRUE.equals(s.integrity().truncated())) {
      out.add(FleetVideoOptions.FLAG_TRUNCATED);
    }
    if (s.integrity().corrupt()) {
      out.add(FleetVideoOptions.FLAG_CORRUPT);
    }
    boolean dark = s.meanBrightness() != null && s.meanBrightness() < options.darkMaxBrightness();
    if (dark) {
      out.add(FleetVideoOptions.FLAG_DARK);
    } else if (s.meanSharpness() != null && s.meanSharpness() < options.blurMaxSharpness()) {
      // A dark picture has little detail whatever the focus: focus is judged on lit pictures only.
      out.add(FleetVideoOptions.FLAG_BLURRED);
    }
    if (p.frozenFrames() > 0) {
      out.add(FleetVideoOptions.FLAG_FROZEN);
    }
    if (p.droppedFrames() > options.maxDroppedFrames()) {
      out.add(FleetVideoOptions.FLAG_DROPPED);
    }
    return List.copyOf(out);
  }
}
