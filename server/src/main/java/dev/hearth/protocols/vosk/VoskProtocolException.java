package dev.hearth.protocols.vosk;

import java.nio.charset.StandardCharsets;

/**
 * Something a vosk-server client sent that this server will not serve. vosk-server defines no error messages, so
 * the connection is closed with {@link #closeCode()} and the message as the close reason.
 */
final class VoskProtocolException extends Exception {
  /** The message was not one of vosk-server's (not JSON, or not config, eof or reset): RFC 6455 "unsupported data". */
  static final int UNSUPPORTED = 1003;
  /** A vosk-server message with a value that cannot be used (a sample rate of "fast"): "invalid frame payload data". */
  static final int INVALID = 1007;
  /** The longest close reason a WebSocket close frame carries, in UTF-8 bytes. */
  private static final int MAX_REASON_BYTES = 123;

  private final int closeCode;

  VoskProtocolException(int closeCode, String message) {
    super(message);
    this.closeCode = closeCode;
  }

  int closeCode() {
    return closeCode;
  }

  /** The message cut to what a close frame can carry. */
  String reason() {
    return fit(getMessage());
  }

  /** {@code text} cut to the 123 UTF-8 bytes a close frame's reason may hold. */
  static String fit(String text) {
    if (text.getBytes(StandardCharsets.UTF_8).length <= MAX_REASON_BYTES) return text;
    StringBuilder out = new StringBuilder();
    int bytes = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + n > MAX_REASON_BYTES) break;
      out.appendCodePoint(cp);
      bytes += n;
      i += Character.charCount(cp);
    }
    return out.toString();
  }
}
