package dev.hearth.app;

import dev.hearth.config.HearthConfig;
import dev.hearth.health.Systemd;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "run", mixinStandardHelpOptions = true, description = "Start the server and serve until stopped.")
final class RunCommand implements Callable<Integer> {
  @Mixin
  ConfigOptions options;

  @Override
  public Integer call() throws Exception {
    HearthConfig config = options.load();
    Hearth hearth = new Hearth(config, Clock.systemDefaultZone())
        .systemd(Systemd.fromEnvironment(System.getenv(), config.watchdog().intervalMillis()));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      hearth.close();
      stopped.countDown();
    }, "hearth-shutdown"));
    try {
      hearth.start();
    } catch (Hearth.StartupException e) {
      System.err.println("hearth: cannot start: " + e.getMessage());
      return 1;
    }
    System.out.print(hearth.banner());
    stopped.await();
    return 0;
  }
}
