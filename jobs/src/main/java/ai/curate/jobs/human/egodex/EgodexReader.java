package ai.curate.jobs.human.egodex;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfInvalidPathException;
import io.jhdf.filter.PipelineFilterWithData;
import java.lang.reflect.Array;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the pose of one EgoDex recording's HDF5 file (docs/raw-formats.md, "EgoDex recording") with jHDF, in pure Java:
 * contiguous, chunked and gzip-compressed datasets alike. Only what the pose needs is read: {@code camera/intrinsic},
 * {@code transforms/camera}, the 21 MANO-order joints of each hand under {@code transforms/}, their optional
 * {@code confidences/}, and the root attributes. One joint's dataset is in memory at a time; what stays is the
 * camera-frame keypoints (about 1 KB a frame).
 *
 * <p>Structural problems (a required dataset missing, a wrong shape, a non-numeric type, datasets disagreeing on the
 * frame count, an intrinsic matrix with a non-finite value) make the file invalid; a file jHDF cannot parse is
 * unreadable. Non-finite values in a transform or a confidence only leave that hand out of that frame
 * ({@link EgodexRecording#valid}).
 */
public final class EgodexReader {
  private EgodexReader() {}

  /**
   * The HDF5 filters a dataset may be stored with: deflate (1, "gzip"), shuffle (2) and fletcher32 (3), those h5py
   * and EgoDex use. Others (LZF, LZ4, bitshuffle) are refused before any data is decoded: their decoders here are
   * Spark's older copies, not to be fed untrusted uploads.
   */
  private static final java.util.Set<Integer> ALLOWED_FILTERS = java.util.Set.of(1, 2, 3);

  /** A camera transform whose rotation part has a smaller determinant cannot be inverted reliably. */
  private static final double MIN_DETERMINANT = 1e-9;

  /** {@link #read(Path, int)} with no frame limit beyond the format's. */
  public static EgodexRecording read(Path file) throws EgodexFormatException {
    return read(file, Integer.MAX_VALUE / 64);
  }

  /**
   * Reads {@code file}; a recording that declares more than {@code maxFrames} frames is refused before anything of
   * its size is allocated (a dataset's shape costs nothing to declare: a chunked dataset of fill values can claim
   * billions of frames in a few bytes).
   *
   * @throws EgodexFormatException unreadable, invalid, or {@link EgodexFormatException#tooManyFrames()}
   */
  public static EgodexRecording read(Path file, int maxFrames) throws EgodexFormatException {
    // Checked first: jHDF leaves its file channel open (until garbage collection) when its constructor fails.
    if (!hasSignature(file)) {
      throw EgodexFormatException.unreadable("not an HDF5 file (no HDF5 signature at offset 0 or at a power of two"
          + " from 512)", null);
    }
    HdfFile hdf;
    try {
      hdf = new HdfFile(file);
    } catch (RuntimeException e) {
      throw EgodexFormatException.unreadable("not a readable HDF5 file (" + describe(e) + ")", e);
    }
    try (hdf) {
      return readOpen(hdf, maxFrames);
    } catch (RuntimeException e) {
      // A truncated file opens (its superblock is at the start) and fails here, as does a damaged chunk; jHDF
      // reports damage with many exception types (HdfException, arithmetic overflow, index and buffer errors).
      throw EgodexFormatException.unreadable("the HDF5 file is damaged or truncated: reading it failed ("
          + describe(e) + ")", e);
    }
  }

  private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

  /** Whether the HDF5 format signature is where the specification allows the superblock: 0, 512, 1024, 2048, ... */
  static boolean hasSignature(Path file) throws EgodexFormatException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      java.nio.ByteBuffer head = java.nio.ByteBuffer.allocate(SIGNATURE.length);
      for (long at = 0; at + SIGNATURE.length <= size; at = at == 0 ? 512 : at * 2) {
        head.clear();
        while (head.hasRemaining() && channel.read(head, at + head.position()) > 0) {
          // read until full
        }
        if (!head.hasRemaining() && java.util.Arrays.equals(head.array(), SIGNATURE)) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw EgodexFormatException.unreadable("it cannot be opened (" + describe(e) + ")", e);
    }
  }

  private static EgodexRecording readOpen(HdfFile hdf, int maxFrames) throws EgodexFormatException {
    double[] k = numbers(dataset(hdf, "camera/intrinsic"), "camera/intrinsic", 3, 3);
    for (double v : k) {
      if (!Double.isFinite(v)) {
        throw EgodexFormatException.invalid("camera/intrinsic has a non-finite value: " + Arrays.toString(k));
      }
    }
    double[] intrinsics = {k[0], k[4], k[2], k[5]};

    Dataset cameraSet = dataset(hdf, "transforms/" + EgodexJoints.CAMERA);
    int frames = frameCount(cameraSet, "transforms/" + EgodexJoints.CAMERA);
    if (frames > maxFrames) {
      throw EgodexFormatException.tooManyFrames("transforms/camera declares " + frames + " frames, more than the "
          + maxFrames + " read at most");
    }
    double[] camera = numbers(cameraSet, "transforms/" + EgodexJoints.CAMERA, frames, 4, 4);
    // Per frame the inverse of the camera's 3x3 part and its translation; NaN where the frame has no usable camera.
    double[] inverse = new double[frames * 9];
    boolean[] cameraOk = new boolean[frames];
    String firstBadCamera = null;
    for (int i = 0; i < frames; i++) {
      cameraOk[i] = allFinite(camera, i * 16, 16) && invert(camera, i * 16, inverse, i * 9);
      if (!cameraOk[i] && firstBadCamera == null) {
        firstBadCamera = "frame " + i + ": transforms/camera is non-finite or not invertible";
      }
    }

    Map<String, double[]> keypoints = new LinkedHashMap<>();
    Map<String, double[]> confidences = new LinkedHashMap<>();
    Map<String, boolean[]> valid = new LinkedHashMap<>();
    long invalidHands = 0;
    String firstInvalid = null;
    int firstInvalidFrame = Integer.MAX_VALUE;
    for (String side : EgodexJoints.SIDES) {
      List<String> joints = EgodexJoints.of(side);
      double[] points = new double[frames * 63];
      boolean[] ok = cameraOk.clone();
      double[] conf = new double[frames * 21];
      // Confidences are all or nothing per hand: a hand with any joint's missing has none (unknown, not zero).
      boolean confKnown = true;
      for (String joint : joints) {
        confKnown &= node(hdf, "confidences/" + joint) != null;
      }
      String[] why = new String[frames];
      for (int j = 0; j < joints.size(); j++) {
        String name = "transforms/" + joints.get(j);
        Dataset set = dataset(hdf, name);
        double[] t = numbers(set, name, frames, 4, 4);
        for (int i = 0; i < frames; i++) {
          if (!ok[i]) {
            continue;
          }
          int o = i * 16;
          if (!allFinite(t, o, 16)) {
            ok[i] = false;
            why[i] = name + " is non-finite";
            continue;
          }
          double dx = t[o + 3] - camera[o + 3];
          double dy = t[o + 7] - camera[o + 7];
          double dz = t[o + 11] - camera[o + 11];
          int m = i * 9;
          int p = (i * 21 + j) * 3;
          points[p] = inverse[m] * dx + inverse[m + 1] * dy + inverse[m + 2] * dz;
          points[p + 1] = inverse[m + 3] * dx + inverse[m + 4] * dy + inverse[m + 5] * dz;
          points[p + 2] = inverse[m + 6] * dx + inverse[m + 7] * dy + inverse[m + 8] * dz;
        }
        String confName = "confidences/" + joints.get(j);
        if (confKnown) {
          double[] c = numbers(dataset(hdf, confName), confName, frames);
          for (int i = 0; i < frames; i++) {
            if (ok[i] && !Double.isFinite(c[i])) {
              ok[i] = false;
              why[i] = confName + " is non-finite";
            }
            conf[i * 21 + j] = c[i];
          }
        }
      }
      for (int i = 0; i < frames; i++) {
        if (!ok[i]) {
          invalidHands++;
          if (i < firstInvalidFrame) {
            firstInvalidFrame = i;
            firstInvalid = "frame " + i + ", " + side + " hand: "
                + (cameraOk[i] ? why[i] : "transforms/camera is non-finite or not invertible");
          }
        }
      }
      keypoints.put(side, points);
      valid.put(side, ok);
      if (confKnown) {
        confidences.put(side, conf);
      }
    }
    if (firstInvalid == null && firstBadCamera != null) {
      firstInvalid = firstBadCamera;
    }
    return new EgodexRecording(frames, intrinsics, attributes(hdf), Map.copyOf(keypoints), Map.copyOf(confidences),
        Map.copyOf(valid), invalidHands, firstInvalid);
  }

  private static Dataset dataset(HdfFile hdf, String path) throws EgodexFormatException {
    Node node = node(hdf, path);
    if (node == null) {
      throw EgodexFormatException.invalid("required dataset " + path + " is missing");
    }
    if (!(node instanceof Dataset set)) {
      throw EgodexFormatException.invalid(path + " is a " + node.getType().name().toLowerCase(Locale.ROOT)
          + ", not a dataset");
    }
    return set;
  }

  /** The node at {@code path}, or null when there is none. */
  private static Node node(HdfFile hdf, String path) {
    try {
      return hdf.getByPath(path);
    } catch (HdfInvalidPathException e) {
      return null;
    }
  }

  private static int frameCount(Dataset set, String path) throws EgodexFormatException {
    int[] dims = set.getDimensions();
    if (dims.length != 3 || dims[1] != 4 || dims[2] != 4) {
      throw EgodexFormatException.invalid(path + " has shape " + Arrays.toString(dims) + ", expected [N, 4, 4]");
    }
    return dims[0];
  }

  /** The dataset's values as doubles, after checking it has exactly {@code shape} and a numeric type. */
  private static double[] numbers(Dataset set, String path, int... shape) throws EgodexFormatException {
    int[] dims = set.getDimensions();
    if (!Arrays.equals(dims, shape)) {
      String expected = Arrays.toString(shape);
      if (path.startsWith("transforms/") || path.startsWith("confidences/")) {
        expected += " (N = " + shape[0] + ", the frame count of transforms/camera)";
      }
      throw EgodexFormatException.invalid(path + " has shape " + Arrays.toString(dims) + ", expected " + expected);
    }
    Class<?> type = set.getJavaType();
    if (type != double.class && type != float.class && type != int.class && type != long.class
        && type != short.class && type != byte.class) {
      throw EgodexFormatException.invalid(path + " holds " + type.getSimpleName() + " values, not numbers");
    }
    if (set.getSize() == 0) {
      return new double[0];
    }
    for (PipelineFilterWithData filter : set.getFilters()) {
      if (!ALLOWED_FILTERS.contains(filter.getId())) {
        throw EgodexFormatException.invalid(path + " is stored with HDF5 filter " + filter.getId() + " ("
            + filter.getName() + "); only deflate (gzip), shuffle and fletcher32 are read");
      }
    }
    Object flat = set.getDataFlat();
    int n = Array.getLength(flat);
    double[] out = new double[n];
    if (flat instanceof double[] d) {
      return d;
    } else if (flat instanceof float[] f) {
      for (int i = 0; i < n; i++) {
        out[i] = f[i];
      }
    } else {
      for (int i = 0; i < n; i++) {
        out[i] = ((Number) Array.get(flat, i)).doubleValue();
      }
    }
    return out;
  }

  private static boolean allFinite(double[] v, int from, int count) {
    for (int i = from; i < from + count; i++) {
      if (!Double.isFinite(v[i])) {
        return false;
      }
    }
    return true;
  }

  /** Inverts the 3x3 upper-left block of the row-major 4x4 at {@code m[o..]} into {@code out[p..]}; false if singular. */
  private static boolean invert(double[] m, int o, double[] out, int p) {
    double a = m[o], b = m[o + 1], c = m[o + 2];
    double d = m[o + 4], e = m[o + 5], f = m[o + 6];
    double g = m[o + 8], h = m[o + 9], i = m[o + 10];
    double det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
    if (!(Math.abs(det) > MIN_DETERMINANT)) {
      return false;
    }
    out[p] = (e * i - f * h) / det;
    out[p + 1] = (c * h - b * i) / det;
    out[p + 2] = (b * f - c * e) / det;
    out[p + 3] = (f * g - d * i) / det;
    out[p + 4] = (a * i - c * g) / det;
    out[p + 5] = (c * d - a * f) / det;
    out[p + 6] = (d * h - e * g) / det;
    out[p + 7] = (b * g - a * h) / det;
    out[p + 8] = (a * e - b * d) / det;
    return true;
  }

  /** The root attributes as text, sorted by name: strings as they are, arrays joined with "; ", numbers in Java form. */
  private static Map<String, String> attributes(HdfFile hdf) {
    Map<String, String> out = new TreeMap<>();
    for (Map.Entry<String, Attribute> e : new HashMap<>(hdf.getAttributes()).entrySet()) {
      try {
        out.put(e.getKey(), text(e.getValue().getData()));
      } catch (RuntimeException ex) {
        // An attribute of a type jHDF cannot decode says nothing the pose needs; it is named, not dropped silently.
        out.put(e.getKey(), "<unreadable attribute: " + describe(ex) + ">");
      }
    }
    return out;
  }

  private static String text(Object value) {
    if (value == null) {
      return null;
    }
    if (value.getClass().isArray()) {
      int n = Array.getLength(value);
      StringBuilder s = new StringBuilder();
      for (int i = 0; i < n; i++) {
        if (i > 0) {
          s.append("; ");
        }
        s.append(text(Array.get(value, i)));
      }
      return s.toString();
    }
    return String.valueOf(value);
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
