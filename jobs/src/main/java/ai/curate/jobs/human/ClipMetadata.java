package ai.curate.jobs.human;

import java.io.Serializable;
import java.util.List;

/**
 * The parsed {@code clip.json} (docs/raw-formats.md, format version 1). Optional fields are null when absent.
 *
 * @param consent the clip's consent flag; null when clip.json does not say (the quality stage quarantines such clips)
 * @param keypointFrame {@code camera} (default) or {@code wrist} (keypoints already wrist-centred in the MANO frame)
 * @param intrinsics fx, fy, cx, cy in pixels; null without a camera block
 * @param tHeadCamera the camera pose in the head frame, 16 numbers row-major; null when not given
 */
public record ClipMetadata(
    int formatVersion,
    String clipId,
    String dataset,
    String sourceUri,
    String license,
    Boolean consent,
    String task,
    String prompt,
    String keypointFrame,
    List<Double> intrinsics,
    Integer cameraWidth,
    Integer cameraHeight,
    List<Double> tHeadCamera) implements Serializable {}
