package dev.hearth.llm;

import dev.hearth.brain.ChatModel.ChatMessage;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes a {@link LocalChatModel}'s prompt ahead (issue 18) on a platform thread of its own, so a voice turn's
 * partial transcripts never wait for the model: the latest chat heard so far replaces one not yet begun, and one being
 * computed stops after its current step when newer words come or {@link #stop()} is called. A reply never waits for
 * it longer than one step ({@link LocalChatModel#prefill} gives way).
 */
final class PrefillWorker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PrefillWorker.class);

  private final LocalChatModel model;
  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "hearth-llm-prefill");
    t.setDaemon(true);
    return t;
  });
  private List<ChatMessage> pending;
  /** Bumped by every submit and stop: a prefill started under an older value is out of date. */
  private long generation;
  private boolean queued;
  private boolean closed;
  /** How many tokens the last prefill computed (for tests and logs). */
  volatile int lastComputed;

  PrefillWorker(LocalChatModel model) {
    this.model = model;
  }

  /** Computes the prompt {@code heardSoFar} would give, once the thread is free; returns at once. */
  synchronized void submit(List<ChatMessage> heardSoFar) {
    if (closed) return;
    pending = List.copyOf(heardSoFar);
    generation++;
    if (queued) return;
    queued = true;
    try {
      thread.execute(this::runLatest);
    } catch (RejectedExecutionException e) {
      queued = false;
    }
  }

  /** Forgets the words not yet begun and stops the prefill under way after its current step. */
  synchronized void stop() {
    pending = null;
    generation++;
  }

  private void runLatest() {
    List<ChatMessage> messages;
    long mine;
    synchronized (this) {
      messages = pending;
      pending = null;
      queued = false;
      mine = generation;
    }
    if (messages == null) return;
    try {
      lastComputed = model.prefill(messages, () -> outdated(mine));
    } catch (RuntimeException e) {
      log.warn("Could not compute the prompt ahead", e);
    }
  }

  private synchronized boolean outdated(long started) {
    return closed || started != generation;
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      pending = null;
      generation++;
    }
    thread.shutdown();
  }
}
