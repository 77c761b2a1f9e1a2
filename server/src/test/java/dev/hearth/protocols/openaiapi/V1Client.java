package dev.hearth.protocols.openaiapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A client for {@code /v1} written from OpenAI's API reference with {@code java.net.http}: JSON and multipart
 * requests, server-sent events read back as their {@code data:} lines, and OpenAI's error object.
 */
final class V1Client {
  static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String base;
  private final List<String> headers = new ArrayList<>();

  V1Client(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /** Sends {@code name: value} with every request. */
  V1Client with(String name, String value) {
    V1Client c = new V1Client(base, headers);
    c.headers.add(name);
    c.headers.add(value);
    return c;
  }

  private V1Client(String base, List<String> headers) {
    this.base = base;
    this.headers.addAll(headers);
  }

  HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120));
    for (int i = 0; i < headers.size(); i += 2) b.header(headers.get(i), headers.get(i + 1));
    return b;
  }

  HttpResponse<byte[]> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  /** Sends {@code request} and returns as soon as the headers are in, with the body to read as it arrives. */
  HttpResponse<java.io.InputStream> stream(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
  }

  HttpResponse<byte[]> get(String path) throws Exception {
    return send(request(path).GET().build());
  }

  HttpResponse<byte[]> postJson(String path, String json) throws Exception {
    return send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  /** A multipart POST; {@code chunked} sends it without a Content-Length (a streaming body). */
  HttpResponse<byte[]> postForm(String path, Form form, boolean chunked) throws Exception {
    byte[] body = form.bytes();
    HttpRequest.BodyPublisher publisher = chunked
        ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
        : HttpRequest.BodyPublishers.ofByteArray(body);
    if (chunked && publisher.contentLength() != -1) throw new AssertionError("the body would have a Content-Length");
    return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + Form.BOUNDARY).POST(publisher).build());
  }

  HttpResponse<byte[]> postForm(String path, Form form) throws Exception {
    return postForm(path, form, false);
  }

  static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  /** The Content-Type, lower case and without spaces (Jetty writes {@code text/plain;charset=utf-8}). */
  static String contentType(HttpResponse<byte[]> response) {
    return response.headers().firstValue("content-type").orElse("").replace(" ", "").toLowerCase(java.util.Locale.ROOT);
  }

  static JsonNode json(HttpResponse<byte[]> response) throws Exception {
    return JSON.readTree(response.body());
  }

  /** The {@code error} object of an OpenAI error response, after checking the status and the shape. */
  static JsonNode error(HttpResponse<byte[]> response, int status) throws Exception {
    if (response.statusCode() != status) {
      throw new AssertionError("expected " + status + " but got " + response.statusCode() + ": " + text(response));
    }
    String type = response.headers().firstValue("content-type").orElse("");
    if (!type.startsWith("application/json")) throw new AssertionError("an error as " + type + ": " + text(response));
    JsonNode error = json(response).get("error");
    for (String field : List.of("message", "type", "param", "code")) {
      if (error == null || !error.has(field)) throw new AssertionError("no error." + field + " in " + text(response));
    }
    return error;
  }

  /** The {@code data:} payloads of a server-sent event stream, in order. */
  static List<String> events(HttpResponse<byte[]> response) {
    List<String> data = new ArrayList<>();
    for (String block : text(response).split("\n\n")) {
      for (String line : block.split("\n")) {
        if (line.startsWith("data: ")) data.add(line.substring(6));
      }
    }
    return data;
  }

  /** A multipart/form-data body: fields and files, in order. */
  static final class Form {
    static final String BOUNDARY = "----hearth-test-boundary-7MA4YWxkTrZu0gW";
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Form field(String name, String value) {
      part("Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n", value.getBytes(StandardCharsets.UTF_8));
      return this;
    }

    Form file(String name, String fileName, String contentType, byte[] content) {
      part("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName + "\"\r\nContent-Type: "
          + contentType + "\r\n\r\n", content);
      return this;
    }

    private void part(String head, byte[] content) {
      out.writeBytes(("--" + BOUNDARY + "\r\n" + head).getBytes(StandardCharsets.UTF_8));
      out.writeBytes(content);
      out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }

    byte[] bytes() {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      all.writeBytes(out.toByteArray());
      all.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
      return all.toByteArray();
    }
  }
}
