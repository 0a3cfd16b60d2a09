package ai.curate.retargeting.pose;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Streams the frames of a pose.jsonl file (docs/raw-formats.md) one line at a time, so a long clip never
 * sits in memory. Malformed lines are {@link IllegalArgumentException}s naming the file and line.
 * Blank lines are skipped; the optional {@code body} is ignored.
 */
public final class PoseJsonlReader implements Iterator<PoseFrame>, Closeable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String source;
  private final BufferedReader reader;
  private int lineNumber;
  private PoseFrame next;

  public PoseJsonlReader(BufferedReader reader, String source) {
    this.reader = reader;
    this.source = source;
  }

  public static PoseJsonlReader open(Path file) {
    try {
      return new PoseJsonlReader(Files.newBufferedReader(file, StandardCharsets.UTF_8), file.toString());
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("pose file not found: " + file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read pose file " + file, e);
    }
  }

  @Override
  public boolean hasNext() {
    if (next != null) {
      return true;
    }
    try {
      String line;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        if (!line.isBlank()) {
          next = parseLine(line);
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source, e);
    }
  }

  @Override
  public PoseFrame next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    PoseFrame f = next;
    next = null;
    return f;
  }

  private PoseFrame parseLine(String line) {
    JsonNode n;
    try {
      n = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw bad("is not valid JSON (" + e.getOriginalMessage() + ")");
    }
    if (n == null || !n.isObject()) {
      throw bad("is not a JSON object");
    }
    JsonNode fi = n.get("frame_index");
    if (fi == null || !fi.canConvertToInt() || !fi.isIntegralNumber()) {
      throw bad("has no integer 'frame_index'");
    }
    JsonNode pts = n.get("pts_us");
    Long ptsUs = pts != null && pts.isIntegralNumber() ? pts.asLong() : null;
    Map<String, HandObservation> hands = new LinkedHashMap<>();
    JsonNode hs = n.get("hands");
    if (hs != null && !hs.isNull()) {
      if (!hs.isArray()) {
        throw bad("'hands' is not an array");
      }
      for (int h = 0; h < hs.size(); h++) {
        HandObservation o = parseHand(hs.get(h), h);
        if (hands.put(o.side(), o) != null) {
          throw bad("lists the " + o.side() + " hand twice");
        }
      }
    }
    return new PoseFrame(fi.asInt(), ptsUs, hands);
  }

  private HandObservation parseHand(JsonNode hand, int h) {
    String where = "hands[" + h + "]";
    JsonNode side = hand.get("side");
    if (side == null || !("right".equals(side.asText()) || "left".equals(side.asText()))) {
      throw bad(where + ".side must be \"right\" or \"left\"");
    }
    JsonNode kps = hand.get("keypoints_3d");
    if (kps == null || !kps.isArray() || kps.size() != HandObservation.KEYPOINTS) {
      throw bad(where + ".keypoints_3d must hold " + HandObservation.KEYPOINTS + " [x, y, z] points");
    }
    double[] k = new double[3 * HandObservation.KEYPOINTS];
    for (int i = 0; i < HandObservation.KEYPOINTS; i++) {
      JsonNode p = kps.get(i);
      if (p == null || !p.isArray() || p.size() != 3) {
        throw bad(where + ".keypoints_3d[" + i + "] is not [x, y, z]");
      }
      for (int c = 0; c < 3; c++) {
        if (!p.get(c).isNumber()) {
          throw bad(where + ".keypoints_3d[" + i + "] has a non-number");
        }
        k[3 * i + c] = p.get(c).asDouble();
      }
    }
    double[] conf = null;
    JsonNode cs = hand.get("confidence");
    if (cs != null && !cs.isNull()) {
      if (!cs.isArray() || cs.size() != HandObservation.KEYPOINTS) {
        throw bad(where + ".confidence must hold " + HandObservation.KEYPOINTS + " numbers");
      }
      conf = new double[HandObservation.KEYPOINTS];
      for (int i = 0; i < conf.length; i++) {
        conf[i] = cs.get(i).asDouble();
      }
    }
    return new HandObservation(side.asText(), k, conf);
  }

  private IllegalArgumentException bad(String what) {
    return new IllegalArgumentException(source + " line " + lineNumber + ": " + what);
  }

  @Override
  public void close() {
    try {
      reader.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
