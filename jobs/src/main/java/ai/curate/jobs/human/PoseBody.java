package ai.curate.jobs.human;

import java.io.Serializable;

/** The optional body of one pose line: the estimator's keypoint format name and its K keypoints (x, y, z). */
public record PoseBody(String format, float[][] keypoints) implements Serializable {
}
