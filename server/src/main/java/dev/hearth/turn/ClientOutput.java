package dev.hearth.turn;

import dev.hearth.protocols.page.ServerMessage;
import dev.hearth.turn.Frame.Announcement;
import dev.hearth.turn.Frame.EndOfTurn;
import dev.hearth.turn.Frame.PartialTranscript;
import dev.hearth.turn.Frame.ReplyDelta;
import dev.hearth.turn.Frame.ReplyDone;
import dev.hearth.turn.Frame.SpeakingStarted;
import dev.hearth.turn.Frame.Transcript;
import dev.hearth.turn.Frame.TtsAudio;
import dev.hearth.turn.Frame.TurnAccepted;

/**
 * The transport out: turns frames into protocol messages on the client link and stamps the turn's timings as
 * each milestone is sent. Emits {@code SpeakingStarted} as a turn's first audio goes out, and on {@code EndOfTurn}
 * closes the audio. Passes {@code ReplyDone} and {@code EndOfTurn} on (to history, then the session, which sends
 * {@code turn_done}); consumes every other frame.
 */
public final class ClientOutput extends Stage {
  private final ClientLink link;
  private Turn turn;
  private boolean audioStarted;

  public ClientOutput(ClientLink link) {
    this.link = link;
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
      link.send(new ServerMessage.ReplyFinal(d.reply().text(), d.reply().source(), d.reply().detail()));
      push(d, Direction.DOWNSTREAM);
    } else if (frame instanceof Announcement a) {
      link.send(new ServerMessage.Announcement(a.kind(), a.text(), a.id(), t.conversationId()));
    } else if (frame instanceof TtsAudio audio) {
      if (!audioStarted) {
        audioStarted = true;
        push(new SpeakingStarted(t), Direction.DOWNSTREAM);
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
}
