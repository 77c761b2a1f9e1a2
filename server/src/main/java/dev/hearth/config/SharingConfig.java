package dev.hearth.config;

import dev.hearth.config.Setting.Tier;

/**
 * How the front ends share the speech and recognition threads: voice turns (/ws, the button, satellites) first, and
 * each other front end (the MaryTTS API, {@code /v1}, Wyoming, vosk-server) at most its share.
 */
public final class SharingConfig implements ConfigSection {
  @Setting(doc = "Speech threads and recognition threads that only voice turns (`/ws`, the button, satellites) use; the other front ends share the rest (a pool of one thread is shared by all).", tier = Tier.RARE)
  private int voiceReservedThreads = 1;

  @Setting(doc = "Most speech threads, and most recognition threads, that one other front end (MaryTTS API, `/v1`, Wyoming, vosk-server) uses at once.", tier = Tier.RARE)
  private int frontEndThreads = 1;

  @Setting(doc = "Speech requests one front end (MaryTTS API, `/v1`, Wyoming) serves at once; more wait in its queue.", tier = Tier.RARE)
  private int frontEndRequests = 2;

  @Setting(doc = "Speech requests that may wait for one front end; more are refused at once (HTTP 503 with `Retry-After`, a Wyoming `error`).", tier = Tier.RARE)
  private int frontEndQueue = 8;

  @Setting(doc = "How long a speech request may wait for its front end before it is refused the same way, in milliseconds.", tier = Tier.RARE)
  private long queueTimeoutMillis = 10_000;

  @Setting(doc = "A client of the MaryTTS API, `/v1/audio/speech` or Wyoming that takes no audio for this long loses it: the synthesis is stopped and the connection broken, in milliseconds.", tier = Tier.RARE)
  private long writeTimeoutMillis = 10_000;

  @Override
  public String prefix() {
    return "sharing";
  }

  @Override
  public void validate() {
    Validation.range("sharing.voice_reserved_threads", voiceReservedThreads, 0, 63);
    Validation.range("sharing.front_end_threads", frontEndThreads, 1, 64);
    Validation.range("sharing.front_end_requests", frontEndRequests, 1, 1_024);
    Validation.range("sharing.front_end_queue", frontEndQueue, 0, 10_000);
    Validation.range("sharing.queue_timeout_millis", queueTimeoutMillis, 100, 600_000);
    Validation.range("sharing.write_timeout_millis", writeTimeoutMillis, 100, 600_000);
  }

  public int voiceReservedThreads() { return voiceReservedThreads; }
  public int frontEndThreads() { return frontEndThreads; }
  public int frontEndRequests() { return frontEndRequests; }
  public int frontEndQueue() { return frontEndQueue; }
  public long queueTimeoutMillis() { return queueTimeoutMillis; }
  public long writeTimeoutMillis() { return writeTimeoutMillis; }
}
