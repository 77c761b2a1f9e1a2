package dev.hearth.protocols.wyoming;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.audio.AudioFormat;
import dev.hearth.sched.Admission;
import dev.hearth.sched.Busy;
import dev.hearth.sched.FrontEnd;
import dev.hearth.speech.SpeechLoop;
import dev.hearth.speech.Voices;
import dev.hearth.tts.SentenceSplitter;
import dev.hearth.tts.TextToSpeech;
import dev.hearth.tts.TtsException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Text to speech for one connection. Consumes {@code synthesize}, {@code synthesize-start}, {@code synthesize-chunk}
 * and {@code synthesize-stop}; emits {@code audio-start}, {@code audio-chunk}s of at most {@link #SAMPLES_PER_CHUNK}
 * samples in {@link TextToSpeech#outputFormat()} (the same format for every segment), {@code audio-stop}, and
 * {@code synthesize-stopped} at the end of a stream. Text is spoken a sentence at a time, each as soon as it is
 * complete, through the {@link SpeechLoop}: MaryTTS runs on Wyoming's lane of the speech threads, and each chunk goes
 * to the connection's writer, which holds the loop back until it is written. Each request first takes its place among
 * Wyoming's ({@link Admission}, else an {@code error} with code {@code busy}). Nothing here waits: each method answers
 * a future that completes once its answer is written, and the connection takes the next event after it, as Wyoming
 * answers events in order. Called by the connection's steps, one at a time.
 */
final class Synthesizer {
  /** Most samples in one {@code audio-chunk}, as wyoming-piper sends. */
  static final int SAMPLES_PER_CHUNK = 1024;
  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  private final TextToSpeech tts;
  private final Voices voices;
  private final FrontEnd frontEnd;
  /** Answers true once the connection is abandoned (lost, or the server stops): the speech in progress ends. */
  private final BooleanSupplier cancelled;
  private final EventSink out;
  /** Most characters of a stream held unspoken, waiting for their sentence to end. */
  private final int maxStreamTextChars;
  /** The open stream's sentences so far, or null when no stream is open. */
  private SentenceSplitter stream;
  private String streamVoice;
  /** The place in line being waited for, if any; cancelled when the connection is abandoned. */
  private volatile CompletableFuture<Admission.Permit> waiting;

  /**
   * @param cancelled answers true once the connection is abandoned
   * @param maxStreamTextChars most characters of a stream held while no sentence ends ({@code wyoming.max_stream_text_chars})
   */
  Synthesizer(TextToSpeech tts, FrontEnd frontEnd, EventSink out, BooleanSupplier cancelled, int maxStreamTextChars) {
    this.tts = tts;
    this.frontEnd = frontEnd;
    this.voices = new Voices(tts);
    this.out = out;
    this.cancelled = cancelled;
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
  CompletableFuture<Void> synthesize(WyomingEvent event) throws WyomingException {
    if (streaming()) return DONE;
    String text = event.text("text");
    if (text == null) throw new WyomingException("bad_data", "'synthesize' needs the string field 'text'");
    String voice = voice(event);
    return admitted(() -> segment(SpeechLoop.sentences(text), voice));
  }

  /** {@code synthesize-start}: opens a stream with the event's voice. */
  void start(WyomingEvent event) throws WyomingException {
    if (streaming()) {
      throw new WyomingException("already_streaming", "'synthesize-start' came while a stream was open; send 'synthesize-stop' first");
    }
    streamVoice = voice(event);
    stream = SentenceSplitter.firstPhrase(); // a stream is text as it is made: its voice starts at a phrase
  }

  /**
   * {@code synthesize-chunk}: speaks each sentence the text completes, each as one segment; the stream's first
   * segment may be a phrase of a sentence still coming ({@link SentenceSplitter#firstPhrase()}).
   */
  CompletableFuture<Void> chunk(WyomingEvent event) throws WyomingException {
    if (!streaming()) throw new WyomingException("not_streaming", "'synthesize-chunk' came without 'synthesize-start'");
    String text = event.text("text");
    if (text == null) throw new WyomingException("bad_data", "'synthesize-chunk' needs the string field 'text'");
    if (stream.pendingChars() + text.length() > maxStreamTextChars) { // checked before the text is kept
      throw new WyomingException("text_too_long", "The stream holds " + (stream.pendingChars() + text.length())
          + " characters with no sentence end; at most " + maxStreamTextChars + " are kept unspoken"
          + " (wyoming.max_stream_text_chars): end sentences with . ! ? or a newline");
    }
    return segments(stream.add(text), streamVoice);
  }

  /** {@code synthesize-stop}: speaks the rest of the stream, then sends {@code synthesize-stopped}. */
  CompletableFuture<Void> stop() throws WyomingException {
    if (!streaming()) throw new WyomingException("not_streaming", "'synthesize-stop' came without 'synthesize-start'");
    List<String> rest = stream.finish();
    stream = null;
    return segments(rest, streamVoice).thenCompose(spoken -> out.send(WyomingEvent.of("synthesize-stopped")));
  }

  /** Gives up the place in line being waited for, if any: the connection is abandoned. */
  void cancel() {
    CompletableFuture<Admission.Permit> turn = waiting;
    if (turn != null) turn.cancel(false); // a permit granted meanwhile is closed by admitted()
  }

  /** Speaks each sentence as its own segment, one after another, with one place in line for them all. */
  private CompletableFuture<Void> segments(List<String> sentences, String voice) {
    if (sentences.isEmpty()) return DONE;
    return admitted(() -> {
      CompletableFuture<Void> spoken = DONE;
      for (String sentence : sentences) spoken = spoken.thenCompose(before -> segment(List.of(sentence), voice));
      return spoken;
    });
  }

  /** Runs {@code work} once this request has its place among Wyoming's, and frees the place when it is done. */
  private CompletableFuture<Void> admitted(Supplier<CompletableFuture<Void>> work) {
    CompletableFuture<Admission.Permit> turn = frontEnd.requests().enter();
    waiting = turn;
    return turn.handle((permit, e) -> {
      waiting = null;
      Throwable cause = e instanceof CompletionException c && c.getCause() != null ? c.getCause() : e;
      if (cause instanceof Busy busy) {
        throw new CompletionException(new WyomingException("busy", "Speech synthesis is busy: " + busy.getMessage()));
      }
      if (cause != null) throw cause instanceof CompletionException c ? c : new CompletionException(cause);
      return permit;
    }).thenCompose(permit -> {
      if (cancelled.getAsBoolean()) {
        permit.close();
        return DONE;
      }
      return work.get().whenComplete((spoken, e) -> permit.close());
    });
  }

  /**
   * One {@code audio-start}, the sentences' audio as {@code audio-chunk}s, and {@code audio-stop}; the future completes
   * once they are written. A client that takes no audio for {@code wyoming.write_timeout_millis} is hung up on by the
   * server's watchdog, which fails the writes and so ends the speech.
   */
  private CompletableFuture<Void> segment(List<String> sentences, String voice) {
    out.send(audioEvent("audio-start", null)); // written before the first chunk; a failure fails the chunks too
    return SpeechLoop.speak(tts, sentences, voice, frontEnd.speech(), chunk -> {
      int step = SAMPLES_PER_CHUNK * chunk.format().frameBytes();
      CompletableFuture<Void> written = DONE;
      for (int off = 0; off < chunk.pcm().length; off += step) {
        written = out.send(audioEvent("audio-chunk", Arrays.copyOfRange(chunk.pcm(), off, Math.min(off + step, chunk.pcm().length))));
      }
      return written;
    }, cancelled).thenCompose(spoken -> out.send(WyomingEvent.of("audio-stop")));
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
