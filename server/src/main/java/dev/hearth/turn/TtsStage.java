package dev.hearth.turn;

import dev.hearth.audio.AudioChunk;
import dev.hearth.audio.PcmConverter;
import dev.hearth.tts.TextToSpeech;
import dev.hearth.tts.TtsException;
import dev.hearth.turn.Frame.Sentence;
import dev.hearth.turn.Frame.TtsAudio;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Text to speech. Consumes {@code Sentence} and emits {@code TtsAudio} chunks while each sentence is being
 * synthesized; every other frame passes through in order behind the audio before it.
 *
 * <p>Synthesis runs at most {@code leadMillis} ahead of the client's playback (counted from the turn's first
 * audio, at real time), so a long answer costs CPU only as it is heard, and a barge-in wastes nothing. While
 * ahead, the stage waits on a timer, never on a thread. A cancelled turn's synthesis stops at the next chunk.
 */
public final class TtsStage extends Stage {
  private final TextToSpeech tts;
  private final long leadMillis;
  private final LongSupplier nanoClock;
  private final ArrayDeque<Frame> queue = new ArrayDeque<>();

  private TextToSpeech.Synthesis current;
  private Turn currentTurn;
  private boolean waiting;

  public TtsStage(TextToSpeech tts, long leadMillis, LongSupplier nanoClock) {
    this.tts = tts;
    this.leadMillis = leadMillis;
    this.nanoClock = nanoClock;
  }

  @Override
  protected void process(Frame frame) {
    queue.add(frame);
    if (!waiting) pump();
  }

  /** Works through the queue until it is empty or synthesis is far enough ahead of playback. */
  private void pump() {
    waiting = false;
    while (current != null || !queue.isEmpty()) {
      if (current == null) {
        Frame next = queue.poll();
        if (!(next instanceof Frame.SystemFrame) && next.turn().cancelled()) continue;
        if (next instanceof Frame.SpokenReply r) {
          current = new Prerecorded(r.audio(), tts.outputFormat().rateHz());
          currentTurn = r.turn();
        } else if (!(next instanceof Sentence s)) {
          push(next, Direction.DOWNSTREAM);
          continue;
        } else if (!begin(s)) {
          continue;
        }
      }
      if (currentTurn.cancelled()) {
        finishSentence();
        continue;
      }
      long ahead = currentTurn.playback().aheadMillis(nanoClock.getAsLong());
      if (ahead > leadMillis) {
        waiting = true;
        runLater(this::pump, ahead - leadMillis);
        return;
      }
      AudioChunk chunk;
      try {
        chunk = current.next();
      } catch (TtsException e) {
        fail(currentTurn, e);
        continue;
      }
      if (chunk == null) {
        finishSentence();
      } else {
        currentTurn.playback().queued(chunk.millis(), nanoClock.getAsLong());
        push(new TtsAudio(currentTurn, chunk), Direction.DOWNSTREAM);
      }
    }
  }

  private boolean begin(Sentence s) {
    try {
      current = tts.synthesize(s.text(), s.turn().voice());
      currentTurn = s.turn();
      return true;
    } catch (TtsException e) {
      currentTurn = s.turn();
      fail(s.turn(), e);
      return false;
    }
  }

  private void fail(Turn turn, TtsException e) {
    finishSentence();
    turn.cancel();
    push(new Frame.ErrorFrame(turn, name(), "tts_failed", "Could not speak the answer: " + e.getMessage(), e),
        Direction.UPSTREAM);
  }

  private void finishSentence() {
    if (current != null) current.close();
    current = null;
    currentTurn = null;
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
