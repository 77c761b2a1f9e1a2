package dev.hearth.protocols.wyoming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A Wyoming client written from the protocol's README (not from Hearth's codec): it writes a header line, a
 * {@code data_length} block and a payload the way the Python library does, and reads a header line and then exactly
 * {@code data_length} and {@code payload_length} bytes, merging the block over inline {@code data}.
 */
public final class WyomingTestClient implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  /** One event as read. */
  public record Event(String type, JsonNode data, byte[] payload) {
    public String text(String field) {
      return data.path(field).asText();
    }
  }

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private WyomingTestClient(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  /** Connects to 127.0.0.1:{@code port}; every read gives up after 30 s. */
  public static WyomingTestClient connect(int port) throws IOException {
    Socket socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(30_000);
    return new WyomingTestClient(socket);
  }

  /** Sends {@code type} with {@code data} in the data block (none when null or empty) and {@code payload}. */
  void send(String type, ObjectNode data, byte[] payload) throws IOException {
    ObjectNode header = JSON.createObjectNode().put("type", type).put("version", "1.7.1");
    byte[] block = data == null || data.isEmpty() ? new byte[0] : JSON.writeValueAsBytes(data);
    if (block.length > 0) header.put("data_length", block.length);
    if (payload != null && payload.length > 0) header.put("payload_length", payload.length);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(JSON.writeValueAsBytes(header));
    bytes.write('\n');
    bytes.writeBytes(block);
    if (payload != null) bytes.writeBytes(payload);
    out.write(bytes.toByteArray());
    out.flush();
  }

  public void send(String type, ObjectNode data) throws IOException {
    send(type, data, null);
  }

  void send(String type) throws IOException {
    send(type, null, null);
  }

  /** Writes raw bytes, for malformed events. */
  void sendRaw(String text) throws IOException {
    sendRaw(text.getBytes(StandardCharsets.UTF_8));
  }

  void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** How long a read waits, in milliseconds. */
  void readTimeout(int millis) throws IOException {
    socket.setSoTimeout(millis);
  }

  /** Ends the client's side of the stream (the server sees EOF). */
  void shutdownOutput() throws IOException {
    socket.shutdownOutput();
  }

  /** The next event, or null when the server closed the connection. */
  public Event read() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = readByte()) != '\n') {
      if (b < 0) {
        if (line.size() == 0) return null;
        throw new IOException("the server closed the connection inside a header line: " + line);
      }
      line.write(b);
    }
    JsonNode header = JSON.readTree(line.toByteArray());
    ObjectNode data = header.path("data").isObject() ? (ObjectNode) header.get("data") : JSON.createObjectNode();
    int dataLength = header.path("data_length").asInt(0);
    if (dataLength > 0) data.setAll((ObjectNode) JSON.readTree(readExactly(dataLength)));
    int payloadLength = header.path("payload_length").asInt(0);
    byte[] payload = payloadLength > 0 ? readExactly(payloadLength) : new byte[0];
    return new Event(header.path("type").asText(), data, payload);
  }

  /** Reads events until one of {@code type} (returned last); fails if the connection ends first. */
  public List<Event> readUntil(String type) throws IOException {
    List<Event> events = new ArrayList<>();
    while (true) {
      Event e = read();
      if (e == null) throw new IOException("the connection closed before '" + type + "'; got " + types(events));
      events.add(e);
      if (e.type().equals(type)) return events;
    }
  }

  /** Whether the server closed the connection next, reading nothing more. */
  public boolean closedByServer() throws IOException {
    try {
      Event e = read();
      if (e != null) throw new IOException("expected the connection to close, got " + e.type() + " " + e.data());
      return true;
    } catch (SocketException e) {
      return true; // reset by the server: closed too
    }
  }

  static List<String> types(List<Event> events) {
    return events.stream().map(Event::type).toList();
  }

  private int readByte() throws IOException {
    try {
      return in.read();
    } catch (SocketException e) {
      return -1;
    }
  }

  private byte[] readExactly(int n) throws IOException {
    byte[] bytes = in.readNBytes(n);
    if (bytes.length < n) throw new IOException("the server closed the connection inside an event");
    return bytes;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
