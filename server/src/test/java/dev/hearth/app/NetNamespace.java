package dev.hearth.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * "Another machine" on this one: a network namespace joined to this machine by a veth pair, with an address of its
 * own ({@code 10.213.N.2}; this machine's end is {@code 10.213.N.1}). Traffic never leaves the machine. Needs root and
 * iproute2: without them the test is skipped on a workstation and fails in CI, as {@link TestTools} does.
 */
public final class NetNamespace implements AutoCloseable {
  private static final AtomicInteger NEXT = new AtomicInteger();

  /** The namespace's name, for {@code ip netns exec}. */
  public final String name;
  /** This machine's address on the pair, which the namespace reaches. */
  public final String hostAddress;
  /** The namespace's own address, the "other machine". */
  public final String address;
  private final String hostLink;

  private NetNamespace(String name, String hostLink, String hostAddress, String address) {
    this.name = name;
    this.hostLink = hostLink;
    this.hostAddress = hostAddress;
    this.address = address;
  }

  /** Creates the namespace and its link; requires root. */
  public static NetNamespace create() throws Exception {
    requireRoot();
    int n = (int) (ProcessHandle.current().pid() % 200) + NEXT.getAndIncrement();
    String id = Long.toString(ProcessHandle.current().pid() % 100_000) + "x" + NEXT.get();
    NetNamespace ns = new NetNamespace("hearth-test-" + id, "hv" + id + "a", "10.213." + n + ".1", "10.213." + n + ".2");
    try {
      String peer = "hv" + id + "b";
      run("ip", "netns", "add", ns.name);
      run("ip", "link", "add", ns.hostLink, "type", "veth", "peer", "name", peer);
      run("ip", "link", "set", peer, "netns", ns.name);
      run("ip", "addr", "add", ns.hostAddress + "/30", "dev", ns.hostLink);
      run("ip", "link", "set", ns.hostLink, "up");
      run("ip", "netns", "exec", ns.name, "ip", "addr", "add", ns.address + "/30", "dev", peer);
      run("ip", "netns", "exec", ns.name, "ip", "link", "set", peer, "up");
      run("ip", "netns", "exec", ns.name, "ip", "link", "set", "lo", "up");
      return ns;
    } catch (Exception | AssertionError e) {
      ns.close();
      throw e;
    }
  }

  /** Whether this process may make namespaces: root, with {@code ip} installed. */
  static void requireRoot() throws Exception {
    Process id = new ProcessBuilder("id", "-u").start();
    String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
    id.waitFor(10, TimeUnit.SECONDS);
    TestTools.require("0".equals(uid) && (Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip"))
        || Files.isExecutable(Path.of("/usr/bin/ip"))), "network-namespace tests need root and iproute2 (run the tests as root)");
  }

  /** {@code command} run inside the namespace, as a command line for a process. */
  public List<String> inside(String... command) {
    List<String> line = new ArrayList<>(List.of("ip", "netns", "exec", name));
    line.addAll(List.of(command));
    return line;
  }

  /** The result of a command run inside the namespace. */
  public record Result(int exit, String out, String err) {}

  /** Runs {@code command} inside the namespace, waiting at most {@code timeoutSeconds}. */
  public Result exec(int timeoutSeconds, String... command) throws Exception {
    Process p = new ProcessBuilder(inside(command)).start();
    var out = p.getInputStream();
    var err = p.getErrorStream();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("took over " + timeoutSeconds + " s: " + String.join(" ", command));
    }
    return new Result(p.exitValue(), new String(out.readAllBytes(), StandardCharsets.UTF_8),
        new String(err.readAllBytes(), StandardCharsets.UTF_8));
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError(String.join(" ", command) + " failed: " + output);
    }
  }

  /** Removes the link (both ends) and the namespace. */
  @Override
  public void close() {
    for (String[] command : new String[][] {{"ip", "link", "del", hostLink}, {"ip", "netns", "del", name}}) {
      try {
        new ProcessBuilder(command).redirectErrorStream(true).start().waitFor(20, TimeUnit.SECONDS);
      } catch (IOException e) {
        // nothing to remove
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
