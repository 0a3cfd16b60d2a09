package ai.curate.jobs.clips;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Scales a decoded BGR frame to a clip profile's size. {@code crop} scales the frame to cover the target and cuts the
 * overflow evenly from both sides; {@code letterbox} scales it to fit inside and pads with black. Area averaging when
 * shrinking, bilinear when enlarging (OpenCV), so the output depends only on the input pixels.
 *
 * <p>Not thread-safe; holds its output and scratch images (native memory: two frames of the target size and one
 * scaled frame), released by {@link #close()}.
 */
final class FrameScaler implements AutoCloseable {
  private static final Scalar BLACK = new Scalar(0, 0, 0, 0);
  private final int width;
  private final int height;
  private final ClipProfile.Resize mode;
  private final Mat out;
  private final Mat scaled = new Mat();
  /** The geometry for the last source size (sources keep their size, so it is computed once per video). */
  private int sourceWidth = -1;
  private int sourceHeight = -1;
  private Size scaledSize;
  private Rect region;
  private int interpolation;

  FrameScaler(int width, int height, ClipProfile.Resize mode) {
    this.width = width;
    this.height = height;
    this.mode = mode;
    this.out = new Mat(height, width, org.bytedeco.opencv.global.opencv_core.CV_8UC3);
  }

  /** {@code source} (8-bit BGR) at the target size; the returned image is reused by the next call. */
  Mat scale(Mat source) {
    int w = source.cols();
    int h = source.rows();
    if (w == width && h == height) {
      source.copyTo(out);
      return out;
    }
    if (w != sourceWidth || h != sourceHeight) {
      geometry(w, h);
    }
    resize(source, scaled, scaledSize, 0, 0, interpolation);
    if (mode == ClipProfile.Resize.CROP) {
      try (Mat roi = new Mat(scaled, region)) {
        roi.copyTo(out);
      }
    } else {
      out.put(BLACK);
      try (Mat roi = new Mat(out, region)) {
        scaled.copyTo(roi);
      }
    }
    return out;
  }

  /** The scaled size and the region (of the scaled frame for crop, of the output for letterbox) for w x h. */
  private void geometry(int w, int h) {
    closeGeometry();
    double sx = width / (double) w;
    double sy = height / (double) h;
    double s;
    if (mode == ClipProfile.Resize.CROP) {
      s = Math.max(sx, sy);
      int cw = Math.max(width, (int) Math.round(w * s));
      int ch = Math.max(height, (int) Math.round(h * s));
      scaledSize = new Size(cw, ch);
      region = new Rect((cw - width) / 2, (ch - height) / 2, width, height);
    } else {
      s = Math.min(sx, sy);
      int fw = Math.min(width, Math.max(1, (int) Math.round(w * s)));
      int fh = Math.min(height, Math.max(1, (int) Math.round(h * s)));
      scaledSize = new Size(fw, fh);
      region = new Rect((width - fw) / 2, (height - fh) / 2, fw, fh);
    }
    interpolation = s < 1 ? INTER_AREA : INTER_LINEAR;
    sourceWidth = w;
    sourceHeight = h;
  }

  private void closeGeometry() {
    if (scaledSize != null) {
      scaledSize.close();
      region.close();
    }
  }

  @Override
  public void close() {
    closeGeometry();
    scaled.close();
    out.close();
  }
}
