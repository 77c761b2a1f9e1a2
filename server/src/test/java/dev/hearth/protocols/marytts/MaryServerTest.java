package dev.hearth.protocols.marytts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.app.Hearth;
import dev.hearth.app.TestServers;
import dev.hearth.app.TestTools;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MaryTTS's HTTP API on the real server with real MaryTTS, driven the way MaryTTS's clients drive it. */
@Tag("model")
class MaryServerTest {
  private static final HttpClient http = HttpClient.newHttpClient();
  @TempDir
  static Path data;
  private static Hearth hearth;
  private static int port;

  @BeforeAll
  static void start() {
    hearth = TestServers.start(data, Map.of());
    port = hearth.compatPort("marytts", "http");
  }

  @AfterAll
  static void stop() {
    hearth.close();
  }

  @Test
  void aGetWithTheDocumentedExampleQueryAnswersAWaveFile() throws Exception {
    HttpResponse<byte[]> r = get("/process?INPUT_TEXT=Hello+world&INPUT_TYPE=TEXT&OUTPUT_TYPE=AUDIO&AUDIO=WAVE_FILE&LOCALE=en_US");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("audio/x-wav");
    Speech speech = Speech.of(r.body());
    assertThat(speech.type).isEqualTo(AudioFileFormat.Type.WAVE);
    assertThat(speech.seconds()).isBetween(0.4, 3.0);
    assertThat(speech.rms).as("spoken, not silence").isGreaterThan(300);
  }

  /** Home Assistant's client: a POST with a form body, no query string and no Content-Type; effects are ignored. */
  @Test
  void homeAssistantsPostWithoutAContentTypeIsSpoken() throws Exception {
    Path python = Path.of("/usr/bin/python3");
    TestTools.require(Files.isExecutable(python), "/usr/bin/python3 is not installed");
    Path out = data.resolve("ha.wav");
    Process p = new ProcessBuilder(python.toString(), script("marytts_post.py"), "127.0.0.1", String.valueOf(port),
        "It is twenty degrees in the kitchen. Café crème, naïve façade.", out.toString()).redirectErrorStream(true).start();
    String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(printed).isEqualTo("200 audio/x-wav");
    Speech speech = Speech.of(Files.readAllBytes(out));
    assertThat(speech.seconds()).isBetween(2.0, 10.0);
    assertThat(speech.rms).isGreaterThan(300);
  }

  /** Rhasspy's marytts.sh: {@code curl -X GET -G --data-urlencode ...} with {@code AUDIO=WAVE} and no VOICE. */
  @Test
  void rhasspysCurlCommandIsSpoken() throws Exception {
    TestTools.require(Files.isExecutable(Path.of("/usr/bin/curl")), "curl is not installed (apt-get install curl)");
    Path out = data.resolve("rhasspy.wav");
    Process p = new ProcessBuilder("curl", "-sS", "-o", out.toString(), "-X", "GET", "-G",
        "--data-urlencode", "INPUT_TEXT=What time is it?", "--data-urlencode", "LOCALE=en_US",
        "--data-urlencode", "INPUT_TYPE=TEXT", "--data-urlencode", "OUTPUT_TYPE=AUDIO", "--data-urlencode", "AUDIO=WAVE",
        "http://127.0.0.1:" + port + "/process").redirectErrorStream(true).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
    assertThat(Speech.of(Files.readAllBytes(out)).rms).isGreaterThan(300);
  }

  /**
   * MaryTTS's own client example and {@code curl --data} send the form with {@code Content-Type:
   * application/x-www-form-urlencoded}, which Jetty could read as request parameters before the handler sees the body.
   */
  @Test
  void aPostWithAFormContentTypeIsSpoken() throws Exception {
    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(uri("/process"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form(request("A form with its content type. Café crème.", "WAVE_FILE"))))
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).as(body(r)).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("audio/x-wav");
    Speech speech = Speech.of(r.body());
    assertThat(speech.type).isEqualTo(AudioFileFormat.Type.WAVE);
    assertThat(speech.seconds()).isBetween(1.0, 8.0);
    assertThat(speech.rms).isGreaterThan(300);
  }

  @Test
  void queryAndBodyParametersAreMergedAndTheQueryWins() throws Exception {
    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(uri("/process?AUDIO=AU_FILE"))
            .POST(HttpRequest.BodyPublishers.ofString(form(request("Merged.", "WAVE_FILE")))).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("audio/basic");
    assertThat(Speech.of(r.body()).type).isEqualTo(AudioFileFormat.Type.AU);
  }

  @Test
  void auAndAiffFilesAreWrittenToo() throws Exception {
    HttpResponse<byte[]> aiff = post(request("A I F F.", "AIFF_FILE"));
    assertThat(aiff.headers().firstValue("Content-Type")).hasValue("audio/x-aiff");
    Speech speech = Speech.of(aiff.body());
    assertThat(speech.type).isEqualTo(AudioFileFormat.Type.AIFF);
    assertThat(speech.rms).isGreaterThan(300);
  }

  @Test
  void anUnknownVoiceOrLocaleFallsBackToTheDefaultVoice() throws Exception {
    Map<String, String> p = request("Fallback voice.", "WAVE_FILE");
    p.put("VOICE", "dfki-prudence-hsmm");
    p.put("LOCALE", "en_GB");
    assertThat(post(p).statusCode()).isEqualTo(200);
    p.put("VOICE", "female");
    assertThat(post(p).statusCode()).isEqualTo(200);
  }

  @Test
  void aStreamedWaveStartsWithAHeaderAndCarriesTheSameSpeech() throws Exception {
    String text = "Streaming speech. It comes sentence by sentence.";
    HttpResponse<byte[]> whole = post(request(text, "WAVE_FILE"));
    HttpResponse<byte[]> streamed = post(request(text, "WAVE_STREAM"));
    assertThat(streamed.statusCode()).isEqualTo(200);
    assertThat(streamed.headers().firstValue("Content-Type")).hasValue("audio/x-wav");
    assertThat(streamed.headers().firstValue("Content-Length")).as("sent as it is made").isEmpty();
    byte[] s = streamed.body();
    assertThat(new String(s, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
    assertThat(new String(s, 36, 4, StandardCharsets.US_ASCII)).isEqualTo("data");
    Speech file = Speech.of(whole.body());
    assertThat(s.length - 44).as("the same number of samples as the whole file").isEqualTo(file.pcmBytes);
  }

  @Test
  void requestsMaryttsWouldRefuseGetMaryttsErrors() throws Exception {
    Map<String, String> noLocale = request("x", "WAVE_FILE");
    noLocale.remove("LOCALE");
    assertError(post(noLocale), 400, "Request must contain the parameter 'INPUT_TEXT' and 'INPUT_TYPE' and 'OUTPUT_TYPE' and 'LOCALE'");
    Map<String, String> ssml = request("<speak>x</speak>", "WAVE_FILE");
    ssml.put("INPUT_TYPE", "SSML");
    assertError(post(ssml), 400, "The value 'SSML' of parameter 'INPUT_TYPE' is not valid");
    Map<String, String> phonemes = request("x", "WAVE_FILE");
    phonemes.put("OUTPUT_TYPE", "PHONEMES");
    assertError(post(phonemes), 400, "The value 'PHONEMES' of parameter 'OUTPUT_TYPE' is not valid");
    Map<String, String> noAudio = request("x", "WAVE_FILE");
    noAudio.remove("AUDIO");
    assertError(post(noAudio), 400, "Request must contain the parameter 'AUDIO' when OUTPUT_TYPE=AUDIO");
    assertError(post(request("x", "MP3")), 400, "Conversion to MP3 not supported");
    assertError(post(request("x", "FLAC_FILE")), 400, "The value 'FLAC_FILE' of parameter 'AUDIO' is not valid");
    Map<String, String> badLocale = request("x", "WAVE_FILE");
    badLocale.put("LOCALE", "../../etc");
    assertError(post(badLocale), 400, "of parameter 'LOCALE' is not valid");
    assertError(post(request("a".repeat(MaryRequest.MAX_TEXT_CHARS + 1), "WAVE_FILE")), 400, "longer than");
    assertThat(rawGet("/process%zz?INPUT_TEXT=%zz")).startsWith("HTTP/1.1 4");
    assertError(get("/nothing-here"), 404, "File /nothing-here not found");
    HttpResponse<byte[]> put = http.send(HttpRequest.newBuilder(uri("/process")).PUT(HttpRequest.BodyPublishers.ofString("x")).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertError(put, 501, "PUT method not supported");
    // and the server goes on speaking
    assertThat(get("/process?INPUT_TEXT=Still+here&INPUT_TYPE=TEXT&OUTPUT_TYPE=AUDIO&AUDIO=WAVE&LOCALE=en_US").statusCode()).isEqualTo(200);
  }

  /** A malformed escape is kept as written rather than failing: MaryTTS's decoder is as lenient. */
  @Test
  void aMalformedEscapeIsSpokenAsWritten() throws Exception {
    String head = rawGet("/process?INPUT_TEXT=100%zz+sure&INPUT_TYPE=TEXT&OUTPUT_TYPE=AUDIO&AUDIO=WAVE&LOCALE=en_US");
    assertThat(head).startsWith("HTTP/1.1 200").containsIgnoringCase("Content-Type: audio/x-wav");
  }

  @Test
  void emptyTextIsAnEmptyWaveFile() throws Exception {
    HttpResponse<byte[]> r = post(request("", "WAVE_FILE"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(Speech.of(r.body()).pcmBytes).isZero();
  }

  @Test
  void infoEndpointsAnswerInMaryttsPlainTextFormats() throws Exception {
    assertText(get("/voices"), "cmu-slt-hsmm en_US female hmm\n");
    assertText(get("/locales"), "en_US\n");
    assertThat(body(get("/audioformats"))).startsWith("WAVE_FILE\n").contains("AU_FILE\n", "AIFF_FILE\n");
    assertText(get("/version"), "Mary TTS server 5.2 (impl. 5.2)\n");
    assertText(get("/datatypes"), "TEXT INPUT\nAUDIO OUTPUT\n");
    assertThat(body(get("/exampletext?voice=cmu-slt-hsmm"))).isNotBlank();
    assertThat(get("/exampletext").statusCode()).isEqualTo(400);
  }

  /** A client that opens a connection and sends half a request, then goes away, leaves the server as it was. */
  @Test
  void aTruncatedRequestChangesNothing() throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.getOutputStream().write(("POST /process HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\nINPUT_TEXT=Hel")
          .getBytes(StandardCharsets.US_ASCII));
    }
    assertThat(post(request("After a broken client.", "WAVE_FILE")).statusCode()).isEqualTo(200);
  }

  @Test
  void switchedOffItListensNowhere(@TempDir Path other) {
    try (Hearth off = TestServers.start(other, Map.of("marytts_server.enabled", "false"))) {
      assertThat(off.compatPort("marytts", "http")).isEqualTo(-1);
    }
  }

  private static Map<String, String> request(String text, String audio) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("INPUT_TEXT", text);
    p.put("INPUT_TYPE", "TEXT");
    p.put("OUTPUT_TYPE", "AUDIO");
    p.put("LOCALE", "en_US");
    p.put("AUDIO", audio);
    p.put("VOICE", "cmu-slt-hsmm");
    return p;
  }

  private static String form(Map<String, String> params) {
    return params.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  /** A POST with the form as its body and no Content-Type header, as MaryTTS's clients send it. */
  private static HttpResponse<byte[]> post(Map<String, String> params) throws Exception {
    return http.send(HttpRequest.newBuilder(uri("/process")).POST(HttpRequest.BodyPublishers.ofString(form(params))).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static HttpResponse<byte[]> get(String pathAndQuery) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(pathAndQuery)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** A GET sent as written (java.net.URI refuses malformed escapes); returns the response's status line and headers. */
  private static String rawGet(String pathAndQuery) throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.getOutputStream().write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      return response.substring(0, Math.max(0, response.indexOf("\r\n\r\n")));
    }
  }

  private static URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + port + pathAndQuery);
  }

  private static String body(HttpResponse<byte[]> r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  private static void assertText(HttpResponse<byte[]> r, String expected) {
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElseThrow()).isEqualToIgnoringWhitespace("text/plain;charset=utf-8");
    assertThat(body(r)).isEqualTo(expected);
  }

  private static void assertError(HttpResponse<byte[]> r, int status, String message) {
    assertThat(r.statusCode()).as(body(r)).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type").orElseThrow()).isEqualToIgnoringWhitespace("text/html;charset=utf-8");
    assertThat(body(r)).startsWith("<html><body><h1>").contains(message);
  }

  private static String script(String name) {
    return Path.of("src/test/python", name).toAbsolutePath().toString();
  }

  /** An audio file read back with Java Sound. */
  private record Speech(AudioFileFormat.Type type, float rateHz, int pcmBytes, double rms) {
    static Speech of(byte[] file) throws Exception {
      AudioFileFormat.Type type = AudioSystem.getAudioFileFormat(new ByteArrayInputStream(file)).getType();
      try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(file))) {
        javax.sound.sampled.AudioFormat f = in.getFormat();
        assertThat(f.getSampleSizeInBits()).isEqualTo(16);
        assertThat(f.getChannels()).isEqualTo(1);
        byte[] pcm = readAll(in);
        double sum = 0;
        for (int i = 0; i + 1 < pcm.length; i += 2) {
          int sample = f.isBigEndian() ? (short) ((pcm[i] << 8) | (pcm[i + 1] & 0xff)) : (short) ((pcm[i + 1] << 8) | (pcm[i] & 0xff));
          sum += (double) sample * sample;
        }
        return new Speech(type, f.getSampleRate(), pcm.length, pcm.length == 0 ? 0 : Math.sqrt(sum / (pcm.length / 2)));
      }
    }

    double seconds() {
      return pcmBytes / 2.0 / rateHz;
    }

    private static byte[] readAll(InputStream in) throws Exception {
      return in.readAllBytes();
    }
  }
}
