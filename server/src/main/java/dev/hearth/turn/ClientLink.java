package dev.hearth.turn;

import dev.hearth.protocol.ServerMessage;

/** The session's way out to its client; both methods queue the frame and return at once. */
public interface ClientLink {

  /** Sends one JSON control message. */
  void send(ServerMessage message);

  /** Sends one binary PCM frame. */
  void sendAudio(byte[] pcm);
}
