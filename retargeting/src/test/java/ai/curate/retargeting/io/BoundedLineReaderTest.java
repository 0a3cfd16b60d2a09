package ai.curate.retargeting.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedLineReaderTest {
  private static List<BoundedLineReader.Line> all(Reader in, long max) throws IOException {
    List<BoundedLineReader.Line> out = new ArrayList<>();
    try (BoundedLineReader r = new BoundedLineReader(in, max)) {
      BoundedLineReader.Line l;
      while ((l = r.next()) != null) {
        out.add(l);
      }
    }
    return out;
  }

  @Test
  void splitsOnLfCrlfAndCrLikeReadLineAndKeepsBlankLinesAndALastLineWithoutTerminator() throws IOException {
    List<BoundedLineReader.Line> lines = all(new StringReader("a\r\nbb\n\nc\rd"), 10);

    assertThat(lines).extracting(BoundedLineReader.Line::text).containsExactly("a", "bb", "", "c", "d");
    assertThat(lines).extracting(BoundedLineReader.Line::number).containsExactly(1, 2, 3, 4, 5);
    assertThat(all(new StringReader(""), 10)).isEmpty();
    assertThat(all(new StringReader("x\r\n"), 10)).extracting(BoundedLineReader.Line::text).containsExactly("x");
  }

  @Test
  void aLineOverTheCapIsCountedButNotKeptAndTheNextLineIsReadNormally() throws IOException {
    List<BoundedLineReader.Line> lines = all(new StringReader("1234\n12345\n" + "x".repeat(100_000) + "\nok"), 4);

    assertThat(lines).extracting(BoundedLineReader.Line::text).containsExactly("1234", null, null, "ok");
    assertThat(lines).extracting(BoundedLineReader.Line::bytes).containsExactly(4L, 5L, 100_000L, 2L);
    assertThat(lines.get(2).tooLong()).isTrue();
    assertThat(lines.get(3).number()).isEqualTo(4);
  }

  @Test
  void lengthsAreUtf8Bytes() throws IOException {
    // e-acute: 2 bytes; euro sign: 3; an emoji (a surrogate pair): 4.
    List<BoundedLineReader.Line> lines = all(new StringReader("\u00e9\n\u20ac\n\ud83d\ude00\n"), 3);

    assertThat(lines).extracting(BoundedLineReader.Line::bytes).containsExactly(2L, 3L, 4L);
    assertThat(lines).extracting(BoundedLineReader.Line::tooLong).containsExactly(false, false, true);
  }

  @Test
  void anEndlessLineNeverGrowsTheBufferPastTheCap() throws IOException {
    // 16 MiB of one line from a reader that makes it up as it goes: no String of it is ever built.
    long total = 16L << 20;
    Reader endless = new Reader() {
      private long left = total;

      @Override
      public int read(char[] buf, int off, int len) {
        if (left == 0) {
          return -1;
        }
        int n = (int) Math.min(len, left);
        java.util.Arrays.fill(buf, off, off + n, 'z');
        left -= n;
        return n;
      }

      @Override
      public void close() {}
    };
    List<BoundedLineReader.Line> lines = all(endless, 1024);

    assertThat(lines).singleElement().satisfies(l -> {
      assertThat(l.tooLong()).isTrue();
      assertThat(l.bytes()).isEqualTo(total);
    });
  }

  @Test
  void theCapIsAtLeastOneByte() {
    assertThatThrownBy(() -> new BoundedLineReader(new StringReader(""), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
