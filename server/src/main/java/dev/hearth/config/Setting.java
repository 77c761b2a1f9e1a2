package dev.hearth.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a configuration field. Its key is the config class's prefix plus the field name in snake_case
 * ({@code maxUtteranceMillis} in {@code stt} is {@code stt.max_utterance_millis}, environment variable
 * {@code HEARTH_STT_MAX_UTTERANCE_MILLIS}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Setting {
  /** One sentence for the settings table in docs/configuration.md. */
  String doc();

  Tier tier() default Tier.COMMON;

  /** Another environment variable that sets it, below {@code HEARTH_...} in precedence (e.g. {@code OPENAI_API_KEY}). */
  String env() default "";

  enum Tier { ESSENTIAL, COMMON, RARE }
}
