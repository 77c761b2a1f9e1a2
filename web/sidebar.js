// The conversations: the sidebar's list (a drawer on narrow screens), opening one, starting a new one, renaming and
// deleting. The open conversation is the store's conversationId; the address (#c=…) follows it.

import { clearLog, renderEvents } from './chat-log.js';
import { conversations } from './conversations.js';
import { $ } from './dom.js';
import { notify, notifyDismissible } from './notice.js';
import { follow } from './socket.js';
import { store } from './store.js';
import { cancel } from './turn.js';

const ICONS = {
  rename: '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 20h4L19 9l-4-4L4 16v4zM14 6l4 4"/></svg>',
  delete: '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M5 7h14M10 7V4h4v3M7 7l1 13h8l1-13"/></svg>',
};

/** How many conversations the sidebar lists at first, and how many more each "Show more" adds. */
const LIST_PAGE = 50;

let listing = Promise.resolve(); // the list's latest update, see listJob()

store.on('conversationId', (id, before) => {
  if (id === before) return;
  history.replaceState(null, '', id ? '#c=' + encodeURIComponent(id) : location.pathname);
  markCurrent();
});

/** The conversation the server put the turn in (the same, or a new one). */
export function setConversation(id) {
  if (id) store.set({ conversationId: id });
}

export function conversationFromHash() {
  const match = /^#c=(.+)$/.exec(location.hash);
  return match ? decodeURIComponent(match[1]) : null;
}

export async function openConversation(id) {
  closeSidebar();
  if (store.get('view') !== 'idle' && store.get('view') !== 'error') cancel();
  try {
    const c = await conversations.get(id);
    store.set({ conversationId: c.id });
    $('title').textContent = c.title || 'Untitled conversation';
    renderEvents(c.events);
    markCurrent();
    follow(c.id); // its timer announcements come to this page
  } catch (err) {
    notify('server', 'Could not open the conversation: ' + err.message);
    if (store.get('conversationId') === id) startNewConversation();
  }
}

export function startNewConversation() {
  closeSidebar();
  if (store.get('view') !== 'idle' && store.get('view') !== 'error') cancel();
  showNewConversation();
  $('text').focus();
}

/** The next turn starts a new conversation. */
export function showNewConversation() {
  store.set({ conversationId: null });
  $('title').textContent = 'New conversation';
  clearLog();
}

function markCurrent() {
  for (const li of $('conversation-list').children) {
    const current = li.dataset.id === store.get('conversationId');
    li.classList.toggle('current', current);
    li.querySelector('.open').setAttribute('aria-current', String(current));
    if (current) $('title').textContent = li.dataset.title;
  }
}

function when(millis) {
  const d = new Date(millis);
  const today = new Date();
  return d.toDateString() === today.toDateString()
    ? d.toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' })
    : d.toLocaleDateString([], { month: 'short', day: 'numeric' });
}

/** Reads `count` conversations from `offset` on, newest first, one page per request. */
async function fetchConversations(offset, count) {
  const found = [];
  let total = 0;
  while (found.length < count) {
    const got = await conversations.list(Math.min(LIST_PAGE, count - found.length), offset + found.length);
    total = got.total;
    found.push(...got.conversations);
    if (got.conversations.length === 0 || offset + found.length >= total) break;
  }
  return { found, total };
}

/** Runs list updates one after the other, so that a slow answer never overwrites a newer one. */
function listJob(job) {
  listing = listing.then(job, job);
  return listing;
}

/** Reloads the sidebar, keeping as many conversations listed as "Show more" has shown. */
export function refreshList() {
  return listJob(async () => {
    const list = $('conversation-list');
    let got;
    try {
      got = await fetchConversations(0, Math.max(LIST_PAGE, list.children.length));
    } catch (err) {
      return; // the connection notice already explains it
    }
    list.replaceChildren(...got.found.map(listItem));
    listShown(got.total);
  });
}

/** Lists the next page of older conversations. */
export function showMore() {
  return listJob(async () => {
    const list = $('conversation-list');
    let got;
    try {
      got = await fetchConversations(list.children.length, LIST_PAGE);
    } catch (err) {
      notifyDismissible('Could not list more conversations: ' + err.message);
      return;
    }
    const shown = new Set(Array.from(list.children, (li) => li.dataset.id));
    const added = got.found.filter((c) => !shown.has(c.id)).map(listItem);
    list.append(...added);
    listShown(got.total);
    // the button is gone once all are listed: focus moves to the first one it added rather than to nowhere
    if ($('more-conversations').hidden && added.length) added[0].querySelector('.open').focus();
  });
}

function listShown(total) {
  const count = $('conversation-list').children.length;
  $('list-empty').hidden = count > 0;
  $('more-conversations').hidden = count >= total;
  $('more-conversations').title = count + ' of ' + total + ' listed';
  markCurrent();
}

function listItem(c) {
  const title = c.title || 'Untitled conversation';
  const li = document.createElement('li');
  li.dataset.id = c.id;
  li.dataset.title = title;
  const open = document.createElement('button');
  open.type = 'button';
  open.className = 'open';
  open.innerHTML = '<span class="name"></span><small></small>';
  open.querySelector('.name').textContent = title;
  open.querySelector('small').textContent = when(c.updated_at);
  open.addEventListener('click', () => openConversation(c.id));
  const rename = iconButton('rename', 'Rename “' + title + '”', () => renameConversation(c.id, title));
  const remove = iconButton('delete', 'Delete “' + title + '”', () => deleteConversation(c.id, title));
  li.append(open, rename, remove);
  return li;
}

function iconButton(kind, label, run) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'icon ' + kind;
  b.setAttribute('aria-label', label);
  b.title = label;
  b.innerHTML = ICONS[kind];
  b.addEventListener('click', run);
  return b;
}

function ask(dialog) {
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue), { once: true });
    dialog.showModal();
  });
}

async function renameConversation(id, title) {
  const input = $('rename-input');
  input.value = title;
  const dialog = $('rename-dialog');
  dialog.returnValue = '';
  queueMicrotask(() => input.select());
  if (await ask(dialog) !== 'save' || !input.value.trim()) return;
  try {
    await conversations.rename(id, input.value.trim());
  } catch (err) {
    notify('server', 'Could not rename the conversation: ' + err.message);
  }
  await refreshList();
}

async function deleteConversation(id, title) {
  $('delete-text').textContent = '“' + title + '” and all its turns will be deleted. This cannot be undone.';
  const dialog = $('delete-dialog');
  dialog.returnValue = '';
  if (await ask(dialog) !== 'delete') return;
  try {
    await conversations.remove(id);
  } catch (err) {
    notify('server', 'Could not delete the conversation: ' + err.message);
  }
  if (store.get('conversationId') === id) startNewConversation();
  await refreshList();
}

// ---------- the drawer, on narrow screens ----------

export function openSidebar() {
  document.body.classList.add('sidebar-open');
  $('menu').setAttribute('aria-expanded', 'true');
  $('scrim').hidden = false;
  const first = $('conversation-list').querySelector('button') || $('new-conversation');
  first.focus();
}

export function closeSidebar() {
  if (!document.body.classList.contains('sidebar-open')) return;
  document.body.classList.remove('sidebar-open');
  $('menu').setAttribute('aria-expanded', 'false');
  $('scrim').hidden = true;
}

export function toggleSidebar() {
  if (document.body.classList.contains('sidebar-open')) closeSidebar(); else openSidebar();
}
