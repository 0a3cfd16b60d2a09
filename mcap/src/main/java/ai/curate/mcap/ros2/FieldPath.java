package ai.curate.mcap.ros2;

import java.util.Arrays;

/**
 * The field being read or written, as a stack ({@code header.stamp.sec}, {@code dim[2].label}), so an error can say
 * where it happened. Left as it was when an exception escapes, which is the point.
 */
final class FieldPath {
  private Object[] segments = new Object[8];
  private int depth;

  void push(String field) {
    add(field);
  }

  void pushIndex(int index) {
    add(index);
  }

  void pop() {
    depth--;
  }

  private void add(Object segment) {
    if (depth == segments.length) {
      segments = Arrays.copyOf(segments, depth * 2);
    }
    segments[depth++] = segment;
  }

  @Override
  public String toString() {
    if (depth == 0) {
      return "(message)";
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      if (segments[i] instanceof Integer index) {
        out.append('[').append(index).append(']');
      } else {
        out.append(out.length() == 0 ? "" : ".").append(segments[i]);
      }
    }
    return out.toString();
  }
}
