package dev.hearth.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.audio.AudioChunk;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Crash cycles against a real server process: start it on a free port over the same data folder, ask questions over
 * {@code /ws}, kill it with SIGKILL (right as the client reads {@code turn_done}, or at a random moment while turns
 * run), then open its database and check that every reply a {@code turn_done} announced is stored and that
 * {@code PRAGMA integrity_check} says ok. Used by {@link TurnDoneCrashTest} and {@code scripts/crash-test}.
 */
final class CrashCycles implements AutoCloseable {
  /** When the server is killed. */
  enum Moment { TURN_DONE, RANDOM }

  /** One cycle: how many replies {@code turn_done} announced, how many of them the database lacks, its integrity. */
  record Result(int cycle, Moment moment, int announced, int lost, String integrity, long millis) {
    boolean ok() {
      return lost == 0 && integrity.equals("ok");
    }

    @Override
    public String toString() {
      return String.format("cycle %2d, kill at %-9s: %d repl%s announced, %d lost, integrity %s (%d ms)", cycle,
          moment == Moment.TURN_DONE ? "turn_done" : "random", announced, announced == 1 ? "y" : "ies", lost,
          integrity, millis);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration TURN_TIMEOUT = Duration.ofSeconds(60);
  /** The longest wait before a random kill, in milliseconds: a few turns' worth. */
  private static final int RANDOM_KILL_WITHIN_MILLIS = 6_000;
  private static final String[] QUESTIONS = {"what time is it", "what is seven times six", "what's the date today"};

  private final Function<Map<String, String>, List<String>> command;
  private final Path dataDir;
  private final Path log;
  private final AudioChunk spoken;
  private final Random random;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ScheduledExecutorService killer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "crash-killer");
    t.setDaemon(true);
    return t;
  });

  /**
   * @param command the command line that starts a server with the given settings ({@code server.port} and the like)
   * @param log where the servers' output goes (appended)
   * @param spoken a spoken question (16-bit PCM) sent on every other cycle; the others are typed
   */
  CrashCycles(Function<Map<String, String>, List<String>> command, Path dataDir, Path log, AudioChunk spoken, long seed) {
    this.command = command;
    this.dataDir = dataDir;
    this.log = log;
    this.spoken = spoken;
    this.random = new Random(seed);
  }

  /** The settings every cycle's server gets: the given port, this data folder, and only the page's listener. */
  Map<String, String> settings(int port) {
    return Map.of("server.port", Integer.toString(port), "server.host", "127.0.0.1", "store.data_dir",
        dataDir.toString(), "tls.enabled", "false", "vosk_server.enabled", "false", "wyoming.enabled", "false",
        "marytts_server.enabled", "false");
  }

  Result run(int cycle, Moment moment) throws Exception {
    long begin = System.nanoTime();
    int port = freePort();
    Process server = new ProcessBuilder(command.apply(settings(port)))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    try {
      awaitHealthy(server, port);
      Client client = new Client(server, cycle, moment == Moment.TURN_DONE);
      WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), client)
          .get(10, TimeUnit.SECONDS);
      client.socket = ws;
      if (moment == Moment.RANDOM) {
        killer.schedule(() -> server.toHandle().destroyForcibly(), random.nextInt(RANDOM_KILL_WITHIN_MILLIS),
            TimeUnit.MILLISECONDS);
      }
      client.ask();
      if (!server.waitFor(TURN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        throw new AssertionError("cycle " + cycle + ": the server was not killed within " + TURN_TIMEOUT
            + "; the client saw " + client.seen);
      }
      if (client.failure != null) throw new AssertionError("cycle " + cycle + ": " + client.failure);
      List<String> announced = List.copyOf(client.announced);
      return new Result(cycle, moment, announced.size(), missingReplies(announced), integrity(),
          (System.nanoTime() - begin) / 1_000_000);
    } finally {
      server.toHandle().destroyForcibly();
      server.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private void awaitHealthy(Process server, int port) throws Exception {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/health"))
        .timeout(Duration.ofSeconds(5)).build();
    while (System.nanoTime() < deadline) {
      if (!server.isAlive()) throw new AssertionError("the server exited with " + server.exitValue() + "; see " + log);
      try {
        if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
      } catch (IOException notListeningYet) {
        // polled again below
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the server did not become healthy within " + START_TIMEOUT + "; see " + log);
  }

  /** How many of the announced turns have no stored reply. */
  int missingReplies(List<String> turnIds) throws SQLException {
    int missing = 0;
    try (Connection c = open(); PreparedStatement ps = c.prepareStatement(
        "SELECT count(*) FROM events WHERE turn_id = ? AND type = ?")) {
      for (String id : turnIds) {
        ps.setString(1, id);
        ps.setString(2, EventType.ASSISTANT_REPLY.wire());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          if (rs.getInt(1) != 1) missing++;
        }
      }
    }
    return missing;
  }

  /** {@code PRAGMA integrity_check}'s verdict: "ok", or the problems it lists. */
  String integrity() throws SQLException {
    try (Connection c = open(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
      List<String> lines = new ArrayList<>();
      while (rs.next()) lines.add(rs.getString(1));
      return String.join("; ", lines);
    }
  }

  private Connection open() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("hearth.db"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    killer.shutdownNow();
  }

  /**
   * Asks one question after another; with {@code killAtTurnDone} it kills the server from the socket's own thread the
   * moment a {@code turn_done} arrives, before anything else happens.
   */
  private final class Client implements WebSocket.Listener {
    private final Process server;
    private final int cycle;
    private final boolean killAtTurnDone;
    private final StringBuilder text = new StringBuilder();
    final List<String> announced = new CopyOnWriteArrayList<>();
    final List<String> seen = new CopyOnWriteArrayList<>();
    volatile WebSocket socket;
    volatile String failure;
    private int asked;

    Client(Process server, int cycle, boolean killAtTurnDone) {
      this.server = server;
      this.cycle = cycle;
      this.killAtTurnDone = killAtTurnDone;
    }

    /** Asks the next question: typed, or on every other one spoken in 20 ms frames. */
    void ask() {
      int n = cycle + asked++;
      try {
        if (spoken != null && n % 2 == 1) {
          socket.sendText("{\"type\":\"start\",\"sample_rate\":" + spoken.format().rateHz()
              + ",\"format\":\"pcm_s16le\"}", true).join();
          int frame = spoken.format().bytesPerSecond() / 50;
          for (int off = 0; off < spoken.pcm().length; off += frame) {
            socket.sendBinary(ByteBuffer.wrap(spoken.pcm(), off, Math.min(frame, spoken.pcm().length - off)), true)
                .join();
          }
          socket.sendText("{\"type\":\"stop\"}", true).join();
        } else {
          socket.sendText("{\"type\":\"text\",\"text\":\"" + QUESTIONS[n % QUESTIONS.length] + "\"}", true).join();
        }
      } catch (CompletionException killedMeanwhile) {
        // a random kill may come while a question is being sent: the cycle ends with the process
      }
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        String message = text.toString();
        text.setLength(0);
        if (message.contains("\"turn_done\"")) {
          if (killAtTurnDone) server.toHandle().destroyForcibly(); // first: the race this test is about
          received(message);
          if (!killAtTurnDone) ask();
        } else {
          received(message);
        }
      }
      ws.request(1);
      return null;
    }

    private void received(String message) {
      try {
        JsonNode m = JSON.readTree(message);
        String type = m.path("type").asText();
        seen.add(type);
        if (type.equals("turn_done")) announced.add(m.path("turn_id").asText());
        if (type.equals("error")) failure = "the server answered an error: " + message;
      } catch (IOException e) {
        failure = "unparseable message: " + message;
      }
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      return CompletableFuture.completedFuture(null);
    }
  }
}
