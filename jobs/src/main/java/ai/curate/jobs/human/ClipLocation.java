package ai.curate.jobs.human;

import java.io.Serializable;

/**
 * One human recording found by the stage's listing, in one of the two raw layouts (docs/raw-formats.md):
 * <ul>
 *   <li>{@link Layout#CLIP_FOLDER}: the folder {@code <raw>/human/date=D/<dataset>/<clip_id>/} with clip.json,
 *       video.mp4 and pose.jsonl;</li>
 *   <li>{@link Layout#EGODEX}: the pair {@code <raw>/egodex/date=D/<task>/<n>.hdf5} and {@code <n>.mp4}; its dataset
 *       is {@value #EGODEX_DATASET} and its clip id {@code <task>-<n>}.</li>
 * </ul>
 *
 * @param dir the clip folder, or the EgoDex task folder; fully qualified (file:/..., s3a://...)
 * @param stem the EgoDex file name without extension ({@code <n>}); null for a clip folder
 */
public record ClipLocation(String dataset, String clipId, String dir, Layout layout, String stem)
    implements
      Serializable {
  public static final String CLIP_JSON = "clip.json";
  public static final String VIDEO = "video.mp4";
  public static final String POSE = "pose.jsonl";
  public static final String EGODEX_DATASET = "egodex";

  public enum Layout {
    CLIP_FOLDER,
    EGODEX
  }

  /** A clip folder. */
  public ClipLocation(String dataset, String clipId, String dir) {
    this(dataset, clipId, dir, Layout.CLIP_FOLDER, null);
  }

  /** The EgoDex recording {@code <taskDir>/<stem>.hdf5} with {@code <stem>.mp4}. */
  public static ClipLocation egodex(String task, String stem, String taskDir) {
    return new ClipLocation(EGODEX_DATASET, task + "-" + stem, taskDir, Layout.EGODEX, stem);
  }

  public String file(String name) {
    return dir.endsWith("/") ? dir + name : dir + "/" + name;
  }

  /** The video's file name: video.mp4, or {@code <n>.mp4}. */
  public String videoName() {
    return layout == Layout.EGODEX ? stem + ".mp4" : VIDEO;
  }

  /** The pose file's name: pose.jsonl, or {@code <n>.hdf5}. */
  public String poseName() {
    return layout == Layout.EGODEX ? stem + ".hdf5" : POSE;
  }

  /** The file that names the recording: clip.json, or the HDF5 file (which carries its metadata). */
  public String metadataName() {
    return layout == Layout.EGODEX ? poseName() : CLIP_JSON;
  }

  /** What bronze.human_clips.source_path says: the clip folder, or the HDF5 file. */
  public String sourcePath() {
    return layout == Layout.EGODEX ? file(poseName()) : dir;
  }

  /** The name of the date folder ({@code date=D}) the recording was listed under. */
  public String dateFolderName() {
    org.apache.hadoop.fs.Path folder = new org.apache.hadoop.fs.Path(dir);
    return (layout == Layout.EGODEX ? folder.getParent() : folder.getParent().getParent()).getName();
  }

  /** The EgoDex task folder's name; null for a clip folder. */
  public String egodexTask() {
    return layout == Layout.EGODEX ? new org.apache.hadoop.fs.Path(dir).getName() : null;
  }
}
