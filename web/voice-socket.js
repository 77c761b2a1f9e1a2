// The /ws connection (docs/protocol.md): JSON control messages as text, PCM as binary. Reconnects by
// itself with exponential backoff; the page keeps its conversation across reconnects.

const BACKOFF_MS = [500, 1000, 2000, 4000, 8000];

export class VoiceSocket {
  /**
   * @param url a function returning the URL to connect to (it may change, e.g. the conversation to follow)
   * @param handlers {onOpen(), onDown(retryInMs), onMessage(json), onAudio(arrayBuffer), hurry()}; while hurry()
   *     returns true (someone's words wait to be sent), it tries again after the shortest wait
   */
  constructor(url, handlers) {
    this.url = url;
    this.handlers = handlers;
    this.ws = null;
    this.failures = 0;
    this.timer = null;
  }

  get isOpen() {
    return this.ws !== null && this.ws.readyState === WebSocket.OPEN;
  }

  connect() {
    clearTimeout(this.timer);
    this.timer = null;
    const ws = new WebSocket(this.url());
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    ws.onopen = () => {
      this.failures = 0;
      this.handlers.onOpen();
    };
    ws.onmessage = (e) => {
      if (ws !== this.ws) return;
      if (typeof e.data === 'string') {
        let message;
        try { message = JSON.parse(e.data); } catch (err) { return; }
        this.handlers.onMessage(message);
      } else {
        this.handlers.onAudio(e.data);
      }
    };
    ws.onclose = () => {
      if (ws !== this.ws) return; // replaced on purpose
      const hurry = this.handlers.hurry && this.handlers.hurry();
      const wait = BACKOFF_MS[hurry ? 0 : Math.min(this.failures, BACKOFF_MS.length - 1)];
      const jittered = Math.round(wait * (0.8 + 0.4 * Math.random()));
      this.failures++;
      this.ws = null;
      this.timer = setTimeout(() => this.connect(), jittered);
      this.handlers.onDown(jittered);
    };
  }

  /** Connects again now, e.g. to follow another conversation or when the person asks to retry. */
  reconnect() {
    const old = this.ws;
    this.ws = null;
    if (old) old.close();
    this.connect();
  }

  /** Connects now if it is waiting to try again (someone's words wait to be sent); an attempt under way goes on. */
  connectNowIfWaiting() {
    if (this.timer !== null) this.connect();
  }

  send(message) {
    if (!this.isOpen) return false;
    this.ws.send(JSON.stringify(message));
    return true;
  }

  sendAudio(buffer) {
    if (this.isOpen) this.ws.send(buffer);
  }
}
