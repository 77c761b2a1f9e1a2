// The page's one /ws connection (voice-socket.js). It follows the open conversation, so that the conversation's
// timer announcements come to this page.

import { store } from './store.js';
import { VoiceSocket } from './voice-socket.js';

const handlers = {};
let followed = null; // the conversation the socket was opened to follow

function url() {
  const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
  followed = store.get('conversationId');
  const follow = followed ? '?conversation_id=' + encodeURIComponent(followed) : '';
  return scheme + location.host + '/ws' + follow;
}

export const socket = new VoiceSocket(url, handlers);

/** Connects, with what the page does as the socket opens, drops and brings messages (see VoiceSocket). */
export function connect(on) {
  Object.assign(handlers, on);
  socket.connect();
}

/** Opens the socket again to follow conversation `id`, unless it already does. */
export function follow(id) {
  if (followed !== id) socket.reconnect();
}
