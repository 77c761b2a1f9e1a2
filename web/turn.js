// A turn from the page's side: push-to-talk (press, release), a typed question, and how each ends. A voice turn's
// audio is kept until the server has its `stop`, so what is said while the socket (re)connects is sent once it opens.

import { audio, closeMic, ensureAudio, interrupt, playing } from './audio.js';
import { bubble } from './chat-log.js';
import { $ } from './dom.js';
import { MicrophoneError } from './microphone.js';
import { clearNotice, notify, showInsecure } from './notice.js';
import { socket } from './socket.js';
import { stats } from './stats.js';
import { levelOf, setState, showLevel } from './status.js';
import { store } from './store.js';

const MIC_PROBLEM = { denied: 'Microphone blocked', absent: 'No microphone', busy: 'Microphone busy',
  insecure: 'Needs HTTPS', unsupported: 'Microphone error' };

/**
 * The most of one utterance the page keeps for sending (16 kHz 16-bit mono: 30 s, the server's default
 * stt.max_utterance_millis): what is said while the socket is (re)connecting waits here until it opens.
 */
const KEPT_AUDIO_BYTES = 30 * 16000 * 2;

let micOpening = null; // the microphone of the latest press, opening or open
let thinkingTimer = null;

// the server starts answering (or apologizes) within its deadline; the page never waits much longer than that
store.on('view', (view) => {
  clearTimeout(thinkingTimer);
  if (view !== 'thinking') return;
  const turn = store.get('turn');
  thinkingTimer = setTimeout(() => {
    if (store.get('view') !== 'thinking' || store.get('turn') !== turn) return;
    if (turn && turn.kind === 'voice' && !turn.sent) {
      failTurn('Hearth could not be reached, so what you said was not heard. Try again once it says Ready.');
      return;
    }
    if (turn) socket.send({ type: 'cancel' });
    failTurn('No answer came in time. Try again, or type the question.');
  }, store.get('deadlineMs') + 3000);
});

/** The answer has started: the deadline is met. */
export function answerStarted() {
  clearTimeout(thinkingTimer);
}

function newTurn(kind, text) {
  const turn = {
    kind,
    turnId: null,
    awaitingReady: true,
    userEl: bubble('user', text || ''),
    replyEl: null,
    releaseAt: kind === 'text' ? performance.now() : null,
    firstHeardAt: null,
    done: false,
    sent: false,        // a voice turn: its `start` went out on the open socket
    stopSent: false,    // a voice turn: its `stop` went out too
    kept: [],           // a voice turn: its audio so far, sent again if the socket drops before `stop`
    keptBytes: 0,
    record: { kind, turnId: null, releaseToFirstAudioMs: null, samplesReceived: 0, samplesScheduled: 0,
      transcript: text || null, reply: null, source: null, server: null },
  };
  if (kind === 'voice') turn.userEl.classList.add('partial');
  stats.turns.push(turn.record);
  return turn;
}

/** Stops whatever is going on (speech, a turn in progress) before a new turn or on request. */
export function abandonTurn() {
  const turn = store.get('turn');
  if (turn && turn.replyEl && !turn.done) turn.replyEl.classList.add('cut');
  if (turn && turn.userEl && turn.kind === 'voice' && !turn.userEl.textContent) turn.userEl.remove();
  store.set({ turn: null, announcement: null, audioTarget: null });
}

export function finishTurn() {
  const turn = store.get('turn');
  if (!turn) return;
  store.set({ turn: null, audioTarget: null });
  setState(playing() ? 'speaking' : 'idle');
  if (turn.record.releaseToFirstAudioMs !== null) {
    $('timings').textContent = (turn.kind === 'voice' ? 'Release' : 'Send') + ' → voice: '
      + Math.round(turn.record.releaseToFirstAudioMs) + ' ms';
    const t = turn.record.server || {};
    $('timings').title = 'Server: transcript ' + (t.stt_final_ms ?? '–') + ' ms, first reply '
      + (t.first_reply_ms ?? '–') + ' ms, first audio ' + (t.first_audio_ms ?? '–') + ' ms';
  }
}

export function failTurn(message) {
  closeMic();
  store.set({ pressed: false });
  abandonTurn();
  notify('server', message, [{ label: 'Dismiss', run: () => { clearNotice(); setState('idle'); } }]);
  setState('error');
}

/** The player has played all it was given: a finished turn or announcement is over now. */
export function playbackDrained() {
  const turn = store.get('turn');
  if (turn && turn.done) finishTurn();
  const announcement = store.get('announcement');
  if (announcement && announcement.audioEnded) store.set({ announcement: null, audioTarget: null });
  if (!store.get('turn') && !store.get('announcement') && store.get('view') === 'speaking') setState('idle');
}

function conversationParam() {
  const id = store.get('conversationId');
  return id ? { conversation_id: id } : {};
}

export async function press() {
  if (store.get('pressed') || store.get('live')) return;
  if (!window.isSecureContext) {
    showInsecure();
    return;
  }
  store.set({ pressed: true });
  const pressAt = performance.now();
  ensureAudio(playbackDrained);
  interrupt(pressAt);
  abandonTurn();
  clearNotice('server');
  clearNotice('microphone');
  const turn = newTurn('voice');
  store.set({ turn });
  sendVoiceTurn(turn);
  setState('listening');
  if (!turn.sent) {
    notify('connection', 'Hearth is not connected yet: what you say is kept and sent once it is.');
    socket.connectNowIfWaiting();
  }
  micOpening = audio.mic.open((pcm, rms) => {
    if (store.get('turn') === turn && turn.releaseAt === null) {
      keepAudio(turn, pcm);
      showLevel(levelOf(rms));
    }
  });
  try {
    await micOpening;
  } catch (err) {
    store.set({ pressed: false });
    socket.send({ type: 'cancel' });
    turn.userEl.remove();
    abandonTurn();
    const problem = err instanceof MicrophoneError ? err : MicrophoneError.from(err);
    if (problem.kind === 'insecure') showInsecure();
    else notify('microphone', problem.message);
    setState('error', MIC_PROBLEM[problem.kind]);
  }
}

export async function release() {
  if (!store.get('pressed')) return;
  store.set({ pressed: false });
  const turn = store.get('turn');
  if (!turn || turn.kind !== 'voice') return;
  turn.releaseAt = performance.now();
  // not sent yet: the socket's opening sends it, or the thinking timer says it could not be heard
  setState('thinking', turn.sent ? undefined : 'Waiting for Hearth…');
  try {
    await micOpening;
    await audio.mic.finish();
  } catch (err) {
    return; // press() explains it
  }
  sendStop(turn);
}

function sendStop(turn) {
  if (store.get('turn') === turn && turn.sent && !turn.stopSent) turn.stopSent = socket.send({ type: 'stop' });
}

/** Sends a voice turn's `start`, what was kept of it and, once released, its `stop`, if the socket is open. */
export function sendVoiceTurn(turn) {
  if (!socket.isOpen) return;
  turn.awaitingReady = true; // anything before its `ready` belongs to a turn it replaced
  turn.sent = socket.send({ type: 'start', sample_rate: 16000, format: 'pcm_s16le', ...conversationParam() });
  for (const pcm of turn.kept) socket.sendAudio(pcm);
  if (turn.releaseAt !== null && micOpening) {
    micOpening.then(() => sendStop(turn), () => { /* press() explains it */ });
  }
}

/**
 * Keeps a frame of the utterance (to send again if the socket drops before `stop`) and sends it when the socket is
 * open; an utterance longer than the page can keep while waiting for the socket is refused at once, in words.
 */
function keepAudio(turn, pcm) {
  if (turn.keptBytes + pcm.byteLength <= KEPT_AUDIO_BYTES) {
    turn.kept.push(pcm);
    turn.keptBytes += pcm.byteLength;
  } else if (!turn.sent) {
    failTurn('Hearth is still not connected, and this is longer than the page can keep (30 s): it was not heard. '
      + 'Try again once it says Ready.');
    return;
  }
  if (turn.sent) socket.sendAudio(pcm);
}

/** A voice turn the server has not got yet: kept through a dropped or slow connection until the socket opens. */
export function waitingVoiceTurn() {
  const turn = store.get('turn');
  return turn && turn.kind === 'voice' && !turn.stopSent ? turn : null;
}

/** Esc: stop the answer (or the listening, or live mode) without starting a new turn. */
export function cancel() {
  const live = store.get('live');
  if (live) {
    live.stop('', false);
    return;
  }
  if (store.get('view') === 'idle' || store.get('view') === 'connecting') return;
  interrupt(performance.now());
  closeMic();
  store.set({ pressed: false });
  socket.send({ type: 'cancel' });
  abandonTurn();
  setState(socket.isOpen ? 'idle' : 'connecting');
}

export function sendText(text) {
  if (!socket.isOpen) return;
  const submittedAt = performance.now();
  ensureAudio(playbackDrained);
  interrupt(submittedAt);
  abandonTurn();
  clearNotice('server');
  const turn = newTurn('text', text);
  turn.releaseAt = submittedAt;
  store.set({ turn });
  socket.send({ type: 'text', text, ...conversationParam() });
  setState('thinking');
}
