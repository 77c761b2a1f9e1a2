package dev.hearth.speech;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.audio.AudioChunk;
import dev.hearth.audio.TestData;
import dev.hearth.brain.BrainRequest;
import dev.hearth.brain.Reply;
import dev.hearth.brain.skills.Household;
import dev.hearth.brain.skills.Skills;
import dev.hearth.lists.ListService;
import dev.hearth.store.ListItem;
import dev.hearth.store.SqliteStore;
import dev.hearth.store.StoreThread;
import dev.hearth.stt.SpeechToText;
import dev.hearth.stt.VoskSpeechToText;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 17: list requests spoken in voices that are not Hearth's own (flite's) through the real Vosk model, open and
 * restricted recognition together as a voice turn hears them, land on the real lists (SQLite in memory).
 */
class ListsSpokenTest {
  private static VoskSpeechToText vosk;
  private static CommandListening listening;
  @TempDir Path dir;

  private final StoreThread store = new StoreThread(SqliteStore.inMemory());
  private final ListService lists = new ListService(store.lists(), Clock.systemUTC(), list -> {});
  private final Skills skills = new Skills(new Household(null, null, lists, null));

  @BeforeAll
  static void load() throws Exception {
    vosk = VoskSpeechToText.load(TestData.voskModel());
    listening = CommandListening.forSkills(vosk, true);
  }

  @AfterAll
  static void close() {
    listening.close();
    vosk.close();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @ParameterizedTest(name = "{0}: \"{1}\"")
  @CsvSource(delimiter = '|', value = {
      "awb|add milk to the shopping list|shopping|milk",
      "rms|put eggs and bread on my shopping list|shopping|eggs;bread",
      "kal16|put coffee on my shopping list|shopping|coffee",
      "rms|add call mom to my to do list|todo|call mom",
      "awb|add walk the dog to the to do list|todo|walk the dog"})
  void aSpokenRequestLandsOnTheList(String voice, String said, String list, String items) throws Exception {
    String heard = hear(voice, said);

    Optional<Reply> reply = skills.respond(request(heard), delta -> {});

    assertThat(reply).as("heard \"%s\"", heard).isPresent();
    assertThat(texts(list)).as("heard \"%s\", answered \"%s\"", heard, reply.get().text())
        .containsExactly(items.split(";"));
  }

  @Test
  void aSpokenRemovalTakesTheItemOff() throws Exception {
    lists.add(ListItem.SHOPPING, List.of("eggs", "milk"));
    String heard = hear("kal16", "remove eggs from the shopping list");

    assertThat(skills.respond(request(heard), delta -> {})).as("heard \"%s\"", heard)
        .map(Reply::text).contains("Removed eggs from your shopping list.");
    assertThat(texts(ListItem.SHOPPING)).containsExactly("milk");
  }

  @Test
  void aSpokenQuestionReadsTheList() throws Exception {
    lists.add(ListItem.SHOPPING, List.of("milk", "bread"));
    String heard = hear("awb", "what's on my shopping list");

    assertThat(skills.respond(request(heard), delta -> {})).as("heard \"%s\"", heard)
        .map(Reply::text).contains("On your shopping list: milk and bread.");
  }

  private String hear(String voice, String said) throws Exception {
    AudioChunk speech = OtherVoices.flite(voice, said, dir);
    try (SpeechToText.Session s = listening.open()) {
      for (int off = 0; off < speech.pcm().length; off += 3_200) {
        s.accept(Arrays.copyOfRange(speech.pcm(), off, Math.min(speech.pcm().length, off + 3_200)));
      }
      return s.finish();
    }
  }

  private List<String> texts(String list) {
    return lists.items(list).stream().map(ListItem::text).toList();
  }

  private static BrainRequest request(String text) {
    return new BrainRequest(text, "c1", List.of(), ZonedDateTime.now());
  }
}
