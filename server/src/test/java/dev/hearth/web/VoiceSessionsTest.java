package dev.hearth.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.audio.AudioFormat;
import dev.hearth.protocols.page.ServerMessage;
import dev.hearth.store.TimerInfo;
import dev.hearth.turn.ClientLink;
import dev.hearth.turn.ClientOutput;
import dev.hearth.turn.ManualTime;
import dev.hearth.turn.Pipeline;
import dev.hearth.turn.TurnController;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Who hears a timer that goes off. Timers are the household's: the clients following the timer's conversation hear
 * it, and when none follows it, every idle client does. Regression: after "start a new conversation" nobody followed
 * the timer's conversation, so its announcement reached no one.
 */
class VoiceSessionsTest {
  private static final TimerInfo PASTA = new TimerInfo("tm_1", "kitchen", "pasta", 600_000, 0, 600_000,
      TimerInfo.State.FIRED);
  private static final String SAID = "Your pasta timer is done.";

  private final VoiceSessions hub = new VoiceSessions();

  /** A connected session whose pipeline only talks back to its client, and what its client was sent. */
  private record Client(TurnController session, List<ServerMessage> heard) {
    List<ServerMessage.Announcement> announcements() {
      return heard.stream().filter(m -> m instanceof ServerMessage.Announcement)
          .map(m -> (ServerMessage.Announcement) m).toList();
    }
  }

  @Test
  void onlyTheClientsFollowingTheTimersConversationHearIt() {
    Client kitchen = connect("kitchen");
    Client elsewhere = connect("bedroom");
    Client fresh = connect(null);

    hub.announce("timer", PASTA.id(), SAID, PASTA.conversationId());

    assertThat(kitchen.announcements()).containsExactly(new ServerMessage.Announcement("timer", SAID, "tm_1", "kitchen"));
    assertThat(elsewhere.announcements()).isEmpty();
    assertThat(fresh.announcements()).isEmpty();
  }

  @Test
  void whenNobodyFollowsItEveryIdleClientHearsIt() {
    Client moved = connect("a-newer-conversation");
    Client fresh = connect(null);
    Client busy = connect(null);
    busy.session().start(AudioFormat.STT, "bedroom", null);

    hub.announce("timer", PASTA.id(), SAID, PASTA.conversationId());

    ServerMessage.Announcement expected = new ServerMessage.Announcement("timer", SAID, "tm_1", "kitchen");
    assertThat(moved.announcements()).containsExactly(expected);
    assertThat(fresh.announcements()).containsExactly(expected);
    busy.session().cancel();
    assertThat(busy.announcements()).isEmpty();
  }

  @Test
  void whenNobodyIsIdleEveryClientHearsItOnceItsTurnEnds() {
    Client busy = connect(null);
    busy.session().start(AudioFormat.STT, "bedroom", null);

    hub.announce("timer", PASTA.id(), SAID, PASTA.conversationId());
    assertThat(busy.announcements()).isEmpty();
    busy.session().cancel();

    assertThat(busy.announcements()).containsExactly(new ServerMessage.Announcement("timer", SAID, "tm_1", "kitchen"));
  }

  @Test
  void aClientThatLeftIsNotCountedAsFollowing() {
    Client left = connect("kitchen");
    Client idle = connect(null);
    left.session().close();
    hub.disconnect(left.session());

    hub.announce("timer", PASTA.id(), SAID, PASTA.conversationId());

    assertThat(left.announcements()).isEmpty();
    assertThat(idle.announcements()).hasSize(1);
    assertThat(hub.sessions()).containsExactly(idle.session());
  }

  private Client connect(String follows) {
    List<ServerMessage> heard = new CopyOnWriteArrayList<>();
    ClientLink link = new ClientLink() {
      @Override public void send(ServerMessage message) { heard.add(message); }
      @Override public void sendAudio(byte[] pcm) { }
    };
    ManualTime time = new ManualTime();
    TurnController session = hub.connect(new TurnController(link,
        Pipeline.builder(time, time).addInline(new ClientOutput(link)), hub, "v", time));
    if (follows != null) session.follow(follows);
    return new Client(session, heard);
  }
}
