package dev.hearth.llm.hub;

import java.io.IOException;

/** A pull failed in a way the user can act on; the message says what to do. */
public final class HubException extends IOException {
  public HubException(String message) {
    super(message);
  }
}
