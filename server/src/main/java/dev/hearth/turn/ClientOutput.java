package dev.hearth.turn;

import dev.hearth.turn.Frame.Announcement;
import dev.hearth.turn.Frame.EndOfTurn;
import dev.hearth.turn.Frame.PartialTranscript;
import dev.hearth.turn.Frame.ReplyDelta;
import dev.hearth.turn.Frame.ReplyDone;
import dev.hearth.turn.Frame.Transcript;
import dev.hearth.turn.Frame.TtsAudio;
import dev.hearth.turn.Frame.TurnAccepted;
import dev.hearth.protocols.page.ServerMessage;

/**
 * The transport out: turns frames into protocol messages on the client link and stamps the turn's timings as
 * each milestone is sent. On {@code EndOfTurn} it closes the audio. Passes {@code ReplyDone} and {@code EndOfTurn}
 * on (to history). The end of the turn is announced by its second stage, {@link #turnEnd()}, which goes after
 * history in the pipeline: {@code turn_done} says the reply is stored.
 */
public final class ClientOutput extends Stage {

  /** The session's side of the end of a turn. */
  public interface TurnListener {
    /** The turn's first audio is about to be sent. */
    void speaking(Turn turn);

    /**
     * The turn is over (its reply, and any conversation the reply started, stored); returns the conversation the next
     * turn continues.
     */
    String finished(Turn turn);
  }

  private final ClientLink link;
  private final TurnListener listener;
  private final TurnEnd turnEnd = new TurnEnd();
  private Turn turn;
  private boolean audioStarted;

  public ClientOutput(ClientLink link, TurnListener listener) {
    this.link = link;
    this.listener = listener;
  }

  /**
   * The stage that ends each turn for the client: on {@code EndOfTurn} it asks the session which conversation
   * comes next and sends {@code turn_done}. Put it after the stage that stores the turn, so an announced reply is a
   * committed one. Consumes every frame; emits nothing.
   */
  public Stage turnEnd() {
    return turnEnd;
  }

  @Override
  protected void process(Frame frame) {
    if (frame.turn() != turn) {
      turn = frame.turn();
      audioStarted = false;
    }
    Turn t = frame.turn();
    if (frame instanceof TurnAccepted a) {
      link.send(new ServerMessage.Ready(t.conversationId(), t.id()));
    } else if (frame instanceof PartialTranscript p) {
      link.send(new ServerMessage.Transcript(p.text(), false));
    } else if (frame instanceof Transcript f) {
      t.markSttFinal();
      link.send(new ServerMessage.Transcript(f.text(), true));
    } else if (frame instanceof ReplyDelta d) {
      t.markFirstReply();
      link.send(new ServerMessage.ReplyDelta(d.text()));
    } else if (frame instanceof ReplyDone d) {
      link.send(new ServerMessage.ReplyFinal(d.reply().text(), d.reply().source()));
      push(d, Direction.DOWNSTREAM);
    } else if (frame instanceof Announcement a) {
      link.send(new ServerMessage.Announcement(a.kind(), a.text(), a.timerId(), t.conversationId()));
    } else if (frame instanceof TtsAudio audio) {
      if (!audioStarted) {
        audioStarted = true;
        listener.speaking(t);
        var f = audio.audio().format();
        link.send(new ServerMessage.AudioStart("pcm_s16le", f.rateHz(), f.channels()));
      }
      link.sendAudio(audio.audio().pcm());
      t.markFirstAudio();
    } else if (frame instanceof EndOfTurn e) {
      if (audioStarted) link.send(new ServerMessage.AudioEnd());
      t.markDone();
      push(e, Direction.DOWNSTREAM);
    }
  }

  private final class TurnEnd extends Stage {
    @Override
    protected void process(Frame frame) {
      if (frame instanceof EndOfTurn e) {
        Turn t = e.turn();
        String next = listener.finished(t);
        if (t.kind() != Turn.Kind.ANNOUNCEMENT) link.send(new ServerMessage.TurnDone(t.id(), next, t.timings()));
      }
    }

    @Override
    public String name() {
      return "ClientOutput.TurnEnd";
    }
  }
}
