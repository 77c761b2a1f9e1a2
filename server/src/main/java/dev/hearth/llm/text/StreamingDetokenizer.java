package dev.hearth.llm.text;

import java.util.Arrays;
import java.util.function.Function;

/**
 * Turns token ids, one at a time as they are generated, into text deltas. A multi-byte UTF-8 character split over
 * several byte-level tokens, or a piece whose leading space depends on its neighbour, is held back until the text is
 * stable: the decoded window is re-decoded with the new id and the new suffix is emitted only when it does not end in
 * U+FFFD (an incomplete character). The window starts at the last emitted token, so each step decodes a few ids, not
 * the whole reply. Not thread-safe: one instance per reply.
 */
public final class StreamingDetokenizer {
  private static final char REPLACEMENT = '\uFFFD';

  private final Function<int[], String> decode;
  private int[] ids = new int[32];
  private int size;
  /** Start of the decoding window: the ids before it are already fully emitted and are not context any more. */
  private int prefixOffset;
  /** End of what has been emitted: ids[prefixOffset..readOffset) decode to text already sent. */
  private int readOffset;

  /** {@code decode} turns a sequence of ids into text (special tokens dropped or not, as the caller wants). */
  public StreamingDetokenizer(Function<int[], String> decode) {
    this.decode = decode;
  }

  /** Adds one generated id; returns the text that became stable with it, possibly "". */
  public String accept(int id) {
    if (size == ids.length) ids = Arrays.copyOf(ids, size * 2);
    ids[size++] = id;
    String before = decode.apply(Arrays.copyOfRange(ids, prefixOffset, readOffset));
    String now = decode.apply(Arrays.copyOfRange(ids, prefixOffset, size));
    if (now.length() > before.length() && now.charAt(now.length() - 1) != REPLACEMENT && now.startsWith(before)) {
      prefixOffset = readOffset;
      readOffset = size;
      return now.substring(before.length());
    }
    return "";
  }

  /** The text still held back at the end of the reply (an incomplete character decodes as U+FFFD here). */
  public String finish() {
    String before = decode.apply(Arrays.copyOfRange(ids, prefixOffset, readOffset));
    String now = decode.apply(Arrays.copyOfRange(ids, prefixOffset, size));
    prefixOffset = size;
    readOffset = size;
    return now.startsWith(before) ? now.substring(before.length()) : "";
  }
}
