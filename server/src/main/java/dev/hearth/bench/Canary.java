package dev.hearth.bench;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * A known question asked over {@code /ws} to check that the server still answers: the turn must end with
 * {@code turn_done}, without an error, heard exactly as the question's reference transcript.
 */
final class Canary implements AutoCloseable {
  private static final Duration TURN_TIMEOUT = Duration.ofSeconds(60);

  private final BenchClient client;
  private final Utterance question;
  private final PrintStream out;
  private int asked;

  /** @param question a question with a reference transcript */
  Canary(HttpClient http, URI url, Utterance question, PrintStream out) {
    if (question.reference() == null) throw new IllegalArgumentException("the canary " + question.file() + " has no reference");
    this.client = new BenchClient(-1, http, url, false, false, TURN_TIMEOUT);
    this.question = question;
    this.out = out;
  }

  /** Asks once; prints what went wrong when it did. */
  boolean ask() {
    TurnResult r = client.run(asked++, false, question);
    boolean ok = !r.failed() && r.turnDoneMs() != null && question.reference().equals(r.transcript());
    if (!ok) {
      out.printf("canary FAILED: transcript %s, errors %s, %s%n", r.transcript() == null ? "none" : "'" + r.transcript() + "'",
          r.errors(), r.failure() == null ? "no client failure" : r.failure());
    }
    return ok;
  }

  @Override
  public void close() {
    client.close();
  }
}
