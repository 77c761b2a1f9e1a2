// Live mode on the page: the control that enters it (shown only when the server offers it), the captions of the
// call (live.js holds the call itself) and the way back to push-to-talk.

import { bubble, setBubbleText, setSource } from './chat-log.js';
import { status } from './conversations.js';
import { $ } from './dom.js';
import { LiveCall } from './live.js';
import { clearNotice, notifyDismissible, showInsecure } from './notice.js';
import { openConversation, refreshList, setConversation } from './sidebar.js';
import { socket } from './socket.js';
import { stats } from './stats.js';
import { setState } from './status.js';
import { store } from './store.js';
import { cancel } from './turn.js';

const EMPTY_LOG_TEXT = $('log-empty').textContent;

function showLiveControl() {
  $('live').hidden = !store.get('liveAvailable') || store.get('live') !== null;
}
store.on('liveAvailable', showLiveControl);
store.on('live', showLiveControl);

/** Reads what the server can do now: whether live mode is available, and the answer's deadline. */
export async function refreshStatus() {
  let available = false;
  try {
    const s = await status();
    available = Boolean(s.capabilities && s.capabilities.live_mode && s.capabilities.live_mode.available);
    if (s.deadline_ms) store.set({ deadlineMs: s.deadline_ms });
  } catch (err) { /* not available */ }
  store.set({ liveAvailable: available });
  stats.statusReads += 1;
}

export async function enterLive() {
  if (store.get('live')) return;
  if (!window.isSecureContext) {
    showInsecure();
    return;
  }
  cancel();
  clearNotice('server');
  const captions = new Map(); // item id → bubble
  const call = new LiveCall({
    onCaption(role, itemId, text, final) {
      let el = captions.get(itemId);
      if (!el) {
        el = bubble(role, '');
        if (role === 'assistant') setSource(el, 'live');
        captions.set(itemId, el);
      }
      setBubbleText(el, final ? text : el.firstElementChild.textContent + text, !final);
    },
    onState(text) {
      $('live-state').textContent = text;
      $('state-text').textContent = text;
    },
    onEnd(reason, isError) {
      leaveLive();
      if (isError) notifyDismissible('Live mode ended: ' + reason);
      else if (reason) notifyDismissible(reason);
      if (call.conversationId) openConversation(call.conversationId);
      refreshList();
      refreshStatus();
    },
  });
  store.set({ live: call });
  document.body.classList.add('live');
  $('log-empty').textContent = 'Speak freely: live mode listens all the time. What is said appears here.';
  $('live-panel').hidden = false;
  setState('live', 'Live: starting…');
  $('live-state').textContent = 'Live: starting…';
  try {
    await call.start(store.get('conversationId'));
    if (call.conversationId) setConversation(call.conversationId);
  } catch (err) {
    await call.stop(err.message, true);
  }
}

/** Exit live mode (the call tells onEnd once it has ended). */
export function exitLive() {
  const live = store.get('live');
  if (live) live.stop('', false);
}

function leaveLive() {
  store.set({ live: null });
  $('log-empty').textContent = EMPTY_LOG_TEXT;
  document.body.classList.remove('live');
  $('live-panel').hidden = true;
  setState(socket.isOpen ? 'idle' : 'connecting');
}
