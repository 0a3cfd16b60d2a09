package ai.curate.transforms.align;

/** How a stream's samples become one value at a grid time t (exact rules in docs/alignment.md). */
public enum AlignMethod {
  /** Linear interpolation between the last usable sample at or before t and the first after t. */
  LINEAR,
  /** The last usable sample at or before t (the value in force at t). */
  PREVIOUS,
  /** The usable sample closest to t; on equal distance the earlier one wins. */
  NEAREST,
  /** Element-wise mean of the usable samples with t - maxGap < ts <= t. */
  WINDOW_MEAN,
  /** Element-wise maximum of the usable samples with t - maxGap < ts <= t. */
  WINDOW_MAX;

  boolean isWindow() {
    return this == WINDOW_MEAN || this == WINDOW_MAX;
  }
}
