package ai.curate.jobs.human;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * jHDF asks for its own lz4-java (group at.yawk.lz4) with the same net.jpountz classes as Spark's org.lz4 lz4-java; the
 * build excludes it (pom.xml), so the test classpath, which is Spark's plus ours, holds one copy of each class. Two
 * copies would make which one loads depend on classpath order.
 */
class EgodexClasspathTest {
  private static List<URL> copies(String resource) throws Exception {
    return new ArrayList<>(Collections.list(EgodexClasspathTest.class.getClassLoader().getResources(resource)));
  }

  @Test
  void oneCopyOfLz4AndOfJhdfsOtherHelpers() throws Exception {
    List<URL> lz4 = copies("net/jpountz/lz4/LZ4Factory.class");
    assertThat(lz4).hasSize(1);
    assertThat(lz4.get(0).toString()).contains("/org/lz4/lz4-java/1.8.0/");
    assertThat(copies("com/ning/compress/lzf/LZFDecoder.class")).hasSize(1);
    assertThat(copies("org/apache/commons/lang3/ArrayUtils.class")).hasSize(1);
    // jHDF's LZ4 filter links against the one copy.
    Class<?> filter = Class.forName("io.jhdf.filter.Lz4Filter");
    assertThat(filter.getDeclaredConstructor().newInstance()).isNotNull();
  }
}
