package ai.curate.jobs.video;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

/**
 * The compressed-domain view of a video stream: every packet's presentation time, size and key-frame flag, read by
 * demuxing only (nothing is decoded). One packet is one frame for the video codecs fleet cameras record (H.264,
 * HEVC, AV1 in MP4). Packets are in presentation order, so with B-frames the list is the display sequence, not the
 * file's.
 *
 * <p>Timestamps are microseconds on the stream's clock, truncated exactly like JavaCV's decoded frame timestamps, so
 * a decoded key frame's {@link FrameSignals#ptsUs()} equals its packet's.
 *
 * @param ptsUs presentation time of each packet, ascending
 * @param bytes compressed size of each packet
 * @param key whether the container marks the packet as a key frame (decodable on its own)
 * @param missingPts packets without a presentation time (their decode time was used, or the previous time plus one
 *     nominal frame period)
 * @param stopReason why reading stopped before the end of the file (a damaged or cut file), or null
 */
public record PacketTrack(long[] ptsUs, int[] bytes, boolean[] key, int missingPts, String stopReason)
    implements
      Serializable {

  public int count() {
    return ptsUs.length;
  }

  public long totalBytes() {
    long sum = 0;
    for (int b : bytes) {
      sum += b;
    }
    return sum;
  }

  /** The frame index (presentation order) of the packet with this timestamp, or -1. */
  public int indexOf(long pts) {
    int at = Arrays.binarySearch(ptsUs, pts);
    if (at < 0) {
      return -1;
    }
    while (at > 0 && ptsUs[at - 1] == pts) {
      at--;
    }
    return at;
  }

  /**
   * Demuxes {@code video}, a local file, without decoding. Throws {@link VideoUnreadableException} when the file cannot
   * be opened as a video; a read error part way ends the track there and says why in {@link #stopReason()}.
   */
  public static PacketTrack read(Path video) throws VideoUnreadableException {
    try (FfmpegLog.Capture log = FfmpegLog.capture()) {
      FFmpegFrameGrabber grabber = open(video, log);
      try {
        return scan(grabber, null);
      } finally {
        Grabbers.close(grabber);
      }
    }
  }

  /** A started grabber on {@code video}'s container; {@link Grabbers#close} it. */
  static FFmpegFrameGrabber open(Path video, FfmpegLog.Capture log) throws VideoUnreadableException {
    FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile());
    try {
      Grabbers.start(grabber, log);
    } catch (VideoUnreadableException e) {
      Grabbers.close(grabber);
      throw e;
    }
    return grabber;
  }

  /**
   * Reads every packet of the grabber's video stream, handing each key-frame packet to {@code keyPackets} (when not
   * null) before the next is read: the packet is only valid until then.
   */
  static PacketTrack scan(FFmpegFrameGrabber grabber, Consumer<AVPacket> keyPackets) {
    int stream = grabber.getVideoStream();
    AVRational timeBase = grabber.getFormatContext().streams(stream).time_base();
    int num = timeBase.num();
    int den = timeBase.den();
    double fps = grabber.getVideoFrameRate();
    long period = fps > 0 && Double.isFinite(fps) ? Math.round(1_000_000.0 / fps) : 0;
    long[] pts = new long[1024];
    int[] size = new int[1024];
    boolean[] key = new boolean[1024];
    int n = 0;
    int missing = 0;
    String stop = null;
    while (true) {
      AVPacket packet;
      try {
        packet = grabber.grabPacket();
      } catch (FrameGrabber.Exception | RuntimeException e) {
        stop = Grabbers.firstLine(e);
        break;
      }
      if (packet == null) {
        break;
      }
      try {
        if (packet.stream_index() != stream || packet.size() <= 0) {
          continue;
        }
        if (n == pts.length) {
          pts = Arrays.copyOf(pts, n * 2);
          size = Arrays.copyOf(size, n * 2);
          key = Arrays.copyOf(key, n * 2);
        }
        long t = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
        if (packet.pts() == AV_NOPTS_VALUE) {
          missing++;
        }
        pts[n] = t != AV_NOPTS_VALUE && den > 0
            ? StreamFacts.micros(t, num, den)
            : n == 0 ? 0 : pts[n - 1] + period;
        size[n] = packet.size();
        key[n] = (packet.flags() & AV_PKT_FLAG_KEY) != 0;
        if (key[n] && keyPackets != null) {
          keyPackets.accept(packet);
        }
        n++;
      } finally {
        // av_read_frame hands out a reference-counted packet and does not release the previous one: without this
        // every packet's buffer, the whole compressed file, stays in native memory (grabFrame unrefs, grabPacket
        // leaves it to the caller). The decoder took its own reference in avcodec_send_packet.
        av_packet_unref(packet);
      }
    }
    return presentationOrder(Arrays.copyOf(pts, n), Arrays.copyOf(size, n), Arrays.copyOf(key, n), missing, stop);
  }

  /** Sorts the packets by presentation time (stable: equal times keep file order). */
  static PacketTrack presentationOrder(long[] pts, int[] bytes, boolean[] key, int missing, String stop) {
    Integer[] order = new Integer[pts.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Long.compare(pts[a], pts[b]));
    long[] p = new long[pts.length];
    int[] s = new int[pts.length];
    boolean[] k = new boolean[pts.length];
    for (int i = 0; i < order.length; i++) {
      p[i] = pts[order[i]];
      s[i] = bytes[order[i]];
      k[i] = key[order[i]];
    }
    return new PacketTrack(p, s, k, missing, stop);
  }
}
