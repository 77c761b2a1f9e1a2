package dev.hearth.protocols.wyoming;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Wyoming's framing: a JSON header line, then {@code data_length} bytes of JSON data (merged over the header's inline
 * {@code data}), then {@code payload_length} bytes of payload. The reader checks every length against its limits
 * before allocating anything; the writer sends data only in the {@code data_length} block, never inline (Home
 * Assistant reads header lines of at most 64 KiB), as the Python library does.
 */
public final class EventCodec {
  /** Longest header line read, newline included: Home Assistant's own reader stops at 64 KiB too. */
  public static final int MAX_HEADER_BYTES = 64 * 1024;
  /** The Wyoming library version whose events this codec writes, sent as the header's {@code version}. */
  public static final String PROTOCOL_VERSION = "1.9.0";

  static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private EventCodec() {}

  /**
   * Reads the next event, or returns null when the stream ends cleanly between events. {@code in} should be
   * buffered: the header is read a byte at a time.
   *
   * @param maxBlockBytes the largest data block or payload accepted, in bytes
   * @throws WyomingException for a malformed, truncated or too large event; the stream cannot be read on after it
   */
  public static WyomingEvent read(InputStream in, int maxBlockBytes) throws IOException, WyomingException {
    byte[] line = readLine(in);
    if (line == null) return null;
    ObjectNode header = parseObject(line, "bad_header", "The header line");
    JsonNode typeNode = header.get("type");
    if (typeNode == null || !typeNode.isTextual() || typeNode.asText().isEmpty()) {
      throw new WyomingException("bad_header", "The header line needs a \"type\" string");
    }
    String type = typeNode.asText();
    JsonNode inline = header.get("data");
    if (inline != null && !inline.isNull() && !inline.isObject()) {
      throw new WyomingException("bad_header", "'" + type + "' header field \"data\" must be an object");
    }
    int dataLength = length(header, "data_length", type, maxBlockBytes);
    int payloadLength = length(header, "payload_length", type, maxBlockBytes);
    ObjectNode data = inline instanceof ObjectNode o ? o : JSON.createObjectNode();
    if (dataLength > 0) {
      data.setAll(parseObject(readExactly(in, dataLength, type, "data"), "bad_data", "'" + type + "' data block"));
    }
    byte[] payload = payloadLength > 0 ? readExactly(in, payloadLength, type, "payload") : null;
    return new WyomingEvent(type, data, payload);
  }

  /** Writes {@code event} as one header line, its data block (when it has data) and its payload (when it has one). */
  public static void write(OutputStream out, WyomingEvent event) throws IOException {
    ObjectNode header = JSON.createObjectNode();
    header.put("type", event.type());
    header.put("version", PROTOCOL_VERSION);
    byte[] data = event.data().isEmpty() ? null : JSON.writeValueAsBytes(event.data());
    if (data != null) header.put("data_length", data.length);
    if (event.payload().length > 0) header.put("payload_length", event.payload().length);
    out.write(JSON.writeValueAsBytes(header));
    out.write('\n');
    if (data != null) out.write(data);
    out.write(event.payload());
    out.flush();
  }

  /** The header line without its newline, or null at a clean end of stream. */
  private static byte[] readLine(InputStream in) throws IOException, WyomingException {
    byte[] buf = new byte[256];
    int n = 0;
    while (true) {
      int b = in.read();
      if (b < 0) {
        if (n == 0) return null;
        throw new WyomingException("truncated_event", "The connection ended inside a header line");
      }
      if (b == '\n') return java.util.Arrays.copyOf(buf, n);
      if (n + 1 >= MAX_HEADER_BYTES) {
        throw new WyomingException("header_too_long", "A header line is longer than " + MAX_HEADER_BYTES
            + " bytes; send event data in the data_length block instead");
      }
      if (n == buf.length) buf = java.util.Arrays.copyOf(buf, Math.min(buf.length * 2, MAX_HEADER_BYTES));
      buf[n++] = (byte) b;
    }
  }

  private static int length(ObjectNode header, String field, String type, int max) throws WyomingException {
    JsonNode v = header.get(field);
    if (v == null || v.isNull()) return 0;
    if (!v.isIntegralNumber() || v.bigIntegerValue().signum() < 0) {
      throw new WyomingException("bad_header", "'" + type + "' " + field + " must be a whole number of bytes, not " + v);
    }
    if (!v.canConvertToLong() || v.asLong() > max) {
      throw new WyomingException("event_too_large", "'" + type + "' " + field + " is " + v + " bytes; at most " + max
          + " bytes are accepted (wyoming.max_event_bytes)");
    }
    return v.intValue();
  }

  private static byte[] readExactly(InputStream in, int length, String type, String what)
      throws IOException, WyomingException {
    byte[] bytes = new byte[length];
    int n = in.readNBytes(bytes, 0, length);
    if (n < length) {
      throw new WyomingException("truncated_event", "The connection ended inside the " + what + " of '" + type + "' ("
          + n + " of " + length + " bytes)");
    }
    return bytes;
  }

  private static ObjectNode parseObject(byte[] bytes, String code, String what) throws WyomingException {
    JsonNode node;
    try {
      node = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new WyomingException(code, what + " is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new WyomingException(code, what + " could not be read: " + e.getMessage());
    }
    if (node == null || !node.isObject()) throw new WyomingException(code, what + " must be a JSON object");
    return (ObjectNode) node;
  }
}
