package dev.hearth.llm.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;

/**
 * DJL's PyTorch engine, started offline: the native library comes from the bundled
 * {@code pytorch-native-cpu} jar and nothing is downloaded. Intra-op threads default to the core count.
 */
public final class Torch {
  private static final String ENGINE = "PyTorch";

  private Torch() {}

  /** Loads the engine once (first call only) and returns a new root manager on the CPU. */
  public static synchronized NDManager newManager() {
    System.setProperty("ai.djl.offline", "true");
    String threads = String.valueOf(Runtime.getRuntime().availableProcessors());
    if (System.getProperty("ai.djl.pytorch.num_threads") == null) System.setProperty("ai.djl.pytorch.num_threads", threads);
    if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    return Engine.getEngine(ENGINE).newBaseManager(Device.cpu());
  }

  /** The intra-op threads a model runs with at full speed ({@code ai.djl.pytorch.num_threads}, else every core). */
  public static int fullThreads() {
    String set = System.getProperty("ai.djl.pytorch.num_threads");
    return set != null ? Integer.parseInt(set) : Runtime.getRuntime().availableProcessors();
  }

  /**
   * Sets how many intra-op threads the calling thread's next operations use. PyTorch keeps the count per thread
   * (OpenMP's), and threads that call it for the first time later start with the last count set, so a caller that
   * shares the engine with another count sets its own before each piece of work. Call it once a model is loaded.
   */
  public static void useThreads(int threads) {
    if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    JniUtils.setNumThreads(threads);
  }
}
