package dev.hearth.llm.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The special tokens of a checkpoint folder, read from {@code tokenizer_config.json} ({@code bos_token},
 * {@code eos_token}, {@code added_tokens_decoder}, {@code add_bos_token}), {@code generation_config.json} and
 * {@code config.json} (their {@code eos_token_id}, a number or a list).
 *
 * @param bosToken text of the beginning-of-sequence token, or "" when the checkpoint has none (Qwen2.5)
 * @param eosToken text of the end-of-sequence token, or "" when none is named
 * @param addBosToken whether the tokenizer config asks for a BOS token in front of an encoded prompt
 * @param eosIds every id that ends generation: the EOS token's id and all ids the two config files list
 * @param added the added tokens by id (id → text), special or not
 * @param specialIds the ids of added tokens marked {@code "special": true}
 */
public record SpecialTokens(String bosToken, String eosToken, boolean addBosToken, Set<Integer> eosIds,
    Map<Integer, String> added, Set<Integer> specialIds) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public SpecialTokens {
    eosIds = Collections.unmodifiableSet(new LinkedHashSet<>(eosIds));
    added = Collections.unmodifiableMap(new TreeMap<>(added));
    specialIds = Collections.unmodifiableSet(new LinkedHashSet<>(specialIds));
  }

  /** Reads the folder's config files; a missing file counts as empty. {@code idOf} maps a token's text to its id (-1: unknown). */
  public static SpecialTokens read(Path folder, java.util.function.ToIntFunction<String> idOf) throws IOException {
    JsonNode tc = readJson(folder.resolve("tokenizer_config.json"));
    Map<Integer, String> added = new TreeMap<>();
    Set<Integer> special = new LinkedHashSet<>();
    JsonNode decoder = tc.path("added_tokens_decoder");
    for (Map.Entry<String, JsonNode> e : decoder.properties()) {
      int id = Integer.parseInt(e.getKey());
      added.put(id, e.getValue().path("content").asText());
      if (e.getValue().path("special").asBoolean(false)) special.add(id);
    }
    String bos = tokenText(tc.get("bos_token"));
    String eos = tokenText(tc.get("eos_token"));
    Set<Integer> eosIds = new LinkedHashSet<>();
    if (!eos.isEmpty()) {
      int id = idOf.applyAsInt(eos);
      if (id >= 0) eosIds.add(id);
    }
    addIds(readJson(folder.resolve("generation_config.json")).get("eos_token_id"), eosIds);
    addIds(readJson(folder.resolve("config.json")).get("eos_token_id"), eosIds);
    return new SpecialTokens(bos, eos, tc.path("add_bos_token").asBoolean(false), eosIds, added, special);
  }

  /** A token is written either as text or as an object with {@code content} (older tokenizer configs). */
  private static String tokenText(JsonNode node) {
    if (node == null || node.isNull()) return "";
    if (node.isObject()) return node.path("content").asText("");
    return node.asText("");
  }

  private static void addIds(JsonNode node, Set<Integer> into) {
    if (node == null || node.isNull()) return;
    if (node.isArray()) {
      for (JsonNode n : node) if (n.canConvertToInt()) into.add(n.asInt());
    } else if (node.canConvertToInt()) {
      into.add(node.asInt());
    }
  }

  static JsonNode readJson(Path file) throws IOException {
    if (!Files.isRegularFile(file)) return JSON.createObjectNode();
    return JSON.readTree(file.toFile());
  }
}
