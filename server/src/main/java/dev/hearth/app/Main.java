package dev.hearth.app;

import dev.hearth.bench.BenchCommand;
import dev.hearth.bench.FuzzCommand;
import dev.hearth.bench.SoakCommand;
import dev.hearth.health.UncaughtErrors;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code hearth}: the launcher's entry point. */
@Command(name = "hearth", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Local, offline voice assistant server.",
    subcommands = {RunCommand.class, TranscribeCommand.class, SayCommand.class, ModelsCommand.class, BenchCommand.class,
        LlmCommand.class, AudioCommand.class, SatelliteCommand.class, PairCommand.class, SoakCommand.class,
        FuzzCommand.class, SkillsCommand.class})
public final class Main implements Runnable {

  public static void main(String[] args) {
    UncaughtErrors.install();
    System.exit(commandLine().execute(args));
  }

  /** The command line with its error handling: a failing command prints {@code hearth: <message>} and exits with 2. */
  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("hearth: " + e.getMessage());
      return 2;
    });
    return cli;
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  /** {@code hearth --version}: the build's version. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"hearth " + Hearth.VERSION};
    }
  }
}
