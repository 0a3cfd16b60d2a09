package ai.curate.jobs.view;

import ai.curate.jobs.errors.CurateErrors;
import ai.curate.jobs.quality.QualityHtmlReport;
import ai.curate.jobs.tables.Tables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;

/**
 * {@code curate report --with-episodes}: the page of every held-back entity the report lists, written beside the
 * report so its links are relative and the folder can be copied or served as it is (a file system or an object
 * store). Bounded by the report's list ({@code QualityReportData.HELD_LISTED} entities).
 */
public final class EpisodePages {
  private EpisodePages() {}

  /** Writes the pages into {@code folder}; returns {@link QualityHtmlReport#pageKey} -> file name. */
  public static Map<String, String> writeBeside(EpisodeView view, LocalDate date, List<QualityHtmlReport.Held> held,
      Path folder) {
    Set<String> listed = held.stream().map(h -> QualityHtmlReport.pageKey(h.entityType(), h.entityId()))
        .collect(Collectors.toSet());
    Map<String, String> pages = new LinkedHashMap<>();
    if (listed.isEmpty() || !view.tables().exists(Tables.QUARANTINE)) {
      return pages;
    }
    List<Row> quarantined = view.tables().readDate(Tables.QUARANTINE, date)
        .select("entity_type", "entity_id", "robot_id", "session_id", "dataset")
        .orderBy("entity_type", "robot_id", "session_id", "dataset", "entity_id").collectAsList();
    for (Row r : quarantined) {
      ViewEntity e = new ViewEntity(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4));
      String key = QualityHtmlReport.pageKey(e.type(), e.named());
      if (!listed.contains(key)) {
        continue;
      }
      Path target = folder.resolve(e.fileName());
      try {
        Files.writeString(target, view.render(e, List.of()), StandardCharsets.UTF_8);
      } catch (IOException ex) {
        throw CurateErrors.outputNotWritable("--out", target, ex);
      }
      pages.put(key, e.fileName());
    }
    return pages;
  }
}
