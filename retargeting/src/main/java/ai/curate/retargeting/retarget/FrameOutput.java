package ai.curate.retargeting.retarget;

import java.util.Map;

/**
 * One output line of {@code curate retarget}: the robot joint angles for a video frame (radians,
 * canonical joint order; joints of a hand that is absent in the frame are left out), the mean vector
 * error over the hands present (mm, null when none is), and per-hand details.
 */
public record FrameOutput(int frameIndex, Long ptsUs, Map<String, Double> joints, Double vectorErrorMm,
    Map<String, HandFrameMetrics> hands) {}
