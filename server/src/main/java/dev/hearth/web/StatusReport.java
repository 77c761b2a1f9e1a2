package dev.hearth.web;

import dev.hearth.config.BrainConfig;
import dev.hearth.config.OpenAiConfig;
import dev.hearth.openai.LiveSessions;
import dev.hearth.openai.OpenAi;
import dev.hearth.openai.Spending;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The body of {@code GET /api/status} for a started server: what it can do right now (skills, the local model,
 * OpenAI's text, audio and live mode, each configured and available), the brain's order and deadline, and OpenAI's
 * own state.
 *
 * @param localModel the local language model's name, when one is loaded
 * @param openai the online services, when a key is configured
 */
public record StatusReport(Optional<String> localModel, Optional<OpenAi> openai, OpenAiConfig openaiConfig,
    BrainConfig brain) {

  public Map<String, Object> toJson() {
    Map<String, Object> caps = new LinkedHashMap<>();
    caps.put("offline_skills", Map.of("available", true));
    Map<String, Object> local = new LinkedHashMap<>();
    local.put("available", localModel.isPresent());
    localModel.ifPresent(name -> local.put("name", name));
    caps.put("local_model", local);
    boolean online = openai.isPresent();
    OpenAiConfig oc = openaiConfig;
    caps.put("openai_text", Map.of("available", online && usable(Spending.Budget.TURNS, 1), "configured", online,
        "model", oc.chatModel()));
    caps.put("openai_audio", Map.of("available", online && oc.audioMessages() && usable(Spending.Budget.TURNS, 1),
        "configured", online && oc.audioMessages(), "model", oc.audioModel()));
    // available only while a session opened now would get its shortest length
    boolean liveFits = online && oc.live() && usable(Spending.Budget.LIVE_SECONDS, LiveSessions.shortestSeconds(oc));
    caps.put("live_mode", Map.of("available", liveFits,
        "configured", online && oc.live(), "max_seconds", oc.liveMaxSeconds()));
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("capabilities", caps);
    report.put("order", brain.openAiFirst() ? "openai-first" : "local-first");
    report.put("deadline_ms", brain.deadlineMillis());
    openai.ifPresent(o -> report.put("openai", o.status()));
    return report;
  }

  private boolean usable(Spending.Budget budget, long amount) {
    return openai.get().usable(budget, amount);
  }
}
