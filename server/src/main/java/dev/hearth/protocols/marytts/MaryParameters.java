package dev.hearth.protocols.marytts;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameters of a MaryTTS request, read the way MaryTTS's HTTP server reads them: the query string split on
 * {@code &} and {@code =} and URL-decoded as UTF-8; for a POST, the body parsed as a form whatever its
 * {@code Content-Type} (Home Assistant's client sends none). Unlike MaryTTS, which reads the body only when the URL
 * has no query, both are read; a key in the query wins.
 */
final class MaryParameters {
  private MaryParameters() {}

  static Map<String, String> of(String query, String body) {
    Map<String, String> params = new LinkedHashMap<>();
    if (body != null) parse(body, params);
    if (query != null) parse(query, params);
    return params;
  }

  /** Adds {@code key=value} pairs; a pair without {@code =} is a key with an empty value; the last pair of a key wins. */
  private static void parse(String form, Map<String, String> into) {
    for (String pair : form.split("&")) {
      if (pair.isEmpty()) continue;
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      into.put(decode(key), decode(value));
    }
  }

  /** URL-decodes; a malformed escape ({@code %zz}) is kept as written rather than failing the request. */
  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }
}
