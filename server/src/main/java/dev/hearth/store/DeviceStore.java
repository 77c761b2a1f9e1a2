package dev.hearth.store;

import java.util.List;

/**
 * The devices paired with this server, each known by the SHA-256 of its token (the token itself is never kept).
 *
 * <p>Every method does blocking I/O: call it only on the store's own thread (see {@link StoreThread}).
 */
public interface DeviceStore {

  /** Remembers a paired device by the SHA-256 (hex) of its token. */
  Device addDevice(String id, String name, String tokenSha256, long nowMillis);

  /** The paired devices with the hashes of their tokens, oldest first. */
  List<Device.WithToken> devices();

  /** Forgets a paired device (its token stops working); false if there was none with that id. */
  boolean removeDevice(String id);
}
