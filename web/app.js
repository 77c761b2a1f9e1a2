// The Hearth page: push-to-talk over /ws, typed turns, and the conversation history from /api. The modules, by
// concern, share their state through store.js:
//   status.js           the one visible state (connecting, idle, listening, thinking, speaking, error or live)
//   notice.js           what went wrong and what to do
//   turn.js             push-to-talk and typed turns, from press to the answer's end
//   server-messages.js  what the server sends on /ws
//   connection.js       the socket opening and dropping (socket.js holds it)
//   sidebar.js          the conversations
//   lists.js            the shopping and to-do lists
//   live-mode.js        the hands-free live mode (live.js holds the call)
// This file wires the controls to them and starts the page.

import { outputLevel } from './audio.js';
import { onDown, onOpen } from './connection.js';
import { $ } from './dom.js';
import { wireLists } from './lists.js';
import { enterLive, exitLive } from './live-mode.js';
import { showInsecure } from './notice.js';
import { onAudio, onMessage } from './server-messages.js';
import {
  closeSidebar, conversationFromHash, openConversation, showMore, startNewConversation, toggleSidebar,
} from './sidebar.js';
import { connect } from './socket.js';
import { stats } from './stats.js';
import { setState } from './status.js';
import { store } from './store.js';
import { cancel, press, release, sendText, waitingVoiceTurn } from './turn.js';

function isTyping(target) {
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement
    || (target instanceof HTMLElement && target.isContentEditable) || target.closest('dialog');
}

function wire() {
  const talk = $('talk');
  talk.addEventListener('pointerdown', (e) => {
    if (e.button !== 0) return;
    e.preventDefault();
    talk.setPointerCapture(e.pointerId);
    press();
  });
  talk.addEventListener('pointerup', release);
  talk.addEventListener('pointercancel', release);
  talk.addEventListener('lostpointercapture', release);
  talk.addEventListener('contextmenu', (e) => e.preventDefault());
  // Enter toggles, for keyboards and switch devices that cannot hold a key
  talk.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' || e.repeat) return;
    e.preventDefault();
    if (store.get('pressed')) release(); else press();
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !document.querySelector('dialog[open]')) {
      if (document.body.classList.contains('sidebar-open')) closeSidebar(); else cancel();
      return;
    }
    if (e.code !== 'Space' || isTyping(e.target)) return;
    if (e.target instanceof HTMLButtonElement && e.target !== talk) return; // Space presses that button
    e.preventDefault();
    if (!e.repeat) press();
  });
  document.addEventListener('keyup', (e) => {
    if (e.code !== 'Space' || !store.get('pressed')) return;
    e.preventDefault();
    release();
  });
  window.addEventListener('blur', release);
  $('typed').addEventListener('submit', (e) => {
    e.preventDefault();
    const text = $('text').value.trim();
    if (!text) return;
    $('text').value = '';
    sendText(text);
  });
  $('new-conversation').addEventListener('click', startNewConversation);
  $('more-conversations').addEventListener('click', showMore);
  $('live').addEventListener('click', enterLive);
  $('live-exit').addEventListener('click', exitLive);
  $('menu').addEventListener('click', toggleSidebar);
  wireLists();
  $('scrim').addEventListener('click', closeSidebar);
}

function start() {
  wire();
  const conversationId = conversationFromHash();
  store.set({ conversationId });
  setState('connecting');
  connect({ onOpen, onDown, onMessage, onAudio, hurry: () => waitingVoiceTurn() !== null });
  if (conversationId) openConversation(conversationId);
  if (!window.isSecureContext) showInsecure();
  if ('serviceWorker' in navigator && window.isSecureContext) {
    navigator.serviceWorker.register('sw.js').catch(() => { /* the page works without it */ });
  }
}

window.hearth = {
  stats,
  get state() { return store.get('view'); },
  get conversationId() { return store.get('conversationId'); },
  outputLevel,
  /** The live call, while live mode is on: its events can be fed to it, and what it forwarded read back. */
  get live() { return store.get('live'); },
};
start();
