package dev.hearth.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answer to an exception that no other handler claims: logged, then a 500 written by the app's own format. It never
 * throws. Javalin's default does: once Jetty has recycled a request (a server stopping under an asynchronous handler),
 * the default's 500 fails on the missing response, Javalin queues that failure for the same handler, and the request
 * thread loops forever, logging at full speed.
 */
public final class UnexpectedErrors {
  private static final Logger log = LoggerFactory.getLogger(UnexpectedErrors.class);

  private UnexpectedErrors() {}

  /** Installs the handler for {@link Exception} on {@code routes}; {@code answer} writes the 500 and may throw. */
  public static void install(RoutesConfig routes, BiConsumer<Exception, Context> answer) {
    routes.exception(Exception.class, (e, ctx) -> handle(e, ctx, answer));
  }

  static void handle(Exception e, Context ctx, BiConsumer<Exception, Context> answer) {
    String request;
    try {
      request = ctx.method() + " " + ctx.path();
    } catch (RuntimeException gone) {
      log.debug("An error after the request had ended (the server is stopping): {}", e.toString());
      return;
    }
    log.warn("Unexpected error answering {}", request, e);
    try {
      answer.accept(e, ctx);
    } catch (RuntimeException gone) {
      log.debug("Could not answer {} with an error: {}", request, gone.toString());
    }
  }
}
