package ai.curate.jobs.human;

import java.io.Serializable;

/**
 * One clip folder, {@code <raw>/human/date=D/<dataset>/<clip_id>/}, as found by {@link ai.curate.jobs.landing.LandingZone}.
 *
 * @param dir the folder's fully qualified URI (file:/..., s3a://...)
 */
public record ClipLocation(String dataset, String clipId, String dir) implements Serializable {
  public static final String CLIP_JSON = "clip.json";
  public static final String VIDEO = "video.mp4";
  public static final String POSE = "pose.jsonl";

  public String file(String name) {
    return dir.endsWith("/") ? dir + name : dir + "/" + name;
  }
}
