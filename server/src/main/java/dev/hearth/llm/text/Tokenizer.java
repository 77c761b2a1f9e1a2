package dev.hearth.llm.text;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A checkpoint's tokenizer: Hugging Face's {@code tokenizers} (through DJL) loaded from the folder's local
 * {@code tokenizer.json}, plus its {@link SpecialTokens}. {@link #encode} never adds special tokens by itself: a chat
 * prompt is rendered by the {@link ChatTemplate}, which writes them as text; only {@link #encodePrompt}, for a plain
 * prompt, adds the BOS token. Thread-safe for encoding and decoding; close it
 * once, when the model is unloaded.
 */
public final class Tokenizer implements AutoCloseable {
  private final HuggingFaceTokenizer hf;
  private final SpecialTokens special;

  private Tokenizer(HuggingFaceTokenizer hf, Path folder) throws IOException {
    this.hf = hf;
    this.special = SpecialTokens.read(folder, this::tokenId, this::postProcessorPrepends);
  }

  /** Loads {@code folder/tokenizer.json} and the special tokens from the folder's config files; never downloads. */
  public static Tokenizer open(Path folder) throws IOException {
    Path file = folder.resolve("tokenizer.json");
    if (!Files.isRegularFile(file)) {
      throw new IOException(folder + " has no tokenizer.json; a Hugging Face checkpoint folder needs one");
    }
    System.setProperty("ai.djl.offline", "true");
    HuggingFaceTokenizer hf = HuggingFaceTokenizer.newInstance(file,
        Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false"));
    try {
      return new Tokenizer(hf, folder);
    } catch (IOException | RuntimeException e) {
      hf.close();
      throw e;
    }
  }

  /** Token ids of the text, with no special tokens added (special tokens written in the text are recognised). */
  public int[] encode(String text) {
    long[] ids = hf.encode(text, false, false).getIds();
    int[] out = new int[ids.length];
    for (int i = 0; i < ids.length; i++) out[i] = Math.toIntExact(ids[i]);
    return out;
  }

  /**
   * Token ids of a plain prompt (no chat template), as transformers' {@code tokenizer(text)} gives them to
   * {@code generate}: the BOS token in front when {@link SpecialTokens#addBosToken} says so (TinyLlama, Llama 3),
   * never an EOS. A chat prompt is {@link #encode}d instead: its template writes its own BOS.
   */
  public int[] encodePrompt(String text) {
    int[] ids = encode(text);
    if (!special.addBosToken()) return ids;
    int[] withBos = new int[ids.length + 1];
    withBos[0] = special.bosId();
    System.arraycopy(ids, 0, withBos, 1, ids.length);
    return withBos;
  }

  /** Whether tokenizer.json's own post-processor (what {@code add_special_tokens=True} runs) puts {@code id} first. */
  private boolean postProcessorPrepends(int id) {
    long[] plain = hf.encode("a", false, false).getIds();
    long[] full = hf.encode("a", true, false).getIds();
    return full.length > plain.length && full[0] == id && (plain.length == 0 || plain[0] != id);
  }

  /** The text of the ids; special tokens (EOS, ChatML markers) are left out when {@code skipSpecial}. */
  public String decode(int[] ids, boolean skipSpecial) {
    long[] longs = new long[ids.length];
    for (int i = 0; i < ids.length; i++) longs[i] = ids[i];
    return hf.decode(longs, skipSpecial);
  }

  /** The id of a single token written exactly as in the vocabulary (e.g. {@code <|im_end|>}), or -1 if it is not one token. */
  public int tokenId(String token) {
    for (Map.Entry<Integer, String> e : specialOrEmpty().entrySet()) {
      if (e.getValue().equals(token)) return e.getKey();
    }
    long[] ids = hf.encode(token, false, false).getIds();
    return ids.length == 1 ? Math.toIntExact(ids[0]) : -1;
  }

  private Map<Integer, String> specialOrEmpty() {
    return special == null ? Map.of() : special.added();
  }

  /** Whether generating this id ends the reply. */
  public boolean isEos(int id) {
    return special.eosIds().contains(id);
  }

  public SpecialTokens special() { return special; }

  /** A fresh detokenizer for one reply, which drops special tokens from the text. */
  public StreamingDetokenizer streaming() {
    return new StreamingDetokenizer(ids -> decode(ids, true));
  }

  @Override
  public void close() {
    hf.close();
  }
}
