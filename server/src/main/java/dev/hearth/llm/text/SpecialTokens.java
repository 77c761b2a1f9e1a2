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
import java.util.function.IntPredicate;
import java.util.function.ToIntFunction;

/**
 * The special tokens of a checkpoint folder, read from {@code tokenizer_config.json} ({@code bos_token},
 * {@code eos_token}, {@code added_tokens_decoder}, {@code add_bos_token}), {@code generation_config.json} and
 * {@code config.json} (their {@code eos_token_id}, a number or a list).
 *
 * @param bosToken text of the beginning-of-sequence token, or "" when the checkpoint has none (Qwen2.5)
 * @param bosId the BOS token's id, or -1 when there is none or it is not one token
 * @param eosToken text of the end-of-sequence token, or "" when none is named
 * @param addBosToken whether a plain (non-chat) prompt gets the BOS token in front when encoded: the tokenizer config's
 *     {@code add_bos_token}, or when it has none, what the tokenizer's own post-processor does
 * @param eosIds every id that ends generation: the EOS token's id and all ids the two config files list
 * @param added the added tokens by id (id → text), special or not
 * @param specialIds the ids of added tokens marked {@code "special": true}
 */
public record SpecialTokens(String bosToken, int bosId, String eosToken, boolean addBosToken, Set<Integer> eosIds,
    Map<Integer, String> added, Set<Integer> specialIds) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public SpecialTokens {
    eosIds = Collections.unmodifiableSet(new LinkedHashSet<>(eosIds));
    added = Collections.unmodifiableMap(new TreeMap<>(added));
    specialIds = Collections.unmodifiableSet(new LinkedHashSet<>(specialIds));
  }

  /**
   * Reads the folder's config files without a tokenizer: a missing file counts as empty, token texts are resolved
   * only through the added tokens, and without {@code add_bos_token} no BOS is added.
   */
  public static SpecialTokens read(Path folder) throws IOException {
    return read(folder, text -> -1, id -> false);
  }

  /**
   * Reads the folder's config files; a missing file counts as empty. {@code idOf} maps a token's text to its id (-1:
   * unknown) where the added tokens do not; {@code postProcessorPrepends} tells whether the tokenizer's post-processor
   * puts the given id first, for a tokenizer config without {@code add_bos_token} (transformers then does what
   * tokenizer.json's post-processor does, as for Llama 3).
   */
  public static SpecialTokens read(Path folder, ToIntFunction<String> idOf, IntPredicate postProcessorPrepends)
      throws IOException {
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
    int eosId = id(eos, added, idOf);
    if (eosId >= 0) eosIds.add(eosId);
    addIds(readJson(folder.resolve("generation_config.json")).get("eos_token_id"), eosIds);
    addIds(readJson(folder.resolve("config.json")).get("eos_token_id"), eosIds);
    int bosId = id(bos, added, idOf);
    JsonNode addBos = tc.get("add_bos_token");
    boolean addsBos = bosId >= 0
        && (addBos != null && !addBos.isNull() ? addBos.asBoolean(false) : postProcessorPrepends.test(bosId));
    return new SpecialTokens(bos, bosId, eos, addsBos, eosIds, added, special);
  }

  private static int id(String token, Map<Integer, String> added, ToIntFunction<String> idOf) {
    if (token.isEmpty()) return -1;
    for (Map.Entry<Integer, String> e : added.entrySet()) {
      if (e.getValue().equals(token)) return e.getKey();
    }
    return idOf.applyAsInt(token);
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
