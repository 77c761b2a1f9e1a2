package dev.hearth.protocols.wyoming;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.audio.AudioFormat;
import dev.hearth.stt.SttException;
import dev.hearth.tts.TtsException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's TCP connection, read on its own thread: events in, answers out, until the client closes it, a
 * transcription ends ({@code transcript-stop}, as wyoming-faster-whisper and wyoming-vosk do), or something goes
 * wrong. This is the edge where errors become {@code error{text, code}}:
 * <ul>
 *   <li>a malformed event, a request Hearth cannot serve, or a failed model: {@code error}, then the connection
 *       closes (Home Assistant skips {@code error} events, so only the closed socket ends its wait);</li>
 *   <li>an event type Hearth does not serve: {@code error{code: unknown_event}} and the connection stays open, since
 *       the stream is still in step and newer clients may send events this server does not know;</li>
 *   <li>no event for {@code idleMillis}, or an event not complete {@code eventDeadlineMillis} after its first byte:
 *       {@code error{code: idle_timeout | event_timeout}} and the connection closes, so neither a half-open client
 *       nor one trickling bytes can hold a slot;</li>
 *   <li>a write the client does not read for {@code writeTimeoutMillis}: the socket is closed (see
 *       {@link #closeIfStalled}).</li>
 * </ul>
 */
final class WyomingConnection implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(WyomingConnection.class);
  /** How long a closing connection waits for the client to finish sending, so it reads the last events, in ms. */
  private static final int LINGER_MILLIS = 1_000;

  /** What every connection needs: the models, the pools and the limits. */
  record Context(WyomingServer.Speech speech, WyomingEvent info, WyomingServer.Limits limits) {}

  private final Socket socket;
  private final Context context;
  private final String client;
  private OutputStream out;
  /** When the write in progress began (System.nanoTime), or 0 when none is; read by the server's write watchdog. */
  private volatile long writingSinceNanos;
  private Synthesizer synthesizer;
  private Transcription transcription;
  /** The model's language, reported in transcripts. */
  private final String language;

  WyomingConnection(Socket socket, Context context) {
    this.socket = socket;
    this.context = context;
    this.client = socket.getRemoteSocketAddress().toString();
    this.language = context.speech().sttLanguage();
  }

  @Override
  public void run() {
    try {
      WyomingServer.Limits limits = context.limits();
      socket.setTcpNoDelay(true);
      DeadlineInput timed = new DeadlineInput(socket, limits.idleMillis(), limits.eventDeadlineMillis());
      InputStream in = new BufferedInputStream(timed);
      out = new BufferedOutputStream(socket.getOutputStream());
      synthesizer = new Synthesizer(context.speech().tts(), context.speech().frontEnd(), this::send, this::hangUp,
          limits.maxStreamTextChars());
      WyomingEvent event;
      while ((event = EventCodec.read(in, limits.maxEventBytes())) != null) {
        timed.betweenEvents();
        if (!handle(event)) break;
        if (transcription != null) transcription.sendReady();
      }
    } catch (WyomingException e) {
      log.info("Wyoming client {}: {} ({})", client, e.getMessage(), e.code());
      error(e.code(), e.getMessage());
    } catch (SttException e) {
      log.warn("Wyoming client {}: speech recognition failed: {}", client, e.getMessage());
      error("stt_failed", "Speech recognition failed: " + e.getMessage());
    } catch (TtsException e) {
      log.warn("Wyoming client {}: speech synthesis failed: {}", client, e.getMessage());
      error("tts_failed", "Speech synthesis failed: " + e.getMessage());
    } catch (DeadlineInput.EventDeadlineException e) {
      log.info("Wyoming client {}: {}; closing", client, e.getMessage());
      error("event_timeout", e.getMessage());
    } catch (SocketTimeoutException e) {
      log.info("Wyoming client {}: nothing received for {} ms; closing", client, context.limits().idleMillis());
      error("idle_timeout", "Nothing was received for " + context.limits().idleMillis() + " ms");
    } catch (IOException e) {
      log.debug("Wyoming client {}: connection lost: {}", client, e.toString());
    } catch (InterruptedException e) {
      log.debug("Wyoming client {}: closed while the server stops", client);
    } catch (RuntimeException e) {
      log.warn("Wyoming client {}: unexpected failure", client, e);
      error("server_error", "The server failed: " + e);
    } finally {
      if (transcription != null) transcription.close();
      closeGracefully();
    }
  }

  /** Answers one event; false when the connection should close. */
  private boolean handle(WyomingEvent event)
      throws WyomingException, SttException, TtsException, IOException, InterruptedException {
    switch (event.type()) {
      case "describe":
        send(context.info());
        return true;
      case "ping":
        ObjectNode pong = WyomingEvent.newData();
        String text = event.text("text");
        if (text != null) pong.put("text", text);
        send(WyomingEvent.of("pong", pong));
        return true;
      case "transcribe":
        transcribe(event);
        return true;
      case "audio-start":
        startAudio(Transcription.format(event));
        return true;
      case "audio-chunk":
        AudioFormat format = Transcription.format(event);
        if (transcription == null) startAudio(format);
        transcription.audio(format, event.payload());
        return true;
      case "audio-stop":
        stopAudio();
        return false;
      case "synthesize":
        synthesizer.synthesize(event);
        return true;
      case "synthesize-start":
        synthesizer.start(event);
        return true;
      case "synthesize-chunk":
        synthesizer.chunk(event);
        return true;
      case "synthesize-stop":
        synthesizer.stop();
        return true;
      default:
        ObjectNode error = WyomingEvent.newData();
        error.put("text", "Hearth does not handle '" + event.type() + "' events; it serves describe, ping, transcribe, "
            + "audio-start/chunk/stop, synthesize and synthesize-start/chunk/stop");
        error.put("code", "unknown_event");
        send(WyomingEvent.of("error", error));
        return true;
    }
  }

  /** {@code transcribe}: the model's language, or one of its dialects ({@code en-US} for {@code en}), is accepted. */
  private void transcribe(WyomingEvent event) throws WyomingException {
    String wanted = event.text("language");
    String model = context.speech().sttLanguage();
    if (wanted != null && !wanted.split("[-_]")[0].toLowerCase(Locale.ROOT).equals(model)) {
      throw new WyomingException("unsupported_language", "The speech model understands '" + model + "', not '" + wanted
          + "' (stt.language, stt.model_dir)");
    }
    if (transcription != null) { // a new request: forget the audio of the last one
      transcription.close();
      transcription = null;
    }
  }

  /** Opens a transcription (replacing an unfinished one) and sends {@code transcript-start}. */
  private void startAudio(AudioFormat format) throws SttException, InterruptedException, IOException {
    if (transcription != null) transcription.close();
    transcription = null;
    transcription = Transcription.open(context.speech().recognizers(), language, context.speech().maxUtteranceMillis(),
        context.speech().frontEnd().recognition(), this::send);
    log.debug("Wyoming client {}: audio {}", client, format);
  }

  /** {@code audio-stop}: the whole transcript; with no audio at all, an empty one (as wyoming-faster-whisper does). */
  private void stopAudio() throws SttException, WyomingException, InterruptedException, IOException {
    long stopped = System.nanoTime();
    if (transcription == null) {
      ObjectNode start = WyomingEvent.newData();
      start.put("language", language);
      send(WyomingEvent.of("transcript-start", start));
      ObjectNode empty = WyomingEvent.newData();
      empty.put("text", "");
      empty.put("language", language);
      send(WyomingEvent.of("transcript", empty));
      send(WyomingEvent.of("transcript-stop"));
      return;
    }
    String text = transcription.finish();
    log.info("Wyoming client {}: transcribed {} ms of audio into {} characters, {} ms after audio-stop", client,
        transcription.heardMillis(), text.length(), (System.nanoTime() - stopped) / 1_000_000);
  }

  private synchronized void send(WyomingEvent event) throws IOException {
    writingSinceNanos = System.nanoTime();
    try {
      EventCodec.write(out, event);
    } finally {
      writingSinceNanos = 0;
    }
  }

  /**
   * Closes the socket when one write has waited longer than {@code wyoming.write_timeout_millis} for a client that
   * does not read; the connection's thread then fails out of the write and frees its slot. Called by the server's
   * watchdog thread.
   */
  void closeIfStalled(long nowNanos) {
    long since = writingSinceNanos;
    if (since == 0 || (nowNanos - since) / 1_000_000 < context.limits().writeTimeoutMillis()) return;
    log.info("Wyoming client {}: did not read for {} ms (wyoming.write_timeout_millis); closing", client,
        context.limits().writeTimeoutMillis());
    hangUp();
  }

  /** Closes the socket at once, from any thread: for a client that stopped reading. */
  private void hangUp() {
    try {
      socket.close();
    } catch (IOException e) {
      log.debug("Wyoming client {}: close failed: {}", client, e.toString());
    }
  }

  /** Sends {@code error{text, code}} if the socket still takes it. */
  private void error(String code, String text) {
    if (out == null || socket.isClosed()) return;
    ObjectNode data = WyomingEvent.newData();
    data.put("text", text);
    data.put("code", code);
    try {
      send(WyomingEvent.of("error", data));
    } catch (IOException e) {
      log.debug("Wyoming client {}: could not send the error: {}", client, e.toString());
    }
  }

  /**
   * Ends the connection so the client reads everything sent: half-closes, skips what the client still sends for up to
   * {@link #LINGER_MILLIS} (closing with unread bytes would reset the connection and could discard the last events),
   * then closes.
   */
  private void closeGracefully() {
    try {
      if (!socket.isClosed()) {
        socket.shutdownOutput();
        socket.setSoTimeout(LINGER_MILLIS);
        InputStream in = socket.getInputStream();
        long deadline = System.nanoTime() + LINGER_MILLIS * 1_000_000L;
        byte[] skip = new byte[8_192];
        long skipped = 0;
        while (System.nanoTime() < deadline && skipped < context.limits().maxEventBytes() && in.read(skip) >= 0) skipped += skip.length;
      }
    } catch (IOException e) {
      // the client is gone or silent: nothing left to wait for
    } finally {
      try {
        socket.close();
      } catch (IOException e) {
        log.debug("Wyoming client {}: close failed: {}", client, e.toString());
      }
    }
  }
}
