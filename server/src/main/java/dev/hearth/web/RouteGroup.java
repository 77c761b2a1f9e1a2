package dev.hearth.web;

import io.javalin.config.RoutesConfig;
import java.util.List;
import java.util.Optional;

/**
 * Routes the HTTP edge serves behind its host, origin and device checks: the reports, live mode, the OpenAI-compatible
 * {@code /v1}. The app lists them, in the order they are registered; the edge knows none of them by name.
 */
public interface RouteGroup {

  /** Adds the group's handlers; {@code origins} says whose pages count as this server's own. */
  void register(RoutesConfig routes, OriginPolicy origins);

  /** Origins the page itself must reach besides this server (its {@code connect-src}); none unless a group says so. */
  default List<String> pageConnectOrigins() {
    return List.of();
  }

  /**
   * How an error that no handler answered on {@code path} is written, when the group owns that path and answers in a
   * format of its own; empty leaves it to the app's format ({@link ApiError}).
   */
  default Optional<UnexpectedErrors.Answer> errorsFor(String path) {
    return Optional.empty();
  }
}
