package dev.hearth.llm.engine;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * The token loop: prefill the prompt into a {@link Session}, then pick one token at a time (argmax, or
 * temperature/top-p sampling), reporting each id to a listener as soon as it is chosen. Cancellation is checked
 * before every forward step.
 */
public final class Decoder {
  private Decoder() {}

  /** Why generation ended. */
  public enum Stop { EOS, LIMIT, CANCELLED }

  /** The generated ids (the EOS id included when it stopped generation) and why it stopped. */
  public record Result(int[] ids, Stop stop) {
    public List<Integer> idList() {
      return Arrays.stream(ids).boxed().toList();
    }
  }

  /**
   * Appends {@code prompt} to {@code session} and generates after it.
   *
   * @param eosIds ids that end a reply (from config.json or the tokenizer)
   * @param listener receives each new id, on the calling thread, before the next step starts
   * @param cancelled polled before each forward step; true stops with {@link Stop#CANCELLED}
   */
  public static Result generate(Session session, int[] prompt, DecodeOptions options, int[] eosIds,
      IntConsumer listener, BooleanSupplier cancelled) {
    if (options.maxNewTokens() == 0) return new Result(new int[0], Stop.LIMIT);
    if (cancelled.getAsBoolean()) return new Result(new int[0], Stop.CANCELLED);
    return generateAfter(session, session.append(prompt), options, eosIds, listener, cancelled);
  }

  /**
   * Generates after what {@code session} holds, whose last position gave {@code logits} (a prompt computed ahead), with
   * no forward pass before the first new id.
   */
  public static Result generateAfter(Session session, float[] logits, DecodeOptions options, int[] eosIds,
      IntConsumer listener, BooleanSupplier cancelled) {
    int[] out = new int[options.maxNewTokens()];
    int n = 0;
    if (options.maxNewTokens() == 0) return new Result(out, Stop.LIMIT);
    if (cancelled.getAsBoolean()) return new Result(new int[0], Stop.CANCELLED);
    Random random = new Random(options.seed());
    while (true) {
      int[] script = options.script();
      int id = script != null && n < script.length ? script[n]
          : options.temperature() == 0 ? argmax(logits) : sample(logits, options, random);
      out[n++] = id;
      listener.accept(id);
      if (options.stopAtEos() && contains(eosIds, id)) return new Result(Arrays.copyOf(out, n), Stop.EOS);
      if (n == options.maxNewTokens()) return new Result(out, Stop.LIMIT);
      if (cancelled.getAsBoolean()) return new Result(Arrays.copyOf(out, n), Stop.CANCELLED);
      logits = session.append(new int[] {id});
    }
  }

  /** Index of the largest logit (the lowest index on ties). */
  public static int argmax(float[] logits) {
    int best = 0;
    for (int i = 1; i < logits.length; i++) {
      if (logits[i] > logits[best]) best = i;
    }
    return best;
  }

  static int sample(float[] logits, DecodeOptions options, Random random) {
    int v = logits.length;
    float max = logits[argmax(logits)];
    double[] p = new double[v];
    double sum = 0;
    for (int i = 0; i < v; i++) {
      p[i] = Math.exp((logits[i] - max) / options.temperature());
      sum += p[i];
    }
    Integer[] order = null;
    int keep = v;
    if (options.topP() < 1) {
      order = new Integer[v];
      for (int i = 0; i < v; i++) order[i] = i;
      double[] probs = p;
      Arrays.sort(order, (a, b) -> Double.compare(probs[b], probs[a]));
      double cumulative = 0;
      keep = 0;
      while (keep < v && cumulative < options.topP() * sum) cumulative += p[order[keep++]];
      sum = cumulative;
    }
    double r = random.nextDouble() * sum;
    for (int k = 0; k < keep; k++) {
      int i = order == null ? k : order[k];
      r -= p[i];
      if (r <= 0) return i;
    }
    return order == null ? v - 1 : order[keep - 1];
  }

  private static boolean contains(int[] ids, int id) {
    for (int e : ids) {
      if (e == id) return true;
    }
    return false;
  }
}
