package dev.spanproof.assertions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spanproof.core.lint.FindingLevel;
import dev.spanproof.core.semconv.DatabaseConventionMode;
import org.junit.jupiter.api.Test;

class SemanticConventionOptions_Test {

  @Test
  void should_default_to_the_stable_database_names_and_failing_on_violations_only() {
    SemanticConventionOptions defaults = SemanticConventionOptions.defaults();

    assertThat(defaults.databaseMode()).isEqualTo(DatabaseConventionMode.STABLE);
    assertThat(defaults.failingLevels()).containsExactly(FindingLevel.VIOLATION);
    assertThat(defaults)
        .hasToString("SemanticConventionOptions[database STABLE, failing on [violation]]");
  }

  @Test
  void should_return_changed_copies_and_leave_the_original_alone() {
    SemanticConventionOptions defaults = SemanticConventionOptions.defaults();

    SemanticConventionOptions changed =
        defaults
            .databaseConventions(DatabaseConventionMode.DUP)
            .failingOn(FindingLevel.IMPROVEMENT, FindingLevel.VIOLATION);

    assertThat(changed.databaseMode()).isEqualTo(DatabaseConventionMode.DUP);
    assertThat(changed.failingLevels())
        .containsExactly(FindingLevel.VIOLATION, FindingLevel.IMPROVEMENT);
    assertThat(defaults.databaseMode()).isEqualTo(DatabaseConventionMode.STABLE);
  }

  @Test
  void should_name_null_arguments() {
    SemanticConventionOptions defaults = SemanticConventionOptions.defaults();

    assertThatThrownBy(() -> defaults.databaseConventions(null))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("databaseConventions(DatabaseConventionMode mode): mode must not be null");
    assertThatThrownBy(() -> defaults.failingOn(FindingLevel.VIOLATION, (FindingLevel) null))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage(
            "failingOn(FindingLevel level, FindingLevel... more): more must not contain null, but"
                + " got [null]");
  }
}
