package dev.hearth.llm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.llm.Fixtures;
import dev.hearth.llm.Fixtures.Case;
import dev.hearth.llm.Fixtures.Golden;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The engine against the float64 reference: logits within 1e-4, greedy ids exact through the KV cache. */
class GoldenTest {
  private static final double TOLERANCE = 1e-4;
  private static final Map<String, LlamaModel> MODELS = new HashMap<>();

  static synchronized LlamaModel model(String fixture) {
    return MODELS.computeIfAbsent(fixture, f -> LlamaModel.load(Fixtures.dir(f)));
  }

  @AfterAll
  static void closeModels() {
    MODELS.values().forEach(LlamaModel::close);
    MODELS.clear();
  }

  static List<Object[]> cases() {
    List<Object[]> all = new ArrayList<>();
    for (String fixture : Fixtures.ALL) {
      Golden golden = Fixtures.golden(fixture);
      for (Case c : golden.cases()) all.add(new Object[] {fixture, c.name(), golden, c});
    }
    return all;
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void lastPositionLogitsMatch(String fixture, String name, Golden golden, Case c) {
    try (Session session = model(fixture).newSession()) {
      float[] logits = session.append(c.promptIds());
      assertThat(Fixtures.maxAbsDiff(logits, golden.row(c.lastRow()))).isLessThanOrEqualTo(TOLERANCE);
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void everyPositionMatchesWhereStored(String fixture, String name, Golden golden, Case c) {
    if (c.allRows() == null) return;
    float[][] logits = model(fixture).logits(c.promptIds());
    assertThat(logits).hasNumberOfRows(c.promptIds().length);
    for (int p = 0; p < logits.length; p++) {
      assertThat(Fixtures.maxAbsDiff(logits[p], golden.row(c.allRows()[p]))).as("position %d", p)
          .isLessThanOrEqualTo(TOLERANCE);
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void greedyIdsMatchThroughTheCache(String fixture, String name, Golden golden, Case c) {
    LlamaModel model = model(fixture);
    List<Integer> heard = new ArrayList<>();
    try (Session session = model.newSession()) {
      Decoder.Result result = Decoder.generate(session, c.promptIds(), DecodeOptions.greedy(32).ignoringEos(),
          model.config().eosTokenIds(), heard::add, () -> false);
      assertThat(result.ids()).containsExactly(c.greedyNewIds());
      assertThat(result.stop()).isEqualTo(Decoder.Stop.LIMIT);
      assertThat(heard).isEqualTo(result.idList());
      assertThat(session.length()).isEqualTo(c.promptIds().length + 31);
    }
  }
}
