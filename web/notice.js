// The notice above the conversation: what went wrong and what to do, with its buttons or link.

import { health } from './conversations.js';
import { $ } from './dom.js';
import { store } from './store.js';

/** @param kind connection | microphone | insecure | server: clearNotice(kind) clears only a notice of that kind */
export function notify(kind, text, actions = []) {
  store.set({ notice: kind });
  $('notice-text').textContent = text;
  const box = $('notice-actions');
  box.replaceChildren(...actions.map(({ label, run, href }) => {
    const el = document.createElement(href ? 'a' : 'button');
    el.textContent = label;
    if (href) el.href = href; else { el.type = 'button'; el.addEventListener('click', run); }
    return el;
  }));
  $('notice').dataset.kind = kind;
  $('notice').hidden = false;
}

/** A notice the person can dismiss. */
export function notifyDismissible(text) {
  notify('server', text, [{ label: 'Dismiss', run: () => clearNotice() }]);
}

export function clearNotice(kind) {
  if (kind && store.get('notice') !== kind) return;
  store.set({ notice: null });
  $('notice').hidden = true;
}

/** Over plain http the browser keeps the microphone from the page: says which address to open instead. */
export async function showInsecure() {
  let port = 8443;
  try {
    const h = await health();
    if (h.tls && h.tls.enabled === false) {
      // no https:// address to name: nothing listens there
      notify('insecure', 'Browsers only give the microphone to secure pages, and this one was opened over plain http. '
        + 'HTTPS is switched off on this Hearth: set tls.enabled to true in its settings and restart it, then open '
        + 'the https:// address it prints (typing still works here).');
      return;
    }
    if (h.tls && h.tls.https_port) port = h.tls.https_port;
  } catch (err) { /* keep the default */ }
  const url = 'https://' + location.hostname + (port === 443 ? '' : ':' + port) + location.pathname + location.hash;
  notify('insecure', 'Browsers only give the microphone to secure pages, and this one was opened over plain http. '
    + 'Open ' + url + ' instead (typing still works here).', [{ label: 'Open the secure page', href: url }]);
}
