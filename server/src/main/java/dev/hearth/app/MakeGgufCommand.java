package dev.hearth.app;

import dev.hearth.llm.tools.GgmlType;
import dev.hearth.llm.tools.GgufConverter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hearth llm make-gguf}: a checkpoint folder as one GGUF file, to run the same weights in llama.cpp. */
@Command(name = "make-gguf", mixinStandardHelpOptions = true,
    description = "Write a Llama or Qwen2 checkpoint folder as a GGUF file for llama.cpp, with a made-up vocabulary: "
        + "token ids mean what they mean in the checkpoint, text does not (for benchmarks and id-level checks).")
final class MakeGgufCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model folder.")
  Path model;

  @Option(names = "--type", defaultValue = "f32",
      description = "Type of the matrices: f32, f16 or q8_0 (norms and biases stay f32). Default: ${DEFAULT-VALUE}.")
  String type;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "The .gguf file to write.")
  Path out;

  @Override
  public Integer call() throws Exception {
    GgmlType t;
    try {
      t = GgmlType.valueOf(type.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      System.err.println("hearth llm make-gguf: --type must be f32, f16 or q8_0, not " + type);
      return 2;
    }
    long t0 = System.nanoTime();
    GgufConverter.Summary s = GgufConverter.convert(model, t, out);
    System.err.printf("wrote %s: %d tensors, %d MB, matrices %s, in %.1f s%n", out, s.tensors(), s.bytes() >> 20,
        type.toLowerCase(Locale.ROOT), (System.nanoTime() - t0) / 1e9);
    if (!s.f16Fallbacks().isEmpty()) {
      System.err.println("rows not whole blocks of 32, written as f16: " + String.join(", ", s.f16Fallbacks()));
    }
    return 0;
  }
}
