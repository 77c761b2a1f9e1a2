package dev.hearth.protocols.wyoming;

/** Makes a Wyoming port findable on the home network (zeroconf); failures are logged, never thrown. */
public interface Announcer extends AutoCloseable {

  /** Announces nothing: {@code wyoming.zeroconf=false}. */
  Announcer NONE = new Announcer() {
    @Override
    public void announce(String instanceName, int port) {}

    @Override
    public void close() {}
  };

  /** Announces {@code instanceName._wyoming._tcp.local.} on {@code port}. */
  void announce(String instanceName, int port);

  /** Withdraws every announcement; safe to call more than once. */
  @Override
  void close();
}
