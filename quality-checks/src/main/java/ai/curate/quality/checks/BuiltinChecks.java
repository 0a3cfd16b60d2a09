package ai.curate.quality.checks;

import ai.curate.quality.checks.common.ColumnThreshold;
import ai.curate.quality.checks.common.DurationBounds;
import ai.curate.quality.checks.common.FlagPresent;
import ai.curate.quality.checks.common.FrozenSensor;
import ai.curate.quality.checks.common.TimestampGaps;
import ai.curate.quality.checks.common.TimestampsMonotonic;
import ai.curate.quality.checks.human.HandVisibility;
import ai.curate.quality.checks.human.KeypointJitter;
import ai.curate.quality.checks.human.StepStatistic;
import ai.curate.quality.checks.robot.CameraFrameDrops;
import ai.curate.quality.checks.robot.CameraGaps;
import ai.curate.quality.checks.robot.ClockSkew;
import ai.curate.quality.checks.robot.DeadTaxels;
import ai.curate.quality.checks.robot.IdleSegments;
import ai.curate.quality.checks.robot.JointAccelerationLimits;
import ai.curate.quality.checks.robot.JointPositionLimits;
import ai.curate.quality.checks.robot.JointVelocityLimits;
import ai.curate.quality.checks.robot.ModalityCoverage;
import ai.curate.quality.checks.robot.StreamGaps;
import ai.curate.quality.checks.robot.StreamStaleness;
import ai.curate.quality.checks.robot.WrenchSaturation;
import ai.curate.quality.checks.robot.WrenchSpikes;
import ai.curate.quality.rules.EntityType;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every built-in check by name: the vocabulary of {@code check:} in rule files. */
public final class BuiltinChecks {
  private BuiltinChecks() {}

  private static final Map<String, BuiltinCheck> BY_NAME = index(List.of(
      // timing and generic sequence checks (robot and human)
      new TimestampsMonotonic(),
      new TimestampGaps(),
      new FrozenSensor(),
      // robot timesteps
      new ModalityCoverage(),
      new StreamStaleness(),
      new StreamGaps(),
      new CameraGaps(),
      new ClockSkew(),
      new JointPositionLimits(),
      new JointVelocityLimits(),
      new JointAccelerationLimits(),
      new WrenchSpikes(),
      new WrenchSaturation(),
      new DeadTaxels(),
      new IdleSegments(),
      // robot episodes
      new CameraFrameDrops(),
      DurationBounds.episode(),
      FlagPresent.successLabel(),
      // human clips
      ColumnThreshold.darkness(),
      ColumnThreshold.blur(),
      ColumnThreshold.frozenVideo(),
      DurationBounds.clip(),
      FlagPresent.consent(),
      // human timesteps
      new HandVisibility(),
      new KeypointJitter(),
      StepStatistic.retargetingError(),
      StepStatistic.limitSaturation()));

  private static Map<String, BuiltinCheck> index(List<BuiltinCheck> checks) {
    Map<String, BuiltinCheck> byName = new LinkedHashMap<>();
    for (BuiltinCheck c : checks) {
      if (byName.put(c.name(), c) != null) {
        throw new IllegalStateException("two built-in checks named " + c.name());
      }
    }
    return byName;
  }

  public static Optional<BuiltinCheck> find(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  public static Collection<BuiltinCheck> all() {
    return BY_NAME.values();
  }

  /** Names usable in a rule file for {@code entity}, for error messages. */
  public static List<String> namesFor(EntityType entity) {
    return BY_NAME.values().stream().filter(c -> c.entityTypes().contains(entity)).map(BuiltinCheck::name).toList();
  }
}
