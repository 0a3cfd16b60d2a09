package ai.curate.quality.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.curate.quality.QualityRuleException;
import ai.curate.quality.checks.BuiltinChecks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rule files are validated at load, without Spark; every error names the rule and the key. */
class RuleLoaderTest {
  @TempDir
  Path temp;

  private static RuleSet parse(String yaml) {
    return RuleLoader.parse(yaml.stripIndent(), "test.yaml", SqlSyntax.unchecked());
  }

  private static QualityRuleException error(String yaml) {
    try {
      parse(yaml);
    } catch (QualityRuleException e) {
      return e;
    }
    throw new AssertionError("expected a QualityRuleException for\n" + yaml);
  }

  @Test
  void loadsBuiltinAndExpressionRulesWithDefaultsAndThresholds() {
    RuleSet rules = parse("""
        entity: episode
        fail_fraction: 0.25
        rules:
          - name: grid_gaps
            scope: timestep
            check: timestamp_gaps
            params: { max_gap_ms: 100 }
            severity: quarantine
            tags: [timing, camera]
          - name: no_nans
            description: NaN samples found by ingest
            scope: episode
            expr: coalesce(nan_count, 0) = 0
            value: nan_count
            severity: warn
          - name: valid_joint_states
            scope: timestep
            expr: joint_state_valid
            params: { max_fraction: 0.05 }
            severity: fail
          - name: frozen
            scope: timestep
            check: frozen_sensor
            params: { column: joint_position, min_run_steps: 15 }
            severity: fail
            fail_fraction: 0.9
            alert: { method: relative_change, max_increase: 3 }
        """);
    assertThat(rules.entityType()).isEqualTo(EntityType.EPISODE);
    assertThat(rules.rules()).extracting(Rule::name)
        .containsExactly("grid_gaps", "no_nans", "valid_joint_states", "frozen");

    Rule gaps = rules.rule("grid_gaps").orElseThrow();
    assertThat(gaps.scope()).isEqualTo(Scope.TIMESTEP);
    assertThat(gaps.severity()).isEqualTo(Severity.QUARANTINE);
    assertThat(gaps.tags()).containsExactly("timing", "camera");
    assertThat(gaps.thresholdText()).isEqualTo("<= 100");
    assertThat(gaps.scoreColumn()).isEqualTo("score_grid_gaps");

    Rule nans = rules.rule("no_nans").orElseThrow();
    assertThat(nans.check()).isInstanceOf(ExpressionRuleCheck.class);
    assertThat(nans.thresholdText()).isEqualTo("coalesce(nan_count, 0) = 0");
    assertThat(nans.measures()).isEqualTo("NaN samples found by ingest");
    assertThat(nans.tags()).isEmpty();

    Rule valid = rules.rule("valid_joint_states").orElseThrow();
    assertThat(valid.thresholdText()).isEqualTo("<= 0.05");
    assertThat(valid.failFraction()).as("file default").isEqualTo(0.25);

    Rule frozen = rules.rule("frozen").orElseThrow();
    BuiltinRuleCheck check = (BuiltinRuleCheck) frozen.check();
    assertThat(check.params().number("epsilon")).as("default").isEqualTo(0.0);
    assertThat(check.params().bool("exclude_zero")).isFalse();
    assertThat(check.params().has("reference_column")).isFalse();
    assertThat(frozen.thresholdText()).isEqualTo("< 15");
    assertThat(frozen.failFraction()).isEqualTo(0.9);
    assertThat(frozen.alert().method()).isEqualTo("relative_change");
    assertThat(frozen.alert().maxIncrease()).isEqualTo(3.0);
    assertThat(frozen.alert().minHistory()).as("default").isEqualTo(3);
  }

  @Test
  void unknownBuiltinNamesTheRuleTheKeyAndTheAlternatives() {
    QualityRuleException e = error("""
        entity: episode
        rules:
          - name: gaps
            scope: timestep
            check: timestamp_gap
            severity: warn
        """);
    assertThat(e.getMessage()).startsWith("test.yaml: rule 'gaps': key 'check': unknown built-in check "
        + "'timestamp_gap'").contains("timestamp_gaps").contains("or write an 'expr'");
  }

  @Test
  void missingAndMistypedParamsNameTheParameter() {
    QualityRuleException e = error("""
        entity: episode
        rules:
          - name: gaps
            scope: timestep
            check: timestamp_gaps
            severity: warn
          - name: frozen
            scope: timestep
            check: frozen_sensor
            params: { column: joint_position, min_run_steps: 1.5, epsilon: -1, colour: red }
            severity: warn
        """);
    assertThat(e.problems()).containsExactlyInAnyOrder(
        "rule 'gaps': key 'params.max_gap_ms': missing required parameter max_gap_ms (a number >= 0)",
        "rule 'frozen': key 'params.min_run_steps': must be min_run_steps (an integer >= 2), got 1.5",
        "rule 'frozen': key 'params.epsilon': must be epsilon (a number >= 0, default 0.0), got -1",
        "rule 'frozen': key 'params.colour': unknown parameter; known: column (a string), min_run_steps (an integer"
            + " >= 2), epsilon (a number >= 0, default 0.0), reference_column (a string), exclude_zero (true or "
            + "false, default false), include_never_moving (true or false, default false)");
    assertThat(e.getMessage()).startsWith("test.yaml: 4 problems: ");
    assertThat(e.getMessage()).doesNotContain("\n");
  }

  @Test
  void badSeverityAndScopeAreExplained() {
    QualityRuleException e = error("""
        entity: clip
        rules:
          - name: dark
            scope: clip
            check: video_darkness
            params: { min_brightness: 40 }
            severity: error
          - name: gaps
            scope: episode
            check: timestamp_gaps
            params: { max_gap_ms: 40 }
            severity: warn
          - name: blur
            scope: timestep
            check: video_blur
            params: { min_sharpness: 10 }
            severity: warn
        """);
    assertThat(e.problems()).containsExactlyInAnyOrder(
        "rule 'dark': key 'severity': 'error' is not a severity; use warn | quarantine | fail",
        "rule 'gaps': key 'scope': 'episode' does not apply to clip rules; use clip or timestep",
        "rule 'blur': key 'scope': check 'video_blur' runs at scope clip, not timestep");
  }

  @Test
  void robotChecksAreRejectedInHumanFiles() {
    QualityRuleException e = error("""
        entity: clip
        rules:
          - name: limits
            scope: timestep
            check: joint_position_limits
            severity: warn
        """);
    assertThat(e.getMessage()).contains("rule 'limits': key 'check': 'joint_position_limits' checks episodes, "
        + "not clips");
  }

  @Test
  void unknownKeysMissingNamesAndDuplicatesAreReported() {
    QualityRuleException e = error("""
        entity: episode
        rulez: []
        rules:
          - name: a
            scope: episode
            expr: "success IS NOT NULL"
            severity: warn
            sevrity: warn
          - scope: episode
            expr: "true"
            severity: warn
          - name: a
            scope: episode
            expr: "true"
            severity: warn
          - name: Bad-Name
            scope: episode
            expr: "true"
            severity: warn
          - name: has_timesteps
            scope: episode
            expr: "true"
            severity: warn
        """);
    assertThat(e.problems()).containsExactlyInAnyOrder(
        "unknown key 'rulez' at the top level; known: entity, fail_fraction, rules",
        "rule 'a': unknown key 'sevrity'; known: name, description, scope, check, params, expr, value, severity, "
            + "tags, fail_fraction, alert",
        "rules[1]: key 'name': missing; give the rule a name like 'joint_limits' (lower case, digits, underscores)",
        "rule 'a': key 'name': a rule named 'a' appears earlier in the file; names must be unique",
        "rule 'Bad-Name': key 'name': 'Bad-Name' is not a valid name: use lower case letters, digits and "
            + "underscores, starting with a letter (it becomes the score column score_<name>)",
        "rule 'has_timesteps': key 'name': 'has_timesteps' is reserved for a rule the evaluator always adds; "
            + "choose another");
  }

  @Test
  void checkAndExprAreExclusiveAndOneIsRequired() {
    QualityRuleException e = error("""
        entity: episode
        rules:
          - name: both
            scope: episode
            check: success_label
            expr: success
            severity: warn
          - name: neither
            scope: episode
            severity: warn
        """);
    assertThat(e.problems()).hasSize(2);
    assertThat(e.problems().get(0)).isEqualTo("rule 'both': key 'check': give either a built-in 'check' or an "
        + "'expr', not both");
    assertThat(e.problems().get(1)).startsWith("rule 'neither': key 'check': missing; name a built-in check (")
        .contains("episode_duration").endsWith("or give an 'expr' (a Spark SQL boolean expression that must hold)");
  }

  @Test
  void expressionRuleKeysAreCheckedByScope() {
    QualityRuleException e = error("""
        entity: episode
        rules:
          - name: step_value
            scope: timestep
            expr: joint_state_valid
            value: ts_ns
            severity: warn
          - name: entity_params
            scope: episode
            expr: success
            params: { max_fraction: 0.1 }
            severity: warn
          - name: fraction_range
            scope: timestep
            expr: action_valid
            params: { max_fraction: 2 }
            severity: warn
          - name: not_fail
            scope: episode
            expr: success
            severity: quarantine
            fail_fraction: 0.5
        """);
    assertThat(e.problems()).containsExactlyInAnyOrder(
        "rule 'step_value': key 'value': applies only to episode scope; a timestep expr's value is the fraction "
            + "of steps where it does not hold",
        "rule 'entity_params': key 'params': an episode expr takes no parameters; put the condition in 'expr' "
            + "(params.max_fraction applies to timestep exprs)",
        "rule 'fraction_range': key 'params.max_fraction': must be max_fraction (a number >= 0 <= 1, default 0.0),"
            + " got 2",
        "rule 'not_fail': key 'fail_fraction': applies only to severity fail; remove it or set severity: fail");
  }

  @Test
  void sqlThatDoesNotParseIsRejectedThroughTheSyntaxChecker() {
    SqlSyntax rejectsParens = e -> e.contains("((") ? "unbalanced parentheses" : null;
    assertThatThrownBy(() -> RuleLoader.parse("""
        entity: episode
        rules:
          - name: broken
            scope: episode
            expr: ((nan_count = 0
            severity: warn
        """, "test.yaml", rejectsParens))
        .isInstanceOf(QualityRuleException.class)
        .hasMessage("test.yaml: rule 'broken': key 'expr': '((nan_count = 0' is not valid Spark SQL: unbalanced "
            + "parentheses");
  }

  @Test
  void wrongTypesForListsAndMappingsAreNamed() {
    QualityRuleException e = error("""
        entity: episode
        rules:
          - name: tags_scalar
            scope: episode
            expr: success
            severity: warn
            tags: timing
          - name: params_list
            scope: timestep
            check: timestamp_gaps
            params: [100]
            severity: warn
          - name: alert_bad
            scope: episode
            expr: success
            severity: warn
            alert: { method: prophet }
        """);
    assertThat(e.problems()).containsExactlyInAnyOrder(
        "rule 'tags_scalar': key 'tags': must be a list of strings, e.g. [timing, camera]",
        "rule 'params_list': key 'params': must be a mapping of names to values, e.g. { max_gap_ms: 100 }",
        "rule 'alert_bad': key 'alert.method': 'prophet' is not one of mean_std | relative_change");
  }

  @Test
  void fileLevelProblems() {
    assertThat(error("rules: []\n").problems()).containsExactlyInAnyOrder(
        "key 'entity': missing or not a string; use episode | clip",
        "key 'rules': must be a non-empty list of rules");
    assertThat(error("entity: robot\nrules: [{name: a}]\n").problems())
        .containsExactly("key 'entity': 'robot' is not an entity type; use episode | clip");
    assertThat(error("entity: episode\nfail_fraction: 2\nrules: [{name: a, scope: episode, expr: 'true', "
        + "severity: warn}]\n").problems())
        .containsExactly("key 'fail_fraction': must be a fraction between 0 and 1, got 2");
    assertThat(error("- a\n- b\n").getMessage())
        .isEqualTo("test.yaml: must be a mapping with keys entity, fail_fraction, rules");
    assertThat(error("entity: episode\nentity: clip\n").getMessage()).startsWith("test.yaml: not valid YAML: ")
        .contains("Duplicate field 'entity'").contains("line 2");
  }

  @Test
  void loadingAMissingFileSaysWhereRuleFilesLive() {
    Path missing = temp.resolve("nope.yaml");
    assertThatThrownBy(() -> RuleLoader.load(missing))
        .isInstanceOf(QualityRuleException.class)
        .hasMessageContaining("cannot read quality rule file " + missing)
        .hasMessageContaining("configs/quality/");
  }

  @Test
  void loadsFromAFile() throws Exception {
    Path file = temp.resolve("r.yaml");
    Files.writeString(file, "entity: clip\nrules:\n  - {name: ok, scope: clip, check: consent, severity: fail}\n");
    RuleSet rules = RuleLoader.load(file);
    assertThat(rules.source()).isEqualTo(file.toString());
    assertThat(rules.rules()).hasSize(1);
    assertThat(rules.rules().get(0).thresholdText()).isEqualTo(">= 1");
  }

  @Test
  void everyBuiltinDeclaresConsistentMetadata() {
    for (var check : BuiltinChecks.all()) {
      assertThat(check.entityTypes()).as(check.name()).isNotEmpty();
      assertThat(check.summary()).as(check.name()).isNotBlank();
      assertThat(check.scope() == Scope.TIMESTEP
          || check.entityTypes().stream().allMatch(t -> t.entityScope() == check.scope()))
          .as("%s: entity checks run at their entity's scope", check.name()).isTrue();
      assertThat(check.params().stream().map(ParamSpec::name).distinct().count())
          .as(check.name()).isEqualTo(check.params().size());
    }
    assertThat(BuiltinChecks.namesFor(EntityType.CLIP)).contains("consent", "hand_visibility", "timestamp_gaps")
        .doesNotContain("joint_position_limits");
    assertThat(List.copyOf(BuiltinChecks.namesFor(EntityType.EPISODE))).contains("frozen_sensor", "dead_taxels");
  }
}
