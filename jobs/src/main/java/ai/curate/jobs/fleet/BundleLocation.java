package ai.curate.jobs.fleet;

import java.io.Serializable;

/**
 * One session bundle folder, {@code <raw>/fleet/date=D/<robot_id>/<session_id>/}, as listed by the driver.
 *
 * @param dir the folder's fully qualified URI (file:/..., s3a://..., abfs://...)
 */
public record BundleLocation(String robotId, String sessionId, String dir) implements Serializable {
  public static final String MANIFEST = "manifest.json";
  public static final String EVENTS = "events.jsonl";

  public String file(String relative) {
    return dir.endsWith("/") ? dir + relative : dir + "/" + relative;
  }
}
