package dev.hearth.compat.marytts;

import dev.hearth.audio.AudioFormat;
import dev.hearth.compat.CompatServer;
import dev.hearth.config.ClientAddresses;
import dev.hearth.config.MaryServerConfig;
import dev.hearth.tts.SentenceSplitter;
import dev.hearth.tts.TextToSpeech;
import dev.hearth.tts.TtsException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MaryTTS 5.x's HTTP API on a port of its own (59125 by default), so that MaryTTS clients (Home Assistant's
 * {@code marytts} platform, Rhasspy, MaryTTS's own examples) speak through Hearth unchanged: {@code /process} and
 * the plain-text info endpoints, errors as MaryTTS's HTML. Requests are read on Jetty's thread; speech is made on
 * the TTS pool. See docs/marytts.md.
 */
public final class MaryServer implements CompatServer {
  private static final Logger log = LoggerFactory.getLogger(MaryServer.class);
  private static final String TEXT = "text/plain; charset=UTF-8";
  private static final String HTML = "text/html; charset=UTF-8";

  private final TextToSpeech tts;
  private final Executor ttsPool;
  private final MaryVoices voices;
  private final Javalin app;
  private final AtomicBoolean effectsLogged = new AtomicBoolean();

  private MaryServer(TextToSpeech tts, Executor ttsPool, ClientAddresses clients) {
    this.tts = tts;
    this.ttsPool = ttsPool;
    this.voices = new MaryVoices(tts);
    this.app = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.routes.before(ctx -> {
        if (!clients.allows(ctx.req().getRemoteAddr())) throw MaryError.forbidden(ctx.req().getRemoteAddr());
        if (ctx.method() != HandlerType.GET && ctx.method() != HandlerType.POST) throw MaryError.methodNotSupported(ctx.method().name());
      });
      cfg.routes.exception(MaryError.class, (e, ctx) -> ctx.status(e.status).contentType(HTML).result(e.html));
      for (HandlerType method : new HandlerType[] {HandlerType.GET, HandlerType.POST}) {
        cfg.routes.addHttpHandler(method, "/process", this::process);
        cfg.routes.addHttpHandler(method, "/version", ctx -> text(ctx, "Mary TTS server " + MaryVoices.VERSION + " (impl. "
            + MaryVoices.VERSION + ")\n"));
        cfg.routes.addHttpHandler(method, "/voices", ctx -> text(ctx, voices.voicesList()));
        cfg.routes.addHttpHandler(method, "/locales", ctx -> text(ctx, voices.localesList()));
        cfg.routes.addHttpHandler(method, "/audioformats", ctx -> text(ctx, MaryAudio.list()));
        cfg.routes.addHttpHandler(method, "/datatypes", ctx -> text(ctx, "TEXT INPUT\nAUDIO OUTPUT\n"));
        cfg.routes.addHttpHandler(method, "/audioeffects", ctx -> text(ctx, ""));
        cfg.routes.addHttpHandler(method, "/exampletext", this::exampleText);
        cfg.routes.addHttpHandler(method, "/", ctx -> ctx.contentType(HTML).result(indexPage()));
      }
      cfg.routes.error(404, ctx -> {
        MaryError e = MaryError.notFound(ctx.path());
        ctx.contentType(HTML).result(e.html);
      });
    });
  }

  /** Starts listening on {@code host} and {@code marytts_server.port}; a port in use stops start-up naming the setting. */
  public static MaryServer start(MaryServerConfig config, String host, TextToSpeech tts, Executor ttsPool) {
    MaryServer server = new MaryServer(tts, ttsPool, config.allowedClients());
    try {
      server.app.start(host, config.port());
    } catch (RuntimeException e) {
      server.close();
      throw new IllegalStateException("The MaryTTS API cannot listen on " + host + ":" + config.port() + " (" + e.getMessage()
          + "); set marytts_server.port to a free port, or marytts_server.enabled=false to switch it off", e);
    }
    return server;
  }

  @Override
  public String name() {
    return "marytts";
  }

  @Override
  public Map<String, Integer> ports() {
    return Map.of("http", app.port());
  }

  @Override
  public void close() {
    app.stop();
  }

  /** {@code /process}: validates as MaryTTS does, then speaks on the TTS pool, whole or streamed. */
  private void process(Context ctx) throws MaryError {
    Map<String, String> params = MaryParameters.of(ctx.queryString(), ctx.method() == HandlerType.POST ? ctx.body() : null);
    MaryRequest request = MaryRequest.parse(params, voices);
    if (request.effects() && effectsLogged.compareAndSet(false, true)) {
      log.info("MaryTTS API: audio effects (effect_*) were asked for; Hearth speaks without them");
    }
    if (request.streaming()) {
      stream(ctx, request);
      return;
    }
    ctx.future(() -> CompletableFuture.supplyAsync(() -> {
      ByteArrayOutputStream pcm = new ByteArrayOutputStream();
      speak(request, pcm::writeBytes);
      try {
        return request.audio().file(tts.outputFormat(), pcm.toByteArray());
      } catch (IOException e) {
        throw new CompletionException(e);
      }
    }, ttsPool).handle((file, failure) -> {
      if (failure == null) ctx.contentType(request.audio().mimeType).result(file);
      else failed(ctx, request, failure);
      return null;
    }));
  }

  /** {@code AUDIO=WAVE_STREAM} or {@code AU_STREAM}: the header at once, then the audio of each sentence as it is made. */
  private void stream(Context ctx, MaryRequest request) {
    ctx.future(() -> CompletableFuture.runAsync(() -> {
      AudioFormat format = tts.outputFormat();
      ctx.status(200).contentType(request.audio().mimeType);
      try {
        OutputStream out = ctx.res().getOutputStream();
        out.write(request.audio().streamHeader(format));
        out.flush();
        speak(request, pcm -> {
          try {
            out.write(request.audio().streamSamples(pcm));
            out.flush();
          } catch (IOException e) {
            throw new UncheckedIOException(e); // the client went away: stop synthesizing
          }
        });
      } catch (IOException | UncheckedIOException e) {
        log.debug("MaryTTS API: a streaming client went away: {}", e.getMessage());
      } catch (CompletionException e) {
        log.warn("MaryTTS API: speech failed after streaming began: {}", e.getCause().getMessage());
      }
    }, ttsPool));
  }

  /** Speaks the request's text sentence by sentence, passing 16-bit PCM in {@link TextToSpeech#outputFormat()} on. */
  private void speak(MaryRequest request, java.util.function.Consumer<byte[]> sink) {
    try {
      for (String sentence : SentenceSplitter.split(request.text())) {
        tts.speak(sentence, request.voice(), chunk -> sink.accept(chunk.pcm()), () -> false);
      }
    } catch (TtsException e) {
      throw new CompletionException(e);
    }
  }

  private static void failed(Context ctx, MaryRequest request, Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    log.warn("MaryTTS API: could not speak \"{}\": {}", abbreviate(request.text()), cause.getMessage());
    MaryError e = MaryError.internal("Processing failed: " + cause.getMessage());
    ctx.status(e.status).contentType(HTML).result(e.html);
  }

  /** {@code /exampletext?voice=NAME} or {@code ?datatype=TEXT&locale=LOCALE}: a sentence to try. */
  private void exampleText(Context ctx) throws MaryError {
    String voice = ctx.queryParam("voice");
    String datatype = ctx.queryParam("datatype");
    if (voice != null) {
      if (!voices.installed(voice)) throw MaryError.wrongValue("voice", voice, null);
    } else if (datatype == null || ctx.queryParam("locale") == null) {
      throw MaryError.missing("'voice' or 'datatype' and 'locale'");
    } else if (!datatype.equals("TEXT")) {
      throw MaryError.wrongValue("datatype", datatype, "Hearth takes plain text only (TEXT)");
    }
    text(ctx, "Hello! This is Hearth, speaking through the MaryTTS interface.\n");
  }

  private static void text(Context ctx, String body) {
    ctx.contentType(TEXT).result(body);
  }

  private String indexPage() {
    return "<!doctype html><html><head><meta charset=\"utf-8\"><title>Hearth: MaryTTS API</title></head><body>"
        + "<h1>Hearth speaks MaryTTS's HTTP API here</h1><p>Try <a href=\"/process?INPUT_TEXT=Hello+world&amp;INPUT_TYPE=TEXT"
        + "&amp;OUTPUT_TYPE=AUDIO&amp;AUDIO=WAVE_FILE&amp;LOCALE=en_US\">/process</a>, <a href=\"/voices\">/voices</a>, "
        + "<a href=\"/locales\">/locales</a>, <a href=\"/audioformats\">/audioformats</a>, <a href=\"/version\">/version</a>."
        + " Voices: " + String.join(", ", voices.names()) + ".</p></body></html>";
  }

  private static String abbreviate(String text) {
    return text.length() <= 60 ? text : text.substring(0, 57) + "...";
  }

  /** The installed voices as MaryTTS names and lists them. */
  static final class MaryVoices {
    /** The MaryTTS version whose API this is. */
    static final String VERSION = "5.2";
    private final TextToSpeech tts;

    MaryVoices(TextToSpeech tts) {
      this.tts = tts;
    }

    boolean installed(String name) {
      return tts.voices().stream().anyMatch(v -> v.name().equals(name));
    }

    Set<String> names() {
      Set<String> names = new LinkedHashSet<>();
      for (TextToSpeech.Voice v : tts.voices()) names.add(v.name());
      return names;
    }

    String defaultVoice() {
      return tts.defaultVoice();
    }

    /** The voice to speak with: {@code requested} when installed; {@code male}/{@code female} by gender; else the default. */
    String choose(String requested, Locale locale) {
      if (requested != null && installed(requested)) return requested;
      if ("male".equals(requested) || "female".equals(requested)) {
        for (TextToSpeech.Voice v : tts.voices()) {
          if (v.gender().equals(requested) && marySpelling(v).equals(locale.toString())) return v.name();
        }
      }
      return tts.defaultVoice();
    }

    /** {@code /voices}: {@code name locale gender type} per line, e.g. {@code cmu-slt-hsmm en_US female hmm}. */
    String voicesList() {
      StringBuilder out = new StringBuilder();
      for (TextToSpeech.Voice v : tts.voices()) {
        out.append(v.name()).append(' ').append(marySpelling(v)).append(' ').append(v.gender()).append(' ')
            .append(type(v.name())).append('\n');
      }
      return out.toString();
    }

    /** {@code /locales}: one locale per line, as Java writes it ({@code en_US}). */
    String localesList() {
      Set<String> locales = new LinkedHashSet<>();
      for (TextToSpeech.Voice v : tts.voices()) locales.add(marySpelling(v));
      return locales.isEmpty() ? "" : String.join("\n", locales) + "\n";
    }

    private static String marySpelling(TextToSpeech.Voice v) {
      return Locale.forLanguageTag(v.locale()).toString();
    }

    /** MaryTTS's voice type: {@code hmm}, {@code unitselection <domain>}, or {@code other}. */
    private static String type(String name) {
      try {
        marytts.modules.synthesis.Voice v = marytts.modules.synthesis.Voice.getVoice(name);
        if (v instanceof marytts.htsengine.HMMVoice) return "hmm";
        if (v instanceof marytts.unitselection.UnitSelectionVoice) return "unitselection " + ((marytts.unitselection.UnitSelectionVoice) v).getDomain();
      } catch (RuntimeException | LinkageError e) {
        // not a MaryTTS voice (another engine behind TextToSpeech)
      }
      return "other";
    }
  }
}
