/**
 * MCAP, the robotics log container (the specification at mcap.dev), read in plain Java: records, chunks (none, zstd,
 * lz4), the summary and its indexes, splits of a file by chunk, and a linear scan for a file without a summary; the
 * {@code ros2} package decodes ROS 2 messages (CDR, ros2msg schemas). No Spark here: the ingest stage in
 * {@code jobs} wraps it.
 */
package ai.curate.mcap;
