package dev.hearth.turn;

import dev.hearth.protocols.page.ServerMessage;

/** The session's way out to its client; both methods queue the frame and return at once. */
public interface ClientLink {

  /** Sends one JSON control message. */
  void send(ServerMessage message);

  /** Sends one binary PCM frame. */
  void sendAudio(byte[] pcm);

  /** Who is on the other end, for per-client limits: a socket's remote address, or {@code this machine}. */
  default String client() {
    return "this machine";
  }
}
