package dev.hearth.llm.tools;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A made-up SentencePiece-style vocabulary for a GGUF file, since llama.cpp refuses a model without
 * {@code tokenizer.ggml.*}: {@code <unk>} at 0, {@code <s>} and {@code </s>} at the checkpoint's BOS and EOS ids, the
 * 256 byte tokens {@code <0x00>..<0xFF>} at the lowest free ids, and {@code ▁tN} for every other id N. Token ids mean
 * the same as the checkpoint's (ids in, ids out); text does not, so such a file is for benchmarks and id-level
 * checks only.
 */
final class SyntheticVocab {
  /** llama.cpp's {@code llama_token_type} values. */
  static final int NORMAL = 1;
  static final int UNKNOWN = 2;
  static final int CONTROL = 3;
  static final int BYTE = 6;

  /** Smallest vocabulary that holds the special and byte tokens. */
  static final int MIN_SIZE = 3 + 256;

  private SyntheticVocab() {}

  /**
   * Adds the {@code tokenizer.ggml.*} keys for {@code size} tokens with these BOS and EOS ids (a negative id means
   * the checkpoint names none: 1 and 2 are used).
   */
  static void put(GgufMetadata metadata, int size, int bos, int eos) {
    if (size < MIN_SIZE) {
      throw new IllegalArgumentException("vocab_size " + size + " is below the " + MIN_SIZE
          + " tokens of the synthetic vocabulary (3 special tokens and 256 bytes)");
    }
    int bosId = bos >= 0 && bos < size ? bos : 1;
    int eosId = eos >= 0 && eos < size ? eos : 2;
    String[] tokens = new String[size];
    int[] types = new int[size];
    Arrays.fill(types, NORMAL);
    tokens[0] = "<unk>";
    types[0] = UNKNOWN;
    tokens[bosId] = "<s>";
    types[bosId] = CONTROL;
    if (eosId != bosId) {
      tokens[eosId] = "</s>";
      types[eosId] = CONTROL;
    }
    int id = 0;
    for (int b = 0; b < 256; b++) {
      while (tokens[id] != null) id++;
      tokens[id] = String.format("<0x%02X>", b);
      types[id] = BYTE;
    }
    float[] scores = new float[size];
    List<String> all = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      if (tokens[i] == null) tokens[i] = "\u2581t" + i;
      scores[i] = types[i] == NORMAL ? -i : 0;
      all.add(tokens[i]);
    }
    metadata.putString("tokenizer.ggml.model", "llama")
        .putStrings("tokenizer.ggml.tokens", all)
        .putFloat32s("tokenizer.ggml.scores", scores)
        .putInt32s("tokenizer.ggml.token_type", types)
        .putUint32("tokenizer.ggml.bos_token_id", bosId)
        .putUint32("tokenizer.ggml.eos_token_id", eosId)
        .putUint32("tokenizer.ggml.unknown_token_id", 0)
        .putBool("tokenizer.ggml.add_bos_token", false);
  }
}
