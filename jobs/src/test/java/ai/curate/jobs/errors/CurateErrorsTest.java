package ai.curate.jobs.errors;

import static org.assertj.core.api.Assertions.assertThat;

import ai.curate.quality.QualityRuleException;
import ai.curate.retargeting.urdf.UrdfException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The error vocabulary: built in one place, classified by type. Pure JUnit, no Spark. */
class CurateErrorsTest {

  @Test
  void userErrorsAreBuiltOnlyInTheErrorsPackage() throws IOException {
    Path repo = Path.of(System.getProperty("curate.project.dir", "..")).toAbsolutePath().normalize();
    List<String> offenders;
    try (Stream<Path> files = Files.walk(repo)) {
      offenders = files.filter(p -> p.toString().endsWith(".java"))
          .filter(p -> p.toString().contains("/src/main/"))
          .filter(p -> !p.toString().contains("/target/"))
          .filter(p -> !p.getParent().endsWith(Path.of("ai/curate/jobs/errors")))
          .filter(CurateErrorsTest::constructsUserError)
          .map(p -> repo.relativize(p).toString())
          .toList();
    }
    assertThat(repo.resolve("jobs/src/main/java/ai/curate/jobs/errors/CurateErrors.java")).exists();
    assertThat(offenders).as("files that build a UserError themselves instead of through CurateErrors").isEmpty();
  }

  private static boolean constructsUserError(Path file) {
    try {
      return Files.readString(file).contains("new UserError(")
          || Files.readString(file).contains("new ai.curate.jobs.errors.UserError(");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void userErrorsKeepTheirKindAndMessage() {
    UserError e = CurateErrors.badConfigValue("align.bucket_seconds", "must be > 0");
    assertThat(CurateErrors.asUserError(e)).containsSame(e);
    assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG);
    assertThat(e.getMessage()).isEqualTo("config key 'align.bucket_seconds': must be > 0");
    assertThat(CurateErrors.badDate("15/01/2026").kind()).isEqualTo(ErrorKind.USAGE);
    assertThat(CurateErrors.rawDateMissing("fleet", "/raw/date=2026-01-15").kind())
        .isEqualTo(ErrorKind.MISSING_INPUT);
  }

  @Test
  void libraryInputErrorsAreTheUsersToFixByType() {
    UserError urdf = CurateErrors.asUserError(new UrdfException("joint 'j1' has no parent")).orElseThrow();
    assertThat(urdf.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
    assertThat(urdf.getMessage()).contains("joint 'j1' has no parent");
    assertThat(CurateErrors.asUserError(new QualityRuleException("rule 'x': bad threshold"))).isPresent();
  }

  @Test
  void otherExceptionsAreInternalErrors() {
    // An IllegalArgumentException thrown by our own code is a bug unless a library declared it as an input error.
    assertThat(CurateErrors.asUserError(new IllegalArgumentException("index out of range"))).isEmpty();
    assertThat(CurateErrors.asUserError(new IllegalStateException("broken invariant"))).isEmpty();
    assertThat(CurateErrors.asUserError(new NullPointerException())).isEmpty();
  }
}
