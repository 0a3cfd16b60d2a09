package ai.curate.jobs.clips;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.curate.jobs.clips.ClipProfile.Resize;
import ai.curate.jobs.errors.ErrorKind;
import ai.curate.jobs.errors.UserError;
import ai.curate.jobs.sample.SampleFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shipped clip profiles load; a broken profile is a one-line config error naming the key or value. */
class ClipProfileTest {
  private static final String VALID = """
      name: test-profile
      frames: 16
      fps: 30
      width: 128
      height: 128
      resize: crop
      cameras: [head, wrist_right]
      stride: 16
      modalities: [state, action]
      """;

  private static final ClipProfile BASE = new ClipProfile("test-profile", 16, 30.0, 128, 128, Resize.CROP,
      List.of("head", "wrist_right"), 16, List.of("state", "action"));

  @TempDir
  Path temp;

  private Path write(String text) throws IOException {
    Path file = temp.resolve("profile.yaml");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void everyShippedProfileLoads() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(SampleFixture.projectDir().resolve("configs/clips"))) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(files).isNotEmpty();
    Set<String> names = new HashSet<>();
    for (Path f : files) {
      ClipProfile p = ClipProfile.load(f);
      assertThat(p.problem()).as(f.toString()).isNull();
      assertThat(names.add(p.name())).as("name %s of %s is unique", p.name(), f).isTrue();
    }
  }

  @Test
  void theTestProfileIsValid() throws IOException {
    assertThat(ClipProfile.load(write(VALID))).isEqualTo(BASE);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "unknown key       | 'stride: 16'                | 'stride: 16\\ncolour: red'  | colour",
      "missing frames    | 'frames: 16\\n'             | ''                          | frames",
      "odd width         | 'width: 128'                | 'width: 127'                | width",
      "bad resize        | 'resize: crop'              | 'resize: stretch'           | stretch",
      "unknown modality  | '[state, action]'           | '[state, smell]'            | modality 'smell'",
      "repeated camera   | '[head, wrist_right]'       | '[head, head]'              | cameras must not repeat",
      "too much overlap  | 'stride: 16'                | 'stride: 1'                 | stride 1 makes more than 8 clips overlap",
      "bad name          | 'name: test-profile'        | 'name: Test Profile'        | name must be",
  })
  void brokenProfileIsAOneLineConfigError(String label, String from, String to, String expected) throws IOException {
    String fromText = from.replace("\\n", "\n");
    assertThat(VALID).as("the case must edit the valid profile").contains(fromText);
    Path file = write(VALID.replace(fromText, to.replace("\\n", "\n")));
    assertThatThrownBy(() -> ClipProfile.load(file)).isInstanceOf(UserError.class)
        .hasMessageContaining("clip profile " + file).hasMessageContaining(expected)
        .satisfies(e -> assertThat(((UserError) e).kind()).isEqualTo(ErrorKind.CONFIG))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void theBadResizeErrorNamesTheKey() throws IOException {
    Path file = write(VALID.replace("resize: crop", "resize: stretch"));
    assertThatThrownBy(() -> ClipProfile.load(file)).hasMessageContaining("resize");
  }

  @Test
  void eightOverlappingClipsAreAllowed() throws IOException {
    // 16 frames, stride 2: ceil(16 / 2) = 8 clips overlap, the limit.
    assertThat(ClipProfile.load(write(VALID.replace("stride: 16", "stride: 2"))).stride()).isEqualTo(2);
  }

  @Test
  void missingProfileIsAConfigError() {
    assertThatThrownBy(() -> ClipProfile.load(temp.resolve("none.yaml"))).isInstanceOf(UserError.class)
        .hasMessageContaining("none.yaml").hasMessageContaining("configs/clips/");
  }

  @Test
  void fingerprintChangesWithEveryFieldAndIsStable() {
    List<ClipProfile> variants = List.of(BASE,
        new ClipProfile("other", 16, 30.0, 128, 128, Resize.CROP, List.of("head", "wrist_right"), 16,
            List.of("state", "action")),
        new ClipProfile("test-profile", 17, 30.0, 128, 128, Resize.CROP, List.of("head", "wrist_right"), 16,
            List.of("state", "action")),
        new ClipProfile("test-profile", 16, 29.97, 128, 128, Resize.CROP, List.of("head", "wrist_right"), 16,
            List.of("state", "action")),
        new ClipProfile("test-profile", 16, 30.0, 256, 128, Resize.CROP, List.of("head", "wrist_right"), 16,
            List.of("state", "action")),
        new ClipProfile("test-profile", 16, 30.0, 128, 256, Resize.CROP, List.of("head", "wrist_right"), 16,
            List.of("state", "action")),
        new ClipProfile("test-profile", 16, 30.0, 128, 128, Resize.LETTERBOX, List.of("head", "wrist_right"), 16,
            List.of("state", "action")),
        new ClipProfile("test-profile", 16, 30.0, 128, 128, Resize.CROP, List.of("wrist_right", "head"), 16,
            List.of("state", "action")),
        new ClipProfile("test-profile", 16, 30.0, 128, 128, Resize.CROP, List.of("head"), 16,
            List.of("state", "action")),
        new ClipProfile("test-profile", 16, 30.0, 128, 128, Resize.CROP, List.of("head", "wrist_right"), 8,
            List.of("state", "action")),
        new ClipProfile("test-profile", 16, 30.0, 128, 128, Resize.CROP, List.of("head", "wrist_right"), 16,
            List.of("state", "action", "validity")));
    Set<String> prints = new HashSet<>();
    for (ClipProfile p : variants) {
      assertThat(p.problem()).as(p.toString()).isNull();
      assertThat(prints.add(p.fingerprint())).as("fingerprint of %s is new", p).isTrue();
    }

    ClipProfile equal = new ClipProfile("test-profile", 16, 30, 128, 128, Resize.CROP,
        List.of("head", "wrist_right"), 16, List.of("state", "action"));
    assertThat(equal.fingerprint()).isEqualTo(BASE.fingerprint()).hasSize(64).matches("[0-9a-f]{64}");
    assertThat(BASE.fingerprint()).isEqualTo(BASE.fingerprint());
  }

  @Test
  void aLoadedProfileHasTheSameFingerprintAsAnEqualOne() throws IOException {
    assertThat(ClipProfile.load(write(VALID)).fingerprint()).isEqualTo(BASE.fingerprint());
  }
}
