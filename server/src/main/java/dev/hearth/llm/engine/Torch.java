package dev.hearth.llm.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;

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
}
