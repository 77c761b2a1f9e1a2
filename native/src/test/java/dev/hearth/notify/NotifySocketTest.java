package dev.hearth.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The notification socket against a real AF_UNIX datagram socket that Python's socket module binds. */
class NotifySocketTest {
  /** Binds {@code sys.argv[1]} ('@' = abstract), says "bound", prints the next {@code sys.argv[2]} datagrams, exits. */
  private static final String RECEIVER = String.join("\n",
      "import socket, sys",
      "name = sys.argv[1]",
      "s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)",
      "s.settimeout(20)",
      "s.bind('\\0' + name[1:] if name.startswith('@') else name)",
      "print('bound', flush=True)",
      "for _ in range(int(sys.argv[2])):",
      "    print(s.recv(4096).decode(), flush=True)");

  @TempDir Path dir;

  @Test
  void sendsEachStateAsOneDatagramToASocketFile() throws Exception {
    assertThat(receive(dir.resolve("notify").toString(), "READY=1", "WATCHDOG=1")).containsExactly("READY=1", "WATCHDOG=1");
  }

  @Test
  void reachesAnAbstractNameWrittenWithAnAt() throws Exception {
    String name = "@hearth-notify-test-" + ProcessHandle.current().pid();
    assertThat(receive(name, "STOPPING=1")).containsExactly("STOPPING=1");
  }

  @Test
  void saysWhichSocketIsMissing() {
    String missing = dir.resolve("nobody-listens").toString();
    assertThatThrownBy(() -> NotifySocket.connect(missing)).isInstanceOf(NotifyException.class).hasMessageContaining(missing);
  }

  @Test
  void refusesAddressesThatAreNeitherAbsolutePathsNorAbstractNames() {
    assertThatThrownBy(() -> NotifySocket.connect("run/notify")).hasMessageContaining("absolute path");
    assertThatThrownBy(() -> NotifySocket.connect("/" + "x".repeat(NotifySocket.SUN_PATH_BYTES)))
        .hasMessageContaining("longer than");
  }

  @Test
  void anAbstractNameHasNoTerminatingNul() throws Exception {
    assertThat(NotifySocket.sockaddr("@ab")).hasSize(2 + 3).endsWith(0, 'a', 'b');
    assertThat(NotifySocket.sockaddr("/ab")).hasSize(2 + 4).endsWith('/', 'a', 'b', 0);
  }

  @Test
  void closeIsIdempotentAndSendAfterItFails() throws Exception {
    String path = dir.resolve("closed").toString();
    Process receiver = receiver(path, 1);
    try (BufferedReader out = new BufferedReader(new InputStreamReader(receiver.getInputStream(), StandardCharsets.UTF_8))) {
      NotifySocket socket = connectWhenBound(path, out);
      socket.close();
      socket.close();
      assertThatThrownBy(() -> socket.send("READY=1")).isInstanceOf(NotifyException.class).hasMessageContaining("closed");
    } finally {
      receiver.destroy();
    }
  }

  private List<String> receive(String address, String... states) throws Exception {
    Process receiver = receiver(address, states.length);
    try (BufferedReader out = new BufferedReader(new InputStreamReader(receiver.getInputStream(), StandardCharsets.UTF_8));
        NotifySocket socket = connectWhenBound(address, out)) {
      for (String state : states) socket.send(state);
      List<String> got = new ArrayList<>();
      for (int i = 0; i < states.length; i++) got.add(out.readLine());
      assertThat(receiver.waitFor(20, TimeUnit.SECONDS)).as("receiver exits after its datagrams").isTrue();
      return got;
    } finally {
      receiver.destroy();
    }
  }

  private static NotifySocket connectWhenBound(String address, BufferedReader out) throws Exception {
    assertThat(out.readLine()).isEqualTo("bound");
    return NotifySocket.connect(address);
  }

  private static Process receiver(String address, int datagrams) throws Exception {
    return new ProcessBuilder("/usr/bin/python3", "-c", RECEIVER, address, String.valueOf(datagrams))
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }
}
