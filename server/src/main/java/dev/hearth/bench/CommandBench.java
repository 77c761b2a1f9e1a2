package dev.hearth.bench;

import dev.hearth.brain.intent.GrammarPhrases;
import dev.hearth.brain.intent.Intent;
import dev.hearth.brain.intent.TranscriptChoice;
import dev.hearth.brain.skills.Skills;
import dev.hearth.config.HearthConfig;
import dev.hearth.speech.CommandListening;
import dev.hearth.stt.VoskSpeechToText;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/**
 * How well spoken commands are understood: every recording of the command corpus ({@code scripts/make-command-audio})
 * recognized by the speech model and understood by the skills, in process, as the server does. For each condition
 * (clean, noisy) and voice it reports the share of requests whose intent was found, the share answered correctly
 * (the intent and every slot right, so the answer is the one the words meant), and how many open questions a
 * template wrongly took; then the same by skill, and the open-recognition word error rate on real speech.
 */
final class CommandBench {
  /** {@code hearth bench --commands DIR}: the options that run this benchmark instead of replaying through a server. */
  static final class Options {
    @Option(names = "--commands", paramLabel = "DIR", description = "Instead of replaying through a server: recognize "
        + "the command corpus's recordings in DIR (scripts/make-command-audio) in process, and report how many were "
        + "understood by voice and by skill, false matches of open questions, and the open-recognition WER on --audio.")
    Path audio;

    @Option(names = "--corpus", paramLabel = "DIR", defaultValue = "testdata/commands",
        description = "With --commands: the requests and open questions. Default: ${DEFAULT-VALUE}")
    Path corpus;

    @Option(names = "--model", paramLabel = "DIR", description = "With --commands: the Vosk model. Default: stt.model_dir")
    Path model;

    @Option(names = "--dump", paramLabel = "FILE", description = "With --commands: also write what every recording was "
        + "heard as (condition, voice, id, open recognition's N-best and the phrase grammar's, each joined by |, and "
        + "the word grammar's reading) to FILE, tab-separated, to study a policy without recognizing again.")
    Path dump;

    @Option(names = "--heard", paramLabel = "FILE", description = "With --commands: read what every recording was heard "
        + "as from FILE, written by --dump, instead of recognizing the recordings again.")
    Path heard;

    @Option(names = "--alternatives", paramLabel = "N", description = "With --commands: how many readings each "
        + "recognizer gives. Default: as many as a voice turn's (${DEFAULT-VALUE})")
    int alternatives = CommandListening.ALTERNATIVES;

    int run(Path realSpeech) throws Exception {
      Path modelDir = model != null ? model : HearthConfig.load(null, System.getenv(), Map.of()).stt().modelDir();
      int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
      try (VoskSpeechToText stt = VoskSpeechToText.load(modelDir, VoskSpeechToText.Pool.of(threads))) {
        return new CommandBench(stt, Skills.withoutTimers(), System.out).run(audio, CommandCorpus.read(corpus),
            Files.isDirectory(realSpeech) ? realSpeech : null, threads, alternatives, dump, heard);
      }
    }
  }

  /** Ways of turning what was heard into an intent, compared side by side. */
  private final Map<String, Function<HeardRecording, Optional<Intent>>> strategies = new LinkedHashMap<>();
  private final VoskSpeechToText stt;
  private final Skills skills;
  private final PrintStream out;
  private final List<String> phraseGrammar;
  private final List<String> wordGrammar;

  CommandBench(VoskSpeechToText stt, Skills skills, PrintStream out) {
    this.stt = stt;
    this.skills = skills;
    this.out = out;
    this.phraseGrammar = withUnknown(GrammarPhrases.of(skills.matcher()));
    this.wordGrammar = withUnknown(GrammarPhrases.words(skills.matcher()));
    strategies.put("open", h -> skills.understand(h.open().get(0)));
    strategies.put("+alternatives", h -> choice(h, List.of(), 1).intent());
    strategies.put("word grammar", h -> skills.understand(h.words()));
    strategies.put("phrase grammar", h -> skills.understand(h.phrases()));
    strategies.put("policy", h -> choice(h, h.phraseReadings(), TranscriptChoice.SIMILAR).intent());
    // as a voice turn acts: a guess is asked back ("Did you mean …?"), so it is neither right nor wrong yet
    strategies.put("policy, asks", h -> asked(choice(h, h.phraseReadings(), TranscriptChoice.SIMILAR)));
    // with no language model and no OpenAI key, as here, the grammar is leaned on
    strategies.put("commands only", h -> choice(h, h.phraseReadings(), TranscriptChoice.COMMANDS_ONLY).intent());
    strategies.put("commands, asks", h -> asked(choice(h, h.phraseReadings(), TranscriptChoice.COMMANDS_ONLY)));
  }

  private static Optional<Intent> asked(TranscriptChoice.Choice c) {
    return c.guessed() ? Optional.empty() : c.intent();
  }

  /** The policy this configuration (no language model, no OpenAI key) uses, by skill and in the misses listed. */
  private static final String POLICY = "commands only";

  private TranscriptChoice.Choice choice(HeardRecording h, List<String> restricted, double similarity) {
    return new TranscriptChoice(skills::understand, similarity).choose(new TranscriptChoice.Heard(h.open(), restricted));
  }

  private static List<String> withUnknown(List<String> grammar) {
    List<String> out = new ArrayList<>(grammar);
    out.add("[unk]");
    return out;
  }

  /** Runs the benchmark over the recordings in {@code audioDir}; 0 when it ran, 2 when there were none. */
  int run(Path audioDir, CommandCorpus corpus, Path realSpeechDir, int threads, int alternatives, Path dump,
      Path heardBefore)
      throws Exception {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(audioDir)) {
      files = walk.filter(p -> p.toString().endsWith(".wav") && !p.getFileName().toString().startsWith("kitchen"))
          .sorted().toList();
    }
    if (files.isEmpty()) {
      out.printf("hearth bench --commands: no recordings in %s; run scripts/make-command-audio first%n", audioDir);
      return 2;
    }
    out.printf("Grammars: %d phrases, %d words, written from %d templates%n", phraseGrammar.size(), wordGrammar.size(),
        skills.matcher().sentences().size());
    List<HeardRecording> heard = heardBefore != null ? HeardRecording.read(heardBefore)
        : new CorpusRecognition(stt, phraseGrammar, wordGrammar, alternatives).recognize(files, threads);
    if (dump != null) HeardRecording.write(heard, dump);
    Map<String, CommandCorpus.Request> requests = new TreeMap<>();
    corpus.requests().forEach(r -> requests.put(r.id(), r));

    out.printf("%nCommands answered as meant (intent and every slot), and open questions taken by a template:%n");
    StringBuilder header = new StringBuilder(String.format("%-10s %-10s %4s", "condition", "voice", "n"));
    for (String name : strategies.keySet()) header.append(String.format(" %15s", name));
    out.println(header.append(String.format(" %15s", "any reading")));
    Map<String, List<HeardRecording>> byVoice = new TreeMap<>();
    for (HeardRecording h : heard) byVoice.computeIfAbsent(h.condition() + "\t" + h.voice(), k -> new ArrayList<>()).add(h);
    byVoice.forEach((key, list) -> {
      String[] k = key.split("\t");
      List<HeardRecording> asked = list.stream().filter(h -> requests.containsKey(h.id())).toList();
      List<HeardRecording> open = list.stream().filter(h -> !requests.containsKey(h.id())).toList();
      StringBuilder row = new StringBuilder(String.format("%-10s %-10s %4d", k[0], k[1], asked.size()));
      StringBuilder falseRow = new StringBuilder(String.format("%-10s %-10s %4d", "", "  false", open.size()));
      for (Function<HeardRecording, Optional<Intent>> strategy : strategies.values()) {
        long right = asked.stream().filter(h -> strategy.apply(h).map(i -> CommandCorpus.same(requests.get(h.id()), i))
            .orElse(false)).count();
        long taken = open.stream().filter(h -> strategy.apply(h).isPresent()).count();
        row.append(String.format(" %14.1f%%", asked.isEmpty() ? 0 : 100.0 * right / asked.size()));
        falseRow.append(String.format(" %15d", taken));
      }
      // the ceiling of every policy: some reading of either recognizer is the request
      long reachable = asked.stream().filter(h -> anyReadingAsMeant(h, requests.get(h.id()))).count();
      out.println(row.append(String.format(" %14.1f%%", asked.isEmpty() ? 0 : 100.0 * reachable / asked.size())));
      out.println(falseRow);
    });
    bySkill(heard, requests);
    misses(heard, requests);
    if (realSpeechDir != null) openSpeechWer(realSpeechDir);
    return 0;
  }

  /** Whether any of open recognition's readings or the phrase grammar's is understood as {@code request} means. */
  private boolean anyReadingAsMeant(HeardRecording h, CommandCorpus.Request request) {
    return Stream.concat(h.open().stream(), h.phraseReadings().stream())
        .anyMatch(text -> skills.understand(text).map(i -> CommandCorpus.same(request, i)).orElse(false));
  }

  /** The policy's intent accuracy and answered rate by skill and condition. */
  private void bySkill(List<HeardRecording> heard, Map<String, CommandCorpus.Request> requests) {
    out.printf("%nBy skill, with the policy for commands only:%n%-14s %-10s %5s %9s %10s%n", "skill", "condition", "n", "intent", "answered");
    Map<String, int[]> tally = new TreeMap<>();
    for (HeardRecording h : heard) {
      CommandCorpus.Request r = requests.get(h.id());
      if (r == null) continue;
      Optional<Intent> intent = strategies.get(POLICY).apply(h);
      int[] t = tally.computeIfAbsent(r.skill() + "\t" + h.condition(), k -> new int[3]);
      t[0]++;
      if (intent.map(i -> i.name().equals(r.intent())).orElse(false)) t[1]++;
      if (intent.map(i -> CommandCorpus.same(r, i)).orElse(false)) t[2]++;
    }
    tally.forEach((key, t) -> {
      String[] k = key.split("\t");
      out.printf("%-14s %-10s %5d %8.1f%% %9.1f%%%n", k[0], k[1], t[0], 100.0 * t[1] / t[0], 100.0 * t[2] / t[0]);
    });
  }

  /** Every recording the policy did not answer as meant, and every open question it gave to a skill. */
  private void misses(List<HeardRecording> heard, Map<String, CommandCorpus.Request> requests) {
    List<String> lines = new ArrayList<>();
    for (HeardRecording h : heard) {
      CommandCorpus.Request r = requests.get(h.id());
      TranscriptChoice.Choice c = choice(h, h.phraseReadings(), TranscriptChoice.COMMANDS_ONLY);
      String got = c.intent().map(i -> i.name() + " " + CommandCorpus.slots(i)).orElse("nothing");
      if (r == null ? c.intent().isPresent() : !c.intent().map(i -> CommandCorpus.same(r, i)).orElse(false)) {
        lines.add(String.format("%s %s %s \"%s\": open \"%s\", restricted \"%s\" -> %s (%s \"%s\")", h.condition(),
            h.voice(), h.id(), r == null ? "(open question)" : r.text(), String.join(" / ", h.open()),
            String.join(" / ", h.phraseReadings()), got, c.source(), c.text()));
      }
    }
    out.printf("%nNot answered as meant by the policy for commands only (%d):%n", lines.size());
    lines.forEach(l -> out.println("  " + l));
  }

  /** The word error rate of open recognition over real human speech (its transcripts.tsv), which must not get worse. */
  private void openSpeechWer(Path dir) throws Exception {
    Map<String, String> references = Transcripts.read(dir.resolve("transcripts.tsv"));
    CorpusRecognition recognition = new CorpusRecognition(stt, phraseGrammar, wordGrammar, 0);
    WordErrorRate.Counts total = WordErrorRate.Counts.ZERO;
    for (Map.Entry<String, String> e : references.entrySet()) {
      total = total.plus(WordErrorRate.count(e.getValue(), recognition.transcribe(dir.resolve(e.getKey()))));
    }
    out.printf("%nOpen recognition on real speech (%s): WER %.1f%% (%d errors / %d words)%n", dir,
        total.rate() * 100, total.errors(), total.referenceWords());
  }

}
