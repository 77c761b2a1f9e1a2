// The shopping and to-do lists in the sidebar: read from /api/lists and changed there, and read again whenever the
// server says a list changed (`list_changed`), whoever changed it: a voice turn, another page, this one.

import { lists as api } from './conversations.js';
import { $ } from './dom.js';
import { notifyDismissible } from './notice.js';

const LISTS = { shopping: 'shopping list', todo: 'to-do list' };
const DELETE_ICON = '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M5 7h14M10 7V4h4v3M7 7l1 13h8l1-13"/></svg>';

let loading = Promise.resolve(); // the latest read, see refreshLists()
const stale = new Set(); // lists not redrawn while a row of theirs was being edited

/** Reads both lists again; reads run one after the other, so a slow answer never overwrites a newer one. */
export function refreshLists() {
  loading = loading.then(load, load);
  return loading;
}

async function load() {
  let all;
  try {
    all = await api.all();
  } catch (err) {
    return; // the connection notice already explains it
  }
  for (const list of Object.keys(LISTS)) {
    const ul = $('list-' + list);
    // redrawing under the cursor would throw away what is being typed: wait until the person leaves the row
    if (ul.contains(document.activeElement) && document.activeElement.classList.contains('item-text')) {
      stale.add(list);
      continue;
    }
    ul.replaceChildren(...(all[list] || []).map(row));
    $('list-' + list + '-empty').hidden = ul.children.length > 0;
  }
}

function row(item) {
  const li = document.createElement('li');
  li.dataset.id = item.id;
  li.classList.toggle('done', item.done);
  const done = document.createElement('input');
  done.type = 'checkbox';
  done.checked = item.done;
  done.setAttribute('aria-label', 'Done: ' + item.text);
  done.addEventListener('change', () => change(item, { done: done.checked }));
  const text = document.createElement('input');
  text.type = 'text';
  text.className = 'item-text';
  text.value = item.text;
  text.maxLength = 200;
  text.setAttribute('aria-label', 'Edit “' + item.text + '”');
  text.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') text.blur();
    if (e.key === 'Escape') {
      text.value = item.text;
      text.blur();
    }
  });
  text.addEventListener('change', () => {
    const words = text.value.trim();
    if (!words) text.value = item.text; // an empty item is no edit: remove it with the button instead
    else if (words !== item.text) change(item, { text: words });
  });
  const remove = document.createElement('button');
  remove.type = 'button';
  remove.className = 'icon delete';
  remove.setAttribute('aria-label', 'Remove “' + item.text + '”');
  remove.title = 'Remove';
  remove.innerHTML = DELETE_ICON;
  remove.addEventListener('click', async () => {
    try {
      await api.remove(item.list, item.id);
    } catch (err) {
      notifyDismissible('Could not remove “' + item.text + '”: ' + err.message);
    }
    refreshLists();
  });
  li.append(done, text, remove);
  return li;
}

async function change(item, patch) {
  try {
    await api.update(item.list, item.id, patch);
  } catch (err) {
    notifyDismissible('Could not change “' + item.text + '”: ' + err.message);
  }
  refreshLists();
}

async function add(list, input) {
  const text = input.value.trim();
  if (!text) return;
  try {
    await api.add(list, text);
    input.value = '';
  } catch (err) {
    notifyDismissible('Could not add to the ' + LISTS[list] + ': ' + err.message);
  }
  refreshLists();
}

/** Wires the add forms and the redraw of a list left while it was being edited. */
export function wireLists() {
  for (const list of Object.keys(LISTS)) {
    $('add-' + list).addEventListener('submit', (e) => {
      e.preventDefault();
      add(list, $('add-' + list + '-text'));
    });
    $('list-' + list).addEventListener('focusout', () => {
      if (stale.delete(list)) queueMicrotask(refreshLists);
    });
  }
}
