package ai.curate.retargeting.pose;

import java.io.Serializable;

/** The optional body of one pose line: the estimator's keypoint format name and its K keypoints (x, y, z). */
public record PoseBody(String format, double[][] keypoints) implements Serializable {}
