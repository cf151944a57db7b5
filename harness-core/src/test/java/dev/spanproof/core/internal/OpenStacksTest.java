package dev.spanproof.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spanproof.core.TracingHarness;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which scopes record where they were opened, and whose stack a scope shares. */
class OpenStacksTest {

  private final TracingHarness harness = TracingHarness.builder().build();

  @AfterEach
  void closeHarness() {
    harness.close();
  }

  @Test
  void should_record_no_stack_when_none() {
    TrackedScope scope = scopeOf("processOrder");

    OpenStacks.none().record(scope, "test one");

    assertThat(scope.openStack()).isEmpty();
    assertThat(scope.sharedOpenStackSession()).isEmpty();
  }

  @Test
  void should_give_every_scope_its_own_stack_when_every_scope() {
    TrackedScope first = scopeOf("processOrder");
    TrackedScope second = scopeOf("processOrder");

    OpenStacks.everyScope().record(first, "test one");
    OpenStacks.everyScope().record(second, "test two");

    assertThat(first.openStack()).isPresent();
    assertThat(second.openStack()).isPresent();
    assertThat(first.sharedOpenStackSession()).isEmpty();
    assertThat(second.sharedOpenStackSession()).isEmpty();
  }

  @Test
  void should_share_the_first_stack_of_a_span_name_naming_the_session_it_was_taken_in() {
    OpenStacks stacks = OpenStacks.firstOfEachSpanName();
    TrackedScope first = scopeOf("processOrder");
    TrackedScope sameName = scopeOf("processOrder");
    TrackedScope otherName = scopeOf("processPayment");

    stacks.record(first, "test one");
    stacks.record(sameName, "test two");
    stacks.record(otherName, "test two");

    assertThat(first.openStack()).isPresent();
    assertThat(first.sharedOpenStackSession()).isEmpty();
    assertThat(sameName.openStack()).isEqualTo(first.openStack());
    assertThat(sameName.sharedOpenStackSession()).contains("test one");
    assertThat(otherName.openStack()).isPresent();
    assertThat(otherName.sharedOpenStackSession()).isEmpty();
  }

  @Test
  void should_share_one_stack_among_scopes_with_no_span() {
    OpenStacks stacks = OpenStacks.firstOfEachSpanName();
    TrackedScope first = new TrackedScope(Context.root(), Thread.currentThread(), false);
    TrackedScope second = new TrackedScope(Context.root(), Thread.currentThread(), false);

    stacks.record(first, "test one");
    stacks.record(second, "test one");

    assertThat(first.sharedOpenStackSession()).isEmpty();
    assertThat(second.sharedOpenStackSession()).contains("test one");
  }

  @Test
  void should_keep_each_tables_first_stacks_apart() {
    TrackedScope inOneClass = scopeOf("processOrder");
    TrackedScope inAnother = scopeOf("processOrder");

    OpenStacks.firstOfEachSpanName().record(inOneClass, "test one");
    OpenStacks.firstOfEachSpanName().record(inAnother, "test two");

    assertThat(inAnother.sharedOpenStackSession()).isEmpty();
  }

  @Test
  void should_give_span_names_past_the_table_bound_their_own_stacks() {
    OpenStacks stacks = OpenStacks.firstOfEachSpanName();
    for (int i = 0; i < FirstOfEachName.MAX_NAMES; i++) {
      stacks.record(scopeOf("GET /orders/" + i), "test one");
    }
    TrackedScope first = scopeOf("GET /orders/beyond");
    TrackedScope second = scopeOf("GET /orders/beyond");

    stacks.record(first, "test one");
    stacks.record(second, "test two");

    assertThat(first.openStack()).isPresent();
    assertThat(first.sharedOpenStackSession()).isEmpty();
    assertThat(second.openStack()).isPresent();
    assertThat(second.sharedOpenStackSession()).isEmpty();
  }

  private TrackedScope scopeOf(String spanName) {
    Span span = harness.tracer().spanBuilder(spanName).startSpan();
    span.end();
    return new TrackedScope(Context.root().with(span), Thread.currentThread(), false);
  }
}
