package ai.curate.jobs.fleet;

import ai.curate.jobs.landing.LandingZone;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The driver's check of a date's listing before any bundle is read: which bundles to plan, and which are left out
 * whole with their ledger rows. A session is identified by (robot_id, session_id) and a session id names one
 * recording, so a session id used by two bundle folders of the date (a bundle copied under a second robot) is a
 * {@code duplicate_session_id} row for every copy and none of them is planned: nothing is read, nothing lands twice.
 * A bundle or robot folder that is a symbolic link is a {@code symlink_skipped} row, never followed.
 *
 * @param toPlan the bundles to plan, in listing order
 * @param rejected one plan without a session per left-out bundle or link
 */
record BundleScreen(List<BundleLocation> toPlan, List<BundlePlan> rejected) {

  static BundleScreen of(LandingZone.Listing listing) {
    Map<String, List<BundleLocation>> bySession = new LinkedHashMap<>();
    for (LandingZone.UnitFolder f : listing.units()) {
      bySession.computeIfAbsent(f.name(), k -> new ArrayList<>())
          .add(new BundleLocation(f.group(), f.name(), f.path()));
    }
    List<BundleLocation> toPlan = new ArrayList<>();
    List<BundlePlan> rejected = new ArrayList<>();
    for (List<BundleLocation> copies : bySession.values()) {
      if (copies.size() == 1) {
        toPlan.addAll(copies);
        continue;
      }
      List<String> folders = copies.stream().map(c -> c.robotId() + "/" + c.sessionId()).toList();
      for (BundleLocation c : copies) {
        rejected.add(rejected(c, List.of(FleetIngestErrors.duplicateSession(c, folders))));
      }
    }
    for (LandingZone.Link link : listing.links()) {
      BundleLocation b = new BundleLocation(link.group(), link.name(), link.path());
      rejected.add(rejected(b, List.of(FleetIngestErrors.symlinkSkipped(b, null))));
    }
    return new BundleScreen(List.copyOf(toPlan), List.copyOf(rejected));
  }

  /** Every listed bundle folder and link: the count that bronze.sessions plus the ledger must account for. */
  int bundles() {
    return toPlan.size() + rejected.size();
  }

  private static BundlePlan rejected(BundleLocation b, List<ai.curate.jobs.ledger.IngestError> errors) {
    return new BundlePlan(b, null, List.of(), List.of(), List.of(), errors);
  }
}
