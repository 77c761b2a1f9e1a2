package dev.hearth.llm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import dev.hearth.llm.Fixtures;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The cache path (prefill, then one token at a time) against full re-computation, and cache surgery. */
class KvCacheTest {
  private static final int[] PROMPT = {5, 17, 301, 42, 7};
  private static final double SAME = 2e-5;

  @Test
  void decodingOneTokenAtATimeEqualsFullRecomputation() {
    LlamaModel model = GoldenTest.model("tiny-qwen2");
    int[] ids = {5, 17, 301, 42, 7, 99, 1000, 151000};
    float[][] full = model.logits(ids);
    try (Session session = model.newSession()) {
      float[] last = session.append(Arrays.copyOf(ids, 3));
      assertThat(Fixtures.maxAbsDiff(last, full[2])).isLessThanOrEqualTo(SAME);
      for (int i = 3; i < ids.length; i++) {
        last = session.append(new int[] {ids[i]});
        assertThat(Fixtures.maxAbsDiff(last, full[i])).as("position %d", i).isLessThanOrEqualTo(SAME);
      }
    }
  }

  @Test
  void theCacheGrowsPastItsFirstAllocationWithoutChangingAnything() {
    LlamaModel model = GoldenTest.model("tiny-llama");
    int[] ids = new int[300]; // the cache starts with room for 256 positions, then doubles
    for (int i = 0; i < ids.length; i++) ids[i] = (i * 37 + 11) % model.config().vocabSize();
    float[][] full = model.logits(ids);
    try (Session session = model.newSession()) {
      session.append(Arrays.copyOf(ids, 250));
      float[] last = null;
      for (int i = 250; i < ids.length; i++) last = session.append(new int[] {ids[i]});
      assertThat(Fixtures.maxAbsDiff(last, full[ids.length - 1])).isLessThanOrEqualTo(SAME);
      try (Session fork = session.fork()) {
        assertThat(Fixtures.maxAbsDiff(fork.append(new int[] {3}), session.append(new int[] {3}))).isLessThanOrEqualTo(SAME);
      }
    }
  }

  @Test
  void stepsLeaveNoArraysBehind() {
    LlamaModel model = GoldenTest.model("tiny-qwen2");
    try (Session session = model.newSession()) {
      session.append(PROMPT);
      session.append(new int[] {9});
      NDManager everything = session.manager().getParentManager(); // the model's: weights, sessions, their steps
      int held = everything.getManagedArrays().size();
      for (int i = 0; i < 20; i++) session.append(new int[] {10 + i});
      session.append(PROMPT);
      session.truncate(4);
      session.append(PROMPT);
      assertThat(everything.getManagedArrays()).hasSize(held);
    }
  }

  @Test
  void truncatingAndAppendingAgainEqualsAFreshSession() {
    LlamaModel model = GoldenTest.model("tiny-llama");
    try (Session session = model.newSession(); Session fresh = model.newSession()) {
      session.append(PROMPT);
      session.append(new int[] {400, 401});
      session.truncate(3);
      assertThat(session.length()).isEqualTo(3);
      float[] again = session.append(new int[] {42, 7});
      float[] expected = fresh.append(PROMPT);
      assertThat(Fixtures.maxAbsDiff(again, expected)).isLessThanOrEqualTo(SAME);
    }
  }

  @Test
  void aForkEvolvesIndependently() {
    LlamaModel model = GoldenTest.model("tiny-llama");
    try (Session base = model.newSession()) {
      base.append(PROMPT);
      try (Session fork = base.fork()) {
        float[] fromFork = fork.append(new int[] {9});
        float[] fromBase = base.append(new int[] {9});
        assertThat(Fixtures.maxAbsDiff(fromFork, fromBase)).isLessThanOrEqualTo(SAME);
        assertThat(fork.length()).isEqualTo(base.length()).isEqualTo(PROMPT.length + 1);
      }
    }
  }

  @Test
  void decodingStopsAtEosUnlessToldToIgnoreIt() {
    LlamaModel model = GoldenTest.model("tiny-llama");
    int[] eos;
    try (Session s = model.newSession()) {
      int[] ids = Decoder.generate(s, PROMPT, DecodeOptions.greedy(5).ignoringEos(), new int[0], id -> { }, () -> false).ids();
      eos = new int[] {ids[2]};
    }
    try (Session s = model.newSession()) {
      Decoder.Result r = Decoder.generate(s, PROMPT, DecodeOptions.greedy(5), eos, id -> { }, () -> false);
      assertThat(r.stop()).isEqualTo(Decoder.Stop.EOS);
      assertThat(r.ids()).hasSize(3).endsWith(eos[0]);
    }
  }

  /** A scripted reply comes out in order, each id computed into the cache, and picking goes on after it. */
  @Test
  void scriptedIdsComeFirstAndEachIsComputedIntoTheCache() {
    LlamaModel model = GoldenTest.model("tiny-llama");
    int[] script = {5, 17, 3};
    int[] greedy;
    try (Session s = model.newSession()) {
      s.append(PROMPT);
      greedy = Decoder.generate(s, script, DecodeOptions.greedy(2).ignoringEos(), new int[0], id -> { }, () -> false)
          .ids();
    }
    try (Session s = model.newSession()) {
      Decoder.Result r = Decoder.generate(s, PROMPT, DecodeOptions.greedy(5).ignoringEos().sampling(0.9, 0.9, 7)
          .scripted(script), new int[0], id -> { }, () -> false);
      assertThat(r.ids()).as("the script, then what greedy picks after it").startsWith(script);
      assertThat(s.length()).as("every id but the last was computed").isEqualTo(PROMPT.length + 4);
    }
    try (Session s = model.newSession()) {
      Decoder.Result r = Decoder.generate(s, PROMPT, DecodeOptions.greedy(5).ignoringEos().scripted(script),
          new int[0], id -> { }, () -> false);
      assertThat(r.ids()).containsExactly(5, 17, 3, greedy[0], greedy[1]);
    }
  }

  @Test
  void cancellationIsCheckedAtEveryToken() {
    LlamaModel model = GoldenTest.model("tiny-llama");
    AtomicInteger heard = new AtomicInteger();
    try (Session s = model.newSession()) {
      Decoder.Result r = Decoder.generate(s, PROMPT, DecodeOptions.greedy(32), new int[0], id -> heard.incrementAndGet(),
          () -> heard.get() >= 4);
      assertThat(r.stop()).isEqualTo(Decoder.Stop.CANCELLED);
      assertThat(r.ids()).hasSize(4);
    }
  }

  @Test
  void samplingWithASeedIsRepeatable() {
    LlamaModel model = GoldenTest.model("tiny-llama");
    DecodeOptions options = DecodeOptions.greedy(16).ignoringEos().sampling(0.8, 0.9, 42);
    int[] first;
    try (Session s = model.newSession()) {
      first = Decoder.generate(s, PROMPT, options, new int[0], id -> { }, () -> false).ids();
    }
    try (Session s = model.newSession()) {
      assertThat(Decoder.generate(s, PROMPT, options, new int[0], id -> { }, () -> false).ids()).containsExactly(first);
    }
  }

  @Test
  void idsOutsideTheVocabularyAreRefused() {
    try (Session s = GoldenTest.model("tiny-llama").newSession()) {
      assertThatThrownBy(() -> s.append(new int[] {512})).hasMessageContaining("outside the vocabulary of 512");
    }
  }
}
