package ai.curate.mcap;

/** The order in which a reader delivers messages. */
public enum MessageOrder {
  /** As stored: chunk by chunk in file order, and within a chunk as written. */
  FILE,
  /**
   * By log time (ties in file order), merging chunks whose time ranges overlap. Needs chunk indexes: a file without
   * them is read by a linear scan, in file order.
   */
  LOG_TIME
}
