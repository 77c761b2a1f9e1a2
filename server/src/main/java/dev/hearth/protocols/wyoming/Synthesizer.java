package dev.hearth.protocols.wyoming;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.audio.AudioFormat;
import dev.hearth.sched.Admission;
import dev.hearth.sched.Busy;
import dev.hearth.sched.FrontEnd;
import dev.hearth.speech.FrontEndSpeech;
import dev.hearth.speech.SpeechLoop;
import dev.hearth.speech.Voices;
import dev.hearth.tts.SentenceSplitter;
import dev.hearth.tts.TextToSpeech;
import dev.hearth.tts.TtsException;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Text to speech for one connection. Consumes {@code synthesize}, {@code synthesize-start}, {@code synthesize-chunk}
 * and {@code synthesize-stop}; emits {@code audio-start}, {@code audio-chunk}s of at most {@link #SAMPLES_PER_CHUNK}
 * samples in {@link TextToSpeech#outputFormat()} (the same format for every segment), {@code audio-stop}, and
 * {@code synthesize-stopped} at the end of a stream. Text is spoken a sentence at a time, each as soon as it is
 * complete; MaryTTS runs on Wyoming's lane of the speech threads and the audio is written by its request threads
 * ({@link FrontEndSpeech}), and each request first waits for its place among Wyoming's (else an {@code error} with code
 * {@code busy}). The connection's thread waits for each answer to be spoken before it reads the next event, as Wyoming
 * answers events in order. Confined to the connection's thread.
 */
final class Synthesizer {
  /** Most samples in one {@code audio-chunk}, as wyoming-piper sends. */
  static final int SAMPLES_PER_CHUNK = 1024;

  private final TextToSpeech tts;
  private final Voices voices;
  private final FrontEnd frontEnd;
  private final FrontEndSpeech speech;
  /** Set when the connection's thread is interrupted (the server stops): the speech in progress ends. */
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final EventSink out;
  /** Most characters of a stream held unspoken, waiting for their sentence to end. */
  private final int maxStreamTextChars;
  private final Runnable hangUp;
  /** The open stream's sentences so far, or null when no stream is open. */
  private SentenceSplitter stream;
  private String streamVoice;

  /**
   * @param hangUp closes the connection at once (from another thread), for a client that stopped reading
   * @param maxStreamTextChars most characters of a stream held while no sentence ends ({@code wyoming.max_stream_text_chars})
   */
  Synthesizer(TextToSpeech tts, FrontEnd frontEnd, EventSink out, Runnable hangUp, int maxStreamTextChars) {
    this.tts = tts;
    this.frontEnd = frontEnd;
    this.voices = new Voices(tts);
    this.speech = new FrontEndSpeech(tts, frontEnd);
    this.out = out;
    this.hangUp = hangUp;
    this.maxStreamTextChars = maxStreamTextChars;
  }

  /** Whether a {@code synthesize-start} stream is open. */
  boolean streaming() {
    return stream != null;
  }

  /**
   * {@code synthesize}: speaks the whole text as one {@code audio-start} … {@code audio-stop}. Ignored while a stream
   * is open, where it is the compatibility copy of the streamed text.
   */
  void synthesize(WyomingEvent event) throws WyomingException, TtsException, IOException, InterruptedException {
    if (streaming()) return;
    String text = event.text("text");
    if (text == null) throw new WyomingException("bad_data", "'synthesize' needs the string field 'text'");
    String voice = voice(event);
    try (Admission.Permit permit = admit()) {
      out.send(audioEvent("audio-start", null));
      speak(SpeechLoop.sentences(text), voice);
      out.send(WyomingEvent.of("audio-stop"));
    }
  }

  /** {@code synthesize-start}: opens a stream with the event's voice. */
  void start(WyomingEvent event) throws WyomingException {
    if (streaming()) {
      throw new WyomingException("already_streaming", "'synthesize-start' came while a stream was open; send 'synthesize-stop' first");
    }
    streamVoice = voice(event);
    stream = new SentenceSplitter();
  }

  /** {@code synthesize-chunk}: speaks each sentence the text completes, each as one segment. */
  void chunk(WyomingEvent event) throws WyomingException, TtsException, IOException, InterruptedException {
    if (!streaming()) throw new WyomingException("not_streaming", "'synthesize-chunk' came without 'synthesize-start'");
    String text = event.text("text");
    if (text == null) throw new WyomingException("bad_data", "'synthesize-chunk' needs the string field 'text'");
    if (stream.pendingChars() + text.length() > maxStreamTextChars) { // checked before the text is kept
      throw new WyomingException("text_too_long", "The stream holds " + (stream.pendingChars() + text.length())
          + " characters with no sentence end; at most " + maxStreamTextChars + " are kept unspoken"
          + " (wyoming.max_stream_text_chars): end sentences with . ! ? or a newline");
    }
    segments(stream.add(text));
  }

  /** {@code synthesize-stop}: speaks the rest of the stream, then sends {@code synthesize-stopped}. */
  void stop() throws WyomingException, TtsException, IOException, InterruptedException {
    if (!streaming()) throw new WyomingException("not_streaming", "'synthesize-stop' came without 'synthesize-start'");
    List<String> rest = stream.finish();
    stream = null;
    segments(rest);
    out.send(WyomingEvent.of("synthesize-stopped"));
  }

  private void segments(List<String> sentences) throws WyomingException, TtsException, IOException, InterruptedException {
    if (sentences.isEmpty()) return;
    try (Admission.Permit permit = admit()) {
      for (String sentence : sentences) {
        out.send(audioEvent("audio-start", null));
        speak(List.of(sentence), streamVoice);
        out.send(WyomingEvent.of("audio-stop"));
      }
    }
  }

  /** A place among Wyoming's speech requests, waited for on this connection's thread; else a {@code busy} error. */
  private Admission.Permit admit() throws WyomingException, InterruptedException {
    try {
      return frontEnd.requests().enterBlocking();
    } catch (Busy e) {
      throw new WyomingException("busy", "Speech synthesis is busy: " + e.getMessage());
    }
  }

  /**
   * Sends the sentences' audio as {@code audio-chunk}s, and waits until it is sent. A client that takes no audio for
   * {@code sharing.write_timeout_millis} is hung up on.
   */
  private void speak(List<String> sentences, String voice) throws TtsException, IOException, InterruptedException {
    try {
      speech.speak(sentences, voice, chunk -> {
        int step = SAMPLES_PER_CHUNK * chunk.format().frameBytes();
        for (int off = 0; off < chunk.pcm().length; off += step) {
          out.send(audioEvent("audio-chunk", Arrays.copyOfRange(chunk.pcm(), off, Math.min(off + step, chunk.pcm().length))));
        }
      }, hangUp, stopped::get).get();
    } catch (InterruptedException e) {
      stopped.set(true);
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof TtsException t) throw t;
      if (cause instanceof IOException io) throw io;
      if (cause instanceof RuntimeException r) throw r;
      if (cause instanceof Error err) throw err;
      throw new IllegalStateException(cause);
    }
  }

  private WyomingEvent audioEvent(String type, byte[] pcm) {
    AudioFormat f = tts.outputFormat();
    ObjectNode data = WyomingEvent.newData();
    data.put("rate", f.rateHz());
    data.put("width", f.widthBytes());
    data.put("channels", f.channels());
    return new WyomingEvent(type, data, pcm);
  }

  /**
   * The voice the event's {@code voice} asks for: by {@code name} (which must be installed; {@code speaker} is ignored,
   * MaryTTS voices have one speaker), else the first voice of its {@code language} (the default voice first), else the
   * default voice. A voice that does not exist is an error rather than another voice.
   */
  private String voice(WyomingEvent event) throws WyomingException {
    String format = event.text("text_format");
    if (format != null && !format.equals("text")) {
      throw new WyomingException("unsupported_text_format", "Only plain text is spoken, not text_format '" + format + "'");
    }
    ObjectNode voice = event.object("voice");
    if (voice == null) return voices.defaultVoice();
    String name = voice.path("name").isTextual() ? voice.get("name").asText() : null;
    if (name != null) {
      try {
        return voices.resolve(name);
      } catch (Voices.UnknownVoice e) {
        throw new WyomingException("unknown_voice", e.getMessage());
      }
    }
    String language = voice.path("language").isTextual() ? voice.get("language").asText() : null;
    if (language == null) return voices.defaultVoice();
    List<TextToSpeech.Voice> candidates = voices.all().stream()
        .sorted((a, b) -> Boolean.compare(!a.name().equals(voices.defaultVoice()), !b.name().equals(voices.defaultVoice())))
        .toList();
    for (boolean exact : new boolean[] {true, false}) {
      for (TextToSpeech.Voice v : candidates) {
        if (sameLanguage(v.locale(), language, exact)) return v.name();
      }
    }
    throw new WyomingException("unsupported_language", "No installed voice speaks '" + language + "'; installed voices: "
        + voices.all().stream().map(v -> v.name() + " (" + WyomingInfo.voiceLanguage(v.locale()) + ")").toList());
  }

  /** Whether locale {@code a} and language {@code b} match in full ({@code en-US}, {@code en_us}) or in language only. */
  static boolean sameLanguage(String a, String b, boolean exact) {
    String x = a.replace('_', '-').toLowerCase(Locale.ROOT);
    String y = b.replace('_', '-').toLowerCase(Locale.ROOT);
    if (exact) return x.equals(y);
    return x.split("-")[0].equals(y.split("-")[0]);
  }
}
