package ai.curate.jobs.human;

import ai.curate.jobs.video.FrameSignals;
import ai.curate.retargeting.pose.PoseLine;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pose lines matched to decoded frames by frame index.
 *
 * @param framesWithoutPose decoded frames no pose line refers to
 * @param posesWithoutFrame pose lines whose frame index no decoded frame has
 * @param maxPtsDiffUs largest |pose pts_us - decoded frame pts| over matched pairs (an alignment check: a pose track
 *     from a different encode of the video shows up here); null without matches
 */
public record PoseJoin(int framesWithoutPose, int posesWithoutFrame, Long maxPtsDiffUs) implements Serializable {

  public static PoseJoin of(List<FrameSignals> frames, List<PoseLine> poses) {
    Map<Integer, Long> framePts = ptsByIndex(frames);
    int matched = 0;
    long maxDiff = -1;
    for (PoseLine p : poses) {
      Long pts = framePts.get(p.frameIndex());
      if (pts != null) {
        matched++;
        maxDiff = Math.max(maxDiff, Math.abs(p.ptsUs() - pts));
      }
    }
    return new PoseJoin(framePts.size() - matched, poses.size() - matched, matched == 0 ? null : maxDiff);
  }

  /** Decoded frame timestamps by frame index (indices are unique in a full decode). */
  public static Map<Integer, Long> ptsByIndex(List<FrameSignals> frames) {
    Map<Integer, Long> out = new HashMap<>(frames.size() * 2);
    for (FrameSignals f : frames) {
      out.putIfAbsent(f.frameIndex(), f.ptsUs());
    }
    return out;
  }
}
