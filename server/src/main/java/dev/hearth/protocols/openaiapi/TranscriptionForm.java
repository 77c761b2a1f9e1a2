package dev.hearth.protocols.openaiapi;

import dev.hearth.audio.AudioChunk;
import io.javalin.http.Context;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Part;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.io.EofException;

/**
 * The multipart form of {@code POST /v1/audio/transcriptions}, read and checked on the Jetty thread (with or without a
 * Content-Length): a WAV {@code file}, a {@code model}, and how to answer. Each field that cannot be served is a 400
 * naming it; a file over {@code openai_server.max_upload_bytes} is a 413.
 */
final class TranscriptionForm {
  /** Room for the form's other fields beside the file. */
  static final long FIELDS_BYTES = 64 * 1024;
  /** The part of a form a file smaller than this stays in memory. */
  private static final int IN_MEMORY_BYTES = 1 << 20;
  private static final Set<String> GRANULARITIES = Set.of("word", "segment");

  enum Format {
    JSON("json"), VERBOSE_JSON("verbose_json"), TEXT("text"), SRT("srt"), VTT("vtt");

    final String wire;

    Format(String wire) {
      this.wire = wire;
    }

    static Format of(String value) {
      for (Format f : values()) {
        if (f.wire.equals(value)) return f;
      }
      if (value.equals("diarized_json")) {
        throw OpenAiError.unsupported("response_format 'diarized_json' is not supported: Vosk does not tell speakers "
            + "apart. Use json, text, srt, verbose_json or vtt.", "response_format").failure();
      }
      throw OpenAiError.invalid("Invalid value: '" + value + "'. Supported values are: 'json', 'text', 'srt', "
          + "'verbose_json' and 'vtt'.", "response_format", "invalid_value").failure();
    }
  }

  /** A checked request: the decoded audio and how to answer. */
  record Request(AudioChunk audio, Format format, boolean words, boolean stream) {}

  private final Models models;
  private final String language;
  private final long maxUploadBytes;

  TranscriptionForm(Models models, String language, long maxUploadBytes) {
    this.models = models;
    this.language = language;
    this.maxUploadBytes = maxUploadBytes;
  }

  Request parse(Context ctx) {
    if (!ctx.isMultipartFormData()) {
      throw OpenAiError.invalid("Send the audio as multipart/form-data with a 'file' part and a 'model' field (got "
          + "Content-Type " + ctx.contentType() + ").", null, "invalid_value").failure();
    }
    long declared = ctx.req().getContentLengthLong();
    if (declared > maxUploadBytes + FIELDS_BYTES) throw tooLarge().failure();
    Map<String, List<String>> fields = new HashMap<>();
    byte[] file = null;
    String fileName = "file";
    for (Part part : parts(ctx)) {
      if (part.getName().equals("file")) {
        if (part.getSize() > maxUploadBytes) throw tooLarge().failure();
        file = read(part);
        if (part.getSubmittedFileName() != null && !part.getSubmittedFileName().isBlank()) fileName = part.getSubmittedFileName();
      } else if (part.getSubmittedFileName() == null) {
        fields.computeIfAbsent(stripBrackets(part.getName()), k -> new ArrayList<>())
            .add(new String(read(part), StandardCharsets.UTF_8).strip());
      }
    }
    String model = first(fields, "model");
    if (file == null) throw OpenAiError.missing("file").failure();
    if (model == null || model.isEmpty()) throw OpenAiError.missing("model").failure();
    models.requireTranscription(model);
    checkLanguage(first(fields, "language"));
    checkTemperature(first(fields, "temperature"));
    String formatName = first(fields, "response_format");
    Format format = formatName == null || formatName.isEmpty() ? Format.JSON : Format.of(formatName);
    List<String> granularities = fields.getOrDefault("timestamp_granularities", List.of());
    for (String g : granularities) {
      if (!GRANULARITIES.contains(g)) {
        throw OpenAiError.invalid("Invalid value: '" + g + "'. timestamp_granularities[] takes 'word' and 'segment'.",
            "timestamp_granularities", "invalid_value").failure();
      }
    }
    boolean stream = bool(first(fields, "stream"), "stream");
    AudioChunk audio = AudioUpload.decode(file, fileName, "file");
    return new Request(audio, format, granularities.contains("word"), stream);
  }

  private Collection<Part> parts(Context ctx) {
    ctx.req().setAttribute("org.eclipse.jetty.multipartConfig", new MultipartConfigElement(
        System.getProperty("java.io.tmpdir"), maxUploadBytes, maxUploadBytes + FIELDS_BYTES, IN_MEMORY_BYTES));
    try {
      return ctx.req().getParts();
    } catch (IOException | ServletException | IllegalStateException e) {
      if (exceeded(e)) throw tooLarge().failure();
      throw OpenAiError.invalid(unreadable(e), null, "invalid_value").failure();
    }
  }

  /**
   * Why Jetty could not read the form, from the deepest cause (its own message is only "400: bad multipart"): the
   * connection ended early ({@link EofException}), or the body ended without the form's closing boundary.
   */
  private static String unreadable(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    if (root instanceof EofException) {
      return "The request body was cut short: the connection ended before all of it arrived. Send the whole upload again.";
    }
    if (root instanceof EOFException) {
      return "The multipart form ends before its closing boundary line (--BOUNDARY--): the form is incomplete. "
          + "Send the whole form, ending with that line.";
    }
    return "The multipart form could not be read: " + root.getMessage();
  }

  /** Whether Jetty refused the form for its size (it says so only in the message of the exception or its cause). */
  private static boolean exceeded(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (m.contains("max") && (m.contains("exceed") || m.contains("size") || m.contains("length"))) return true;
      if (t.getCause() == t) break;
    }
    return false;
  }

  private OpenAiError tooLarge() {
    return new OpenAiError(413, "The audio file is larger than this server takes (" + maxUploadBytes + " bytes, "
        + "openai_server.max_upload_bytes). Send a shorter recording, or 16 kHz mono, which is a third of 48 kHz stereo's size.",
        OpenAiError.INVALID_REQUEST, "file", "file_too_large");
  }

  private static byte[] read(Part part) {
    try (InputStream in = part.getInputStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw OpenAiError.invalid("The part '" + part.getName() + "' could not be read: " + e.getMessage(), part.getName(),
          "invalid_value").failure();
    }
  }

  private void checkLanguage(String asked) {
    if (asked == null || asked.isEmpty()) return;
    String primary = asked.split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
    if (!primary.equals(language)) {
      throw OpenAiError.unsupported("This server's speech model recognizes '" + language + "' (" + languageName()
          + ") only, so it cannot transcribe language '" + asked + "'. Leave language out or send '" + language + "'.",
          "language").failure();
    }
  }

  private static void checkTemperature(String value) {
    if (value == null || value.isEmpty()) return;
    try {
      double t = Double.parseDouble(value);
      if (t >= 0 && t <= 1) return;
    } catch (NumberFormatException e) {
      // answered below
    }
    throw OpenAiError.invalid("temperature must be a number from 0 to 1, not '" + value + "'.", "temperature",
        "invalid_value").failure();
  }

  static boolean bool(String value, String param) {
    if (value == null || value.isEmpty() || value.equalsIgnoreCase("false")) return false;
    if (value.equalsIgnoreCase("true")) return true;
    throw OpenAiError.invalid(param + " must be 'true' or 'false', not '" + value + "'.", param, "invalid_value").failure();
  }

  private static String first(Map<String, List<String>> fields, String name) {
    List<String> values = fields.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** {@code timestamp_granularities[]} and {@code timestamp_granularities} name the same field. */
  private static String stripBrackets(String name) {
    return name.endsWith("[]") ? name.substring(0, name.length() - 2) : name;
  }

  /** The model's language as verbose_json names it, e.g. {@code english}. */
  String languageName() {
    return Locale.forLanguageTag(language).getDisplayLanguage(Locale.ENGLISH).toLowerCase(Locale.ROOT);
  }
}
