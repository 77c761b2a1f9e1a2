package dev.hearth.protocols.page;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The one JSON mapper of the protocol, and field helpers that say what was wrong. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static ObjectNode object(String type) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("type", type);
    return n;
  }

  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static ObjectNode parse(String text) throws ProtocolException {
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ProtocolException("bad_json", "The message is not valid JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) throw new ProtocolException("bad_json", "The message must be a JSON object.");
    return (ObjectNode) node;
  }

  static String text(JsonNode n, String field, boolean required) throws ProtocolException {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      if (required) throw new ProtocolException("bad_message", "The field '" + field + "' is required.");
      return null;
    }
    if (!v.isTextual()) throw new ProtocolException("bad_message", "The field '" + field + "' must be a string.");
    return v.asText();
  }

  static boolean bool(JsonNode n, String field) throws ProtocolException {
    JsonNode v = n.get(field);
    if (v == null || !v.isBoolean()) {
      throw new ProtocolException("bad_message", "The field '" + field + "' must be true or false.");
    }
    return v.asBoolean();
  }

  static Integer integer(JsonNode n, String field, boolean required) throws ProtocolException {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      if (required) throw new ProtocolException("bad_message", "The field '" + field + "' is required.");
      return null;
    }
    if (!v.canConvertToInt() || !v.isIntegralNumber()) {
      throw new ProtocolException("bad_message", "The field '" + field + "' must be an integer.");
    }
    return v.asInt();
  }
}
