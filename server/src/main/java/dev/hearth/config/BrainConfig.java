package dev.hearth.config;

import java.time.DateTimeException;
import java.time.ZoneId;

/** The answering chain. */
public final class BrainConfig implements ConfigSection {
  @Setting(doc = "Time zone for the time, date and timer skills (an IANA name such as `Europe/Berlin`; `system` uses the machine's).")
  private String timeZone = "system";

  @Setting(doc = "How many earlier events of the conversation the brain sees as context.")
  private int contextEvents = 12;

  @Setting(doc = "What the language model is told before every conversation. The default asks for short spoken answers.")
  private String systemPrompt = DEFAULT_SYSTEM_PROMPT;

  @Setting(doc = "Which answers first when the skills cannot: `local-first` (the local model, then OpenAI) or `openai-first`.")
  private String order = "local-first";

  @Setting(doc = "By then a turn has started answering, in milliseconds: a provider that has not is skipped, and the last resort apologizes.")
  private long deadlineMillis = 8_000;

  @Setting(doc = "Questions answered at once (voice turns and `/v1/chat/completions`); each mostly waits for OpenAI or the local model, which runs one at a time, so a thread costs little and a skill's answer is not kept waiting behind them.", tier = Setting.Tier.RARE)
  private int threads = 32;

  /** Tuned for speech: whatever the model writes is read aloud by MaryTTS. */
  public static final String DEFAULT_SYSTEM_PROMPT = "You are Hearth, a helpful voice assistant in someone's home. "
      + "Your answers are read aloud, so answer in one to three short, plain sentences. Never use markdown, lists, "
      + "emoji, tables or code. Write numbers, units and symbols the way they are spoken, for example "
      + "\"twenty degrees Celsius\" or \"five kilometers\". If you do not know, say so briefly.";

  @Override
  public String prefix() {
    return "brain";
  }

  @Override
  public void validate() {
    zone();
    Validation.range("brain.context_events", contextEvents, 0, 200);
    Validation.range("brain.deadline_millis", deadlineMillis, 500, 120_000);
    Validation.range("brain.threads", threads, 2, 1_024);
    if (!order.equals("local-first") && !order.equals("openai-first")) {
      throw new ConfigException("brain.order must be local-first or openai-first, not '" + order + "'");
    }
  }

  public ZoneId zone() {
    if (timeZone.equals("system")) return ZoneId.systemDefault();
    try {
      return ZoneId.of(timeZone);
    } catch (DateTimeException e) {
      throw new ConfigException("brain.time_zone: unknown time zone '" + timeZone + "'; use a name like Europe/London or 'system'");
    }
  }

  public int contextEvents() { return contextEvents; }
  public String systemPrompt() { return systemPrompt; }
  /** Whether OpenAI answers before the local model. */
  public boolean openAiFirst() { return order.equals("openai-first"); }
  public long deadlineMillis() { return deadlineMillis; }
  public int threads() { return threads; }
}
