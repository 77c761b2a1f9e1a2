package dev.hearth.llm.hub;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local imitation of the hub's file API on 127.0.0.1 with failure knobs: {@link #breakAfterBytes} closes the first
 * download of a file midway, {@link #lieAboutSha256} lists a wrong checksum, {@link #requireToken} answers 401 to a
 * request without it, {@link #ignoreRange} answers a range request with the whole file. LFS files (*.safetensors)
 * are served through a redirect to /cdn/, like the real hub.
 */
public final class FakeHub implements AutoCloseable {
  public static final String SHA = "0123456789abcdef0123456789abcdef01234567";
  /** A config.json the engine accepts (a tiny Qwen2). */
  public static final String CONFIG = """
      {"architectures": ["Qwen2ForCausalLM"], "hidden_size": 16, "num_hidden_layers": 1, "num_attention_heads": 4,
       "intermediate_size": 32, "vocab_size": 100}""";
  /** A tokenizer_config.json with a chat template. */
  public static final String TOKENIZER_CONFIG = "{\"chat_template\": \"{% for m in messages %}{{ m.content }}{% endfor %}\"}";

  public final Map<String, byte[]> files = new LinkedHashMap<>();
  public final List<String> requests = new CopyOnWriteArrayList<>();
  final List<String> ranges = new CopyOnWriteArrayList<>();
  final List<String> authorizations = new CopyOnWriteArrayList<>();
  final List<String> extraNames = new ArrayList<>();
  public String repo = "acme/Tiny-Chat-Instruct";
  long breakAfterBytes = -1;
  boolean lieAboutSha256;
  String requireToken;
  boolean ignoreRange;
  /** Redirect to http://localhost:PORT (another host name than the endpoint's 127.0.0.1), like a storage host. */
  boolean cdnByName;
  private boolean broken;
  private final HttpServer server;

  public FakeHub() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    requests.add(path);
    authorizations.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
    try {
      boolean cdn = path.startsWith("/cdn/");
      if (!cdn && requireToken != null && !("Bearer " + requireToken).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
        send(ex, 401, ("{\"error\":\"Access to model " + repo + " is restricted.\"}").getBytes(StandardCharsets.UTF_8));
        return;
      }
      String api = "/api/models/" + repo + "/revision/";
      String resolve = "/" + repo + "/resolve/";
      if (path.startsWith(api)) {
        send(ex, 200, listing().getBytes(StandardCharsets.UTF_8));
      } else if (path.startsWith(resolve)) {
        String file = path.substring(resolve.length() + path.substring(resolve.length()).indexOf('/') + 1);
        if (!files.containsKey(file)) {
          send(ex, 404, new byte[0]);
        } else if (file.endsWith(".safetensors")) {
          ex.getResponseHeaders().add("Location", (cdnByName ? "http://localhost:" + server.getAddress().getPort() : endpoint()) + "/cdn/" + file + "?signature=x");
          ex.sendResponseHeaders(302, -1);
        } else {
          serveFile(ex, file);
        }
      } else if (cdn) {
        serveFile(ex, path.substring("/cdn/".length()));
      } else {
        send(ex, 404, "{\"error\":\"Repository not found\"}".getBytes(StandardCharsets.UTF_8));
      }
    } finally {
      ex.close();
    }
  }

  private void serveFile(HttpExchange ex, String file) throws IOException {
    byte[] data = files.get(file);
    String range = ex.getRequestHeaders().getFirst("Range");
    ranges.add(file + " " + range);
    int from = 0;
    if (range != null && !ignoreRange) from = Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
    if (from > 0) {
      ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (data.length - 1) + "/" + data.length);
      ex.sendResponseHeaders(206, data.length - from);
    } else {
      ex.sendResponseHeaders(200, data.length);
    }
    OutputStream out = ex.getResponseBody();
    if (breakAfterBytes >= 0 && !broken && file.endsWith(".safetensors")) {
      broken = true;
      out.write(data, from, (int) breakAfterBytes);
      out.flush();
      throw new IOException("fake hub: connection broken on purpose");  // the exchange is closed without the rest
    }
    out.write(data, from, data.length - from);
  }

  private String listing() {
    StringBuilder s = new StringBuilder("{\"id\":\"" + repo + "\",\"sha\":\"" + SHA + "\",\"siblings\":[");
    boolean first = true;
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      if (!first) s.append(',');
      first = false;
      byte[] d = e.getValue();
      if (e.getKey().endsWith(".safetensors")) {
        String sha = lieAboutSha256 ? "00".repeat(32) : hex("SHA-256", new byte[0], d);
        s.append("{\"rfilename\":\"").append(e.getKey()).append("\",\"size\":").append(d.length)
            .append(",\"blobId\":\"abc\",\"lfs\":{\"sha256\":\"").append(sha).append("\",\"size\":").append(d.length)
            .append(",\"pointerSize\":134}}");
      } else {
        s.append("{\"rfilename\":\"").append(e.getKey()).append("\",\"size\":").append(d.length).append(",\"blobId\":\"")
            .append(hex("SHA-1", ("blob " + d.length + "\0").getBytes(StandardCharsets.US_ASCII), d)).append("\"}");
      }
    }
    for (String name : extraNames) s.append(",{\"rfilename\":\"").append(name).append("\",\"size\":3,\"blobId\":\"x\"}");
    return s.append("]}").toString();
  }

  private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) ex.getResponseBody().write(body);
  }

  static String hex(String algorithm, byte[] header, byte[] data) {
    try {
      MessageDigest d = MessageDigest.getInstance(algorithm);
      d.update(header);
      return HexFormat.of().formatHex(d.digest(data));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
