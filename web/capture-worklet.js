// The microphone's side of push-to-talk, on the audio thread: samples at the AudioContext's rate in,
// 16 kHz mono 16-bit PCM out, in 20 ms frames (docs/protocol.md, binary frames). The sample-rate
// conversion is a windowed-sinc low-pass evaluated at each output instant, with one precomputed
// kernel per fractional phase (one phase at 48 kHz, 160 at 44.1 kHz).

const OUT_RATE = 16000;
const FRAME_SAMPLES = 320; // 20 ms at 16 kHz
const ZERO_CROSSINGS = 8;  // kernel half-width, in cycles of the cut-off frequency
const MAX_PHASES = 1024;

function gcd(a, b) { while (b) [a, b] = [b, a % b]; return a; }

function blackman(x) { // x in [-1, 1]
  return 0.42 + 0.5 * Math.cos(Math.PI * x) + 0.08 * Math.cos(2 * Math.PI * x);
}

class Resampler {
  constructor(inRate) {
    this.inRate = inRate;
    // output instant n sits at input position n * inRate / OUT_RATE = num / OUT_RATE
    const step = gcd(inRate, OUT_RATE);
    this.phases = Math.min(OUT_RATE / step, MAX_PHASES);
    const cutoff = 0.9 * 0.5 * Math.min(1, OUT_RATE / inRate); // cycles per input sample
    this.half = Math.ceil(ZERO_CROSSINGS / (2 * cutoff));
    this.kernels = [];
    if (inRate === OUT_RATE) { // pass-through: one phase, weight 1 on the centre sample
      this.half = 1;
      this.kernels.push(Float32Array.of(1, 0));
    }
    for (let p = this.kernels.length; p < this.phases; p++) {
      const frac = p / this.phases;
      const k = new Float32Array(2 * this.half);
      let sum = 0;
      for (let j = -this.half + 1, i = 0; j <= this.half; j++, i++) {
        const x = j - frac;
        const sinc = x === 0 ? 1 : Math.sin(2 * Math.PI * cutoff * x) / (2 * Math.PI * cutoff * x);
        k[i] = sinc * blackman(x / this.half);
        sum += k[i];
      }
      for (let i = 0; i < k.length; i++) k[i] /= sum;
      this.kernels.push(k);
    }
    this.reset();
  }

  reset() {
    this.buf = new Float32Array(4096);
    this.len = this.half; // start with `half` zeros of history
    this.buf.fill(0);
    this.num = this.half * OUT_RATE; // the first output sits on the first real input sample
  }

  /** Appends input samples and returns the 16 kHz samples that are now computable. */
  push(input) {
    if (this.len + input.length > this.buf.length) {
      const bigger = new Float32Array(Math.max(this.buf.length * 2, this.len + input.length));
      bigger.set(this.buf.subarray(0, this.len));
      this.buf = bigger;
    }
    this.buf.set(input, this.len);
    this.len += input.length;
    const out = [];
    for (;;) {
      const centre = Math.floor(this.num / OUT_RATE);
      if (centre + this.half >= this.len) break;
      const phase = Math.floor(((this.num % OUT_RATE) * this.phases) / OUT_RATE);
      const k = this.kernels[phase];
      let y = 0;
      for (let i = 0, j = centre - this.half + 1; i < k.length; i++, j++) y += k[i] * this.buf[j];
      out.push(y);
      this.num += this.inRate;
    }
    // drop input no later output can reach
    const keepFrom = Math.max(0, Math.floor(this.num / OUT_RATE) - this.half);
    if (keepFrom > 0) {
      this.buf.copyWithin(0, keepFrom, this.len);
      this.len -= keepFrom;
      this.num -= keepFrom * OUT_RATE;
    }
    return out;
  }
}

// Captures between a 'start' message (or processorOptions.capturing) and a 'flush' message.
class Capture extends AudioWorkletProcessor {
  constructor(options) {
    super();
    this.resampler = new Resampler(sampleRate);
    this.frame = new Int16Array(FRAME_SAMPLES);
    this.filled = 0;
    this.sumSquares = 0;
    this.capturing = Boolean(options && options.processorOptions && options.processorOptions.capturing);
    this.port.onmessage = (e) => {
      if (e.data === 'start') {
        this.resampler.reset();
        this.filled = 0;
        this.sumSquares = 0;
        this.capturing = true;
      } else if (e.data === 'flush') {
        if (this.filled > 0) this.emit(this.filled);
        this.capturing = false;
        this.port.postMessage({ flushed: true });
      }
    };
  }

  emit(samples) {
    const pcm = this.frame.slice(0, samples);
    const level = Math.sqrt(this.sumSquares / samples);
    this.port.postMessage({ pcm: pcm.buffer, level }, [pcm.buffer]);
    this.filled = 0;
    this.sumSquares = 0;
  }

  process(inputs) {
    const channel = inputs[0] && inputs[0][0];
    if (!this.capturing || !channel) return true;
    for (const y of this.resampler.push(channel)) {
      const s = Math.max(-1, Math.min(1, y));
      this.frame[this.filled++] = Math.round(s * 32767);
      this.sumSquares += s * s;
      if (this.filled === FRAME_SAMPLES) this.emit(FRAME_SAMPLES);
    }
    return true;
  }
}

registerProcessor('hearth-capture', Capture);
