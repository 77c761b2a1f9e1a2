package dev.hearth.protocols.wyoming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One Wyoming event: its {@code type}, its data (a JSON object, empty when the event has none) and its binary
 * payload (PCM for audio events, empty otherwise). Neither the data nor the payload is copied: do not change them
 * after handing the event on.
 */
public record WyomingEvent(String type, ObjectNode data, byte[] payload) {
  private static final byte[] NO_PAYLOAD = new byte[0];

  public WyomingEvent {
    if (type == null || type.isEmpty()) throw new IllegalArgumentException("an event needs a type");
    if (data == null) data = EventCodec.JSON.createObjectNode();
    if (payload == null) payload = NO_PAYLOAD;
  }

  /** An event without data or payload, e.g. {@code describe}. */
  public static WyomingEvent of(String type) {
    return new WyomingEvent(type, null, null);
  }

  /** An event with data and no payload. */
  public static WyomingEvent of(String type, ObjectNode data) {
    return new WyomingEvent(type, data, null);
  }

  /** A new empty data object to fill. */
  public static ObjectNode newData() {
    return EventCodec.JSON.createObjectNode();
  }

  /** The text field {@code name}, or null when it is absent or JSON null; throws when it is not a string. */
  public String text(String name) throws WyomingException {
    JsonNode v = data.get(name);
    if (v == null || v.isNull()) return null;
    if (!v.isTextual()) throw new WyomingException("bad_data", "'" + type + "' field '" + name + "' must be a string");
    return v.asText();
  }

  /** The integer field {@code name}; throws when it is absent, null or not an integer. */
  public int integer(String name) throws WyomingException {
    JsonNode v = data.get(name);
    if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
      throw new WyomingException("bad_data", "'" + type + "' needs the integer field '" + name + "'");
    }
    return v.intValue();
  }

  /** The object field {@code name}, or null when it is absent or JSON null; throws when it is not an object. */
  public ObjectNode object(String name) throws WyomingException {
    JsonNode v = data.get(name);
    if (v == null || v.isNull()) return null;
    if (!v.isObject()) throw new WyomingException("bad_data", "'" + type + "' field '" + name + "' must be an object");
    return (ObjectNode) v;
  }

  @Override
  public String toString() {
    return type + " " + data + (payload.length > 0 ? " +" + payload.length + " bytes" : "");
  }
}
