// What the page does as the /ws connection opens and drops: a voice turn the server has not got yet is kept and sent
// once it is back; anything else in progress ends, with a notice that says so.

import { audio, closeMic } from './audio.js';
import { refreshLists } from './lists.js';
import { refreshStatus } from './live-mode.js';
import { clearNotice, notify } from './notice.js';
import { refreshList } from './sidebar.js';
import { socket } from './socket.js';
import { setState } from './status.js';
import { store } from './store.js';
import { abandonTurn, sendVoiceTurn, waitingVoiceTurn } from './turn.js';

export function onOpen() {
  clearNotice('connection');
  if (store.get('live')) return;
  const waiting = waitingVoiceTurn();
  const view = store.get('view');
  if (waiting) {
    sendVoiceTurn(waiting);
    setState(store.get('pressed') ? 'listening' : 'thinking'); // the thinking timer starts again from now
  } else if (view === 'connecting' || view === 'error' || store.get('notice') === null) setState('idle');
  refreshList();
  refreshLists(); // changes made while the socket was down were not announced to this page
  refreshStatus();
}

export function onDown(retryInMs) {
  const retry = [{ label: 'Retry now', run: () => socket.reconnect() }];
  const waiting = waitingVoiceTurn();
  if (waiting) {
    // the server never got its `stop`: keep what was said and send it all again once the socket opens
    waiting.sent = false;
    notify('connection', 'Lost the connection to Hearth. What you say is kept and sent once it is back.', retry);
    return;
  }
  const wasBusy = store.get('turn') !== null;
  closeMic();
  store.set({ pressed: false });
  abandonTurn();
  if (audio.player) audio.player.stop();
  const seconds = Math.max(1, Math.round(retryInMs / 1000));
  notify('connection', 'Lost the connection to Hearth' + (wasBusy ? ' during the answer' : '')
    + '. Trying again in ' + seconds + ' s; your conversation is kept.', retry);
  setState('error', 'Offline');
}
