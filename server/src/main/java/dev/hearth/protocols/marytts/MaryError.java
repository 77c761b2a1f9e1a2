package dev.hearth.protocols.marytts;

/**
 * An error answered in MaryTTS's own form: an HTML body with a heading and one sentence (MaryTTS's
 * {@code MaryHttpServerUtils}), which clients show as the reason (Home Assistant's client quotes the first line).
 */
final class MaryError extends Exception {
  final int status;
  final String html;

  private MaryError(int status, String heading, String message) {
    super(message);
    this.status = status;
    this.html = "<html><body><h1>" + heading + "</h1><p>" + escape(message) + ".</p></body></html>";
  }

  /** 400: a required parameter is absent. */
  static MaryError missing(String what) {
    return new MaryError(400, "Bad request", "Request must contain the parameter " + what);
  }

  /** 400: a parameter has a value this server cannot use; {@code explanation} may be null. */
  static MaryError wrongValue(String param, String value, String explanation) {
    return new MaryError(400, "Bad request", "The value '" + value + "' of parameter '" + param + "' is not valid"
        + (explanation == null ? "" : ": " + explanation));
  }

  static MaryError notFound(String path) {
    return new MaryError(404, "File not found", "File " + path + " not found");
  }

  /** 403: the client's address is not in {@code marytts_server.allowed_clients}. */
  static MaryError forbidden(String client) {
    return new MaryError(403, "Forbidden", "The client " + client + " is not in this server's marytts_server.allowed_clients");
  }

  static MaryError methodNotSupported(String method) {
    return new MaryError(501, "Not implemented", method + " method not supported");
  }

  /** 503: the MaryTTS API is serving its share of requests already (the caller sends {@code Retry-After}). */
  static MaryError busy(String message) {
    return new MaryError(503, "Service unavailable", message);
  }

  /** Any other status, e.g. Jetty's 408 for a body that arrived too slowly. */
  static MaryError of(int status, String message) {
    if (status >= 500) return internal(message);
    return new MaryError(status, status == 408 ? "Request timeout" : "Bad request", message);
  }

  static MaryError internal(String message) {
    return new MaryError(500, "Internal server error", message);
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
