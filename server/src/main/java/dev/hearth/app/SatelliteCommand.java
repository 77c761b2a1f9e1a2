package dev.hearth.app;

import dev.hearth.config.HearthConfig;
import dev.hearth.health.Systemd;
import dev.hearth.device.LocalDevice;
import dev.hearth.satellite.PinnedTls;
import dev.hearth.satellite.RemoteSession;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hearth satellite}: only the button, LEDs, microphone and speaker here (the {@code gpio.*} and
 * {@code audio.*} settings); every turn runs on a Hearth server elsewhere, over its {@code /ws}.
 */
@Command(name = "satellite", mixinStandardHelpOptions = true,
    description = "Run the GPIO button, microphone and speaker here and take turns on a Hearth server elsewhere.")
final class SatelliteCommand implements Callable<Integer> {
  @Mixin
  ConfigOptions options;

  @Option(names = "--server", required = true, paramLabel = "URL",
      description = "The server's WebSocket, e.g. wss://kitchen.local:8443 (/ws is added when missing).")
  String server;

  @Option(names = "--ca", required = true, paramLabel = "FILE",
      description = "The server's certificate authority, trusted alone: curl -o hearth-ca.crt http://SERVER:8080/hearth-ca.crt")
  Path caFile;

  @Option(names = "--token-file", paramLabel = "FILE",
      description = "A file holding this satellite's device token, from pairing it (README, \"Pairing a phone\").")
  Path tokenFile;

  @Override
  public Integer call() throws Exception {
    URI uri = URI.create(server.endsWith("/ws") ? server : server.replaceAll("/+$", "") + "/ws");
    if (!"wss".equals(uri.getScheme())) {
      System.err.println("hearth satellite: --server must be a wss:// address (the server's HTTPS port), not " + server);
      return 2;
    }
    if (!java.nio.file.Files.isRegularFile(caFile)) {
      System.err.println("hearth satellite: there is no certificate file " + caFile + "; download the server's with "
          + "curl -o hearth-ca.crt http://SERVER:8080/hearth-ca.crt");
      return 2;
    }
    Optional<String> token = Optional.empty();
    if (tokenFile != null) {
      if (!java.nio.file.Files.isRegularFile(tokenFile)) {
        System.err.println("hearth satellite: there is no token file " + tokenFile + "; pair the satellite first (README, \"Pairing a phone\")");
        return 2;
      }
      token = Optional.of(java.nio.file.Files.readString(tokenFile).strip());
    }
    HearthConfig config = options.load();
    SSLContext tls = PinnedTls.trusting(caFile);
    LocalDevice device = LocalDevice.open(config.gpio(), config.audio());
    // the unit's watchdog: a satellite has no speech of its own to check, so it is fed while the process runs
    Systemd systemd = Systemd.fromEnvironment(System.getenv(), config.watchdog().intervalMillis());
    ScheduledExecutorService feeder = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "hearth-watchdog");
      t.setDaemon(true);
      return t;
    });
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      systemd.stopping();
      feeder.shutdownNow();
      device.close();
      stopped.countDown();
    }, "hearth-shutdown"));
    Optional<String> deviceToken = token;
    device.attach(link -> new RemoteSession(uri, tls, link, deviceToken));
    System.out.println("Hearth satellite: press the button to talk; turns run on " + uri);
    systemd.ready();
    long interval = config.watchdog().intervalMillis();
    feeder.scheduleAtFixedRate(systemd::watchdog, interval, interval, TimeUnit.MILLISECONDS);
    stopped.await();
    return 0;
  }
}
