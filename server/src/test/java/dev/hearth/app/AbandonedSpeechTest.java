package dev.hearth.app;

import dev.hearth.protocols.page.ServerMessage.AudioStart;
import dev.hearth.protocols.page.ServerMessage.Ready;
import dev.hearth.protocols.page.ServerMessage.TurnDone;
import dev.hearth.tts.VocoderThreads;
import dev.hearth.web.WsTestClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: an answer abandoned while it was spoken (a barge-in, a socket closed, an HTTP client hanging up) leaked
 * MaryTTS's vocoder thread and about 6.5 MB, for good. Over the real server, each front end must leave none behind.
 */
@Tag("model")
class AbandonedSpeechTest {
  private static final Duration GONE = Duration.ofSeconds(5);
  private static final String LONG_TEXT = "This answer is long on purpose, so that it is still being spoken when its"
      + " listener goes away, which is what happens when someone interrupts. It goes on for a second sentence, with"
      + " several clauses, a few numbers like twelve and forty two, and then it finally ends.";
  @TempDir
  static Path data;
  private static Hearth hearth;
  private static List<Thread> before;

  @BeforeAll
  static void start() {
    hearth = TestServers.start(data, Map.of());
    before = VocoderThreads.live(); // MaryTTS's start-up self-test leaves one of its own
  }

  @AfterAll
  static void stop() {
    hearth.close();
  }

  /** Issue 15: a barge-in (a new {@code start} while the answer plays) leaked the old answer's vocoder thread. */
  @Test
  void issue15_aBargeInOverTheSocketLeavesNoVocoderThread() throws Exception {
    try (WsTestClient ws = WsTestClient.connect(hearth.port())) {
      ws.send("{\"type\":\"text\",\"text\":\"what can you do\"}"); // a long answer
      String first = ws.await(Ready.class).turnId();
      ws.await(AudioStart.class);
      ws.send("{\"type\":\"start\",\"sample_rate\":16000,\"format\":\"pcm_s16le\"}");
      ws.sendAudio(new byte[16_000], 0, 16_000); // half a second of silence
      ws.send("{\"type\":\"stop\"}");
      ws.await(TurnDone.class, t -> !t.turnId().equals(first), Duration.ofSeconds(20));
      VocoderThreads.awaitNoneSince(before, GONE);
    }
  }

  /** Issue 15: a page closed while the answer played leaked that answer's vocoder thread. */
  @Test
  void issue15_aSocketClosedWhileTheAnswerPlaysLeavesNoVocoderThread() throws Exception {
    try (WsTestClient ws = WsTestClient.connect(hearth.port())) {
      ws.send("{\"type\":\"text\",\"text\":\"what can you do\"}");
      ws.await(AudioStart.class);
    }
    VocoderThreads.awaitNoneSince(before, GONE);
  }

  /** Issue 15: a {@code /v1/audio/speech} client that hung up mid-answer leaked the sentence's vocoder thread. */
  @Test
  void issue15_aSpeechClientThatHangsUpLeavesNoVocoderThread() throws Exception {
    String body = "{\"model\":\"tts-1\",\"voice\":\"alloy\",\"input\":\"" + LONG_TEXT + "\",\"response_format\":\"pcm\"}";
    hangUpAfterAudio(hearth.port(), "POST /v1/audio/speech HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body, "HTTP/1.1 200");
    VocoderThreads.awaitNoneSince(before, GONE);
  }

  /** Issue 15: a MaryTTS API client that hung up a streamed {@code /process} leaked the sentence's vocoder thread. */
  @Test
  void issue15_aMaryttsStreamingClientThatHangsUpLeavesNoVocoderThread() throws Exception {
    String query = "INPUT_TEXT=" + URLEncoder.encode(LONG_TEXT, StandardCharsets.UTF_8)
        + "&INPUT_TYPE=TEXT&OUTPUT_TYPE=AUDIO&AUDIO=WAVE_STREAM&LOCALE=en_US";
    hangUpAfterAudio(hearth.compatPort("marytts", "http"), "GET /process?" + query + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        "HTTP/1.1 200");
    VocoderThreads.awaitNoneSince(before, GONE);
  }

  /** Issue 15 ("in every front end"): a Wyoming client that hung up during {@code synthesize} leaked it too. */
  @Test
  void issue15_aWyomingClientThatHangsUpDuringSynthesisLeavesNoVocoderThread() throws Exception {
    String data = "{\"text\":\"" + LONG_TEXT + "\"}";
    hangUpAfterAudio(hearth.compatPort("wyoming", "tts"), "{\"type\":\"synthesize\",\"data_length\":"
        + data.getBytes(StandardCharsets.UTF_8).length + "}\n" + data, "{\"type\":\"audio-start\"");
    VocoderThreads.awaitNoneSince(before, GONE);
  }

  /** Sends {@code request}, reads the start of the audio answering it, then resets the connection as a crashed client would. */
  private static void hangUpAfterAudio(int port, String request, String answerStart) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] start = in.readNBytes(4_096); // the headers and the first of the audio
      String head = new String(start, StandardCharsets.ISO_8859_1);
      if (!head.startsWith(answerStart)) throw new AssertionError("expected " + answerStart + ", got: " + head.lines().findFirst().orElse(""));
      socket.setSoLinger(true, 0); // close with a reset
    }
  }
}
