package dev.hearth.brain.intent;

import java.util.Map;
import java.util.Optional;

/**
 * What a person meant: the intent a template matched, the values of its slots, and how sure the match is.
 *
 * @param name the intent, e.g. {@code timer.set}
 * @param slots the slots the matched words filled, by name (a slot in an optional part may be absent)
 * @param confidence 1 for words that are exactly the template (fillers aside), lower for near misses
 * @param template the template that matched
 */
public record Intent(String name, Map<String, Object> slots, double confidence, Template template) {
  public Intent {
    slots = Map.copyOf(slots);
  }

  /** The value of slot {@code slot}, when the words filled it. */
  public <T> Optional<T> slot(String slot, Class<T> type) {
    return Optional.ofNullable(slots.get(slot)).map(type::cast);
  }

  public boolean has(String slot) {
    return slots.containsKey(slot);
  }
}
