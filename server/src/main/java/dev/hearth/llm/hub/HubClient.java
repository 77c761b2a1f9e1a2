package dev.hearth.llm.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The two calls of the Hugging Face hub's file API that a pull needs: list a repository's files at a revision
 * ({@code GET /api/models/{repo}/revision/{rev}?blobs=true}) and fetch one file ({@code GET /{repo}/resolve/{rev}/{path}}).
 * Redirects are followed by hand so that the token is sent only to the endpoint's own host, never to the storage
 * host a large file redirects to.
 */
public final class HubClient {
  /** The public hub, used when neither {@code llm.hub_endpoint} nor {@code HF_ENDPOINT} says otherwise. */
  public static final String DEFAULT_ENDPOINT = "https://huggingface.co";
  private static final int MAX_REDIRECTS = 10;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI endpoint;
  private final Optional<String> token;
  private final HttpClient http;

  /** {@code token} is sent as {@code Authorization: Bearer} (gated repositories such as Llama 3.2 need one). */
  public HubClient(String endpoint, Optional<String> token) {
    this.endpoint = URI.create(endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint);
    this.token = token.filter(t -> !t.isBlank());
    this.http = HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(20))
        .build();
  }

  /** The endpoint from the setting if set, else {@code $HF_ENDPOINT}, else the public hub. */
  public static String endpoint(String setting, Map<String, String> env) {
    if (setting != null && !setting.isBlank()) return setting.strip();
    String fromEnv = env.get("HF_ENDPOINT");
    return fromEnv != null && !fromEnv.isBlank() ? fromEnv.strip() : DEFAULT_ENDPOINT;
  }

  public URI endpoint() { return endpoint; }

  /** The repository's files at {@code revision} (a branch, tag or commit), with sizes and checksums. */
  public RepoInfo list(String repo, String revision) throws IOException, InterruptedException {
    URI uri = URI.create(endpoint + "/api/models/" + repo + "/revision/" + encode(revision) + "?blobs=true");
    HttpResponse<InputStream> response = send(uri, Map.of());
    try (InputStream body = response.body()) {
      check(response, repo, revision, null);
      JsonNode info = JSON.readTree(body);
      List<HubFile> files = new ArrayList<>();
      for (JsonNode s : info.path("siblings")) {
        JsonNode lfs = s.get("lfs");
        boolean isLfs = lfs != null && lfs.isObject();
        long size = isLfs ? lfs.path("size").asLong(s.path("size").asLong(-1)) : s.path("size").asLong(-1);
        files.add(new HubFile(s.path("rfilename").asText(), size,
            isLfs ? lfs.path("sha256").asText(null) : null,
            isLfs ? null : s.path("blobId").asText(null)));
      }
      String sha = info.path("sha").asText("");
      if (sha.isEmpty()) throw new HubException(uri + " answered without a commit sha; is " + endpoint + " a Hugging Face hub?");
      return new RepoInfo(repo, sha, files);
    }
  }

  /**
   * Opens one file from byte {@code fromByte} on (0 for all of it). The response is 206 when the server honoured the
   * range and 200 when it sends the whole file; the caller reads the status. The caller closes the body.
   */
  public HttpResponse<InputStream> open(String repo, String revision, String path, long fromByte)
      throws IOException, InterruptedException {
    StringBuilder p = new StringBuilder();
    for (String part : path.split("/")) p.append('/').append(encode(part));
    URI uri = URI.create(endpoint + "/" + repo + "/resolve/" + encode(revision) + p);
    HttpResponse<InputStream> response = send(uri, fromByte > 0 ? Map.of("Range", "bytes=" + fromByte + "-") : Map.of());
    if (response.statusCode() == 416) return response;
    check(response, repo, revision, path);
    return response;
  }

  private HttpResponse<InputStream> send(URI uri, Map<String, String> headers) throws IOException, InterruptedException {
    URI current = uri;
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
      HttpRequest.Builder request = HttpRequest.newBuilder(current).timeout(Duration.ofSeconds(60)).GET()
          .header("User-Agent", "hearth");
      headers.forEach(request::header);
      if (token.isPresent() && sameHost(current, endpoint)) request.header("Authorization", "Bearer " + token.get());
      HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      int status = response.statusCode();
      Optional<String> location = response.headers().firstValue("Location");
      if (status / 100 == 3 && status != 304 && location.isPresent()) {
        response.body().close();
        current = current.resolve(location.get());
        continue;
      }
      return response;
    }
    throw new HubException("more than " + MAX_REDIRECTS + " redirects from " + uri);
  }

  private void check(HttpResponse<InputStream> response, String repo, String revision, String path) throws IOException {
    int status = response.statusCode();
    if (status == 200 || status == 206) return;
    response.body().close();
    String what = path == null ? repo + " at revision " + revision : path + " of " + repo + " at " + revision;
    if (status == 401 || status == 403) {
      throw new HubException(what + ": " + endpoint + " refused access (HTTP " + status + "). "
          + (token.isPresent() ? "Your HF_TOKEN is not accepted for it; gated models (Llama) need you to accept the license on the model's page first."
              : "The repository is gated or private: accept its license on the model's page and set HF_TOKEN to an access token."));
    }
    if (status == 404) {
      throw new HubException(what + " was not found on " + endpoint + " (HTTP 404); check the repository id (owner/name) and the revision");
    }
    throw new HubException(what + ": " + endpoint + " answered HTTP " + status);
  }

  private static boolean sameHost(URI a, URI b) {
    return a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost()) && a.getPort() == b.getPort();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
