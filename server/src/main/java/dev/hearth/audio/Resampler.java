package dev.hearth.audio;

/**
 * Streaming band-limited resampler for mono float samples (windowed-sinc interpolation).
 *
 * <p>Feed input of any length with {@link #process}; the output continues seamlessly across calls.
 * The low-pass cut-off is 0.95 of the lower Nyquist frequency, so downsampling does not alias.
 * Not thread-safe: one instance per stream.
 */
final class Resampler {
  /** Zero crossings of the sinc on each side of the centre, at the lower of the two rates. */
  private static final int ZERO_CROSSINGS = 12;
  private static final int MAX_TABLE_PHASES = 1024;

  private final int inRate;
  private final int outRate;
  private final int step;      // input advance per output sample, as numerator over outRate (= inRate / g)
  private final int phases;    // outRate / g
  private final double cutoff; // relative to the input Nyquist
  private final int halfTaps;
  private final float[][] table; // [phase][tap], null when computed on the fly

  private float[] buf = new float[4096]; // pending input; buf[0] is input sample number `bufStart`
  private int bufLen;
  private long bufStart;
  private long outCount;       // output samples produced so far

  Resampler(int inRate, int outRate) {
    this.inRate = inRate;
    this.outRate = outRate;
    int g = gcd(inRate, outRate);
    this.step = inRate / g;
    this.phases = outRate / g;
    this.cutoff = 0.95 * Math.min(1.0, (double) outRate / inRate);
    this.halfTaps = (int) Math.ceil(ZERO_CROSSINGS / cutoff);
    this.table = phases <= MAX_TABLE_PHASES ? buildTable() : null;
  }

  /** Appends {@code n} input samples and returns every output sample that can now be computed. */
  float[] process(float[] in, int n) {
    ensureCapacity(bufLen + n);
    System.arraycopy(in, 0, buf, bufLen, n);
    bufLen += n;
    return drain(false);
  }

  /** Returns the remaining output, treating the input as followed by silence. */
  float[] flush() {
    ensureCapacity(bufLen + halfTaps + 1);
    java.util.Arrays.fill(buf, bufLen, bufLen + halfTaps + 1, 0f);
    bufLen += halfTaps + 1;
    float[] out = drain(true);
    bufLen = 0;
    return out;
  }

  private float[] drain(boolean last) {
    long totalIn = bufStart + bufLen;
    // the output sample n sits at input position n * inRate / outRate
    long limit = last ? ceilDiv((totalIn - halfTaps - 1) * outRate, inRate) : Long.MAX_VALUE;
    int count = 0;
    float[] out = new float[(int) Math.max(0, (long) bufLen * outRate / inRate + 2)];
    while (true) {
      long num = outCount * step;           // position * phases
      long centre = num / phases;           // integer input index at or before the position
      int phase = (int) (num % phases);
      if (centre + halfTaps >= totalIn || outCount >= limit) break;
      if (count == out.length) out = java.util.Arrays.copyOf(out, out.length * 2 + 1);
      out[count++] = interpolate(centre, phase);
      outCount++;
    }
    // keep only what later output samples still need
    long keepFrom = Math.max(bufStart, (outCount * step) / phases - halfTaps + 1);
    int drop = (int) (keepFrom - bufStart);
    if (drop > 0) {
      System.arraycopy(buf, drop, buf, 0, bufLen - drop);
      bufLen -= drop;
      bufStart = keepFrom;
    }
    return count == out.length ? out : java.util.Arrays.copyOf(out, count);
  }

  private float interpolate(long centre, int phase) {
    double sum = 0;
    int base = (int) (centre - bufStart);
    float[] weights = table != null ? table[phase] : null;
    double frac = (double) phase / phases;
    for (int k = -halfTaps + 1; k <= halfTaps; k++) {
      int i = base + k;
      if (i < 0) continue; // before the first input sample: silence
      double w = weights != null ? weights[k + halfTaps - 1] : kernel(k - frac);
      sum += buf[i] * w;
    }
    return (float) sum;
  }

  private float[][] buildTable() {
    float[][] t = new float[phases][2 * halfTaps];
    for (int p = 0; p < phases; p++) {
      double frac = (double) p / phases;
      for (int k = -halfTaps + 1; k <= halfTaps; k++) t[p][k + halfTaps - 1] = (float) kernel(k - frac);
    }
    return t;
  }

  /** Low-pass windowed sinc at distance {@code x} input samples from the output position. */
  private double kernel(double x) {
    if (Math.abs(x) >= halfTaps) return 0;
    double sinc = x == 0 ? 1 : Math.sin(Math.PI * cutoff * x) / (Math.PI * cutoff * x);
    double r = x / halfTaps; // Blackman window over [-halfTaps, halfTaps]
    double window = 0.42 + 0.5 * Math.cos(Math.PI * r) + 0.08 * Math.cos(2 * Math.PI * r);
    return cutoff * sinc * window;
  }

  private void ensureCapacity(int n) {
    if (n > buf.length) buf = java.util.Arrays.copyOf(buf, Math.max(n, buf.length * 2));
  }

  private static long ceilDiv(long a, long b) {
    return a <= 0 ? 0 : (a + b - 1) / b;
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }
}
