package dev.hearth.web;

import io.javalin.http.Context;
import org.eclipse.jetty.ee10.servlet.ServletApiResponse;

/** What a handler may do to the connection under a response it is still writing. */
public final class Connections {
  private Connections() {}

  /**
   * Closes the connection a response is being written to, as if the client had hung up: a write blocked on a client
   * that stopped reading fails at once, and the handler ends as it does for any client gone. The request itself is
   * left to end normally. (Aborting Jetty's servlet channel instead recycles the request under the running handler,
   * and Javalin, completing it later, then fails on the recycled response over and over, logging each time.)
   */
  public static void cut(Context ctx, Throwable cause) {
    if (ctx.res() instanceof ServletApiResponse jetty) jetty.getServletChannel().getEndPoint().close(cause);
  }
}
