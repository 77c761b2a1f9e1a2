package dev.hearth.llm.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * One conversation's key/value cache over a shared {@link LlamaModel}: {@link #append} runs the new tokens at
 * positions {@code length() .. length()+n-1} against everything appended before. Not thread-safe; the model
 * may be shared by many sessions. Close it to free the cache's native memory.
 */
public final class Session implements AutoCloseable {
  private final LlamaModel model;
  private final NDManager manager;
  /** Per layer, {@code [kvHeads, length, headDim]}; null before the first append. */
  final NDArray[] keys;
  final NDArray[] values;
  private int length;

  Session(LlamaModel model, NDManager manager) {
    this.model = model;
    this.manager = manager;
    this.keys = new NDArray[model.config().numHiddenLayers()];
    this.values = new NDArray[keys.length];
  }

  /** Number of tokens in the cache. */
  public int length() {
    return length;
  }

  /** Appends {@code ids} and returns the logits (one per vocabulary id) of the last new position. */
  public float[] append(int[] ids) {
    return model.forward(this, ids, false)[0];
  }

  /** Appends {@code ids} and returns the logits of every new position, in order. */
  public float[][] appendAll(int[] ids) {
    return model.forward(this, ids, true);
  }

  /** Forgets every token from position {@code newLength} on, so a shared prefix can be reused. */
  public void truncate(int newLength) {
    if (newLength < 0 || newLength > length) {
      throw new IllegalArgumentException("cannot truncate a cache of " + length + " tokens to " + newLength);
    }
    if (newLength == length) return;
    for (int l = 0; l < keys.length; l++) {
      keys[l] = replace(keys[l], newLength == 0 ? null : prefix(keys[l], newLength));
      values[l] = replace(values[l], newLength == 0 ? null : prefix(values[l], newLength));
    }
    length = newLength;
  }

  private static NDArray prefix(NDArray cache, int n) {
    try (NDArray view = cache.get(":, :{}, :", n)) {
      return view.duplicate();
    }
  }

  /** A new session holding a copy of this cache; the two then evolve independently. */
  public Session fork() {
    Session copy = model.newSession();
    for (int l = 0; l < keys.length && length > 0; l++) {
      copy.keys[l] = copy.own(keys[l].duplicate());
      copy.values[l] = copy.own(values[l].duplicate());
    }
    copy.length = length;
    return copy;
  }

  NDManager manager() {
    return manager;
  }

  void grew(int n) {
    length += n;
  }

  /** Moves {@code array} into this session's manager, so it outlives the step that computed it. */
  NDArray own(NDArray array) {
    array.attach(manager);
    return array;
  }

  NDArray replace(NDArray old, NDArray next) {
    if (next != null) own(next);
    if (old != null) old.close();
    return next;
  }

  @Override
  public void close() {
    manager.close();
  }
}
