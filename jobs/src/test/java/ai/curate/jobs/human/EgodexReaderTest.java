package ai.curate.jobs.human;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.curate.jobs.human.egodex.EgodexFormatException;
import ai.curate.jobs.human.egodex.EgodexJoints;
import ai.curate.jobs.human.egodex.EgodexReader;
import ai.curate.jobs.human.egodex.EgodexRecording;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The EgoDex HDF5 reader on files written by h5py (libhdf5): keypoints must come back in the camera frame equal to the
 * motion's known camera-frame points, whatever the storage (gzip-compressed chunks, float32 or float64), and every
 * structural defect must be named.
 */
class EgodexReaderTest {
  private static final int FRAMES = 40;

  @TempDir
  Path temp;

  @BeforeAll
  static void requireH5py() {
    EgodexTestFiles.assumeH5py();
  }

  private Path write(ObjectNode spec) throws Exception {
    return EgodexTestFiles.write(spec, Files.createTempFile(temp, "rec", ".hdf5"));
  }

  private static void assertKeypoints(EgodexRecording r, EgodexTestFiles.Motion m, double tolerance) {
    double worst = 0;
    for (String side : EgodexJoints.SIDES) {
      double[] got = r.keypoints().get(side);
      double[] want = m.points().get(side);
      assertThat(got).hasSize(want.length);
      for (int i = 0; i < want.length; i++) {
        worst = Math.max(worst, Math.abs(got[i] - want[i]));
      }
    }
    assertThat(worst).as("largest keypoint difference to the known camera-frame points (m)")
        .isLessThanOrEqualTo(tolerance);
  }

  @Test
  void gzipChunkedFloat32FromH5pyGivesTheCameraFramePoints() throws Exception {
    EgodexTestFiles.Motion m = EgodexTestFiles.motion(FRAMES);
    EgodexRecording r = EgodexReader.read(write(EgodexTestFiles.spec(m, "float32", true)));

    assertThat(r.frames()).isEqualTo(FRAMES);
    // float32 world positions near 1.5 m carry about 1e-7 m of rounding, the camera's rotation a little more.
    assertKeypoints(r, m, 1e-6);
    assertThat(r.intrinsics()).containsExactly(new double[] {736.6, 736.6, 960.0, 540.0}, within(1e-4));
    for (String side : EgodexJoints.SIDES) {
      assertThat(r.confidences().get(side)).containsExactly(
          floats(m.confidence().get(side)), within(1e-7));
      assertThat(r.valid().get(side)).doesNotContain(false);
    }
    assertThat(r.invalidHands()).isZero();
    assertThat(r.attribute("task")).isEqualTo("basic_pick_place");
    assertThat(r.attribute("llm_description")).isEqualTo("Pick up the red cup and place it on the saucer.");
    assertThat(r.attribute("environment")).isEqualTo("kitchen_table");
    assertThat(r.attribute("session_name")).isEqualTo("session_17");
    assertThat(r.attribute("llm_verbs")).isEqualTo("pick; place");
  }

  @Test
  void contiguousFloat64IsExact() throws Exception {
    EgodexTestFiles.Motion m = EgodexTestFiles.motion(FRAMES);
    EgodexRecording r = EgodexReader.read(write(EgodexTestFiles.spec(m, "float64", false)));
    assertKeypoints(r, m, 1e-12);
  }

  @Test
  void confidencesAreOptionalPerHand() throws Exception {
    EgodexTestFiles.Motion m = EgodexTestFiles.motion(FRAMES);
    ObjectNode spec = EgodexTestFiles.spec(m, "float32", true);
    EgodexTestFiles.remove(spec, "confidences/leftIndexFingerTip");
    EgodexRecording r = EgodexReader.read(write(spec));
    // Unknown, not zero: the left hand has no confidences at all, the right hand keeps its own.
    assertThat(r.confidences()).containsOnlyKeys("right");
    assertKeypoints(r, m, 1e-6);
  }

  @Test
  void nonFiniteValuesLeaveOnlyThoseHandsOut() throws Exception {
    EgodexTestFiles.Motion m = EgodexTestFiles.motion(FRAMES);
    ObjectNode spec = EgodexTestFiles.spec(m, "float32", true);
    setValue(spec, "transforms/rightThumbTip", 7 * 16 + 3, Double.NaN);
    setValue(spec, "transforms/camera", 11 * 16 + 5, Double.POSITIVE_INFINITY);
    setValue(spec, "confidences/leftHand", 20, Double.NaN);
    EgodexRecording r = EgodexReader.read(write(spec));

    boolean[] right = r.valid().get("right");
    boolean[] left = r.valid().get("left");
    assertThat(right[7]).isFalse();
    assertThat(left[7]).isTrue();
    assertThat(right[11]).isFalse();
    assertThat(left[11]).isFalse();
    assertThat(left[20]).isFalse();
    assertThat(right[20]).isTrue();
    assertThat(r.invalidHands()).isEqualTo(4);
    assertThat(r.firstInvalid()).isEqualTo("frame 7, right hand: transforms/rightThumbTip is non-finite");
    // The other frames are untouched.
    assertThat(r.keypoints().get("right")[(8 * 21 + 4) * 3]).isCloseTo(m.points().get("right")[(8 * 21 + 4) * 3],
        within(1e-6));
  }

  @Test
  void structuralDefectsAreNamed() throws Exception {
    EgodexTestFiles.Motion m = EgodexTestFiles.motion(FRAMES);

    ObjectNode missing = EgodexTestFiles.spec(m, "float32", true);
    EgodexTestFiles.remove(missing, "transforms/leftRingFingerIntermediateTip");
    assertInvalid(missing, "required dataset transforms/leftRingFingerIntermediateTip is missing");

    ObjectNode noIntrinsic = EgodexTestFiles.spec(m, "float32", true);
    EgodexTestFiles.remove(noIntrinsic, "camera/intrinsic");
    assertInvalid(noIntrinsic, "required dataset camera/intrinsic is missing");

    ObjectNode shape = EgodexTestFiles.spec(m, "float32", false);
    ObjectNode camera = EgodexTestFiles.find(shape, "transforms/camera");
    camera.set("shape", camera.arrayNode().add(FRAMES * 4).add(4));
    assertInvalid(shape, "transforms/camera has shape [160, 4], expected [N, 4, 4]");

    ObjectNode frames = EgodexTestFiles.spec(m, "float32", false);
    ObjectNode joint = EgodexTestFiles.find(frames, "transforms/rightHand");
    joint.set("shape", joint.arrayNode().add(FRAMES / 2).add(8).add(4));
    assertInvalid(frames, "transforms/rightHand has shape [20, 8, 4], expected [40, 4, 4] (N = 40, the frame count"
        + " of transforms/camera)");

    ObjectNode nanK = EgodexTestFiles.spec(m, "float32", false);
    setValue(nanK, "camera/intrinsic", 0, Double.NaN);
    assertInvalid(nanK, "camera/intrinsic has a non-finite value");
  }

  @Test
  void filesThatAreNotHdf5OrAreCutShortAreUnreadable() throws Exception {
    Path text = temp.resolve("text.hdf5");
    Files.writeString(text, "this is not an HDF5 file, just some text that is long enough to look at".repeat(20));
    assertUnreadable(text, "not an HDF5 file (no HDF5 signature");

    Path good = write(EgodexTestFiles.spec(EgodexTestFiles.motion(FRAMES), "float32", true));
    byte[] bytes = Files.readAllBytes(good);
    Path cut = temp.resolve("cut.hdf5");
    Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
    assertUnreadable(cut, "");

    Path empty = temp.resolve("empty.hdf5");
    Files.write(empty, new byte[0]);
    assertUnreadable(empty, "not an HDF5 file (no HDF5 signature");
  }

  @Test
  void aRecordingDeclaringMoreFramesThanAllowedIsRefusedBeforeAnythingOfItsSizeIsAllocated() throws Exception {
    EgodexTestFiles.Motion m = EgodexTestFiles.motion(FRAMES);
    assertThatThrownBy(() -> EgodexReader.read(write(EgodexTestFiles.spec(m, "float32", true)), FRAMES - 1))
        .isInstanceOfSatisfying(EgodexFormatException.class,
            e -> assertThat(e.tooManyFrames()).as(e.getMessage()).isTrue());

    // A billion frames declared in a few kilobytes: chunks never written read as fill values.
    ObjectNode huge = EgodexTestFiles.spec(m, "float32", true);
    ObjectNode camera = EgodexTestFiles.find(huge, "transforms/camera");
    camera.set("shape", camera.arrayNode().add(1_000_000_000).add(4).add(4));
    camera.set("data", null);
    Path file = write(huge);
    assertThat(Files.size(file)).isLessThan(1 << 20);
    assertThatThrownBy(() -> EgodexReader.read(file, 1 << 20)).isInstanceOfSatisfying(EgodexFormatException.class,
        e -> assertThat(e.getMessage()).isEqualTo("transforms/camera declares 1000000000 frames, more than the"
            + " 1048576 read at most"));
  }

  @Test
  void datasetsStoredWithOtherFiltersThanDeflateAreRefusedUndecoded() throws Exception {
    ObjectNode lzf = EgodexTestFiles.spec(EgodexTestFiles.motion(FRAMES), "float32", true);
    EgodexTestFiles.find(lzf, "transforms/leftHand").put("compression", "lzf");
    assertInvalid(lzf, "transforms/leftHand is stored with HDF5 filter 32000 (");
  }

  private void assertInvalid(ObjectNode spec, String message) throws Exception {
    Path file = write(spec);
    assertThatThrownBy(() -> EgodexReader.read(file)).isInstanceOfSatisfying(EgodexFormatException.class, e -> {
      assertThat(e.unreadable()).as("invalid, not unreadable: %s", e.getMessage()).isFalse();
      assertThat(e.getMessage()).contains(message);
    });
  }

  private static void assertUnreadable(Path file, String message) {
    assertThatThrownBy(() -> EgodexReader.read(file)).isInstanceOfSatisfying(EgodexFormatException.class, e -> {
      assertThat(e.unreadable()).as("unreadable: %s", e.getMessage()).isTrue();
      assertThat(e.getMessage()).contains(message);
    });
  }

  static void setValue(ObjectNode spec, String path, int index, double value) {
    ArrayNode data = (ArrayNode) EgodexTestFiles.find(spec, path).get("data");
    data.set(index, data.numberNode(value));
  }

  private static double[] floats(double[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }
}
