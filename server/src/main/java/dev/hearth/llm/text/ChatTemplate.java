package dev.hearth.llm.text;

import dev.hearth.brain.ChatModel.ChatMessage;
import com.fasterxml.jackson.databind.JsonNode;
import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A checkpoint's Jinja chat template (the {@code chat_template} of {@code tokenizer_config.json}, or
 * {@code chat_template.jinja}), rendered with jinjava the way transformers' {@code apply_chat_template} renders it:
 * {@code trim_blocks} and {@code lstrip_blocks} on, {@code messages}, {@code add_generation_prompt},
 * {@code bos_token}, {@code eos_token}, {@code tools} left undefined, the functions {@code raise_exception} and
 * {@code strftime_now}, and Python string methods (see {@link TemplateLibrary}). The rendered text already holds the
 * special tokens, so encode it without adding any. Immutable and thread-safe.
 */
public final class ChatTemplate {
  private final String source;
  private final String bosToken;
  private final String eosToken;
  private final Clock clock;
  private final Jinjava jinjava;

  /** {@code clock} feeds {@code strftime_now} (Llama 3.x writes today's date into the system prompt). */
  public ChatTemplate(String source, String bosToken, String eosToken, Clock clock) {
    this.source = TemplateLibrary.rewriteMethods(source);
    this.bosToken = bosToken;
    this.eosToken = eosToken;
    this.clock = clock;
    this.jinjava = newJinjava();
  }

  /** The template of a checkpoint folder; its BOS/EOS text comes from the folder's tokenizer config. */
  public static ChatTemplate read(Path folder, Clock clock) throws IOException {
    Path jinja = folder.resolve("chat_template.jinja");
    JsonNode config = SpecialTokens.readJson(folder.resolve("tokenizer_config.json"));
    String source;
    if (Files.isRegularFile(jinja)) {
      source = Files.readString(jinja);
    } else {
      source = templateText(config.get("chat_template"));
    }
    if (source == null) {
      throw new ChatTemplateException(folder + " has no chat template (no chat_template in tokenizer_config.json, no chat_template.jinja);"
          + " use an -Instruct checkpoint, which has one");
    }
    SpecialTokens special = SpecialTokens.read(folder);
    return new ChatTemplate(source, special.bosToken(), special.eosToken(), clock);
  }

  /** A template is a string, or (older files) a list of {@code {name, template}} of which "default" is the chat one. */
  private static String templateText(JsonNode node) {
    if (node == null || node.isNull()) return null;
    if (node.isTextual()) return node.asText();
    if (node.isArray()) {
      for (JsonNode n : node) if ("default".equals(n.path("name").asText())) return n.path("template").asText();
    }
    return null;
  }

  /** The prompt text for the conversation; with {@code addGenerationPrompt} it ends where the assistant's reply begins. */
  public String render(List<ChatMessage> messages, boolean addGenerationPrompt) {
    Map<String, Object> context = new HashMap<>();
    // the dictionaries a Hugging Face template indexes: message['role'], message.content
    context.put("messages", messages.stream()
        .map(m -> Map.<String, Object>of("role", m.role().wire(), "content", m.content())).toList());
    context.put("add_generation_prompt", addGenerationPrompt);
    context.put("bos_token", bosToken);
    context.put("eos_token", eosToken);
    context.put(TemplateLibrary.CLOCK_VARIABLE, clock);
    RenderResult result;
    try {
      result = jinjava.renderForResult(source, context);
    } catch (ChatTemplateException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ChatTemplateException("chat template failed: " + e.getMessage(), e);
    }
    for (TemplateError error : result.getErrors()) {
      ChatTemplateException raised = raised(error.getException());
      if (raised != null) throw raised;
      if (error.getSeverity() == TemplateError.ErrorType.FATAL) {
        throw new ChatTemplateException("chat template failed: " + error.getMessage() + " (line " + error.getLineno() + ")");
      }
    }
    return result.getOutput();
  }

  /** The {@code raise_exception} of the template, however deep jinjava wrapped it. */
  private static ChatTemplateException raised(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ChatTemplateException e) return e;
    }
    return null;
  }

  private static Jinjava newJinjava() {
    LegacyOverrides jinja2 = LegacyOverrides.newBuilder()
        .withUseTrimmingForNotesAndExpressions(true)  // {{- x -}} trims like Jinja2
        .withParseWhitespaceControlStrictly(true)
        .withUseNaturalOperatorPrecedence(true)
        .withKeepNullableLoopValues(true)
        .withEvaluateMapKeys(true)
        .withUsePyishObjectMapper(true)
        .build();
    Jinjava j = new Jinjava(JinjavaConfig.newBuilder()
        .withTrimBlocks(true)
        .withLstripBlocks(true)
        .withLegacyOverrides(jinja2)
        .withFailOnUnknownTokens(false)  // an undefined name is falsy, as in Jinja2 (`{% if tools %}`)
        .build());
    for (Filter f : TemplateLibrary.filters()) j.getGlobalContext().registerFilter(f);
    try {
      for (String[] fn : new String[][] {{"raise_exception", "raiseException"}, {"strftime_now", "strftimeNow"}}) {
        java.lang.reflect.Method m = TemplateLibrary.class.getMethod(fn[1], String.class);
        m.setAccessible(true);  // TemplateLibrary is package-private
        j.getGlobalContext().registerFunction(new ELFunctionDefinition("", fn[0], m));
      }
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
    return j;
  }
}
