package dev.hearth.turn;

import dev.hearth.tts.SentenceSplitter;
import dev.hearth.turn.Frame.Announcement;
import dev.hearth.turn.Frame.EndOfTurn;
import dev.hearth.turn.Frame.ReplyDelta;
import dev.hearth.turn.Frame.ReplyDone;
import dev.hearth.turn.Frame.Sentence;

/**
 * Cuts the answer into sentences. Passes {@code ReplyDelta} on and emits a {@code Sentence} as soon as one is
 * complete; an answer that streams in (a model's) has its first piece cut at the first clause boundary while its
 * sentence is unfinished ({@link SentenceSplitter#firstPhrase()}), so the voice starts after a handful of words; on {@code ReplyDone} it passes the reply on, emits the last sentence and then {@code EndOfTurn}.
 * An {@code Announcement} is passed on, followed by its sentences and {@code EndOfTurn}. A turn that brought its
 * own speech ({@code SpokenReply}, which comes first) has its text passed on but not cut into sentences.
 */
public final class SentenceStage extends Stage {
  private Turn turn;
  private SentenceSplitter splitter = new SentenceSplitter();
  private Turn voiced;

  @Override
  protected void process(Frame frame) {
    if (frame instanceof Frame.SpokenReply r) {
      voiced = r.turn();
      push(r, Direction.DOWNSTREAM);
    } else if (frame instanceof ReplyDelta d) {
      push(d, Direction.DOWNSTREAM);
      if (d.turn() != voiced) speak(d.turn(), splitter(d.turn(), d.streamed()).add(d.text()));
    } else if (frame instanceof ReplyDone d) {
      push(d, Direction.DOWNSTREAM);
      if (d.turn() != voiced) speak(d.turn(), splitter(d.turn(), false).finish());
      push(new EndOfTurn(d.turn()), Direction.DOWNSTREAM);
    } else if (frame instanceof Announcement a) {
      push(a, Direction.DOWNSTREAM);
      speak(a.turn(), SentenceSplitter.split(a.text()));
      push(new EndOfTurn(a.turn()), Direction.DOWNSTREAM);
    } else {
      push(frame, Direction.DOWNSTREAM);
    }
  }

  /** The turn's splitter; its first piece may be a phrase when the turn's first delta is {@code streamed}. */
  private SentenceSplitter splitter(Turn t, boolean streamed) {
    if (t != turn) { // a new turn: forget what a cancelled one left behind
      turn = t;
      splitter = streamed ? SentenceSplitter.firstPhrase() : new SentenceSplitter();
    }
    return splitter;
  }

  private void speak(Turn t, java.util.List<String> sentences) {
    for (String s : sentences) push(new Sentence(t, s), Direction.DOWNSTREAM);
  }
}
