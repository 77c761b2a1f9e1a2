package dev.hearth.web;

import dev.hearth.protocols.page.ServerMessage;
import dev.hearth.timer.Ringing;
import dev.hearth.turn.TurnController;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connected voice sessions (each socket's, the machine's own button's) and which conversation each follows, and
 * where a timer's announcement goes. Timers are the household's: a firing timer is announced to the sessions that
 * follow its conversation, or, when none does, to every connected session that is idle (or, when none is, to every
 * connected session, once its turn ends). A change to a list is told to every connected session.
 */
public final class VoiceSessions implements TurnController.Registry, Ringing.Announcer {
  private static final Logger log = LoggerFactory.getLogger(VoiceSessions.class);

  private final Set<TurnController> connected = ConcurrentHashMap.newKeySet();
  private final Map<TurnController, String> following = new ConcurrentHashMap<>();

  /** A client connected (a socket, the machine's own button); returns {@code session}. */
  public TurnController connect(TurnController session) {
    connected.add(session);
    return session;
  }

  @Override
  public void follows(TurnController session, String conversationId) {
    following.put(session, conversationId);
  }

  /** The session's client is gone. */
  public void disconnect(TurnController session) {
    connected.remove(session);
    following.remove(session);
  }

  /**
   * Speaks a ringing timer's or alarm's announcement on every session that follows its conversation; when none does,
   * on every idle connected session; when none is idle, on every connected session as soon as its turn ends.
   */
  @Override
  public void announce(String kind, String id, String text, String conversationId) {
    List<TurnController> told = following.entrySet().stream()
        .filter(e -> e.getValue().equals(conversationId)).map(Map.Entry::getKey)
        .filter(s -> s.state() != TurnController.State.CLOSED).toList();
    String who = "following its conversation";
    if (told.isEmpty()) {
      told = connected.stream().filter(s -> s.state() == TurnController.State.IDLE).toList();
      who = "idle, none following its conversation";
    }
    if (told.isEmpty()) {
      told = connected.stream().filter(s -> s.state() != TurnController.State.CLOSED).toList();
      who = "busy, none following its conversation";
    }
    for (TurnController session : told) session.announce(kind, text, id, conversationId);
    log.info("{} {} rings: \"{}\" (told {} client{}{})", kind, id, text, told.size(), told.size() == 1 ? "" : "s",
        told.isEmpty() ? "" : ", " + who);
  }

  @Override
  public void withdraw(String id) {
    for (TurnController session : connected) session.withdraw(id);
  }

  /** Tells every connected session that {@code list} changed, so that a page showing it reads it again. */
  public void listChanged(String list) {
    ServerMessage message = new ServerMessage.ListChanged(list);
    for (TurnController session : connected) {
      if (session.state() != TurnController.State.CLOSED) session.inform(message);
    }
  }

  /** Sessions currently connected. */
  public Set<TurnController> sessions() {
    return Set.copyOf(connected);
  }
}
