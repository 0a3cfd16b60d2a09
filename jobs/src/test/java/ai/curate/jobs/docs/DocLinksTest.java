package ai.curate.jobs.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every relative link in README.md and docs/*.md points at a file of the checkout, and every {@code #anchor} at a
 * heading of that file (GitHub's heading ids), so the docs never send a reader to a page that moved. No Spark.
 */
class DocLinksTest {
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
  private static final Pattern CODE_SPAN = Pattern.compile("`[^`]*`");
  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");

  @Test
  void relativeLinksResolve() throws IOException {
    Path root = Path.of(System.getProperty("curate.project.dir", "..")).toAbsolutePath().normalize();
    List<Path> pages = new ArrayList<>(List.of(root.resolve("README.md")));
    try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    List<String> broken = new ArrayList<>();
    for (Path page : pages) {
      for (String target : links(page)) {
        String problem = check(page, target);
        if (problem != null) {
          broken.add(root.relativize(page) + ": " + target + " (" + problem + ")");
        }
      }
    }
    assertThat(broken).as("broken links").isEmpty();
  }

  private static String check(Path page, String target) throws IOException {
    if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
      return null;
    }
    int hash = target.indexOf('#');
    String file = hash < 0 ? target : target.substring(0, hash);
    String anchor = hash < 0 ? null : target.substring(hash + 1);
    Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
    if (!Files.exists(resolved)) {
      return "no such file";
    }
    if (anchor != null && resolved.toString().endsWith(".md") && !anchors(resolved).contains(anchor)) {
      return "no heading with this id";
    }
    return null;
  }

  /** Link targets outside fenced code blocks and code spans. */
  private static List<String> links(Path page) throws IOException {
    List<String> out = new ArrayList<>();
    boolean fenced = false;
    for (String line : Files.readAllLines(page)) {
      if (line.strip().startsWith("```")) {
        fenced = !fenced;
        continue;
      }
      if (fenced) {
        continue;
      }
      Matcher m = LINK.matcher(CODE_SPAN.matcher(line).replaceAll(""));
      while (m.find()) {
        out.add(m.group(1));
      }
    }
    return out;
  }

  /** GitHub's heading ids: lower case, punctuation but '-' and '_' dropped, spaces to '-', repeats numbered. */
  static Set<String> anchors(Path page) throws IOException {
    Set<String> ids = new HashSet<>();
    boolean fenced = false;
    for (String line : Files.readAllLines(page)) {
      if (line.strip().startsWith("```")) {
        fenced = !fenced;
      }
      Matcher m = HEADING.matcher(line);
      if (fenced || !m.matches()) {
        continue;
      }
      String id = m.group(1).toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
      String unique = id;
      for (int n = 1; !ids.add(unique); n++) {
        unique = id + "-" + n;
      }
    }
    return ids;
  }
}
