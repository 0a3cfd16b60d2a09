package ai.curate.jobs.landing;

import static org.assertj.core.api.Assertions.assertThat;

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
}
