// Plays the server's speech as it arrives: each binary frame becomes an AudioBuffer scheduled to start
// exactly where the previous one ends (gapless), all through one gain node per answer so that a
// barge-in silences everything at once.

const START_LEAD_S = 0.03; // margin before the first chunk of an answer, against network jitter

export class Player {
  /** @param stats where samplesReceived, samplesScheduled and underruns are counted */
  constructor(ctx, stats) {
    this.ctx = ctx;
    this.analyser = ctx.createAnalyser();
    this.analyser.fftSize = 512;
    this.analyser.connect(ctx.destination);
    this.probe = new Float32Array(this.analyser.fftSize);
    this.gain = null;
    this.sources = new Set();
    this.playAt = 0;
    this.sampleRate = 24000;
    this.stats = stats;
    this.onDrained = null;
  }

  /** Starts an answer's audio ({@code audio_start}). */
  begin(sampleRate) {
    this.sampleRate = sampleRate;
    if (!this.gain) {
      this.gain = this.ctx.createGain();
      this.gain.connect(this.analyser);
    }
  }

  /**
   * Schedules one frame of little-endian 16-bit PCM and returns the page's clock
   * ({@code performance.now()}) at which its first sample will be heard.
   */
  push(buffer) {
    if (!this.gain) this.begin(this.sampleRate);
    const view = new DataView(buffer);
    const samples = buffer.byteLength >> 1;
    this.stats.samplesReceived += samples;
    if (samples === 0) return null;
    const audio = this.ctx.createBuffer(1, samples, this.sampleRate);
    const channel = audio.getChannelData(0);
    for (let i = 0; i < samples; i++) channel[i] = view.getInt16(2 * i, true) / 32768;
    const now = this.ctx.currentTime;
    if (this.playAt < now) {
      if (this.sources.size > 0) this.stats.underruns++;
      this.playAt = now + START_LEAD_S;
    }
    const source = this.ctx.createBufferSource();
    source.buffer = audio;
    source.connect(this.gain);
    source.start(this.playAt);
    this.sources.add(source);
    source.onended = () => {
      this.sources.delete(source);
      if (this.sources.size === 0 && this.onDrained) this.onDrained();
    };
    const heardAt = this.heardAt(this.playAt);
    this.playAt += audio.duration;
    this.stats.samplesScheduled += samples;
    return heardAt;
  }

  /** True while scheduled audio has not finished playing. */
  get playing() {
    return this.sources.size > 0;
  }

  /** Silences everything scheduled, at once. */
  stop() {
    if (this.gain) {
      this.gain.gain.value = 0;
      this.gain.disconnect();
      this.gain = null;
    }
    for (const s of this.sources) {
      s.onended = null;
      try { s.stop(); } catch (e) { /* never started */ }
    }
    this.sources.clear();
    this.playAt = 0;
  }

  /** The RMS level of what is being played right now, 0 to 1. */
  level() {
    this.analyser.getFloatTimeDomainData(this.probe);
    let sum = 0;
    for (const v of this.probe) sum += v * v;
    return Math.sqrt(sum / this.probe.length);
  }

  // context time → page time, including the output device's latency where the browser reports it
  heardAt(contextTime) {
    const stamp = this.ctx.getOutputTimestamp ? this.ctx.getOutputTimestamp() : null;
    if (stamp && stamp.performanceTime > 0) {
      return stamp.performanceTime + (contextTime - stamp.contextTime) * 1000;
    }
    const latency = this.ctx.outputLatency || this.ctx.baseLatency || 0;
    return performance.now() + (contextTime - this.ctx.currentTime + latency) * 1000;
  }
}
