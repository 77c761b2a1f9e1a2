package dev.hearth.bench;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hearth fuzz-protocols}: sends every listener of a running server hostile and broken inputs, each followed by
 * a canary turn (see {@link ProtocolFuzz}); {@code scripts/fuzz-protocols} starts the server and runs it.
 */
@Command(name = "fuzz-protocols", mixinStandardHelpOptions = true,
    description = "Sends /ws, /api, /v1, MaryTTS, vosk-server and Wyoming hostile inputs (bad JSON, lying lengths, "
        + "oversize frames, path traversal, XXE, ...), each followed by a canary voice turn over /ws. Prints one line "
        + "per case; exits 1 when an input was not refused as documented or a canary "
        + "turn failed.")
public final class FuzzCommand implements Callable<Integer> {
  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Default: ${DEFAULT-VALUE}")
  String host;

  @Option(names = "--http-port", defaultValue = "8080", description = "/ws, /api and /v1. Default: ${DEFAULT-VALUE}")
  int httpPort;

  @Option(names = "--vosk-port", defaultValue = "2700", description = "Default: ${DEFAULT-VALUE}")
  int voskPort;

  @Option(names = "--wyoming-port", defaultValue = "10300", description = "Default: ${DEFAULT-VALUE}")
  int wyomingPort;

  @Option(names = "--wyoming-tts-port", defaultValue = "10200", description = "Default: ${DEFAULT-VALUE}")
  int wyomingTtsPort;

  @Option(names = "--marytts-port", defaultValue = "59125", description = "Default: ${DEFAULT-VALUE}")
  int maryPort;

  @Option(names = "--canary", paramLabel = "FILE.wav", defaultValue = "testdata/skills/what_time.wav",
      description = "The canary question; its folder's transcripts.tsv holds what it must be heard as. "
          + "Default: ${DEFAULT-VALUE}")
  Path canaryFile;

  @Override
  public Integer call() throws Exception {
    ProtocolFuzz.Target target = new ProtocolFuzz.Target(host, httpPort, voskPort, wyomingPort, wyomingTtsPort, maryPort);
    HttpClient http = HttpClient.newHttpClient();
    Utterance question = SoakCommand.canary(canaryFile);
    List<ProtocolFuzz.Result> results;
    try (Canary canary = new Canary(http, target.ws("/ws"), question, System.out)) {
      if (!canary.ask()) {
        System.out.println("fuzz-protocols: the server does not answer the canary before any case; nothing was tried");
        return 2;
      }
      results = ProtocolFuzz.run(ProtocolFuzz.cases(), target, http, canary, System.out);
    }
    long failed = results.stream().filter(ProtocolFuzz.Result::failed).count();
    long canaries = results.stream().filter(r -> !r.canaryAnswered()).count();
    System.out.printf("fuzz-protocols: %d cases, %d failed, %d canary turns failed%n", results.size(), failed, canaries);
    return failed == 0 ? 0 : 1;
  }
}
