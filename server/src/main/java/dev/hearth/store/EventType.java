package dev.hearth.store;

/** The kinds of event a conversation holds. Stored by {@link #wire()} name; new kinds may be added. */
public enum EventType {
  USER_TRANSCRIPT("user_transcript"),
  USER_TEXT("user_text"),
  ASSISTANT_REPLY("assistant_reply"),
  TIMER_SET("timer_set"),
  TIMER_FIRED("timer_fired"),
  TIMER_CANCELLED("timer_cancelled");

  private final String wire;

  EventType(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static EventType fromWire(String wire) {
    for (EventType t : values()) if (t.wire.equals(wire)) return t;
    throw new IllegalArgumentException("unknown event type: " + wire);
  }
}
