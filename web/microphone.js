// The microphone, open only while the talk button is held: the browser's recording indicator then
// matches the button. Frames come from capture-worklet.js as 16 kHz 16-bit PCM.

/** A microphone problem the page explains in place. kind: denied | absent | busy | insecure | unsupported. */
export class MicrophoneError extends Error {
  constructor(kind, message) {
    super(message);
    this.kind = kind;
  }

  static from(err) {
    const name = err && err.name;
    if (name === 'NotAllowedError' || name === 'SecurityError') {
      return new MicrophoneError('denied', 'The browser is not letting this page use the microphone. '
        + 'Allow it in the site settings (the icon left of the address), then press again. You can also type below.');
    }
    if (name === 'NotFoundError' || name === 'OverconstrainedError') {
      return new MicrophoneError('absent', 'No microphone was found. Plug one in or enable it, then press again. '
        + 'You can also type below.');
    }
    if (name === 'NotReadableError' || name === 'AbortError') {
      return new MicrophoneError('busy', 'The microphone is in use by another app or could not be started. '
        + 'Close the other app, then press again.');
    }
    return new MicrophoneError('unsupported', 'The microphone could not be opened: ' + (err && err.message || err));
  }
}

export class Microphone {
  constructor(ctx) {
    this.ctx = ctx;
    this.node = null;
    this.stream = null;
    this.source = null;
  }

  /** Opens the microphone and starts sending frames to {@code onFrame(pcmBuffer, level)}. */
  async open(onFrame) {
    if (!window.isSecureContext || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      throw new MicrophoneError('insecure', 'insecure');
    }
    if (!this.node) {
      await this.ctx.audioWorklet.addModule('capture-worklet.js');
      this.node = new AudioWorkletNode(this.ctx, 'hearth-capture', { numberOfInputs: 1, numberOfOutputs: 0 });
    }
    this.node.port.onmessage = (e) => {
      if (e.data.pcm) onFrame(e.data.pcm, e.data.level);
      else if (e.data.flushed && this.flushed) this.flushed();
    };
    try {
      this.stream = await navigator.mediaDevices.getUserMedia({
        audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true },
      });
    } catch (err) {
      throw MicrophoneError.from(err);
    }
    this.source = this.ctx.createMediaStreamSource(this.stream);
    this.source.connect(this.node);
    this.node.port.postMessage('start');
  }

  /** Sends the last partial frame, then closes the microphone; resolves once every frame was delivered. */
  async finish() {
    if (this.node && this.stream) {
      await new Promise((resolve) => {
        this.flushed = resolve;
        this.node.port.postMessage('flush');
        setTimeout(resolve, 250); // a stalled audio thread must not hold the turn
      });
      this.flushed = null;
    }
    this.close();
  }

  /** Closes the microphone without delivering what is still buffered. */
  close() {
    if (this.source) this.source.disconnect();
    if (this.stream) this.stream.getTracks().forEach((t) => t.stop());
    this.source = null;
    this.stream = null;
  }
}
