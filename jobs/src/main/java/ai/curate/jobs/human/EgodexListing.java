package ai.curate.jobs.human;

import ai.curate.jobs.landing.LandingZone;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The EgoDex recordings of a date from the files under {@code <raw>/egodex/date=D/<task>/}: one recording per file
 * stem that has a {@code .hdf5} or an {@code .mp4} (a stem with only one of them is listed too, and rejected by name),
 * sorted by task then stem. Other files are not recordings and are not listed.
 */
final class EgodexListing {
  static final String ZONE = "egodex";

  private EgodexListing() {}

  static List<ClipLocation> recordings(List<LandingZone.UnitFolder> files) {
    Map<String, ClipLocation> byKey = new TreeMap<>();
    for (LandingZone.UnitFolder f : files) {
      String stem = stem(f.name());
      if (stem == null) {
        continue;
      }
      String dir = f.path().substring(0, f.path().length() - f.name().length() - 1);
      byKey.putIfAbsent(f.group() + "\u0000" + stem, ClipLocation.egodex(f.group(), stem, dir));
    }
    return List.copyOf(byKey.values());
  }

  /** The file's stem when it is one of a recording's two files, else null. */
  static String stem(String name) {
    for (String ext : new String[] {".hdf5", ".mp4"}) {
      if (name.endsWith(ext) && name.length() > ext.length()) {
        return name.substring(0, name.length() - ext.length());
      }
    }
    return null;
  }
}
