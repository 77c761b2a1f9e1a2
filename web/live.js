// Live mode: a hands-free conversation with OpenAI Realtime over WebRTC (docs/live-mode.md). The server opens the
// session; by default it also relays the SDP offer, so this page never holds any key. The call's data channel
// (`oai-events`) brings the transcripts: shown as live captions, and forwarded to the server so the turns land in
// the conversation, user before assistant even when the user's transcript arrives late.

import { MicrophoneError } from './microphone.js';

const USER_DONE = 'conversation.item.input_audio_transcription.completed';
const USER_FAILED = 'conversation.item.input_audio_transcription.failed';
const USER_DELTA = 'conversation.item.input_audio_transcription.delta';
const ASSISTANT_DELTA = 'response.output_audio_transcript.delta';
const ASSISTANT_DONE = 'response.output_audio_transcript.done';
const TEXT_DONE = 'response.output_text.done';
/** How long an assistant transcript waits for the user's (which OpenAI may send later) before it is stored. */
const USER_TRANSCRIPT_WAIT_MS = 4000;

async function api(method, path, body, type = 'application/json') {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': type },
    body: body === undefined ? undefined : (type === 'application/json' ? JSON.stringify(body) : body),
  });
  if (!response.ok) {
    let message = response.status + ' ' + response.statusText;
    try { message = (await response.json()).error.message; } catch (e) { /* keep the status line */ }
    throw new Error(message);
  }
  return response;
}

export class LiveCall {
  /**
   * @param hooks onCaption(role, itemId, text, final), onState(text), onEnd(reason, isError)
   */
  constructor(hooks) {
    this.hooks = hooks;
    this.session = null;
    this.pc = null;
    this.channel = null;
    this.stream = null;
    this.audio = null;
    this.ended = false;
    this.pendingUsers = new Set();   // user items whose transcript has not come yet
    this.held = [];                  // assistant transcripts waiting for them: {event, timer}
    this.forwarding = Promise.resolve();
    this.limitTimer = null;
    this.forwarded = [];             // what was sent to the server, in order (for the tests)
  }

  /** Opens the session, the microphone and the call; resolves once the answer SDP is applied. */
  async start(conversationId) {
    this.session = await (await api('POST', '/api/live/session',
      conversationId ? { conversation_id: conversationId } : {})).json();
    try {
      this.stream = await navigator.mediaDevices.getUserMedia({
        audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true },
      });
    } catch (err) {
      await this.stop('microphone', true);
      throw MicrophoneError.from(err);
    }
    const pc = new RTCPeerConnection();
    this.pc = pc;
    this.audio = new Audio();
    this.audio.autoplay = true;
    pc.ontrack = (e) => { this.audio.srcObject = e.streams[0]; };
    pc.onconnectionstatechange = () => {
      if (pc.connectionState === 'connected') this.hooks.onState('Live: speak freely');
      if (pc.connectionState === 'failed') this.stop('The live connection failed.', true);
    };
    for (const track of this.stream.getTracks()) pc.addTrack(track, this.stream);
    this.channel = pc.createDataChannel('oai-events');
    this.channel.onmessage = (e) => {
      try { this.receive(JSON.parse(e.data)); } catch (err) { /* not an event */ }
    };
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    let answer;
    if (this.session.mode === 'relay') {
      answer = await (await api('POST', this.session.sdp_url, offer.sdp, 'application/sdp')).text();
    } else {
      const response = await fetch(this.session.calls_url, {
        method: 'POST',
        body: offer.sdp,
        headers: { Authorization: 'Bearer ' + this.session.client_secret, 'Content-Type': 'application/sdp' },
      });
      if (!response.ok) throw new Error('OpenAI did not take the call (' + response.status + ')');
      answer = await response.text();
      const callId = (response.headers.get('Location') || '').split('/').pop();
      if (callId) await api('POST', '/api/live/' + this.session.live_id + '/call', { call_id: callId });
    }
    if (this.ended) return;
    await pc.setRemoteDescription({ type: 'answer', sdp: answer });
    this.limitTimer = setTimeout(() => this.stop('Live mode ends after ' + this.session.max_seconds + ' s.', false),
      this.session.max_seconds * 1000);
    this.hooks.onState('Live: connecting…');
  }

  get conversationId() {
    return this.session && this.session.conversation_id;
  }

  /** One event from the data channel. */
  receive(e) {
    if (this.ended) return;
    switch (e.type) {
      case 'input_audio_buffer.committed':
        this.pendingUsers.add(e.item_id);
        break;
      case USER_DELTA:
        this.hooks.onCaption('user', e.item_id, e.delta, false);
        break;
      case USER_DONE:
        this.hooks.onCaption('user', e.item_id, e.transcript, true);
        this.forward(e);
        this.userDone(e.item_id);
        break;
      case USER_FAILED:
        this.userDone(e.item_id);
        break;
      case ASSISTANT_DELTA:
        this.hooks.onCaption('assistant', e.item_id, e.delta, false);
        break;
      case ASSISTANT_DONE:
      case TEXT_DONE:
        this.hooks.onCaption('assistant', e.item_id, e.transcript ?? e.text, true);
        if (this.pendingUsers.size === 0) this.forward(e);
        else this.hold(e);
        break;
      case 'error':
        this.hooks.onState('Live: ' + ((e.error && e.error.message) || 'error'));
        break;
      default:
        break;
    }
  }

  hold(event) {
    const entry = { event, timer: null };
    entry.timer = setTimeout(() => this.release(entry), USER_TRANSCRIPT_WAIT_MS);
    this.held.push(entry);
  }

  userDone(itemId) {
    this.pendingUsers.delete(itemId);
    if (this.pendingUsers.size === 0) for (const entry of [...this.held]) this.release(entry);
  }

  release(entry) {
    const at = this.held.indexOf(entry);
    if (at < 0) return;
    clearTimeout(entry.timer);
    this.held.splice(at, 1);
    this.forward(entry.event);
  }

  /** Sends a transcript to the server, one after another so they are stored in order. */
  forward(e) {
    const body = { live_id: this.session.live_id, type: e.type, item_id: e.item_id };
    if (e.type === TEXT_DONE) body.text = e.text; else body.transcript = e.transcript;
    if (!(body.text || body.transcript || '').trim()) return;
    this.forwarded.push(body);
    const path = '/api/conversations/' + encodeURIComponent(this.session.conversation_id) + '/events';
    this.forwarding = this.forwarding.then(() => api('POST', path, body)).catch(() => { /* a lost caption */ });
  }

  /** Ends the call: closes everything, stores what is held, tells the server. */
  async stop(reason, isError) {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.limitTimer);
    for (const entry of [...this.held]) this.release(entry);
    if (this.channel) this.channel.close();
    if (this.pc) this.pc.close();
    if (this.stream) for (const track of this.stream.getTracks()) track.stop();
    if (this.audio) this.audio.srcObject = null;
    await this.forwarding;
    if (this.session) await api('POST', '/api/live/' + this.session.live_id + '/end').catch(() => {});
    this.hooks.onEnd(reason, isError);
  }
}
