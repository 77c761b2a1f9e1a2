package dev.hearth.app;

import dev.hearth.bench.Stats;
import dev.hearth.brain.ChatModel;
import dev.hearth.health.ProcessStats;
import dev.hearth.llm.LlmSettings;
import dev.hearth.llm.LocalChatModel;
import dev.hearth.llm.text.SpecialTokens;
import dev.hearth.llm.text.StreamingDetokenizer;
import dev.hearth.llm.text.Tokenizer;
import dev.hearth.llm.engine.DecodeOptions;
import dev.hearth.llm.engine.Decoder;
import dev.hearth.llm.engine.LlamaModel;
import dev.hearth.llm.engine.MatmulBench;
import dev.hearth.llm.engine.Session;
import dev.hearth.llm.tools.RandomCheckpoint;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hearth llm ...}: run a local Llama/Qwen2 checkpoint folder directly. */
@Command(name = "llm", mixinStandardHelpOptions = true,
    description = "Run a local Hugging Face Llama or Qwen2 checkpoint (config.json + *.safetensors).",
    subcommands = {LlmCommand.Generate.class, LlmCommand.Chat.class, LlmCommand.Bench.class, LlmCommand.Matmul.class,
        LlmCommand.MakeRandom.class, MakeGgufCommand.class})
final class LlmCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  static final class Prompt {
    @Option(names = "--prompt-ids", split = ",", paramLabel = "ID", description = "Prompt as token ids, e.g. 1,2,3.")
    int[] ids;

    @Option(names = "--prompt", paramLabel = "TEXT", description = "Prompt as text, encoded with the folder's tokenizer.json "
        + "as is (no chat template; a BOS token in front where the tokenizer adds one).")
    String text;
  }

  @Command(name = "generate", mixinStandardHelpOptions = true,
      description = "Generate after a prompt, printing the new tokens as text as they are produced; as token ids with "
          + "--print-ids, or when the folder has no tokenizer.json. Why it stopped goes to stderr.")
  static final class Generate implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model folder.")
    Path model;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Prompt prompt;

    @Option(names = "--greedy", description = "Pick the most likely token each step (the default unless --temperature > 0).")
    boolean greedy;

    @Option(names = "--temperature", defaultValue = "0", description = "Sampling temperature; 0 = greedy. Default: ${DEFAULT-VALUE}.")
    double temperature;

    @Option(names = "--top-p", defaultValue = "1", description = "Nucleus sampling mass. Default: ${DEFAULT-VALUE}.")
    double topP;

    @Option(names = "--seed", defaultValue = "0", description = "Sampling seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--max-tokens", defaultValue = "64", description = "Most new tokens. Default: ${DEFAULT-VALUE}.")
    int maxTokens;

    @Option(names = "--ignore-eos", description = "Keep generating after an end-of-sequence id (those of tokenizer_config.json, "
        + "generation_config.json and config.json).")
    boolean ignoreEos;

    @Option(names = "--print-ids", description = "Print token ids (separated by spaces) instead of text.")
    boolean printIds;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      DecodeOptions options = DecodeOptions.greedy(maxTokens);
      if (!greedy && temperature > 0) options = options.sampling(temperature, topP, seed);
      if (ignoreEos) options = options.ignoringEos();
      boolean hasTokenizer = Files.isRegularFile(model.resolve("tokenizer.json"));
      // --prompt needs the tokenizer (Tokenizer.open says so when it is missing); ids print without one
      boolean text = !printIds && hasTokenizer;
      if (!printIds && !hasTokenizer && prompt.text == null) {
        err.println("note: " + model + " has no tokenizer.json; printing token ids");
      }
      try (LlamaModel m = LlamaModel.load(model); Session session = m.newSession();
          Tokenizer tokenizer = prompt.text != null || text ? Tokenizer.open(model) : null) {
        int[] ids = prompt.text != null ? tokenizer.encodePrompt(prompt.text) : prompt.ids;
        StreamingDetokenizer detokenizer = text ? tokenizer.streaming() : null;
        // the ids that end a reply, as for a chat: tokenizer_config.json's eos_token, generation_config.json, config.json
        SpecialTokens special = tokenizer != null ? tokenizer.special() : SpecialTokens.read(model);
        int[] eosIds = special.eosIds().stream().mapToInt(Integer::intValue).toArray();
        Decoder.Result r = Decoder.generate(session, ids, options, eosIds, id -> {
          out.print(text ? detokenizer.accept(id) : id + " ");
          out.flush();
        }, () -> false);
        if (text) out.print(detokenizer.finish());
        out.println();
        out.flush();
        err.println("stopped: " + r.stop().name().toLowerCase() + " after " + r.ids().length + " tokens");
      }
      return 0;
    }
  }

  @Command(name = "chat", mixinStandardHelpOptions = true,
      description = "Chat with a checkpoint folder in the terminal, streaming each reply (the voice turn's settings and system prompt).")
  static final class Chat implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model folder.")
    Path model;

    @picocli.CommandLine.Mixin
    ConfigOptions options;

    @Override
    public Integer call() throws Exception {
      var config = options.load();
      var settings = LlmSettings.of(config.llm());
      List<ChatModel.ChatMessage> chat = new ArrayList<>();
      if (!config.brain().systemPrompt().isBlank()) chat.add(ChatModel.ChatMessage.system(config.brain().systemPrompt()));
      try (LocalChatModel m = LocalChatModel.load(model.getFileName().toString(), model, settings, java.time.Clock.systemDefaultZone());
          var in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8))) {
        System.err.println("Type a message and press Enter; an empty line or end of input quits.");
        for (String line; ; ) {
          System.out.print("> ");
          System.out.flush();
          line = in.readLine();
          if (line == null || line.isBlank()) return 0;
          chat.add(ChatModel.ChatMessage.user(line.strip()));
          String reply = m.complete(chat, () -> false, delta -> {
            System.out.print(delta);
            System.out.flush();
          });
          System.out.println();
          chat.add(ChatModel.ChatMessage.assistant(reply));
        }
      }
    }
  }

  @Command(name = "bench", mixinStandardHelpOptions = true,
      description = "Measure load time, prefill and decode speed and time to first token on random prompt ids.")
  static final class Bench implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model folder.")
    Path model;

    @Option(names = "--prompt-tokens", defaultValue = "64", description = "Prompt length. Default: ${DEFAULT-VALUE}.")
    int promptTokens;

    @Option(names = "--new-tokens", defaultValue = "32", description = "Tokens to generate (EOS ignored). Default: ${DEFAULT-VALUE}.")
    int newTokens;

    @Option(names = "--runs", defaultValue = "3", description = "Measured runs after one warm-up. Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(names = "--cached-prefix-tokens", defaultValue = "0",
        description = "Tokens already in the key/value cache before each prompt, as a conversation's system prompt and "
            + "earlier turns are (the prefix cache); 0 = a cold prompt. Default: ${DEFAULT-VALUE}.")
    int prefixTokens;

    @Override
    public Integer call() {
      long t0 = System.nanoTime();
      try (LlamaModel m = LlamaModel.load(model)) {
        double loadMs = (System.nanoTime() - t0) / 1e6;
        System.out.printf("model %s: %s, %,d parameters, %d MB float32%n", model, m.config().architecture(),
            m.config().parameterCount(), m.weightBytes() >> 20);
        System.out.printf("load: %.0f ms; threads: %s%n", loadMs, System.getProperty("ai.djl.pytorch.num_threads"));
        Long peak = ProcessStats.peakRssBytes();
        if (peak != null) {
          System.out.printf("peak resident memory after load: %d MB (%.2f× the float32 weights)%n", peak >> 20,
              (double) peak / m.weightBytes());
        }
        SplittableRandom random = new SplittableRandom(1);
        int vocab = Math.min(m.config().vocabSize(), 30000);
        int[] prefix = random.ints(prefixTokens, 0, vocab).toArray();
        int[] prompt = random.ints(promptTokens, 0, vocab).toArray();
        try (Session s = m.newSession()) {
          if (prefixTokens > 0) {
            s.append(prefix);
            System.out.printf("cached prefix: %d tokens%n", prefixTokens);
          }
          List<Double> ttfts = new ArrayList<>();
          List<Double> decodes = new ArrayList<>();
          for (int run = 0; run <= runs; run++) {
            s.truncate(prefixTokens);
            long[] times = new long[newTokens + 1];
            int[] count = {0};
            long start = System.nanoTime();
            Decoder.generate(s, prompt, DecodeOptions.greedy(newTokens).ignoringEos(), new int[0],
                id -> times[++count[0]] = System.nanoTime(), () -> false);
            double ttftMs = (times[1] - start) / 1e6;
            double decodeTps = (newTokens - 1) / ((times[newTokens] - times[1]) / 1e9);
            System.out.printf("%s: prompt %d tokens, time to first token %.0f ms (prefill %.0f tokens/s), decode %.1f tokens/s%n",
                run == 0 ? "warm-up" : "run " + run, promptTokens, ttftMs, promptTokens / (ttftMs / 1e3), decodeTps);
            if (run > 0) {
              ttfts.add(ttftMs);
              decodes.add(decodeTps);
            }
          }
          if (runs > 0) {
            System.out.printf("median of %d runs: time to first token %.0f ms, decode %.1f tokens/s%n", runs,
                Stats.of(ttfts).p50(), Stats.of(decodes).p50());
          }
        }
      }
      return 0;
    }
  }

  @Command(name = "matmul", mixinStandardHelpOptions = true,
      description = "Time PyTorch's matrix products at a model's weight shapes (plain and as the engine stores them), "
          + "for 1, a few and many rows; weights come from memory, as a model's do.")
  static final class Matmul implements Callable<Integer> {
    @Option(names = "--hidden", defaultValue = "896", description = "hidden_size. Default: ${DEFAULT-VALUE} (Qwen2.5-0.5B).")
    int hidden;

    @Option(names = "--qkv", defaultValue = "1152", description = "Query, key and value widths together. Default: ${DEFAULT-VALUE}.")
    int qkv;

    @Option(names = "--intermediate", defaultValue = "4864", description = "intermediate_size. Default: ${DEFAULT-VALUE}.")
    int intermediate;

    @Option(names = "--rows", defaultValue = "1,15,64", split = ",", description = "Row counts. Default: ${DEFAULT-VALUE}.")
    int[] rows;

    @Override
    public Integer call() {
      MatmulBench.run(System.out, hidden, qkv, intermediate, rows);
      return 0;
    }
  }

  @Command(name = "make-random", mixinStandardHelpOptions = true,
      description = "Write a random-weight checkpoint with a real model's shapes, for benchmarks (its text is meaningless).")
  static final class MakeRandom implements Callable<Integer> {
    @Option(names = "--shape", required = true, description = "One of: ${COMPLETION-CANDIDATES}.")
    RandomCheckpoint.Shape shape;

    @Option(names = "--out", required = true, paramLabel = "DIR")
    Path out;

    @Option(names = "--dtype", defaultValue = "f32", description = "f32 or bf16. Default: ${DEFAULT-VALUE}.")
    String dtype;

    @Override
    public Integer call() throws Exception {
      if (!dtype.equals("f32") && !dtype.equals("bf16")) {
        System.err.println("hearth llm make-random: --dtype must be f32 or bf16, not " + dtype);
        return 2;
      }
      RandomCheckpoint.write(shape, out, 42, dtype.equals("bf16"));
      System.err.println("wrote " + out + " (" + shape + ", random " + dtype + " weights)");
      return 0;
    }
  }
}
