package dev.hearth.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.brain.ChatModel.ChatMessage;
import dev.hearth.llm.engine.DecodeOptions;
import dev.hearth.llm.engine.Decoder;
import dev.hearth.llm.engine.LlamaModel;
import dev.hearth.llm.engine.Session;
import dev.hearth.llm.text.ChatTemplate;
import dev.hearth.llm.text.Tokenizer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fixture Qwen2 checkpoint (random weights, the real Qwen2.5 tokenizer and template) as a chat model. */
class LocalChatModelTest {
  private static final Path QWEN = Fixtures.dir("tiny-qwen2");
  private static final LlmSettings GREEDY = new LlmSettings(12, 0, 1, 0, 4096, List.of());
  private static final List<ChatMessage> FIRST = List.of(ChatMessage.system("Be brief."), ChatMessage.user("Hello there"));

  private final List<LocalChatModel> opened = new ArrayList<>();

  private LocalChatModel open(LlmSettings settings) throws Exception {
    LocalChatModel model = LocalChatModel.load("tiny-qwen2", QWEN, settings, Clock.systemUTC());
    opened.add(model);
    return model;
  }

  @AfterEach
  void close() {
    opened.forEach(LocalChatModel::close);
  }

  @Test
  void theStreamedTextIsTheGreedyContinuationOfTheTemplatedPrompt() throws Exception {
    List<String> deltas = new ArrayList<>();
    String reply = open(GREEDY).complete(FIRST, () -> false, deltas::add);

    int[] generated;
    String expected;
    try (Tokenizer tokenizer = Tokenizer.open(QWEN); LlamaModel model = LlamaModel.load(QWEN);
        Session session = model.newSession()) {
      int[] prompt = tokenizer.encode(ChatTemplate.read(QWEN, Clock.systemUTC()).render(FIRST, true));
      generated = Decoder.generate(session, prompt, DecodeOptions.greedy(12),
          tokenizer.special().eosIds().stream().mapToInt(Integer::intValue).toArray(), id -> {}, () -> false).ids();
      expected = tokenizer.decode(Arrays.stream(generated).filter(id -> !tokenizer.isEos(id)).toArray(), true);
    }
    assertThat(reply).isEqualTo(expected).isNotEmpty();
    assertThat(String.join("", deltas)).isEqualTo(reply);
    assertThat(deltas.size()).as("streamed piece by piece").isGreaterThan(1);
  }

  /**
   * Issue 18's voice benchmark: a scripted reply is what a random-weight model says, token for token, with each token
   * computed by a forward pass (the cache holds the prompt and every scripted token) and the end-of-sequence id ending
   * it before the limit.
   */
  @Test
  void aScriptedReplyIsSpokenTokenForTokenWithEveryForwardPass() throws Exception {
    String script = "Here is what I found, and more follows.";
    LocalChatModel model = open(new LlmSettings(32, 0.7, 0.9, 0, 4096, List.of()).scripted(script));
    List<String> deltas = new ArrayList<>();
    assertThat(model.complete(FIRST, () -> false, deltas::add)).isEqualTo(script);
    assertThat(String.join("", deltas)).isEqualTo(script);
    int scriptTokens;
    try (Tokenizer tokenizer = Tokenizer.open(QWEN)) {
      scriptTokens = tokenizer.encode(script).length;
    }
    assertThat(model.lastGeneratedTokens).as("the script's tokens and an EOS").isEqualTo(scriptTokens + 1);
    assertThat(model.complete(FIRST, () -> false, d -> {})).as("the same again, whatever the sampler").isEqualTo(script);
    assertThat(model.lastReusedTokens).as("the prompt was cached with the scripted tokens computed after it")
        .isGreaterThan(0);
  }

  @Test
  void aStopStringCutsTheReplyAndEndsGenerationBeforeTheTokenLimit() throws Exception {
    int limit = 16;
    List<String> pieces = new ArrayList<>();
    LocalChatModel free = open(new LlmSettings(limit, 0, 1, 0, 4096, List.of()));
    String whole = free.complete(FIRST, () -> false, pieces::add);
    assertThat(free.lastGeneratedTokens).as("no EOS: the whole run reaches the limit").isEqualTo(limit);
    // the stop string spans the 3rd and 4th pieces of the model's own greedy reply, so it is certain to appear
    assertThat(pieces).hasSizeGreaterThan(5);
    int at = String.join("", pieces.subList(0, 2)).length();
    String stop = pieces.get(2) + pieces.get(3);
    assertThat(whole.indexOf(stop)).as("the stop string first appears at the 3rd piece").isEqualTo(at);

    List<String> deltas = new ArrayList<>();
    LocalChatModel stopping = open(new LlmSettings(limit, 0, 1, 0, 4096, List.of(stop)));
    String reply = stopping.complete(FIRST, () -> false, deltas::add);
    assertThat(reply).isEqualTo(whole.substring(0, at));
    assertThat(String.join("", deltas)).isEqualTo(reply);
    assertThat(stopping.lastGeneratedTokens).as("generation ended at the stop string").isLessThan(limit)
        .isGreaterThanOrEqualTo(4);
  }

  @Test
  void theNextTurnReusesTheCachedPrefixAndGivesWhatAColdRunGives() throws Exception {
    LocalChatModel warm = open(GREEDY);
    String first = warm.complete(FIRST, () -> false, d -> {});
    List<ChatMessage> second = List.of(FIRST.get(0), FIRST.get(1), ChatMessage.assistant(first),
        ChatMessage.user("And what else?"));
    String warmReply = warm.complete(second, () -> false, d -> {});
    assertThat(warm.lastReusedTokens).as("tokens not computed again").isGreaterThan(10);

    LocalChatModel cold = open(GREEDY);
    assertThat(cold.complete(second, () -> false, d -> {})).isEqualTo(warmReply);
    assertThat(cold.lastReusedTokens).isZero();
  }

  /** Issue 18: the words heard while the button is held are computed ahead; the reply is what a cold run gives. */
  @Test
  void prefillWhileSpeakingLeavesOnlyTheTailAndGivesWhatAColdRunGives() throws Exception {
    LocalChatModel warm = open(GREEDY);
    String first = warm.complete(FIRST, () -> false, d -> {});
    List<ChatMessage> before = List.of(FIRST.get(0), FIRST.get(1), ChatMessage.assistant(first));
    List<ChatMessage> second = new ArrayList<>(before);
    second.add(ChatMessage.user("And what else could we cook tonight?"));

    for (String partial : List.of("And", "And what else", "And what else could we")) {
      List<ChatMessage> heard = new ArrayList<>(before);
      heard.add(ChatMessage.user(partial));
      warm.prefill(heard, () -> false);
    }
    int[] prompt = warm.promptIds(second);
    List<ChatMessage> last = new ArrayList<>(before);
    last.add(ChatMessage.user("And what else could we"));
    int sharedWords = commonPrefix(warm.promptIds(last), prompt);
    String warmReply = warm.complete(second, () -> false, d -> {});
    assertThat(warm.lastReusedTokens).as("only the last words and the template's tail are left")
        .isEqualTo(sharedWords).isGreaterThan(prompt.length - 10);

    LocalChatModel cold = open(GREEDY);
    assertThat(cold.complete(second, () -> false, d -> {})).isEqualTo(warmReply);
    assertThat(cold.lastReusedTokens).isZero();
  }

  /** Issue 18: when the final words are the last ones heard, the reply starts with no forward pass at all. */
  @Test
  void whenTheFinalWordsAreTheLastHeardTheFirstTokenNeedsNoForwardPass() throws Exception {
    LocalChatModel warm = open(GREEDY);
    List<ChatMessage> said = List.of(FIRST.get(0), ChatMessage.user("What should we cook tonight?"));
    warm.prefill(List.of(FIRST.get(0), ChatMessage.user("What should we")), () -> false);
    warm.prefill(said, () -> false);
    String reply = warm.complete(said, () -> false, d -> {});
    assertThat(warm.lastReusedTokens).as("the whole prompt, last position included").isEqualTo(warm.promptIds(said).length);
    assertThat(reply).isEqualTo(cold(said)).isNotEmpty();
    // and the next turn, which shares that one, still gives what a cold run gives
    List<ChatMessage> next = List.of(FIRST.get(0), said.get(1), ChatMessage.assistant(reply), ChatMessage.user("Why?"));
    assertThat(warm.complete(next, () -> false, d -> {})).isEqualTo(cold(next));
  }

  /** Issue 18: anticipating returns at once; the model computes ahead on its own thread. */
  @Test
  void anticipatingComputesAheadOnTheModelsOwnThread() throws Exception {
    LocalChatModel model = open(GREEDY);
    List<ChatMessage> heard = List.of(FIRST.get(0), ChatMessage.user("Hello there, how"));
    model.anticipate(heard);
    long deadline = System.currentTimeMillis() + 30_000;
    while (model.ahead.lastComputed == 0 && System.currentTimeMillis() < deadline) Thread.sleep(5);
    assertThat(model.ahead.lastComputed).isEqualTo(model.promptIds(heard).length);
    List<ChatMessage> said = List.of(FIRST.get(0), ChatMessage.user("Hello there, how are you?"));
    String reply = model.complete(said, () -> false, d -> {});
    assertThat(model.lastReusedTokens).isEqualTo(commonPrefix(model.promptIds(heard), model.promptIds(said)));
    assertThat(reply).isEqualTo(cold(said));
  }

  @Test
  void withPrefillWhileSpeakingOffAnticipatingDoesNothing() throws Exception {
    LocalChatModel model = open(GREEDY.withPrefillWhileSpeaking(false));
    model.anticipate(List.of(FIRST.get(0), ChatMessage.user("Hello there, how")));
    Thread.sleep(1_000); // the tiny model computes such a prompt in a few milliseconds
    assertThat(model.ahead.lastComputed).isZero();
    model.complete(FIRST, () -> false, d -> {});
    assertThat(model.lastReusedTokens).isZero();
  }

  @Test
  void aPartialThatLaterChangesIsRolledBack() throws Exception {
    LocalChatModel warm = open(GREEDY);
    List<ChatMessage> misheard = List.of(FIRST.get(0), ChatMessage.user("Set the oven timer to forty"));
    int computed = warm.prefill(misheard, () -> false);
    assertThat(computed).as("the whole prompt, as if the partial's words were final").isEqualTo(warm.promptIds(misheard).length);
    assertThat(warm.prefill(misheard, () -> false)).as("already computed").isZero();
    List<ChatMessage> meant = List.of(FIRST.get(0), ChatMessage.user("Settle an argument about pasta"));
    String warmReply = warm.complete(meant, () -> false, d -> {});
    assertThat(cold(meant)).isEqualTo(warmReply);
  }

  @Test
  void prefillStopsWhenCancelledAndGivesWayToAReply() throws Exception {
    LocalChatModel model = open(GREEDY);
    List<ChatMessage> heard = List.of(FIRST.get(0), ChatMessage.user("Tell me a long story about the sea and its ships"));
    AtomicInteger asked = new AtomicInteger();
    int computed = model.prefill(heard, () -> asked.incrementAndGet() > 1);
    assertThat(computed).as("one step, then cancelled").isEqualTo(LocalChatModel.PREFILL_STEP);
    assertThat(model.promptIds(heard).length).isGreaterThan(LocalChatModel.PREFILL_STEP);

    // while a reply is being generated, prefill does nothing and does not wait
    CompletableFuture<Integer> during = new CompletableFuture<>();
    model.complete(FIRST, () -> false, d -> {
      if (!during.isDone()) during.complete(CompletableFuture.supplyAsync(() -> model.prefill(heard, () -> false)).join());
    });
    assertThat(during.join()).isZero();
    assertThat(model.complete(heard, () -> false, d -> {})).isEqualTo(cold(heard));
  }

  private String cold(List<ChatMessage> messages) throws Exception {
    return open(GREEDY).complete(messages, () -> false, d -> {});
  }

  @Test
  void aCancelledReplyStopsAtOnceAndLeavesTheCacheConsistent() throws Exception {
    LocalChatModel model = open(GREEDY);
    AtomicInteger pieces = new AtomicInteger();
    String cut = model.complete(FIRST, () -> pieces.get() >= 1, d -> pieces.incrementAndGet());
    assertThat(pieces.get()).isEqualTo(1);
    String whole = model.complete(FIRST, () -> false, d -> {});
    assertThat(whole).startsWith(cut).isNotEqualTo(cut);
    assertThat(open(GREEDY).complete(FIRST, () -> false, d -> {})).isEqualTo(whole);
  }

  @Test
  void aLongChatLeavesOutItsOldestTurnsToFitTheWindowButKeepsTheSystemPrompt() throws Exception {
    LocalChatModel model = open(new LlmSettings(8, 0, 1, 0, 120, List.of()));
    List<ChatMessage> chat = new ArrayList<>(List.of(ChatMessage.system("Be brief.")));
    for (int i = 0; i < 12; i++) {
      chat.add(ChatMessage.user("Tell me about the number " + i + " please"));
      chat.add(ChatMessage.assistant("It is a number between " + (i - 1) + " and " + (i + 1) + "."));
    }
    chat.add(ChatMessage.user("Thanks"));
    int[] ids = model.promptIds(chat);
    assertThat(ids.length).isLessThanOrEqualTo(120 - 8);
    String prompt;
    try (Tokenizer tokenizer = Tokenizer.open(QWEN)) {
      prompt = tokenizer.decode(ids, false);
    }
    assertThat(prompt).startsWith("<|im_start|>system\nBe brief.<|im_end|>").contains("Thanks")
        .doesNotContain("number 0 ").contains("number 11 ");
    assertThat(model.complete(chat, () -> false, d -> {})).isNotNull();

    List<ChatMessage> huge = List.of(ChatMessage.user("word ".repeat(400)));
    assertThatThrownBy(() -> model.promptIds(huge)).hasMessageContaining("the question alone takes");
  }

  @Test
  void twoChatsAtOnceAreAnsweredOneAfterTheOtherWithTheSameResultsAsAlone() throws Exception {
    LocalChatModel model = open(GREEDY);
    List<ChatMessage> other = List.of(ChatMessage.user("Something else entirely"));
    String aloneFirst = model.complete(FIRST, () -> false, d -> {});
    String aloneOther = model.complete(other, () -> false, d -> {});
    CompletableFuture<String> a = CompletableFuture.supplyAsync(() -> complete(model, FIRST));
    CompletableFuture<String> b = CompletableFuture.supplyAsync(() -> complete(model, other));
    assertThat(a.get()).isEqualTo(aloneFirst);
    assertThat(b.get()).isEqualTo(aloneOther);
  }

  private static String complete(LocalChatModel model, List<ChatMessage> chat) {
    try {
      return model.complete(chat, () -> false, d -> {});
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int commonPrefix(int[] a, int[] b) {
    int i = 0;
    while (i < Math.min(a.length, b.length) && a[i] == b[i]) i++;
    return i;
  }
}
