package dev.hearth.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.app.Hearth;
import dev.hearth.app.TestServers;
import dev.hearth.audio.TestData;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page's files as a browser and the page's service worker fetch them from the real server. */
class PageFilesTest {
  private static final Path WEB = TestData.home().resolve("web");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path data;
  private static Hearth hearth;

  @BeforeAll
  static void start() {
    hearth = TestServers.start(data, TestServers.TEXT_ONLY);
  }

  @AfterAll
  static void stop() {
    hearth.close();
  }

  @Test
  void theManifestItsIconsAndTheServiceWorkerAreServedWithTheirContentTypes() throws Exception {
    HttpResponse<String> manifest = TestServers.get(hearth.port(), "/manifest.webmanifest");
    assertThat(manifest.statusCode()).isEqualTo(200);
    assertThat(mediaType(manifest)).isEqualTo("application/manifest+json");
    JsonNode icons = JSON.readTree(manifest.body()).get("icons");
    assertThat(icons).isNotEmpty();
    for (JsonNode icon : icons) {
      HttpResponse<String> r = TestServers.get(hearth.port(), "/" + icon.get("src").asText());
      assertThat(r.statusCode()).as(icon.get("src").asText()).isEqualTo(200);
      assertThat(mediaType(r)).as(icon.get("src").asText()).isEqualTo(icon.get("type").asText());
    }
    HttpResponse<String> worker = TestServers.get(hearth.port(), "/sw.js");
    assertThat(worker.statusCode()).isEqualTo(200);
    assertThat(mediaType(worker)).as("browsers register a service worker only from a script type").isEqualTo("text/javascript");
  }

  /** sw.js's shell left out live.js, which app.js imports, and the 512 px icons: offline, the page could not start. */
  @Test
  void theServiceWorkersShellNamesEveryFileOfThePageAndTheServerServesEach() throws Exception {
    Matcher list = Pattern.compile("const SHELL = \\[(.*?)\\];", Pattern.DOTALL).matcher(Files.readString(WEB.resolve("sw.js")));
    assertThat(list.find()).as("sw.js has its SHELL list").isTrue();
    List<String> shell = new ArrayList<>();
    Matcher entry = Pattern.compile("'([^']*)'").matcher(list.group(1));
    while (entry.find()) shell.add(entry.group(1));

    Set<String> files = new TreeSet<>();
    try (Stream<Path> walk = Files.walk(WEB)) {
      walk.filter(Files::isRegularFile).map(f -> WEB.relativize(f).toString().replace('\\', '/')).forEach(files::add);
    }
    files.remove("sw.js"); // the browser keeps the worker itself
    files.add("./");
    assertThat(new TreeSet<>(shell)).isEqualTo(files);
    for (String file : shell) {
      assertThat(TestServers.get(hearth.port(), "/" + file.replace("./", "")).statusCode()).as(file).isEqualTo(200);
    }
  }

  private static String mediaType(HttpResponse<?> r) {
    return r.headers().firstValue("Content-Type").orElse("").replaceFirst(";.*", "").trim();
  }
}
