package dev.spanproof.core.semconv;

import static dev.spanproof.core.semconv.HttpConventionsTest.replaced;
import static dev.spanproof.core.semconv.HttpConventionsTest.strings;
import static dev.spanproof.core.semconv.HttpConventionsTest.with;
import static dev.spanproof.core.semconv.TestSpans.span;
import static io.opentelemetry.api.trace.SpanKind.CLIENT;
import static io.opentelemetry.api.trace.SpanKind.CONSUMER;
import static io.opentelemetry.api.trace.SpanKind.PRODUCER;
import static io.opentelemetry.api.trace.SpanKind.SERVER;
import static io.opentelemetry.api.trace.StatusCode.ERROR;
import static io.opentelemetry.api.trace.StatusCode.UNSET;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The RPC, gRPC and messaging rules, each with a passing and a violating span. */
class RpcAndMessagingConventionsTest {

  private static final SemanticConventions RULES = SemanticConventions.bundled();

  private static final String METHOD = "shop.Orders/Place";

  private static final Object[] GRPC_CLIENT = {
    "rpc.system.name", "grpc",
    "rpc.method", METHOD,
    "rpc.response.status_code", "OK",
    "server.address", "orders.internal",
    "server.port", 50051,
    "network.peer.address", "10.0.0.7",
    "network.peer.port", 50051
  };

  private static final Object[] GRPC_SERVER = {
    "rpc.system.name", "grpc",
    "rpc.method", METHOD,
    "rpc.response.status_code", "OK",
    "network.peer.address", "10.0.0.9",
    "network.peer.port", 40123
  };

  private static final Object[] PUBLISH = {
    "messaging.system", "kafka",
    "messaging.operation.name", "publish",
    "messaging.operation.type", "send",
    "messaging.destination.name", "orders",
    "messaging.client.id", "shop-1",
    "messaging.message.conversation_id", "c-1",
    "messaging.message.id", "m-1",
    "server.address", "kafka.internal",
    "server.port", 9092
  };

  @Test
  void should_pass_grpc_spans_named_by_their_method() {
    assertThat(check(span(METHOD, CLIENT, UNSET, GRPC_CLIENT))).isEmpty();
    assertThat(check(span(METHOD, SERVER, UNSET, GRPC_SERVER))).isEmpty();
  }

  @Test
  void should_make_every_grpc_client_code_but_ok_an_error() {
    Object[] notFound =
        with(
            replaced(GRPC_CLIENT, "rpc.response.status_code", "NOT_FOUND"),
            "error.type",
            "NOT_FOUND");

    assertThat(check(span(METHOD, CLIENT, ERROR, notFound))).isEmpty();
    assertThat(check(span(METHOD, CLIENT, UNSET, notFound)))
        .containsExactly(
            "violation span_status [shop.Orders/Place]: status is UNSET but gRPC client spans with"
                + " rpc.response.status_code NOT_FOUND must be ERROR (errors are every value but"
                + " OK)");
  }

  @Test
  void should_make_only_the_listed_grpc_server_codes_errors() {
    Object[] notFound =
        with(
            replaced(GRPC_SERVER, "rpc.response.status_code", "NOT_FOUND"),
            "error.type",
            "NOT_FOUND");
    Object[] unavailable =
        with(
            replaced(GRPC_SERVER, "rpc.response.status_code", "UNAVAILABLE"),
            "error.type",
            "UNAVAILABLE");

    assertThat(check(span(METHOD, SERVER, UNSET, notFound))).isEmpty();
    assertThat(check(span(METHOD, SERVER, ERROR, notFound)))
        .containsExactly(
            "violation span_status [shop.Orders/Place]: status is ERROR but gRPC server spans with"
                + " rpc.response.status_code NOT_FOUND must leave it unset unless error.type records"
                + " another error (errors are UNKNOWN, DEADLINE_EXCEEDED, UNIMPLEMENTED, INTERNAL,"
                + " UNAVAILABLE, DATA_LOSS)");
    assertThat(check(span(METHOD, SERVER, UNSET, unavailable)))
        .containsExactly(
            "violation span_status [shop.Orders/Place]: status is UNSET but gRPC server spans with"
                + " rpc.response.status_code UNAVAILABLE must be ERROR (errors are UNKNOWN,"
                + " DEADLINE_EXCEEDED, UNIMPLEMENTED, INTERNAL, UNAVAILABLE, DATA_LOSS)");
  }

  @Test
  void should_require_the_grpc_status_code_and_name_the_old_one_deprecated() {
    Object[] oldCode =
        with(
            HttpConventionsTest.without(GRPC_CLIENT, "rpc.response.status_code"),
            "rpc.grpc.status_code",
            0);

    assertThat(check(span(METHOD, CLIENT, UNSET, oldCode)))
        .containsExactly(
            "violation missing_attribute [shop.Orders/Place]: rpc.response.status_code is required"
                + " for gRPC client spans but missing",
            "violation deprecated [shop.Orders/Place]: rpc.grpc.status_code is deprecated: use the"
                + " string representation of the gRPC status code in rpc.response.status_code");
  }

  @Test
  void should_judge_other_rpc_systems_by_the_general_rpc_rules() {
    Object[] dubbo = replaced(GRPC_CLIENT, "rpc.system.name", "dubbo");

    assertThat(check(span(METHOD, CLIENT, UNSET, dubbo))).isEmpty();
    assertThat(check(span("Place", CLIENT, UNSET, dubbo)))
        .containsExactly(
            "violation span_name [Place]: span name is \"Place\" but RPC client spans are named"
                + " {rpc.method}: \"shop.Orders/Place\"");
  }

  @Test
  void should_name_rpc_spans_by_the_system_when_the_method_is_unknown() {
    Object[] other = replaced(GRPC_CLIENT, "rpc.method", "_OTHER");

    assertThat(check(span("grpc", CLIENT, UNSET, other))).isEmpty();
  }

  @Test
  void should_pass_a_send_span_named_by_operation_and_destination() {
    assertThat(check(span("publish orders", PRODUCER, UNSET, PUBLISH))).isEmpty();
  }

  @Test
  void should_advise_the_destination_in_the_name_and_say_the_rules_are_of_development_status() {
    assertThat(check(span("publish", PRODUCER, UNSET, PUBLISH)))
        .containsExactly(
            "improvement span_name [publish]: span name is \"publish\" but messaging send spans"
                + " (Development status) are better named {messaging.operation.name}"
                + " {messaging.destination.name}: \"publish orders\"");
  }

  @Test
  void should_make_process_spans_consumers() {
    Object[] process =
        replaced(
            replaced(PUBLISH, "messaging.operation.type", "process"),
            "messaging.operation.name",
            "process");

    assertThat(check(span("process orders", CONSUMER, UNSET, process))).isEmpty();
    assertThat(check(span("process orders", CLIENT, UNSET, process)))
        .containsExactly(
            "violation span_kind [process orders]: span kind is CLIENT but messaging process spans"
                + " (Development status) are CONSUMER");
  }

  @ParameterizedTest(name = "{0}: {1} passes, {2} fails")
  @CsvSource({
    "create,  PRODUCER, CLIENT,   PRODUCER",
    "send,    CLIENT,   CONSUMER, PRODUCER or CLIENT",
    "receive, CLIENT,   CONSUMER, CLIENT",
    "process, CONSUMER, PRODUCER, CONSUMER",
    "settle,  CLIENT,   PRODUCER, CLIENT"
  })
  void should_give_each_messaging_operation_its_kinds(
      String operation, SpanKind right, SpanKind wrong, String allowed) {
    Object[] attributes =
        replaced(
            replaced(PUBLISH, "messaging.operation.type", operation),
            "messaging.operation.name",
            operation);
    String name = operation + " orders";

    assertThat(check(span(name, right, UNSET, attributes))).isEmpty();
    assertThat(check(span(name, wrong, UNSET, attributes)))
        .containsExactly(
            "violation span_kind ["
                + name
                + "]: span kind is "
                + wrong
                + " but messaging "
                + operation
                + " spans (Development status) are "
                + allowed);
  }

  @Test
  void should_name_messaging_spans_by_their_operation_first() {
    assertThat(check(span("orders", PRODUCER, UNSET, PUBLISH)))
        .containsExactly(
            "violation span_name [orders]: span name is \"orders\" but messaging send spans"
                + " (Development status) are named {messaging.operation.name}"
                + " {messaging.destination.name}: \"publish orders\"");
  }

  @Test
  void should_not_guess_the_operation_of_a_producer_without_operation_type() {
    Object[] untyped = HttpConventionsTest.without(PUBLISH, "messaging.operation.type");

    assertThat(check(span("publish orders", PRODUCER, UNSET, untyped)))
        .containsExactly(
            "violation ambiguous_type [publish orders]: cannot tell which convention this span"
                + " follows: it could be messaging create (PRODUCER) or messaging send (PRODUCER or"
                + " CLIENT); state it with conformsTo(SemanticConvention)");
    assertThat(
            strings(
                RULES.check(
                    span("publish orders", PRODUCER, UNSET, untyped),
                    SemanticConvention.MESSAGING_SEND,
                    DatabaseConventionMode.STABLE)))
        .isEmpty();
  }

  @Test
  void should_not_leave_a_span_with_an_operation_type_no_convention_names_unjudged() {
    Object[] publish = replaced(PUBLISH, "messaging.operation.type", "publish");
    Object[] deliver =
        replaced(
            replaced(PUBLISH, "messaging.operation.type", "deliver"),
            "messaging.operation.name",
            "process");

    assertThat(check(span("publish orders", PRODUCER, UNSET, publish)))
        .containsExactly(
            "violation ambiguous_type [publish orders]: cannot tell which convention this span"
                + " follows: it could be messaging create (PRODUCER) or messaging send (PRODUCER or"
                + " CLIENT) (its messaging.operation.type \"publish\" names none of them); state it"
                + " with conformsTo(SemanticConvention)");
    assertThat(check(span("process orders", CONSUMER, UNSET, deliver)))
        .containsExactly(
            "information undefined_enum_value [process orders]: messaging.operation.type"
                + " \"deliver\" is none of the values listed for messaging process spans"
                + " (Development status): create, process, receive, send, settle");
  }

  @Test
  void should_name_the_pre_registry_messaging_destination_deprecated() {
    Object[] old = with(PUBLISH, "messaging.destination", "orders");

    assertThat(check(span("publish orders", PRODUCER, UNSET, old)))
        .containsExactly(
            "violation deprecated [publish orders]: messaging.destination is deprecated: use"
                + " messaging.destination.name");
  }

  @Test
  void should_name_the_old_messaging_operation_deprecated() {
    Object[] old = with(PUBLISH, "messaging.operation", "publish");

    assertThat(check(span("publish orders", PRODUCER, UNSET, old)))
        .containsExactly(
            "violation deprecated [publish orders]: messaging.operation is deprecated: use"
                + " messaging.operation.type");
  }

  private static List<String> check(SpanData span) {
    return strings(RULES.check(span, DatabaseConventionMode.STABLE));
  }
}
