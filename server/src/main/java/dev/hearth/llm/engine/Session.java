package dev.hearth.llm.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.hearth.llm.checkpoint.ModelConfig;

/**
 * One conversation's key/value cache over a shared {@link LlamaModel}: {@link #append} runs the new tokens at
 * positions {@code length() .. length()+n-1} against everything appended before. The cache is allocated ahead,
 * doubling as it fills, and new keys and values are written into it in place, so a step never copies what is
 * cached. Not thread-safe; the model may be shared by many sessions. Close it to free the cache's native memory.
 */
public final class Session implements AutoCloseable {
  private static final int FIRST_CAPACITY = 256;

  private final LlamaModel model;
  private final NDManager manager;
  /** Per layer, keys transposed {@code [kvHeads, headDim, capacity]}; valid up to {@link #length}. */
  final NDArray[] keys;
  /** Per layer, {@code [kvHeads, capacity, headDim]}. */
  final NDArray[] values;
  private int capacity;
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
    length = newLength; // what lies beyond is overwritten by the next append
  }

  /** A new session holding a copy of this cache; the two then evolve independently. */
  public Session fork() {
    Session copy = model.newSession();
    copy.reserve(length);
    copy.copyFrom(this, length);
    copy.length = length;
    return copy;
  }

  /** Makes room for {@code total} positions, keeping what is cached. */
  void reserve(int total) {
    if (total <= capacity) return;
    int limit = model.config().maxPositionEmbeddings();
    int next = Math.min(limit, Math.max(total, Math.max(FIRST_CAPACITY, 2 * capacity)));
    ModelConfig c = model.config();
    NDArray[] oldKeys = keys.clone();
    NDArray[] oldValues = values.clone();
    for (int l = 0; l < keys.length; l++) {
      keys[l] = own(manager.zeros(new Shape(c.numKeyValueHeads(), c.headDim(), next)));
      values[l] = own(manager.zeros(new Shape(c.numKeyValueHeads(), next, c.headDim())));
    }
    capacity = next;
    copyFrom(oldKeys, oldValues, length);
    for (int l = 0; l < keys.length; l++) {
      if (oldKeys[l] != null) oldKeys[l].close();
      if (oldValues[l] != null) oldValues[l].close();
    }
  }

  private void copyFrom(Session other, int n) {
    copyFrom(other.keys, other.values, n);
  }

  private void copyFrom(NDArray[] fromKeys, NDArray[] fromValues, int n) {
    if (n == 0) return;
    NDIndex keyPart = new NDIndex(":, :, :{}", n);
    NDIndex valuePart = new NDIndex(":, :{}, :", n);
    for (int l = 0; l < keys.length; l++) {
      try (NDArray k = fromKeys[l].get(keyPart); NDArray v = fromValues[l].get(valuePart)) {
        keys[l].set(keyPart, k);
        values[l].set(valuePart, v);
      }
    }
  }

  NDManager manager() {
    return manager;
  }

  void grew(int n) {
    length += n;
  }

  private NDArray own(NDArray array) {
    array.attach(manager);
    return array;
  }

  @Override
  public void close() {
    manager.close();
  }
}
