package dev.hearth.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.app.Hearth;
import dev.hearth.app.TestServers;
import dev.hearth.protocols.page.ServerMessage.Announcement;
import dev.hearth.protocols.page.ServerMessage.AudioEnd;
import dev.hearth.protocols.page.ServerMessage.ReplyFinal;
import dev.hearth.protocols.page.ServerMessage.TurnDone;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is stored outlives the server: history and pending timers survive a restart. */
class RestartTest {
  private static final ObjectMapper json = new ObjectMapper();

  @Test
  void historyAndATimerSurviveARestartAndTheTimerFiresToTheConversationsClient(@TempDir Path data) throws Exception {
    String conversation;
    Hearth first = TestServers.start(data, TestServers.TEXT_ONLY); // typed turns only
    try (WsTestClient ws = WsTestClient.connect(first.port())) {
      ws.send("{\"type\":\"text\",\"text\":\"set a timer for fifteen seconds\"}");
      conversation = ws.await(TurnDone.class).conversationId();
      assertThat(ws.await(ReplyFinal.class).text()).containsIgnoringCase("15 second");
    } finally {
      first.close();
    }

    Hearth second = TestServers.start(data, TestServers.TEXT_ONLY);
    try (WsTestClient ws = WsTestClient.connect(second.port(), "conversation_id=" + conversation)) {
      Announcement a = ws.await(Announcement.class, x -> true, Duration.ofSeconds(40));
      assertThat(a.kind()).isEqualTo("timer");
      assertThat(a.conversationId()).isEqualTo(conversation);
      assertThat(a.text()).contains("timer");
      ws.await(AudioEnd.class);
      assertThat(ws.audio().length).isGreaterThan(0);

      JsonNode stored = json.readTree(TestServers.get(second.port(), "/api/conversations/" + conversation).body());
      assertThat(stored.path("events").findValuesAsText("type"))
          .containsSubsequence("user_text", "timer_set", "assistant_reply", "timer_fired");
    } finally {
      second.close();
    }
  }
}
