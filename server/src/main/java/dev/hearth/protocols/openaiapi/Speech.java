package dev.hearth.protocols.openaiapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.audio.AudioChunk;
import dev.hearth.audio.AudioFormat;
import dev.hearth.audio.PcmConverter;
import dev.hearth.audio.Wav;
import dev.hearth.sched.FrontEnd;
import dev.hearth.speech.FrontEndSpeech;
import dev.hearth.speech.SpeechLoop;
import dev.hearth.speech.Voices;
import dev.hearth.tts.TextToSpeech;
import dev.hearth.tts.TtsException;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/audio/speech}: MaryTTS reads {@code input} aloud, sentence by sentence, and the audio goes out as
 * it is made. {@code response_format} {@code wav} (the default here, as Hearth cannot encode MP3 offline) keeps the
 * voice's own rate and, being streamed, has the length fields of its header set to {@code 0xFFFFFFFF} as OpenAI's
 * streamed WAV does; {@code pcm} is headerless 24 kHz 16-bit little-endian mono. {@code stream_format} {@code audio}
 * sends the bytes (chunked), {@code sse} sends them base64 in {@code speech.audio.delta} events, then
 * {@code speech.audio.done}. OpenAI's voice names choose the default voice; an installed MaryTTS voice's name chooses
 * it. {@code speed} is checked (0.25 to 4) but not applied, and {@code instructions} is ignored. A request waits for
 * its place among this front end's (else 503 with {@code Retry-After}); synthesis runs on the front end's lane of the
 * speech threads, and the audio is written by its request threads ({@link FrontEndSpeech}).
 */
final class Speech {
  private static final Logger log = LoggerFactory.getLogger(Speech.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final int MAX_INPUT_CHARS = 4_096;
  static final int PCM_RATE_HZ = 24_000;
  static final Set<String> OPENAI_VOICES = Set.of("alloy", "ash", "ballad", "coral", "echo", "fable", "onyx", "nova",
      "sage", "shimmer", "verse", "marin", "cedar");
  private static final Set<String> FIELDS = Set.of("model", "input", "voice", "instructions", "response_format", "speed",
      "stream_format");

  enum Format { WAV, PCM }

  /** A checked request. */
  record Request(String input, String voice, Format format, boolean sse) {}

  private final TextToSpeech tts;
  private final Voices voices;
  private final Models models;
  private final FrontEnd frontEnd;
  private final FrontEndSpeech speech;

  Speech(TextToSpeech tts, Models models, FrontEnd frontEnd) {
    this.tts = tts;
    this.voices = new Voices(tts);
    this.models = models;
    this.frontEnd = frontEnd;
    this.speech = new FrontEndSpeech(tts, frontEnd);
  }

  void handle(Context ctx) {
    Request request = parse(Bodies.object(ctx));
    OpenAiApi.async(ctx, "Speech synthesis", "tts_failed", () -> frontEnd.requests().enter()
        .thenCompose(permit -> speak(ctx, request).whenComplete((done, failure) -> permit.close())));
  }

  /**
   * Synthesizes sentence by sentence on this front end's lane and sends the audio from its request threads; the first
   * audio is made before anything is sent, so a failure there is still a 500. A client that takes no audio for
   * {@code sharing.write_timeout_millis} is cut off, and its synthesis closed.
   */
  private CompletableFuture<Void> speak(Context ctx, Request request) {
    Output output = new Output(request.format(), tts.outputFormat());
    Response response = new Response(ctx, request, output);
    return speech.speak(SpeechLoop.sentences(request.input()), request.voice(), response::audio,
        () -> response.abort(new TimeoutException("the client took no audio")), () -> false)
        .handleAsync((done, failure) -> {
          ended(response, failure);
          return null;
        }, frontEnd.requestThreads());
  }

  /** Ends the response, on a request thread: its last bytes, or what the failure calls for. */
  private static void ended(Response response, Throwable failure) {
    try {
      if (failure == null) response.finish();
      else throw failure;
    } catch (TtsException e) {
      if (!response.started()) throw OpenAiError.server("Speech synthesis failed: " + e.getMessage(), "tts_failed").failure();
      log.warn("Speech synthesis failed after the audio had begun; the response is cut off", e);
      response.fail(e);
    } catch (IOException e) {
      log.debug("/v1/audio/speech: the client went away or stopped reading: {}", e.getMessage());
    } catch (Throwable e) {
      response.abort(e);
      throw e instanceof RuntimeException r ? r : new CompletionException(e);
    }
  }

  /** The response, begun at the first audio: the bytes as they are, or base64 in server-sent events. */
  private final class Response {
    private final Context ctx;
    private final Request request;
    private final Output output;
    private volatile ResponseStream stream;

    Response(Context ctx, Request request, Output output) {
      this.ctx = ctx;
      this.request = request;
      this.output = output;
    }

    boolean started() {
      return stream != null;
    }

    /** Sends a chunk of speech (the headers first); throws once the client has gone. */
    void audio(AudioChunk chunk) throws IOException {
      if (stream == null) {
        stream = request.sse() ? ResponseStream.events(ctx) : ResponseStream.start(ctx, output.contentType());
        send(output.header());
      }
      send(output.convert(chunk));
      if (stream.gone()) throw new IOException("the client has gone");
    }

    void finish() throws IOException {
      if (stream == null) audio(new AudioChunk(tts.outputFormat(), new byte[0]));
      send(output.flush());
      if (request.sse()) {
        long tokens = Tokens.estimate(request.input());
        ObjectNode done = JSON.createObjectNode().put("type", "speech.audio.done");
        done.putObject("usage").put("input_tokens", tokens).put("output_tokens", 0).put("total_tokens", tokens);
        stream.event(done.toString());
      }
    }

    void fail(TtsException e) {
      if (request.sse()) {
        ObjectNode error = OpenAiError.server("Speech synthesis failed: " + e.getMessage(), "tts_failed").toJson();
        error.put("type", "error");
        stream.event(error.toString());
      } else {
        stream.abort(e);
      }
    }

    void abort(Throwable cause) {
      ResponseStream s = stream;
      if (s != null) s.abort(cause);
    }

    private void send(byte[] bytes) {
      if (bytes.length == 0) return;
      if (request.sse()) {
        stream.event(JSON.createObjectNode().put("type", "speech.audio.delta")
            .put("audio", Base64.getEncoder().encodeToString(bytes)).toString());
      } else {
        stream.write(bytes);
      }
    }
  }

  // ---- the request ----

  Request parse(JsonNode body) {
    body.fieldNames().forEachRemaining(name -> {
      if (!FIELDS.contains(name)) {
        throw OpenAiError.invalid("Unrecognized request argument supplied: " + name, name, "unknown_parameter").failure();
      }
    });
    String model = Bodies.requiredString(body, "model");
    if (model.isBlank()) throw OpenAiError.missing("model").failure();
    models.requireSpeech(model);
    String input = Bodies.requiredString(body, "input");
    if (input.isBlank()) throw OpenAiError.invalid("input is empty: send the text to speak.", "input", "invalid_value").failure();
    if (input.length() > MAX_INPUT_CHARS) {
      throw OpenAiError.invalid("input is " + input.length() + " characters long; the most is " + MAX_INPUT_CHARS
          + ". Split the text and make several requests.", "input", "string_above_max_length").failure();
    }
    String voice = voice(body.get("voice"));
    Format format = format(Bodies.optionalString(body, "response_format", "wav"));
    JsonNode speed = body.get("speed");
    if (speed != null && !speed.isNull() && (!speed.isNumber() || speed.asDouble() < 0.25 || speed.asDouble() > 4.0)) {
      throw OpenAiError.invalid("speed must be a number from 0.25 to 4.0, not " + speed + ".", "speed", "invalid_value").failure();
    }
    Bodies.optionalString(body, "instructions", "");
    String streamFormat = Bodies.optionalString(body, "stream_format", "audio");
    if (!streamFormat.equals("audio") && !streamFormat.equals("sse")) {
      throw OpenAiError.invalid("Invalid value: '" + streamFormat + "'. stream_format takes 'audio' or 'sse'.",
          "stream_format", "invalid_value").failure();
    }
    return new Request(input, voice, format, streamFormat.equals("sse"));
  }

  /** OpenAI's names choose the default voice; an installed voice's name (or {@code {"id": name}}) chooses that one. */
  private String voice(JsonNode node) {
    if (node == null || node.isNull()) throw OpenAiError.missing("voice").failure();
    String name;
    if (node.isTextual()) name = node.asText();
    else if (node.isObject() && node.path("id").isTextual()) name = node.get("id").asText();
    else throw OpenAiError.invalid("voice must be a voice's name (or {\"id\": name}).", "voice", "invalid_type").failure();
    if (OPENAI_VOICES.contains(name.toLowerCase(Locale.ROOT))) return voices.defaultVoice();
    try {
      return voices.resolve(name);
    } catch (Voices.UnknownVoice e) {
      throw OpenAiError.invalid("Unknown voice '" + name + "'. Use one of OpenAI's voices (" + String.join(", ",
          new TreeSet<>(OPENAI_VOICES)) + "; they speak with " + voices.defaultVoice() + ") or an installed voice: "
          + voices.names() + ".", "voice", "invalid_value").failure();
    }
  }

  private static Format format(String name) {
    switch (name) {
      case "wav":
        return Format.WAV;
      case "pcm":
        return Format.PCM;
      case "mp3": case "opus": case "aac": case "flac":
        throw OpenAiError.unsupported("response_format '" + name + "' is not supported: Hearth cannot encode " + name
            + " offline. Use 'wav' (the default here) or 'pcm' (raw 24 kHz 16-bit little-endian mono).",
            "response_format").failure();
      default:
        throw OpenAiError.invalid("Invalid value: '" + name + "'. Supported values are: 'wav' and 'pcm' (OpenAI's 'mp3', "
            + "'opus', 'aac' and 'flac' are not available offline).", "response_format", "invalid_value").failure();
    }
  }

  /** Turns the voice's PCM into the response's bytes: a streamed WAV at its own rate, or raw PCM at 24 kHz. */
  static final class Output {
    private final Format format;
    private final AudioFormat voice;
    private final PcmConverter toPcm;

    Output(Format format, AudioFormat voice) {
      this.format = format;
      this.voice = voice;
      this.toPcm = format == Format.PCM ? new PcmConverter(voice, PCM_RATE_HZ) : null;
    }

    String contentType() {
      return format == Format.WAV ? "audio/wav" : "audio/pcm";
    }

    /** What goes before the audio: a WAV header, or nothing. */
    byte[] header() {
      return format == Format.WAV ? Wav.streamingHeader(voice) : new byte[0];
    }

    byte[] convert(AudioChunk chunk) {
      return toPcm == null ? chunk.pcm() : toPcm.convert(chunk.pcm()).pcm();
    }

    byte[] flush() {
      return toPcm == null ? new byte[0] : toPcm.flush().pcm();
    }
  }
}
