package dev.spanproof.core.semconv;

import dev.spanproof.core.lint.Finding;

/**
 * What detection made of a span: the convention it follows, or why none could be chosen.
 *
 * @param convention the convention, or null when the span follows none or detection was unsure
 * @param problem the finding that says why detection was unsure, or null
 */
record Typing(SemanticConvention convention, Finding problem) {

  static final Typing NONE = new Typing(null, null);

  boolean isUnsure() {
    return problem != null;
  }
}
