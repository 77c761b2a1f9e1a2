package dev.hearth.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.http.BadMessageException;
import org.junit.jupiter.api.Test;

/** The last handler for exceptions answers with the right status and never throws, whatever state the request is in. */
class UnexpectedErrorsTest {
  private final List<String> answers = new ArrayList<>();
  private final UnexpectedErrors.Answer answer = (ctx, status, message) -> answers.add(status + " " + message);

  @Test
  void aFaultInTheServerIsA500AndJettysRefusalKeepsItsStatus() {
    UnexpectedErrors.handle(new IllegalStateException("broken"), request(false), answer);
    UnexpectedErrors.handle(new RuntimeException("reading the body", new BadMessageException(408, "too slow")),
        request(false), answer);
    assertThat(answers).containsExactly("500 The server failed: java.lang.IllegalStateException: broken", "408 too slow");
  }

  /**
   * The request a stopping server has recycled: Javalin's own answer threw here, and Javalin then looped on its own
   * failure. Nothing is answered and nothing is thrown.
   */
  @Test
  void aRecycledRequestIsLeftAloneWithoutThrowing() {
    assertThatCode(() -> UnexpectedErrors.handle(new IllegalStateException("Response does not exist"), request(true),
        answer)).doesNotThrowAnyException();
    assertThat(answers).isEmpty();
  }

  @Test
  void anAnswerThatFailsIsNotThrownOn() {
    UnexpectedErrors.Answer failing = (ctx, status, message) -> {
      throw new NullPointerException("no response");
    };
    assertThatCode(() -> UnexpectedErrors.handle(new IllegalStateException("broken"), request(false), failing))
        .doesNotThrowAnyException();
  }

  /** A context whose request line reads as {@code GET /api/x}, or throws as a recycled request's does. */
  private static Context request(boolean recycled) {
    return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
        (proxy, method, args) -> {
          if (recycled) throw new NullPointerException("the request was recycled");
          return switch (method.getName()) {
            case "method" -> HandlerType.GET;
            case "path" -> "/api/x";
            default -> throw new UnsupportedOperationException(method.getName());
          };
        });
  }
}
