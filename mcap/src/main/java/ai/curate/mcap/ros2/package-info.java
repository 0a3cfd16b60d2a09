/**
 * Generic decoding of the messages of MCAP channels, driven by each channel's schema: ROS 2 {@code ros2msg}
 * schemas ({@link ai.curate.mcap.ros2.Ros2MsgSchemaParser}), CDR messages in XCDR1 and XCDR2
 * ({@link ai.curate.mcap.ros2.CdrMessageDecoder}, and the inverse {@link ai.curate.mcap.ros2.CdrMessageEncoder}),
 * JSON messages ({@link ai.curate.mcap.ros2.JsonMessageDecoder}). Start at
 * {@link ai.curate.mcap.ros2.MessageDecoders#forChannel}; values are described in
 * {@link ai.curate.mcap.ros2.ValueModel}; every failure is a {@link ai.curate.mcap.ros2.MessageDecodingException}
 * with a stable kind.
 */
package ai.curate.mcap.ros2;
