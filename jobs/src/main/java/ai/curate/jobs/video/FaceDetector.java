package ai.curate.jobs.video;

import static org.bytedeco.opencv.global.opencv_core.ROTATE_180;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_90_CLOCKWISE;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_90_COUNTERCLOCKWISE;
import static org.bytedeco.opencv.global.opencv_core.rotate;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.equalizeHist;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.CascadeClassifier;

/**
 * Finds faces in BGR frames with one of OpenCV's Haar cascades. The cascade file is read from inside the bytedeco
 * {@code opencv} jar, extracted once into JavaCPP's cache directory ({@code -Dorg.bytedeco.javacpp.cachedir}, the
 * same one the native libraries use). Not thread-safe: one detector per task.
 */
public final class FaceDetector implements AutoCloseable {
  private final FaceBlurOptions options;
  private final CascadeClassifier classifier;
  private final Mat grey = new Mat();
  private final Mat small = new Mat();
  private final Mat turned = new Mat();
  private final RectVector found = new RectVector();

  public FaceDetector(FaceBlurOptions options) {
    this.options = options;
    File xml = cascadeFile(options.cascade());
    this.classifier = new CascadeClassifier(xml.getAbsolutePath());
    if (classifier.empty()) {
      classifier.close();
      throw new IllegalStateException("OpenCV could not load the face cascade " + xml
          + ": delete JavaCPP's cache directory (-Dorg.bytedeco.javacpp.cachedir) and retry");
    }
  }

  /** Faces in {@code bgr} (8-bit, 3 channels) stored upright, in its pixel coordinates, grown by the margin. */
  public List<Rect> detect(Mat bgr) {
    return detect(bgr, 0);
  }

  /**
   * Faces in {@code bgr}, a picture stored with the given display rotation ({@link StreamFacts#rotationDegrees()}: a
   * phone held sideways stores faces sideways, and the cascades only find upright faces). Detection runs on the
   * picture turned upright; boxes come back in {@code bgr}'s own pixel coordinates, grown by the margin and clipped.
   */
  public List<Rect> detect(Mat bgr, int rotationDegrees) {
    cvtColor(bgr, grey, COLOR_BGR2GRAY);
    Mat upright = grey;
    switch (rotationDegrees) {
      case 90 -> {
        rotate(grey, turned, ROTATE_90_CLOCKWISE);
        upright = turned;
      }
      case 180 -> {
        rotate(grey, turned, ROTATE_180);
        upright = turned;
      }
      case 270 -> {
        rotate(grey, turned, ROTATE_90_COUNTERCLOCKWISE);
        upright = turned;
      }
      default -> {
      }
    }
    int width = upright.cols();
    int height = upright.rows();
    double scale = width > options.detectWidth() ? options.detectWidth() / (double) width : 1.0;
    Mat searched = upright;
    if (scale < 1.0) {
      resize(upright, small, new Size(options.detectWidth(), Math.max(1, (int) Math.round(height * scale))), 0, 0,
          INTER_AREA);
      searched = small;
    }
    equalizeHist(searched, searched);
    int minSide = Math.max(12,
        (int) Math.round(options.minFaceFraction() * Math.min(searched.cols(), searched.rows())));
    classifier.detectMultiScale(searched, found, options.scaleFactor(), options.minNeighbors(), 0,
        new Size(minSide, minSide), new Size());
    List<Rect> faces = new ArrayList<>((int) found.size());
    for (long i = 0; i < found.size(); i++) {
      int[] box = grown(found.get(i), scale, width, height);
      faces.add(toStored(box, rotationDegrees, bgr.cols(), bgr.rows()));
    }
    return faces;
  }

  /** The detected box at full size, grown by the margin and clipped to the upright picture: {x, y, w, h}. */
  private int[] grown(Rect r, double scale, int width, int height) {
    double w = r.width() / scale;
    double h = r.height() / scale;
    int x0 = clamp((int) Math.floor(r.x() / scale - options.margin() * w), width);
    int y0 = clamp((int) Math.floor(r.y() / scale - options.margin() * h), height);
    int x1 = clamp((int) Math.ceil((r.x() + r.width()) / scale + options.margin() * w), width);
    int y1 = clamp((int) Math.ceil((r.y() + r.height()) / scale + options.margin() * h), height);
    return new int[] {x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0)};
  }

  /** Maps a box in the upright picture back to the stored one ({@code storedWidth x storedHeight}). */
  static Rect toStored(int[] box, int rotationDegrees, int storedWidth, int storedHeight) {
    int x = box[0];
    int y = box[1];
    int w = box[2];
    int h = box[3];
    return switch (rotationDegrees) {
      case 90 -> new Rect(y, storedHeight - x - w, h, w);
      case 180 -> new Rect(storedWidth - x - w, storedHeight - y - h, w, h);
      case 270 -> new Rect(storedWidth - y - h, x, h, w);
      default -> new Rect(x, y, w, h);
    };
  }

  private static int clamp(int v, int limit) {
    return Math.max(0, Math.min(limit, v));
  }

  static File cascadeFile(String cascade) {
    String resource = "/org/bytedeco/opencv/" + Loader.getPlatform() + "/share/opencv4/haarcascades/" + cascade;
    try {
      File file = Loader.cacheResource(FaceDetector.class, resource);
      if (file == null) {
        throw new IllegalStateException("the face cascade " + resource + " is not on the classpath: add the"
            + " org.bytedeco:opencv jar for " + Loader.getPlatform());
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("extracting the face cascade " + resource + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    found.close();
    small.close();
    turned.close();
    grey.close();
    classifier.close();
  }
}
