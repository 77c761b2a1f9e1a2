package dev.hearth.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.eclipse.jetty.http.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answer to an exception that no other handler claims: Jetty's own refusals of a request (e.g. 408 for a body that
 * arrives slower than the minimum data rate) with their status, anything else logged and answered 500, each written in
 * the app's own error format. It never throws. Javalin's default does: once Jetty has recycled a request (a server
 * stopping under an asynchronous handler), the default's 500 fails on the missing response, Javalin queues that failure
 * for the same handler, and the request thread loops forever, logging at full speed.
 */
public final class UnexpectedErrors {
  private static final Logger log = LoggerFactory.getLogger(UnexpectedErrors.class);

  /** Writes an error in the app's format; may throw. */
  @FunctionalInterface
  public interface Answer {
    void write(Context ctx, int status, String message);
  }

  private UnexpectedErrors() {}

  /** Installs the handler for {@link Exception} on {@code routes}. */
  public static void install(RoutesConfig routes, Answer answer) {
    routes.exception(Exception.class, (e, ctx) -> handle(e, ctx, answer));
  }

  static void handle(Exception e, Context ctx, Answer answer) {
    String request;
    try {
      request = ctx.method() + " " + ctx.path();
    } catch (RuntimeException gone) {
      log.debug("An error after the request had ended (the server is stopping): {}", e.toString());
      return;
    }
    int status = 500;
    String message = "The server failed: " + e;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof HttpException refused) {
        status = refused.getCode();
        message = refused.getReason() != null ? refused.getReason() : t.getMessage();
        break;
      }
    }
    if (status >= 500) log.warn("Unexpected error answering {}", request, e);
    else log.info("Refused {}: {} {}", request, status, message);
    try {
      answer.write(ctx, status, message);
    } catch (RuntimeException gone) {
      log.debug("Could not answer {} with an error: {}", request, gone.toString());
    }
  }
}
