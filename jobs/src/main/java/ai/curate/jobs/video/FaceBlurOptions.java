package ai.curate.jobs.video;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * How the face-blur pass detects and hides faces.
 *
 * @param cascade one of OpenCV's Haar cascades shipped inside the bytedeco {@code opencv} jar ({@link #CASCADES})
 * @param scaleFactor image-pyramid step of the detector (smaller finds more faces, slower); above 1
 * @param minNeighbors overlapping detections a face needs (higher: fewer false faces, more missed ones); at least 1
 * @param minFaceFraction smallest face searched for, as a fraction of the frame's shorter side
 * @param detectWidth frames wider than this are downscaled to it for detection only (the blur is at full size)
 * @param margin each detected box is grown by this fraction of its size on every side before blurring, so hair line,
 *     chin and ears are covered too
 */
public record FaceBlurOptions(String cascade, double scaleFactor, int minNeighbors, double minFaceFraction,
    int detectWidth, double margin) implements Serializable {

  public static final List<String> CASCADES = List.of("haarcascade_frontalface_alt2.xml",
      "haarcascade_frontalface_alt.xml", "haarcascade_frontalface_default.xml", "haarcascade_profileface.xml");

  public FaceBlurOptions {
    if (!CASCADES.contains(cascade)) {
      throw new IllegalArgumentException("face_blur.cascade must be one of " + CASCADES + ", got '" + cascade + "'");
    }
    if (!(scaleFactor > 1.0 && scaleFactor <= 2.0)) {
      throw new IllegalArgumentException("face_blur.scale_factor must be in (1, 2], got " + scaleFactor);
    }
    if (minNeighbors < 1) {
      throw new IllegalArgumentException("face_blur.min_neighbors must be at least 1, got " + minNeighbors);
    }
    if (!(minFaceFraction > 0 && minFaceFraction < 1)) {
      throw new IllegalArgumentException("face_blur.min_face_fraction must be in (0, 1), got " + minFaceFraction);
    }
    if (detectWidth < 64) {
      throw new IllegalArgumentException("face_blur.detect_width must be at least 64, got " + detectWidth);
    }
    if (!(margin >= 0 && margin <= 1)) {
      throw new IllegalArgumentException("face_blur.margin must be in [0, 1], got " + margin);
    }
  }

  public static FaceBlurOptions defaults() {
    return new FaceBlurOptions("haarcascade_frontalface_alt2.xml", 1.1, 3, 0.05, 640, 0.2);
  }

  /** What the detector was, for the table row: results are only comparable between equal descriptions. */
  public String describe() {
    return String.format(Locale.ROOT, "opencv-haar %s scale_factor=%.3f min_neighbors=%d min_face_fraction=%.3f"
        + " detect_width=%d margin=%.2f", cascade, scaleFactor, minNeighbors, minFaceFraction, detectWidth, margin);
  }
}
