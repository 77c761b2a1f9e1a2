package dev.hearth.protocols.openaiapi;

import dev.hearth.web.Connections;
import io.javalin.http.Context;
import jakarta.servlet.ServletOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A response written as it is produced (chunked transfer, each piece flushed), from an app thread inside
 * {@code ctx.future}: audio as it is synthesized, or server-sent events ({@code data: <json>} and a blank line per
 * event). It writes to the servlet's own stream, past Javalin's compression, which would hold pieces back. Once a write
 * fails the client has gone: {@link #gone()} turns true and later writes are dropped, so the producer can stop.
 */
final class ResponseStream {
  private final Context ctx;
  private ServletOutputStream out;
  private volatile boolean gone;

  private ResponseStream(Context ctx) {
    this.ctx = ctx;
  }

  /** Sends the status and headers set on {@code ctx} so far, with this content type, and nothing else yet. */
  static ResponseStream start(Context ctx, String contentType) throws IOException {
    ResponseStream stream = new ResponseStream(ctx);
    ctx.res().setStatus(200);
    ctx.res().setContentType(contentType);
    ctx.res().setHeader("Cache-Control", "no-cache");
    stream.out = ctx.res().getOutputStream();
    stream.out.flush();
    return stream;
  }

  /** Server-sent events: {@code text/event-stream}, not buffered by proxies. */
  static ResponseStream events(Context ctx) throws IOException {
    ctx.res().setHeader("X-Accel-Buffering", "no");
    return start(ctx, "text/event-stream; charset=utf-8");
  }

  /** Writes and flushes {@code bytes}; after the client has gone, does nothing. */
  void write(byte[] bytes) {
    if (gone || bytes.length == 0) return;
    try {
      out.write(bytes);
      out.flush();
    } catch (IOException e) {
      gone = true;
    }
  }

  /** One event: {@code data: <json>} then a blank line. */
  void event(String json) {
    write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
  }

  /** Whether a write failed because the client closed the connection. */
  boolean gone() {
    return gone;
  }

  /**
   * Breaks the connection without ending the chunked body, so the client sees a failed transfer instead of audio that
   * merely stops: for a failure after the headers went out, when no error can be sent any more.
   */
  void abort(Throwable cause) {
    gone = true;
    Connections.cut(ctx, cause);
  }
}
