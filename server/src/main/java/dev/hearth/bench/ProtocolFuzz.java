package dev.hearth.bench;

import dev.hearth.bench.RawClients.TcpReply;
import dev.hearth.bench.RawClients.WsReply;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Hostile and broken inputs for every listener (docs/protocol.md, docs/openai-api.md, docs/marytts.md,
 * docs/vosk-server.md, docs/wyoming.md), each followed by a canary turn over {@code /ws} that must still succeed. A
 * case passes when the server refuses the input in the way its protocol's document says (an HTTP 4xx, an
 * {@code error} with its code, a WebSocket close with its code) within {@link RawClients#ANSWER_WITHIN}, and gives
 * nothing away (no file contents, no stack trace).
 */
final class ProtocolFuzz {
  /** The listeners' ports on {@code host}. */
  record Target(String host, int httpPort, int voskPort, int wyomingSttPort, int wyomingTtsPort, int maryPort) {
    URI ws(String path) {
      return URI.create("ws://" + host + ":" + httpPort + path);
    }
  }

  /** What the server did with one input, and whether that is the refusal its protocol promises. */
  record Verdict(boolean refusedWell, String answer) {}

  interface Probe {
    Verdict send(Target target, HttpClient http) throws Exception;
  }

  record Case(String name, Probe probe) {}

  /** One case's outcome: the input's verdict and whether the canary after it was answered. */
  record Result(Case fuzzCase, Verdict verdict, boolean canaryAnswered) {
    /** The canary failed, or the input was not refused as its protocol documents. */
    boolean failed() {
      return !canaryAnswered || !verdict.refusedWell();
    }
  }

  private ProtocolFuzz() {}

  /** Runs every case in order, each followed by {@code canary}, printing one line per case. */
  static List<Result> run(List<Case> cases, Target target, HttpClient http, Canary canary, PrintStream out) {
    List<Result> results = new ArrayList<>();
    for (Case c : cases) {
      long begin = System.nanoTime();
      Verdict v;
      try {
        v = c.probe().send(target, http);
      } catch (Exception e) {
        v = new Verdict(false, "the probe failed: " + e);
      }
      boolean answered = canary.ask();
      Result r = new Result(c, v, answered);
      results.add(r);
      String mark = r.verdict().refusedWell() ? "ok  " : "FAIL";
      out.printf("%-5s %-62s %5d ms  %s%s%n", mark, c.name(), (System.nanoTime() - begin) / 1_000_000, oneLine(v.answer()),
          answered ? "" : "; canary turn FAILED");
    }
    return results;
  }

  private static String oneLine(String s) {
    String flat = s.replaceAll("\\s+", " ");
    return flat.length() > 140 ? flat.substring(0, 140) + "…" : flat;
  }

  // ---------- the cases ----------

  static List<Case> cases() {
    List<Case> all = new ArrayList<>();
    all.addAll(voiceSocket());
    all.addAll(api());
    all.addAll(openAi());
    all.addAll(maryTts());
    all.addAll(voskServer());
    all.addAll(wyoming());
    return all;
  }

  private static final String START = "{\"type\":\"start\",\"sample_rate\":16000,\"format\":\"pcm_s16le\"}";

  /** /ws: an {@code error} with {@code code}, the socket left open. */
  private static Case ws(String name, String code, List<Object> messages) {
    return new Case("/ws: " + name, (t, http) -> {
      WsReply r = RawClients.ws(http, t.ws("/ws"), messages, m -> m.contains("\"" + code + "\""));
      boolean ok = r.closeCode() == null && r.texts().stream().anyMatch(m -> m.contains("\"code\":\"" + code + "\""));
      return new Verdict(ok, r.summary());
    });
  }

  static List<Case> voiceSocket() {
    return List.of(
        ws("text that is not JSON", "bad_json", List.of("{\"type\":")),
        ws("JSON that is not an object", "bad_json", List.of("[1,2,3]")),
        ws("an unknown type", "unknown_type", List.of("{\"type\":\"format_disk\"}")),
        ws("start without a sample rate", "bad_message", List.of("{\"type\":\"start\",\"format\":\"pcm_s16le\"}")),
        ws("a sample rate of 7999 Hz", "bad_sample_rate",
            List.of("{\"type\":\"start\",\"sample_rate\":7999,\"format\":\"pcm_s16le\"}")),
        ws("a sample rate of 2^31 Hz", "bad_sample_rate", // the rate rule every front end shares (issue 16)
            List.of("{\"type\":\"start\",\"sample_rate\":2147483648,\"format\":\"pcm_s16le\"}")),
        ws("an mp3 format", "bad_format", List.of("{\"type\":\"start\",\"sample_rate\":16000,\"format\":\"mp3\"}")),
        ws("three channels", "bad_format",
            List.of("{\"type\":\"start\",\"sample_rate\":16000,\"format\":\"pcm_s16le\",\"channels\":3}")),
        ws("binary audio before start", "audio_without_start", List.of(new byte[640])),
        ws("stop while not listening", "not_listening", List.of("{\"type\":\"stop\"}")),
        ws("an unknown conversation id", "unknown_conversation", List.of("{\"type\":\"text\",\"text\":\"hi\","
            + "\"conversation_id\":\"' OR 1=1 --\"}")),
        ws("an unknown voice", "unknown_voice", List.of("{\"type\":\"text\",\"text\":\"hi\",\"voice\":\"../../etc\"}")),
        ws("an empty text", "bad_message", List.of("{\"type\":\"text\",\"text\":\"\"}")),
        ws("a binary frame over max_frame_bytes", "frame_too_large", List.of(START, new byte[(1 << 20) + 2])),
        ws("a 1 MiB text frame", "frame_too_large", List.of("{\"type\":\"text\",\"text\":\"" + "a".repeat(1 << 20) + "\"}")));
  }

  /** An HTTP request that must be answered with a 4xx and must not echo {@code secret}. */
  private static Case http(String name, java.util.function.ToIntFunction<Target> port, String head, byte[] body,
      boolean halfClose) {
    return new Case(name, (t, client) -> {
      TcpReply r = RawClients.http(t.host(), port.applyAsInt(t), head, body, halfClose);
      boolean leaks = r.text().contains("root:x:0") || r.text().contains("\tat dev.hearth") || r.text().contains("Exception");
      return new Verdict(r.status() >= 400 && r.status() < 500 && !leaks, r.summary() + (leaks ? " LEAKS" : ""));
    });
  }

  private static Case web(String name, String head, String body) {
    return http(name, Target::httpPort, head, body.getBytes(StandardCharsets.UTF_8), false);
  }

  private static String json(String method, String path, String body) {
    return method + " " + path + " HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: "
        + body.getBytes(StandardCharsets.UTF_8).length;
  }

  static List<Case> api() {
    return List.of(
        web("/api: a rename with bad JSON", json("POST", "/api/conversations", "{\"title\":"), "{\"title\":"),
        web("/api: a path out of the page's folder", "GET /../../../../etc/passwd HTTP/1.1", ""),
        web("/api: an encoded path out of the page's folder", "GET /%2e%2e/%2e%2e/%2e%2e/etc/passwd HTTP/1.1", ""),
        web("/api: a conversation id that is SQL", "GET /api/conversations/'%20OR%201=1%20-- HTTP/1.1", ""),
        web("/api: a conversation id that is a path", "GET /api/conversations/..%2F..%2Fhearth.db HTTP/1.1", ""),
        web("/api: a negative page size", "GET /api/conversations?limit=-1&offset=-5 HTTP/1.1", ""),
        web("/api: a Host header naming another site",
            "GET /api/conversations HTTP/1.1\r\nHost: attacker.example", ""));
  }

  private static Case v1(String name, String head, byte[] body, boolean halfClose) {
    return http("/v1: " + name, Target::httpPort, head, body, halfClose);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static List<Case> openAi() {
    String speech = "{\"model\":\"tts-1\",\"input\":\"hello\",\"voice\":\"nobody\"}";
    String chat = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    String form = "--XyZ\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-1\r\n"
        + "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\nContent-Type: audio/wav\r\n\r\n"
        + "RIFF\u0000\u0000\u0000\u0000WAVEjunk";
    return List.of(
        v1("chat completions with a body that is not JSON", json("POST", "/v1/chat/completions", "{\"model\":"),
            utf8("{\"model\":"), false),
        v1("chat completions with messages that are a string", json("POST", "/v1/chat/completions",
            "{\"model\":\"gpt-4o-mini\",\"messages\":\"hi\"}"), utf8("{\"model\":\"gpt-4o-mini\",\"messages\":\"hi\"}"), false),
        v1("a Content-Length longer than the body", "POST /v1/chat/completions HTTP/1.1\r\n"
            + "Content-Type: application/json\r\nContent-Length: 100000", utf8(chat), true),
        v1("a Content-Length shorter than the body", "POST /v1/chat/completions HTTP/1.1\r\n"
            + "Content-Type: application/json\r\nContent-Length: 10", utf8(chat), false),
        v1("a negative Content-Length", "POST /v1/chat/completions HTTP/1.1\r\n"
            + "Content-Type: application/json\r\nContent-Length: -1", utf8(chat), false),
        v1("speech with an unknown voice", json("POST", "/v1/audio/speech", speech), utf8(speech), false),
        v1("speech with an unknown model", json("POST", "/v1/audio/speech", speech.replace("tts-1", "tts-9")
            .replace("nobody", "alloy")), utf8(speech.replace("tts-1", "tts-9").replace("nobody", "alloy")), false),
        v1("a transcription form without its closing boundary", "POST /v1/audio/transcriptions HTTP/1.1\r\n"
            + "Content-Type: multipart/form-data; boundary=XyZ\r\nContent-Length: " + utf8(form).length, utf8(form), false),
        v1("a transcription form with no boundary", "POST /v1/audio/transcriptions HTTP/1.1\r\n"
            + "Content-Type: multipart/form-data\r\nContent-Length: 4", utf8("abcd"), false),
        v1("an unknown model", "GET /v1/models/..%2F..%2Fetc%2Fpasswd HTTP/1.1", new byte[0], false));
  }

  private static Case mary(String name, String head, String body) {
    return http("MaryTTS: " + name, Target::maryPort, head, utf8(body), false);
  }

  static List<Case> maryTts() {
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE maryxml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        + "<maryxml version=\"0.5\" xml:lang=\"en-US\"><p>&x;</p></maryxml>";
    String xxeForm = "INPUT_TYPE=RAWMARYXML&OUTPUT_TYPE=AUDIO&AUDIO=WAVE_FILE&LOCALE=en_US&INPUT_TEXT="
        + java.net.URLEncoder.encode(xxe, StandardCharsets.UTF_8);
    return List.of(
        mary("process without its parameters", "GET /process?INPUT_TEXT=hi HTTP/1.1", ""),
        mary("an audio type Hearth cannot make", "GET /process?INPUT_TEXT=hi&INPUT_TYPE=TEXT&OUTPUT_TYPE=AUDIO"
            + "&AUDIO=MP3&LOCALE=en_US HTTP/1.1", ""),
        mary("a locale that is not a locale", "GET /process?INPUT_TEXT=hi&INPUT_TYPE=TEXT&OUTPUT_TYPE=AUDIO"
            + "&AUDIO=WAVE_FILE&LOCALE=%00%2F.. HTTP/1.1", ""),
        mary("an external entity (XXE)", "POST /process HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded"
            + "\r\nContent-Length: " + utf8(xxeForm).length, xxeForm),
        mary("a path out of its folder", "GET /../../etc/passwd HTTP/1.1", ""),
        mary("text over 10,000 characters", "GET /process?INPUT_TYPE=TEXT&OUTPUT_TYPE=AUDIO&AUDIO=WAVE_FILE"
            + "&LOCALE=en_US&INPUT_TEXT=" + "a+".repeat(5001) + " HTTP/1.1", ""));
  }

  /** vosk-server: the connection closed with {@code code}. */
  private static Case vosk(String name, int code, List<Object> messages) {
    return new Case("vosk-server: " + name, (t, http) -> {
      WsReply r = RawClients.ws(http, URI.create("ws://" + t.host() + ":" + t.voskPort() + "/"), messages, m -> false);
      return new Verdict(r.closeCode() != null && r.closeCode() == code, r.summary());
    });
  }

  static List<Case> voskServer() {
    byte[] badWav = new byte[44];
    System.arraycopy(utf8("RIFF"), 0, badWav, 0, 4);
    System.arraycopy(utf8("WAVEfmt "), 0, badWav, 8, 8);
    badWav[20] = 3; // IEEE float, not PCM
    return List.of(
        vosk("text that is not JSON", 1003, List.of("hello")),
        vosk("an eof of 2", 1003, List.of("{\"eof\" : 2}")),
        vosk("a sample rate that is a word", 1007, List.of("{\"config\" : {\"sample_rate\" : \"fast\"}}")),
        vosk("a sample rate of 1 Hz", 1007, List.of("{\"config\" : {\"sample_rate\" : 1}}")),
        vosk("a phrase list that is not a list", 1007, List.of("{\"config\" : {\"phrase_list\" : 5}}")),
        vosk("a WAV header of float samples", 1007, List.of(badWav)),
        vosk("a message over 1 MiB", 1009, List.of(new byte[(1 << 20) + 1])),
        vosk("an odd-sized frame, then eof", 1000, List.of(new byte[] {1, 2, 3}, "{\"eof\" : 1}")));
  }

  /** Wyoming: an {@code error} event with {@code code}. */
  private static Case wyoming(String name, String code, boolean tts, byte[] bytes, boolean halfClose) {
    return new Case("Wyoming: " + name, (t, http) -> {
      TcpReply r = RawClients.tcp(t.host(), tts ? t.wyomingTtsPort() : t.wyomingSttPort(), bytes, halfClose,
          s -> s.contains("\"" + code + "\""));
      boolean ok = r.text().contains("\"error\"") && r.text().contains("\"" + code + "\"");
      // the error's code and text are in its data block, the line after the header
      return new Verdict(ok, r.text().lines().filter(l -> l.contains("\"code\"")).findFirst().orElse(r.summary()));
    });
  }

  static List<Case> wyoming() {
    return List.of(
        wyoming("a header that is not JSON", "bad_header", false, utf8("{\"type\": \n"), false),
        wyoming("a header without a type", "bad_header", false, utf8("{\"data\": {}}\n"), false),
        wyoming("a negative data length", "bad_header", false, utf8("{\"type\": \"describe\", \"data_length\": -5}\n"), false),
        wyoming("a data length that lies", "bad_data", false,
            utf8("{\"type\": \"transcribe\", \"data_length\": 5}\n{\"language\": \"en\"}"), false),
        wyoming("a payload length of 2 GiB", "event_too_large", false,
            utf8("{\"type\": \"audio-chunk\", \"payload_length\": 2147483647}\n"), false),
        wyoming("a header line over 64 KiB", "header_too_long", false, utf8("{\"type\": \"" + "x".repeat(70_000)), false),
        wyoming("an event cut off by the client", "truncated_event", false,
            utf8("{\"type\": \"audio-chunk\", \"payload_length\": 1000}\nshort"), true),
        wyoming("an unknown event type", "unknown_event", false, utf8("{\"type\": \"self-destruct\"}\n"), false),
        wyoming("audio of 3 bytes per sample", "unsupported_audio", false,
            utf8("{\"type\": \"audio-start\", \"data\": {\"rate\": 16000, \"width\": 3, \"channels\": 1}}\n"), false),
        wyoming("synthesize with an unknown voice", "unknown_voice", true,
            utf8("{\"type\": \"synthesize\", \"data\": {\"text\": \"hi\", \"voice\": {\"name\": \"../../x\"}}}\n"), false),
        wyoming("a synthesize chunk without a stream", "not_streaming", true,
            utf8("{\"type\": \"synthesize-chunk\", \"data\": {\"text\": \"hi\"}}\n"), false));
  }
}
