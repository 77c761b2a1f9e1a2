package dev.hearth.llm;

import dev.hearth.brain.ChatModel;
import dev.hearth.llm.engine.Decoder;
import dev.hearth.llm.engine.LlamaModel;
import dev.hearth.llm.engine.Session;
import dev.hearth.llm.engine.Torch;
import dev.hearth.llm.text.ChatTemplate;
import dev.hearth.llm.text.StreamingDetokenizer;
import dev.hearth.llm.text.Tokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Hugging Face checkpoint folder as the brain's {@link ChatModel}: the chat is rendered with the model's own
 * template, tokenized, run through the engine and streamed back as text.
 *
 * <p>One generation at a time: a fair lock queues the others (a 2-core Pi cannot run two). The key/value cache
 * of the last generation is kept, so the next prompt only computes the tokens after the part it shares with the
 * last one (the system prompt, and a conversation's earlier turns): a prefix cache.
 *
 * <p>{@link #prefill} fills that cache ahead of the question, while the person is still speaking: the prompt up to the
 * words heard so far. When the final words come, only what changed and the chat template's tail are left to compute;
 * positions a later partial changed are rolled back by the same prefix comparison.
 */
public final class LocalChatModel implements ChatModel, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalChatModel.class);
  private static final long QUEUE_POLL_MILLIS = 20;

  private final String name;
  private final LlamaModel model;
  private final Tokenizer tokenizer;
  private final ChatTemplate template;
  private final LlmSettings settings;
  /** The ids of {@link LlmSettings#scriptedReply} and an end-of-sequence id, or null when it is empty. */
  private final int[] script;
  private final int window;
  private final int[] eosIds;
  private final ReentrantLock turnstile = new ReentrantLock(true);
  private Session cache;
  /** The ids whose keys and values {@link #cache} holds, in order. */
  private int[] cached = new int[0];
  /** The logits the last of {@link #cached} gave, when a prefill computed them; else null. */
  private float[] lastLogits;
  /** How many prompt tokens the last generation took from the cache (for tests and logs). */
  volatile int lastReusedTokens;
  /** How many tokens the last generation produced (for tests and logs). */
  volatile int lastGeneratedTokens;
  /** Computes prompts ahead while the person speaks ({@link #anticipate}). */
  final PrefillWorker ahead = new PrefillWorker(this);

  LocalChatModel(String name, LlamaModel model, Tokenizer tokenizer, ChatTemplate template, LlmSettings settings) {
    this.name = name;
    this.model = model;
    this.tokenizer = tokenizer;
    this.template = template;
    this.settings = settings;
    int own = model.config().maxPositionEmbeddings();
    this.window = own > 0 ? Math.min(own, settings.contextTokens()) : settings.contextTokens();
    if (window <= settings.maxNewTokens()) {
      throw new IllegalArgumentException("the context window (" + window + " tokens) leaves no room for a prompt "
          + "beside replies of " + settings.maxNewTokens() + " tokens");
    }
    this.eosIds = tokenizer.special().eosIds().stream().mapToInt(Integer::intValue).toArray();
    this.script = settings.scriptedReply().isEmpty() ? null : scriptIds(tokenizer.encode(settings.scriptedReply()));
    this.cache = model.newSession();
  }

  /** Loads the checkpoint, tokenizer and chat template of {@code folder}. */
  public static LocalChatModel load(String name, Path folder, LlmSettings settings, Clock clock) throws IOException {
    long begin = System.nanoTime();
    Tokenizer tokenizer = Tokenizer.open(folder);
    try {
      ChatTemplate template = ChatTemplate.read(folder, clock);
      LlamaModel model = LlamaModel.load(folder);
      LocalChatModel chat = new LocalChatModel(name, model, tokenizer, template, settings);
      log.info("Loaded the language model {} ({}, {} MB of weights) in {} ms", name, model.config().architecture(),
          model.weightBytes() >> 20, (System.nanoTime() - begin) / 1_000_000);
      return chat;
    } catch (IOException | RuntimeException e) {
      tokenizer.close();
      throw e;
    }
  }

  @Override
  public String name() {
    return name;
  }

  /** Computes the prompt ahead on the model's own prefill thread ({@link PrefillWorker}); returns at once. */
  @Override
  public void anticipate(List<ChatMessage> heardSoFar) {
    if (settings.prefillWhileSpeaking()) ahead.submit(heardSoFar);
  }

  @Override
  public void stopAnticipating() {
    ahead.stop();
  }

  @Override
  public String complete(List<ChatMessage> messages, BooleanSupplier cancelled, Consumer<String> deltas)
      throws InterruptedException {
    while (!turnstile.tryLock(QUEUE_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
      if (cancelled.getAsBoolean()) return "";
    }
    try {
      Torch.useThreads(Torch.fullThreads());
      return generate(promptIds(messages), cancelled, deltas);
    } finally {
      turnstile.unlock();
    }
  }

  private String generate(int[] prompt, BooleanSupplier cancelled, Consumer<String> deltas) {
    int reuse = commonPrefix(cached, prompt);
    // the whole prompt computed ahead, with its last logits: the first token needs no forward pass
    float[] computed = reuse == prompt.length && cached.length == prompt.length ? lastLogits : null;
    if (reuse == prompt.length && computed == null) reuse--; // the last prompt token must run again for its logits
    cache.truncate(reuse);
    lastLogits = null;
    lastReusedTokens = reuse;
    int[] fresh = Arrays.copyOfRange(prompt, reuse, prompt.length);

    StreamingDetokenizer detokenizer = tokenizer.streaming();
    StopStrings stops = new StopStrings(settings.stopStrings());
    StringBuilder written = new StringBuilder();
    Consumer<String> out = text -> {
      if (text.isEmpty()) return;
      written.append(text);
      deltas.accept(text);
    };
    Decoder.Result result;
    try {
      java.util.function.IntConsumer listener = id -> {
        if (!tokenizer.isEos(id)) out.accept(stops.accept(detokenizer.accept(id)));
      };
      BooleanSupplier stop = () -> cancelled.getAsBoolean() || stops.stopped();
      result = computed != null ? Decoder.generateAfter(cache, computed, settings.decodeOptions(script), eosIds, listener, stop)
          : Decoder.generate(cache, fresh, settings.decodeOptions(script), eosIds, listener, stop);
    } catch (RuntimeException e) {
      resetCache();
      throw e;
    }
    lastGeneratedTokens = result.ids().length;
    if (!cancelled.getAsBoolean()) out.accept(stops.accept(detokenizer.finish()) + stops.finish());
    int[] all = Arrays.copyOf(prompt, prompt.length + result.ids().length);
    System.arraycopy(result.ids(), 0, all, prompt.length, result.ids().length);
    cached = Arrays.copyOf(all, cache.length());
    log.debug("{}: {} prompt tokens ({} reused from the cache), {} generated, stopped by {}", name, prompt.length,
        reuse, result.ids().length, stops.stopped() ? "a stop string" : result.stop());
    return written.toString();
  }

  /** A scripted reply's ids, ending with an end-of-sequence id when the tokenizer has one. */
  private int[] scriptIds(int[] text) {
    if (eosIds.length == 0) return text;
    int[] ids = Arrays.copyOf(text, text.length + 1);
    ids[text.length] = eosIds[0];
    return ids;
  }

  /**
   * The prompt's ids; when the chat is longer than the window allows, its oldest turns after the system prompt
   * are left out until it fits.
   */
  int[] promptIds(List<ChatMessage> messages) {
    List<ChatMessage> kept = new ArrayList<>(messages);
    int budget = window - settings.maxNewTokens();
    while (true) {
      int[] ids = tokenizer.encode(template.render(kept, true));
      if (ids.length <= budget) return ids;
      int oldest = !kept.isEmpty() && kept.get(0).role() == ChatMessage.Role.SYSTEM ? 1 : 0;
      if (kept.size() - oldest <= 1) {
        throw new IllegalArgumentException("the question alone takes " + ids.length + " tokens; the window leaves "
            + budget + " for the prompt (llm.context_tokens " + settings.contextTokens() + ")");
      }
      kept.remove(oldest);
    }
  }

  /** Most tokens {@link #prefill} computes in one forward pass: the longest a waiting reply waits for it. */
  static final int PREFILL_STEP = 8;

  /**
   * Computes ahead the prompt {@code messages} would give if their last (the user's words heard so far) were final,
   * chat template's tail included, a few tokens at a time, and keeps the last position's logits: when the final words
   * are those, the reply's first token needs no forward pass; when they go on, only the positions from the first
   * changed word are computed again (the prefix comparison rolls the rest back). Gives way at once to a reply: it does
   * nothing while one is being generated, and stops after its current step when one is waiting or {@code cancelled}
   * says so. The cache stays consistent whenever it stops. Returns how many tokens it computed.
   */
  public int prefill(List<ChatMessage> messages, BooleanSupplier cancelled) {
    if (!turnstile.tryLock()) return 0;
    try {
      if (turnstile.hasQueuedThreads()) return 0; // a reply waits: it goes first
      Torch.useThreads(settings.prefillThreads(Torch.fullThreads())); // recognition keeps a core
      int[] target;
      try {
        target = promptIds(messages);
      } catch (IllegalArgumentException tooLong) { // the reply will say so; ahead of it there is nothing to do
        return 0;
      }
      int reuse = commonPrefix(cached, target);
      if (reuse == target.length && cached.length == target.length && lastLogits != null) return 0;
      if (reuse == target.length) reuse--; // its logits were not kept: the last position runs again
      cache.truncate(reuse);
      cached = Arrays.copyOf(target, reuse);
      lastLogits = null;
      int computed = 0;
      while (cache.length() < target.length && !cancelled.getAsBoolean() && !turnstile.hasQueuedThreads()) {
        int from = cache.length();
        int[] step = Arrays.copyOfRange(target, from, Math.min(target.length, from + PREFILL_STEP));
        float[] logits;
        try {
          logits = cache.append(step);
        } catch (RuntimeException e) {
          resetCache();
          throw e;
        }
        cached = Arrays.copyOf(target, cache.length());
        lastLogits = cache.length() == target.length ? logits : null;
        computed += step.length;
      }
      return computed;
    } finally {
      turnstile.unlock();
    }
  }

  private void resetCache() {
    cache.close();
    cache = model.newSession();
    cached = new int[0];
    lastLogits = null;
  }

  private static int commonPrefix(int[] a, int[] b) {
    int n = Math.min(a.length, b.length);
    int i = 0;
    while (i < n && a[i] == b[i]) i++;
    return i;
  }

  @Override
  public void close() {
    ahead.close();
    turnstile.lock();
    try {
      cache.close();
      model.close();
      tokenizer.close();
    } finally {
      turnstile.unlock();
    }
  }
}
