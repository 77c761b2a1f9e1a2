package dev.hearth.turn;

import dev.hearth.audio.AudioChunk;
import dev.hearth.audio.PcmConverter;
import dev.hearth.speech.SpeechLoop;
import dev.hearth.tts.TextToSpeech;
import dev.hearth.tts.TtsException;
import dev.hearth.turn.Frame.Sentence;
import dev.hearth.turn.Frame.TtsAudio;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Text to speech. Consumes {@code Sentence} and emits {@code TtsAudio} chunks while each sentence is being
 * synthesized; every other frame passes through in order behind the audio before it.
 *
 * <p>Each sentence is spoken by the {@link SpeechLoop} on this stage's own thread (a speech thread). Synthesis runs at
 * most {@code leadMillis} ahead of the client's playback (counted from the turn's first audio, at real time), so a long
 * answer costs CPU only as it is heard, and a barge-in wastes nothing. While ahead, the loop waits on the stage's timer,
 * never on a thread. A cancelled turn's synthesis stops at the next chunk.
 */
public final class TtsStage extends Stage {
  private final TextToSpeech tts;
  private final long leadMillis;
  private final ArrayDeque<Frame> queue = new ArrayDeque<>();

  /** Whether a sentence is being spoken; the frames behind it wait in the queue. */
  private boolean speaking;
  /** Whether {@link #pump} is running (a sentence that ends within it lets it go on, rather than calling it again). */
  private boolean pumping;

  public TtsStage(TextToSpeech tts, long leadMillis) {
    this.tts = tts;
    this.leadMillis = leadMillis;
  }

  @Override
  protected void process(Frame frame) {
    queue.add(frame);
    if (!speaking) pump();
  }

  /** Works through the queue until it is empty or a sentence is being spoken. */
  private void pump() {
    pumping = true;
    try {
      pumpQueue();
    } finally {
      pumping = false;
    }
  }

  private void pumpQueue() {
    while (!speaking && !queue.isEmpty()) {
      Frame next = queue.poll();
      if (!(next instanceof Frame.SystemFrame) && next.turn().cancelled()) continue;
      SpeechLoop.Part part;
      if (next instanceof Frame.SpokenReply r) {
        part = () -> new Prerecorded(r.audio(), tts.outputFormat().rateHz());
      } else if (next instanceof Sentence s) {
        part = () -> tts.synthesize(s.text(), s.turn().voice());
      } else {
        push(next, Direction.DOWNSTREAM);
        continue;
      }
      Turn turn = next.turn();
      speaking = true;
      // the loop ends on this stage's thread: here, or where the pacing timer lets it go on
      SpeechLoop.speak(List.of(part), SpeechLoop.ON_SPEECH_THREAD, chunk -> heard(turn, chunk), turn::cancelled)
          .whenComplete((done, failure) -> {
            speaking = false;
            if (failure instanceof TtsException e) fail(turn, e);
            else if (failure != null) pushError(next, "internal", name() + " failed: " + failure.getMessage(), failure);
            if (!pumping) pump();
          });
    }
  }

  /** Hands a chunk on; holds the loop back while the audio handed on is more than the lead ahead of playback. */
  private CompletionStage<?> heard(Turn turn, AudioChunk chunk) {
    turn.playback().queued(chunk.millis(), nanoTime());
    push(new TtsAudio(turn, chunk), Direction.DOWNSTREAM);
    long ahead = turn.playback().aheadMillis(nanoTime());
    if (ahead <= leadMillis) return null;
    CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    runLater(() -> caughtUp.complete(null), ahead - leadMillis);
    return caughtUp;
  }

  private void fail(Turn turn, TtsException e) {
    turn.cancel();
    push(new Frame.ErrorFrame(turn, name(), "tts_failed", "Could not speak the answer: " + e.getMessage(), e),
        Direction.UPSTREAM);
  }

  /** Speech made elsewhere, converted once to the output rate and handed out in pieces as synthesis would be. */
  static final class Prerecorded implements TextToSpeech.Synthesis {
    private static final int PIECE_MILLIS = 100;
    private final AudioChunk audio;
    private int offset;

    Prerecorded(AudioChunk speech, int outputRateHz) {
      PcmConverter converter = new PcmConverter(speech.format(), outputRateHz);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(converter.convert(speech.pcm()).pcm());
      out.writeBytes(converter.flush().pcm());
      this.audio = new AudioChunk(converter.outputFormat(), out.toByteArray());
    }

    @Override
    public AudioChunk next() {
      if (offset >= audio.pcm().length) return null;
      int piece = audio.format().bytesPerSecond() * PIECE_MILLIS / 1000;
      int end = Math.min(audio.pcm().length, offset + piece);
      AudioChunk chunk = new AudioChunk(audio.format(), Arrays.copyOfRange(audio.pcm(), offset, end));
      offset = end;
      return chunk;
    }

    @Override
    public void close() {
      offset = audio.pcm().length;
    }
  }
}
