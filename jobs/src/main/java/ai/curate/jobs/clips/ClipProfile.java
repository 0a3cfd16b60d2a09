package ai.curate.jobs.clips;

import ai.curate.jobs.config.YamlFiles;
import ai.curate.jobs.errors.CurateErrors;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A clip profile ({@code configs/clips/*.yaml}): what one world-model trainer reads. Loaded and checked once; a bad
 * file is a one-line config error naming the file and the key.
 *
 * @param name the profile's name: a folder name of the export and part of every clip id
 * @param frames frames per clip
 * @param fps the clip's frame rate; frame {@code k} shows the step nearest to the clip's start + {@code k / fps}
 * @param width output width in pixels (even: H.264 with 4:2:0 chroma)
 * @param height output height in pixels (even)
 * @param resize {@code crop} (fill the frame, cut the overflow, centred) or {@code letterbox} (fit, black bars)
 * @param cameras the fleet cameras, each its own video in the clip (a human clip has one camera, {@code video})
 * @param stride clip frames from one clip's start to the next one's (= frames: back to back; less: overlapping)
 * @param modalities what goes in the per-frame record: {@code state}, {@code action}, {@code wrenches},
 *     {@code tactile}, {@code validity}; every one but {@code validity} must also be valid over the whole clip
 */
public record ClipProfile(String name, int frames, double fps, int width, int height, Resize resize,
    List<String> cameras, int stride, List<String> modalities) implements Serializable {

  /** How a source frame becomes the profile's size. */
  public enum Resize {
    CROP,
    LETTERBOX
  }

  public static final String STATE = "state";
  public static final String ACTION = "action";
  public static final String WRENCHES = "wrenches";
  public static final String TACTILE = "tactile";
  public static final String VALIDITY = "validity";
  static final List<String> MODALITIES = List.of(STATE, ACTION, WRENCHES, TACTILE, VALIDITY);
  /** The camera of a human clip in {@code camera_frame_index}. */
  public static final String HUMAN_CAMERA = "video";

  /** Overlapping clips are encoded at once (one encoder per clip and camera): this bounds how many. */
  static final int MAX_OVERLAP = 8;
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
  private static final Pattern CAMERA = Pattern.compile("[A-Za-z0-9_]+");

  public ClipProfile {
    cameras = cameras == null ? null : List.copyOf(cameras);
    modalities = modalities == null ? null : List.copyOf(modalities);
  }

  /** Loads and checks {@code file} (a one-line config error when it is missing or wrong). */
  public static ClipProfile load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw CurateErrors.configuredFileMissing("clip profile", "file", file,
          "the shipped profiles are in configs/clips/");
    }
    ClipProfile p = YamlFiles.bind(file, ClipProfile.class, "clip profile");
    String problem = p.problem();
    if (problem != null) {
      throw invalid(file, problem, null);
    }
    return p;
  }

  /** What is wrong with this profile, or null. */
  String problem() {
    if (name == null || !NAME.matcher(name).matches()) {
      return "name must be 1-64 characters of a-z, 0-9, _ and -, starting with a letter or digit (it names a folder)";
    }
    if (frames < 1 || frames > 10_000) {
      return "frames must be between 1 and 10000";
    }
    if (!(fps > 0) || fps > 1000) {
      return "fps must be > 0 and at most 1000";
    }
    if (width < 16 || height < 16 || width > 8192 || height > 8192 || width % 2 != 0 || height % 2 != 0) {
      return "width and height must be even numbers of pixels between 16 and 8192 (H.264 4:2:0)";
    }
    if (resize == null) {
      return "resize must be crop or letterbox";
    }
    if (cameras == null || cameras.isEmpty()) {
      return "cameras must name at least one fleet camera";
    }
    if (new LinkedHashSet<>(cameras).size() != cameras.size()) {
      return "cameras must not repeat a camera";
    }
    for (String c : cameras) {
      if (c == null || !CAMERA.matcher(c).matches()) {
        return "camera '" + c + "' must be letters, digits and _ (it names a file of the clip)";
      }
    }
    if (stride < 1) {
      return "stride must be at least 1 frame";
    }
    if ((frames + stride - 1) / stride > MAX_OVERLAP) {
      return "stride " + stride + " makes more than " + MAX_OVERLAP + " clips overlap (each is encoded at once):"
          + " use a stride of at least " + ((frames + MAX_OVERLAP - 1) / MAX_OVERLAP);
    }
    if (modalities == null) {
      return "modalities must be a list (e.g. [state, action])";
    }
    for (String m : modalities) {
      if (!MODALITIES.contains(m)) {
        return "modality '" + m + "' is not one of " + MODALITIES;
      }
    }
    return null;
  }

  public boolean has(String modality) {
    return modalities.contains(modality);
  }

  /** The cameras of a clip of {@code source}: the profile's for the fleet, {@code video} for a human clip. */
  public List<String> camerasOf(String source) {
    return "human".equals(source) ? List.of(HUMAN_CAMERA) : cameras;
  }

  /** Nanoseconds between clip frames. */
  public double periodNs() {
    return 1e9 / fps;
  }

  /**
   * A digest of everything that shapes the output (every field, in a fixed form): an export made with another
   * profile of the same name is not taken as up to date.
   */
  public String fingerprint() {
    String canonical = String.join("|", name, Integer.toString(frames), Double.toString(fps),
        Integer.toString(width), Integer.toString(height), resize.name().toLowerCase(Locale.ROOT),
        String.join(",", cameras), Integer.toString(stride), String.join(",", modalities));
    return sha256(canonical);
  }

  static String sha256(String text) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(d.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private static RuntimeException invalid(Path file, String detail, Throwable cause) {
    return YamlFiles.invalid("clip profile", file, detail, cause);
  }
}
