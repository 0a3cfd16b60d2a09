package ai.curate.tests.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A manual tool, not a check CI runs: writes the {@link TableFingerprint} of every bronze, silver and gold table of a
 * warehouse folder to a text file and, given an earlier dump, compares the two. It shows that a change of the code
 * left the pipeline's output alone: run {@code bin/curate demo} at two commits with the same absolute
 * {@code paths.*} (columns such as gold.episodes.raw_path hold raw file paths), dump each warehouse, compare. Two
 * checkouts in different folders differ in gold.quality_runs.rules_file, which holds the rule file's absolute path
 * under the installation.
 *
 * <pre>
 * mvn -o -pl tests test -Dtest=WarehouseFingerprintDumpTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dcurate.fingerprint.warehouse=/tmp/a/warehouse -Dcurate.fingerprint.out=/tmp/a.tsv \
 *     [-Dcurate.fingerprint.compare=/tmp/b.tsv]
 * </pre>
 *
 * Only the pure round trip of the dump format runs in a build: the dump needs {@code curate.fingerprint.warehouse}.
 * With {@code curate.fingerprint.compare} it fails when a table both dumps hold differs, naming the differing columns;
 * tables only one dump holds are printed, not failures (a later commit may add tables).
 */
class WarehouseFingerprintDumpTest {

  @Test
  @EnabledIfSystemProperty(named = "curate.fingerprint.warehouse", matches = ".+")
  void dumpAndCompare() throws IOException {
    Path warehouse = Path.of(System.getProperty("curate.fingerprint.warehouse"));
    Path out = Path.of(System.getProperty("curate.fingerprint.out", "target/warehouse-fingerprints.tsv"));
    Map<String, TableFingerprint> tables = TableFingerprint.ofWarehouse(warehouse);
    assertThat(tables).as("Delta tables under %s/{bronze,silver,gold}", warehouse).isNotEmpty();
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.write(out, format(tables));
    System.out.printf("%d tables of %s fingerprinted into %s%n", tables.size(), warehouse, out.toAbsolutePath());

    String compare = System.getProperty("curate.fingerprint.compare", "");
    if (compare.isEmpty()) {
      return;
    }
    Map<String, TableFingerprint> other = parse(Files.readAllLines(Path.of(compare)));
    List<String> differing = new ArrayList<>();
    TreeSet<String> names = new TreeSet<>(tables.keySet());
    names.addAll(other.keySet());
    for (String name : names) {
      TableFingerprint mine = tables.get(name);
      TableFingerprint theirs = other.get(name);
      if (mine == null || theirs == null) {
        System.out.printf("%-32s only in %s%n", name, mine == null ? compare : warehouse);
      } else if (mine.equals(theirs)) {
        System.out.printf("%-32s %,12d rows  equal%n", name, mine.rows());
      } else {
        String line = String.format("%s: rows %d (other %d)%s, differing columns %s", name, mine.rows(),
            theirs.rows(),
            mine.contentSchema().equals(theirs.contentSchema())
                ? ""
                : ", schema " + mine.contentSchema() + " (other " + theirs.contentSchema() + ")",
            mine.differingColumns(theirs));
        System.out.println(line);
        differing.add(line);
      }
    }
    assertThat(differing).as("tables of %s that differ from %s", warehouse, compare).isEmpty();
  }

  /**
   * One {@code table} line per table (name, rows, row checksum, content schema), then one {@code column} line per
   * content column (name, checksum); tab-separated, so two dumps also compare with {@code diff}.
   */
  static List<String> format(Map<String, TableFingerprint> tables) {
    List<String> lines = new ArrayList<>();
    tables.forEach((name, f) -> {
      lines.add(String.join("\t", "table", name, Long.toString(f.rows()), f.rowChecksum(), f.contentSchema()));
      f.columnChecksums().forEach((column, sum) -> lines.add(String.join("\t", "column", name, column, sum)));
    });
    return lines;
  }

  static Map<String, TableFingerprint> parse(List<String> lines) {
    Map<String, String[]> heads = new TreeMap<>();
    Map<String, Map<String, String>> columns = new TreeMap<>();
    for (String line : lines) {
      String[] f = line.split("\t", -1);
      if (f[0].equals("table")) {
        heads.put(f[1], f);
        columns.putIfAbsent(f[1], new LinkedHashMap<>());
      } else if (f[0].equals("column")) {
        columns.computeIfAbsent(f[1], k -> new LinkedHashMap<>()).put(f[2], f[3]);
      }
    }
    Map<String, TableFingerprint> out = new TreeMap<>();
    heads.forEach((name, f) -> out.put(name,
        new TableFingerprint(Long.parseLong(f[2]), f[4], f[3], columns.get(name))));
    return out;
  }

  @Test
  void aDumpReadsBackAsTheSameFingerprints() {
    Map<String, TableFingerprint> tables = new TreeMap<>();
    tables.put("gold/a", new TableFingerprint(2, "struct<id:string>", "5/-3", Map.of("id", "5")));
    tables.put("silver/empty", new TableFingerprint(0, "struct<>", "0", Map.of()));
    assertThat(parse(format(tables))).isEqualTo(tables);
  }
}
