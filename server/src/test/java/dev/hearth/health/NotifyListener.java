package dev.hearth.health;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Plays systemd's side of sd_notify: Python binds a datagram socket at a path and prints every datagram it gets as
 * one line (newlines inside one become spaces), which {@link #next} hands out in order.
 */
final class NotifyListener implements AutoCloseable {
  private static final String PRINTER = String.join("\n",
      "import socket, sys",
      "s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)",
      "s.bind(sys.argv[1])",
      "print('bound', flush=True)",
      "while True:",
      "    print(s.recv(4096).decode().replace('\\n', ' '), flush=True)");

  private final Process python;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  final String address;

  NotifyListener(Path socket) throws Exception {
    this.address = socket.toString();
    python = new ProcessBuilder("/usr/bin/python3", "-c", PRINTER, address).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = out.readLine()) != null; ) lines.add(line);
      } catch (Exception e) {
        lines.add("listener failed: " + e);
      }
    }, "notify-listener");
    reader.setDaemon(true);
    reader.start();
    String first = next();
    if (!"bound".equals(first)) throw new IllegalStateException("the listener said " + first);
  }

  /** The next datagram, waiting up to 30 s; null when none came. */
  String next() throws InterruptedException {
    return lines.poll(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    python.destroy();
    python.waitFor(10, TimeUnit.SECONDS);
  }
}
