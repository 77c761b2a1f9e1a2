package dev.hearth.protocols.marytts;

import dev.hearth.protocols.ProtocolServer;
import dev.hearth.config.ClientAddresses;
import dev.hearth.config.MaryServerConfig;
import dev.hearth.sched.Busy;
import dev.hearth.sched.FrontEnd;
import dev.hearth.speech.FrontEndSpeech;
import dev.hearth.speech.SpeechLoop;
import dev.hearth.speech.Voices;
import dev.hearth.tts.TextToSpeech;
import dev.hearth.tts.TtsException;
import dev.hearth.web.Connections;
import dev.hearth.web.SessionLimits;
import dev.hearth.web.UnexpectedErrors;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MaryTTS 5.x's HTTP API on a port of its own (59125 by default), so that MaryTTS clients (Home Assistant's
 * {@code marytts} platform, Rhasspy, MaryTTS's own examples) speak through Hearth unchanged: {@code /process} and
 * the plain-text info endpoints, errors as MaryTTS's HTML. Requests are read on Jetty's thread; speech is made on
 * this front end's lane of the speech threads, and written by its request threads ({@link FrontEndSpeech}). See
 * docs/marytts.md.
 */
public final class MaryServer implements ProtocolServer {
  private static final Logger log = LoggerFactory.getLogger(MaryServer.class);
  private static final String TEXT = "text/plain; charset=UTF-8";
  private static final String HTML = "text/html; charset=UTF-8";

  private final TextToSpeech tts;
  private final FrontEnd frontEnd;
  private final FrontEndSpeech speech;
  private final MaryVoices voices;
  private final Javalin app;
  private final AtomicBoolean effectsLogged = new AtomicBoolean();

  private final SessionLimits requests;

  private MaryServer(TextToSpeech tts, FrontEnd frontEnd, MaryServerConfig config, long minRequestBytesPerSecond) {
    ClientAddresses clients = config.allowedClients();
    this.requests = new SessionLimits("MaryTTS API requests", config.maxConnections(), "marytts_server.max_connections",
        config.maxRequestsPerClient(), "marytts_server.max_requests_per_client");
    this.tts = tts;
    this.frontEnd = frontEnd;
    this.speech = new FrontEndSpeech(tts, frontEnd);
    this.voices = new MaryVoices(new Voices(tts));
    this.app = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      // a body trickled a byte at a time is cut off (408), and idle connections cannot pile up without end
      cfg.jetty.modifyHttpConfiguration(http -> http.setMinRequestDataRate(minRequestBytesPerSecond));
      cfg.jetty.modifyServer(server -> server.addBean(new NetworkConnectionLimit(config.maxConnections(), server)));
      cfg.routes.before(ctx -> {
        if (!clients.allows(ctx.req().getRemoteAddr())) throw MaryError.forbidden(ctx.req().getRemoteAddr());
        if (ctx.method() != HandlerType.GET && ctx.method() != HandlerType.POST) throw MaryError.methodNotSupported(ctx.method().name());
      });
      cfg.routes.exception(MaryError.class, (e, ctx) -> ctx.status(e.status).contentType(HTML).result(e.html));
      UnexpectedErrors.install(cfg.routes, (ctx, status, message) -> {
        MaryError error = MaryError.of(status, message);
        ctx.status(error.status).contentType(HTML).result(error.html);
      });
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
  public static MaryServer start(MaryServerConfig config, String host, long minRequestBytesPerSecond, TextToSpeech tts,
      FrontEnd frontEnd) {
    MaryServer server = new MaryServer(tts, frontEnd, config, minRequestBytesPerSecond);
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

  /**
   * {@code /process}: validates as MaryTTS does, then, once the request has its place among this front end's (else a
   * 503 with {@code Retry-After}), speaks sentence by sentence on its lane of the speech threads, whole or streamed.
   */
  private void process(Context ctx) throws MaryError {
    Map<String, String> params = MaryParameters.of(ctx.queryString(), ctx.method() == HandlerType.POST ? ctx.body() : null);
    MaryRequest request = MaryRequest.parse(params, voices);
    if (request.effects() && effectsLogged.compareAndSet(false, true)) {
      log.info("MaryTTS API: audio effects (effect_*) were asked for; Hearth speaks without them");
    }
    SessionLimits.Lease lease;
    try {
      lease = requests.open(ctx.req().getRemoteAddr());
    } catch (SessionLimits.Refused refused) {
      ctx.header("Retry-After", "1");
      throw MaryError.busy(refused.getMessage());
    }
    try {
      ctx.future(() -> frontEnd.requests().enter()
          .thenCompose(permit -> (request.streaming() ? stream(ctx, request) : whole(ctx, request))
              .whenComplete((done, failure) -> permit.close()))
          .exceptionally(failure -> {
            failed(ctx, request, failure);
            return null;
          }).whenComplete((done, failure) -> lease.close()));
    } catch (RuntimeException e) {
      lease.close();
      throw e;
    }
  }

  /** The whole file, once all of it is made. */
  private CompletableFuture<Void> whole(Context ctx, MaryRequest request) {
    ByteArrayOutputStream pcm = new ByteArrayOutputStream();
    return speak(request, chunk -> pcm.writeBytes(chunk.pcm()), () -> {}).thenRunAsync(() -> {
      try {
        ctx.contentType(request.audio().mimeType).result(request.audio().file(tts.outputFormat(), pcm.toByteArray()));
      } catch (IOException e) {
        throw new CompletionException(e);
      }
    }, frontEnd.requestThreads());
  }

  /**
   * {@code AUDIO=WAVE_STREAM} or {@code AU_STREAM}: the header at once, then the audio of each sentence as it is made. A
   * client that takes none of it for {@code sharing.write_timeout_millis} is cut off.
   */
  private CompletableFuture<Void> stream(Context ctx, MaryRequest request) {
    return CompletableFuture.runAsync(() -> {
      ctx.status(200).contentType(request.audio().mimeType);
      try {
        ctx.res().getOutputStream().write(request.audio().streamHeader(tts.outputFormat()));
        ctx.res().getOutputStream().flush();
      } catch (IOException e) {
        throw new CompletionException(e);
      }
    }, frontEnd.requestThreads()).thenCompose(started -> speak(request, chunk -> {
      ctx.res().getOutputStream().write(request.audio().streamSamples(chunk.pcm()));
      ctx.res().getOutputStream().flush();
    }, () -> abort(ctx))).exceptionally(failure -> {
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
      if (cause instanceof TtsException) log.warn("MaryTTS API: speech failed after streaming began: {}", cause.getMessage());
      else log.debug("MaryTTS API: a streaming client went away: {}", cause.getMessage());
      return null;
    });
  }

  /** Speaks the request's text sentence by sentence on this front end's lane of the speech threads. */
  private CompletableFuture<Void> speak(MaryRequest request, FrontEndSpeech.Write write, Runnable onStalled) {
    return speech.speak(SpeechLoop.sentences(request.text()), request.voice(), write, onStalled, () -> false);
  }

  /** Breaks the connection of a client that stopped reading, so the thread writing to it is free again. */
  private static void abort(Context ctx) {
    Connections.cut(ctx, new TimeoutException("the client stopped reading"));
  }

  private static void failed(Context ctx, MaryRequest request, Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (ctx.res().isCommitted()) { // streaming had begun: the audio just stops
      log.warn("MaryTTS API: speech of \"{}\" ended early: {}", abbreviate(request.text()), cause.getMessage());
      return;
    }
    if (cause instanceof Busy busy) {
      MaryError e = MaryError.busy(busy.getMessage());
      ctx.header("Retry-After", Long.toString(busy.retryAfterSeconds())).status(e.status).contentType(HTML).result(e.html);
      return;
    }
    log.warn("MaryTTS API: could not speak \"{}\": {}", abbreviate(request.text()), cause.getMessage());
    MaryError e = MaryError.internal("Processing failed: " + cause.getMessage());
    ctx.status(e.status).contentType(HTML).result(e.html);
  }

  /** {@code /exampletext?voice=NAME} or {@code ?datatype=TEXT&locale=LOCALE}: a sentence to try. */
  private void exampleText(Context ctx) throws MaryError {
    String voice = ctx.queryParam("voice");
    String datatype = ctx.queryParam("datatype");
    if (voice != null) {
      voices.require("voice", voice);
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
}
