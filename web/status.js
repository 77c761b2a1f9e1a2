// The one visible state: connecting, idle, listening, thinking, speaking, error or live; and the level meter.

import { $ } from './dom.js';
import { socket } from './socket.js';
import { stats } from './stats.js';
import { store } from './store.js';

const STATE_TEXT = {
  connecting: 'Connecting…',
  idle: 'Ready',
  listening: 'Listening…',
  thinking: 'Thinking…',
  speaking: 'Speaking…',
  error: 'Error',
  live: 'Live',
};

/** @param label overrides the state's usual words, e.g. which kind of error */
export function setState(view, label) {
  store.set({ view, label });
}

store.on('view', (view, before) => {
  if (view !== before) stats.states.push(view);
  if (stats.states.length > 200) stats.states.shift();
  document.body.dataset.state = view;
  $('state-text').textContent = store.get('label') || STATE_TEXT[view];
  const talk = $('talk');
  talk.setAttribute('aria-pressed', String(view === 'listening'));
  $('talk-label').textContent = view === 'listening' ? 'Release to send'
    : view === 'speaking' ? 'Hold to interrupt' : 'Hold to talk';
  // the talk button works while (re)connecting too: what is said is kept until the socket opens (turn.js)
  talk.disabled = false;
  $('send').disabled = !socket.isOpen;
  if (view !== 'listening') showLevel(0);
});

/** Shows the microphone's level, 0..1, on the talk button and the meter. */
export function showLevel(level) {
  const shown = Math.round(level * 100);
  $('talk').style.setProperty('--level', level.toFixed(3));
  $('meter').firstElementChild.style.width = shown + '%';
  $('meter').setAttribute('aria-valuenow', String(shown));
}

/** RMS → 0..1 on a 60 dB scale */
export function levelOf(rms) {
  return Math.max(0, Math.min(1, (20 * Math.log10(rms + 1e-9) + 60) / 60));
}
