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
 * @param sourceFormat the raw layout: {@value #CLIP_FORMAT} or {@value #EGODEX_FORMAT}
 * @param sourceAttributes what the source says of the recording beyond these fields (EgoDex: the HDF5 file's root
 *     attributes); null for a clip folder
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
    List<Double> tHeadCamera,
    String sourceFormat,
    java.util.Map<String, String> sourceAttributes) implements Serializable {
  public static final String CLIP_FORMAT = "human-clip";
  public static final String EGODEX_FORMAT = "egodex";
}
