package dev.hearth.llm.text;

/** A chat template could not be read or rendered; the message names the template's own error where it raised one. */
public final class ChatTemplateException extends RuntimeException {
  public ChatTemplateException(String message) {
    super(message);
  }

  public ChatTemplateException(String message, Throwable cause) {
    super(message, cause);
  }
}
