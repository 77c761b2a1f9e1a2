// The conversation log: one bubble per turn's words (user, assistant, note).

import { $ } from './dom.js';

export function bubble(role, text = '') {
  $('log-empty').hidden = true;
  const el = document.createElement('div');
  el.className = 'bubble ' + role;
  const body = document.createElement('p');
  body.textContent = text;
  el.append(body);
  $('log').append(el);
  el.scrollIntoView({ block: 'end' });
  return el;
}

export function setBubbleText(el, text, partial) {
  el.firstElementChild.textContent = text;
  el.classList.toggle('partial', Boolean(partial));
  el.scrollIntoView({ block: 'end' });
}

/** Adds what the text says after what the bubble shows. */
export function appendBubbleText(el, text, partial) {
  setBubbleText(el, el.firstElementChild.textContent + text, partial);
}

/** The badge naming where an answer came from (skill, llm, openai, fallback, live). */
export function setSource(el, source) {
  let badge = el.querySelector('.source');
  if (!badge) {
    badge = document.createElement('span');
    badge.className = 'source';
    el.append(badge);
  }
  badge.textContent = source;
}

/** The longer explanation of a short spoken answer (a reply's detail), shown under it and never spoken. */
export function setDetail(el, detail) {
  if (!detail) return;
  let note = el.querySelector('.detail');
  if (!note) {
    note = document.createElement('p');
    note.className = 'detail';
    el.append(note);
  }
  note.textContent = detail;
}

export function clearLog() {
  $('log').querySelectorAll('.bubble').forEach((el) => el.remove());
  $('log-empty').hidden = false;
}

/** Shows a stored conversation's events (docs/protocol.md, GET /api/conversations/{id}). */
export function renderEvents(events) {
  clearLog();
  for (const e of events) {
    if (e.type === 'user_transcript' || e.type === 'user_text') bubble('user', e.text);
    else if (e.type === 'assistant_reply') {
      const el = bubble('assistant', e.text);
      setSource(el, e.source || '');
      setDetail(el, e.data && e.data.detail);
    }
    else if (e.type === 'timer_fired') bubble('note', e.text);
  }
}
