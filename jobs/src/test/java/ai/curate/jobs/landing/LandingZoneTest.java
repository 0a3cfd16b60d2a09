package ai.curate.jobs.landing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.curate.jobs.errors.UserError;
import java.util.List;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listing a date of the landing zone never follows a symbolic link: linked groups and units are listed apart. */
class LandingZoneTest {
  @TempDir
  Path temp;

  @Test
  void linkedGroupAndUnitFoldersAreNotUnitsButAreListedAsLinks() throws Exception {
    Path date = temp.resolve("human/date=2026-01-15");
    Path clip = Files.createDirectories(date.resolve("ego-kitchen/clip-a"));
    Files.writeString(clip.resolve("clip.json"), "{}");
    Path elsewhere = Files.createDirectories(temp.resolve("elsewhere/clip-b"));
    Files.createSymbolicLink(date.resolve("ego-kitchen/clip-b"), elsewhere);
    Files.createSymbolicLink(date.resolve("ego-linked"), date.resolve("ego-kitchen"));

    FileSystem fs = FileSystem.getLocal(new Configuration());
    LandingZone.Listing listing = LandingZone.scan(fs, new org.apache.hadoop.fs.Path(date.toUri()));

    assertThat(listing.units()).extracting(LandingZone.UnitFolder::name).containsExactly("clip-a");
    assertThat(listing.links()).extracting(l -> l.group() + "/" + l.name())
        .containsExactlyInAnyOrder("ego-kitchen/clip-b", "ego-linked/null");
    assertThat(LandingZone.list(fs, new org.apache.hadoop.fs.Path(date.toUri())))
        .extracting(LandingZone.UnitFolder::name).containsExactly("clip-a");
  }

  @Test
  void aLinkedDateFolderIsRefusedInOneLineAndNotRead() throws Exception {
    Path elsewhere = Files.createDirectories(temp.resolve("elsewhere/neo-1/s1"));
    Files.createDirectories(temp.resolve("raw/fleet"));
    Files.createSymbolicLink(temp.resolve("raw/fleet/date=2026-01-15"), elsewhere.getParent().getParent());
    Configuration hadoop = new Configuration();
    String raw = temp.resolve("raw").toUri().toString();
    java.time.LocalDate date = java.time.LocalDate.parse("2026-01-15");

    for (org.assertj.core.api.ThrowableAssert.ThrowingCallable listing : List.<org.assertj.core.api.ThrowableAssert.ThrowingCallable>of(
        () -> LandingZone.scanDate(hadoop, raw, "fleet", date, "fleet session"),
        () -> LandingZone.scanDateIfPresent(hadoop, raw, "fleet", date))) {
      assertThatThrownBy(listing).isInstanceOf(UserError.class)
          .hasMessageContainingAll("date=2026-01-15", "symbolic link", "never followed")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
  }
}
