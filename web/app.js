// The Hearth page: push-to-talk over /ws, typed turns, and the conversation history from /api.
// One visible state at a time: connecting, idle, listening, thinking, speaking or error.

import { Microphone, MicrophoneError } from './microphone.js';
import { Player } from './player.js';
import { VoiceSocket } from './voice-socket.js';
import { conversations, health, status } from './conversations.js';
import { LiveCall } from './live.js';

const $ = (id) => document.getElementById(id);

const STATE_TEXT = {
  connecting: 'Connecting…',
  idle: 'Ready',
  listening: 'Listening…',
  thinking: 'Thinking…',
  speaking: 'Speaking…',
  error: 'Error',
  live: 'Live',
};

const MIC_PROBLEM = { denied: 'Microphone blocked', absent: 'No microphone', busy: 'Microphone busy',
  insecure: 'Needs HTTPS', unsupported: 'Microphone error' };

/** Server error codes that end the running turn (docs/protocol.md, "Error codes"). */
const TURN_ENDING = new Set(['unknown_conversation', 'utterance_too_long', 'stt_failed', 'brain_failed',
  'tts_failed', 'internal']);

/**
 * The most of one utterance the page keeps for sending (16 kHz 16-bit mono: 30 s, the server's default
 * stt.max_utterance_millis): what is said while the socket is (re)connecting waits here until it opens.
 */
const KEPT_AUDIO_BYTES = 30 * 16000 * 2;

// What the tests (and a curious person in the console) can read: window.hearth.stats
const stats = {
  turns: [],      // {kind, turnId, releaseToFirstAudioMs, samplesReceived, samplesScheduled, transcript, reply, source, server}
  bargeIns: [],   // {stopMs}: press → output silent
  states: [],     // the states shown, in order (the last 200)
  samplesReceived: 0,
  samplesScheduled: 0,
  underruns: 0,
  statusReads: 0, // how often /api/status was read
};

const page = {
  state: 'connecting',
  conversationId: null,
  ctx: null,
  player: null,
  mic: null,
  turn: null,          // the turn in progress, see newTurn()
  announcement: null,  // {el} while the server speaks on its own
  audioTarget: null,   // what incoming audio belongs to: the turn or the announcement
  pressed: false,
  micOpening: null,
  notice: null,        // the kind of notice shown: connection | microphone | insecure | server
  socket: null,
  followed: null,      // the conversation the socket was opened to follow
  live: null,          // the LiveCall while live mode is on
  liveAvailable: false,
  deadlineMs: 8000,    // the server's brain.deadline_millis, from /api/status
  listing: Promise.resolve(), // the sidebar's latest update, see listJob()
  thinkingTimer: null,
};

// ---------- state and notices ----------

/** @param label overrides the state's usual words, e.g. which kind of error */
function setState(state, label) {
  if (state !== page.state) stats.states.push(state);
  if (stats.states.length > 200) stats.states.shift();
  page.state = state;
  document.body.dataset.state = state;
  $('state-text').textContent = label || STATE_TEXT[state];
  const talk = $('talk');
  talk.setAttribute('aria-pressed', String(state === 'listening'));
  $('talk-label').textContent = state === 'listening' ? 'Release to send'
    : state === 'speaking' ? 'Hold to interrupt' : 'Hold to talk';
  // the talk button works while (re)connecting too: what is said is kept until the socket opens (see keepAudio)
  talk.disabled = false;
  $('send').disabled = !(page.socket && page.socket.isOpen);
  if (state !== 'listening') showLevel(0);
  clearTimeout(page.thinkingTimer);
  if (state === 'thinking') {
    // the server starts answering (or apologizes) within its deadline; the page never waits much longer than that
    const turn = page.turn;
    page.thinkingTimer = setTimeout(() => {
      if (page.state === 'thinking' && page.turn === turn) {
        if (turn && turn.kind === 'voice' && !turn.sent) {
          failTurn('Hearth could not be reached, so what you said was not heard. Try again once it says Ready.');
          return;
        }
        if (turn) page.socket.send({ type: 'cancel' });
        failTurn('No answer came in time. Try again, or type the question.');
      }
    }, page.deadlineMs + 3000);
  }
}

function notify(kind, text, actions = []) {
  page.notice = kind;
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

function clearNotice(kind) {
  if (kind && page.notice !== kind) return;
  page.notice = null;
  $('notice').hidden = true;
}

function showLevel(level) {
  const shown = Math.round(level * 100);
  $('talk').style.setProperty('--level', level.toFixed(3));
  $('meter').firstElementChild.style.width = shown + '%';
  $('meter').setAttribute('aria-valuenow', String(shown));
}

// RMS → 0..1 on a 60 dB scale
function levelOf(rms) {
  return Math.max(0, Math.min(1, (20 * Math.log10(rms + 1e-9) + 60) / 60));
}

// ---------- the conversation log ----------

function bubble(role, text = '') {
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

function setBubbleText(el, text, partial) {
  el.firstElementChild.textContent = text;
  el.classList.toggle('partial', Boolean(partial));
  el.scrollIntoView({ block: 'end' });
}

function setSource(el, source) {
  let badge = el.querySelector('.source');
  if (!badge) {
    badge = document.createElement('span');
    badge.className = 'source';
    el.append(badge);
  }
  badge.textContent = source;
}

function clearLog() {
  $('log').querySelectorAll('.bubble').forEach((el) => el.remove());
  $('log-empty').hidden = false;
}

function renderEvents(events) {
  clearLog();
  for (const e of events) {
    if (e.type === 'user_transcript' || e.type === 'user_text') bubble('user', e.text);
    else if (e.type === 'assistant_reply') setSource(bubble('assistant', e.text), e.source || '');
    else if (e.type === 'timer_fired') bubble('note', e.text);
  }
}

// ---------- audio ----------

/** Creates the AudioContext on the first gesture (browsers only let it start then). */
function ensureAudio() {
  if (!page.ctx) {
    page.ctx = new AudioContext({ latencyHint: 'interactive' });
    page.player = new Player(page.ctx, stats);
    page.player.onDrained = playbackDrained;
    page.mic = new Microphone(page.ctx);
  }
  if (page.ctx.state === 'suspended') page.ctx.resume();
}

/** Silences the answer now and records how long until the output was really silent. */
function interrupt(pressAt) {
  const player = page.player;
  if (!player || !player.playing) return;
  player.stop();
  const record = { stopMs: null };
  stats.bargeIns.push(record);
  const check = () => {
    if (player.level() === 0) record.stopMs = performance.now() - pressAt;
    else if (performance.now() - pressAt < 2000) setTimeout(check, 2);
  };
  check();
}

function playbackDrained() {
  if (page.turn && page.turn.done) finishTurn();
  if (page.announcement && page.announcement.audioEnded) {
    page.announcement = null;
    page.audioTarget = null;
  }
  if (!page.turn && !page.announcement && page.state === 'speaking') setState('idle');
}

// ---------- turns ----------

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
function abandonTurn() {
  if (page.turn && page.turn.replyEl && !page.turn.done) page.turn.replyEl.classList.add('cut');
  if (page.turn && page.turn.userEl && page.turn.kind === 'voice' && !page.turn.userEl.textContent) {
    page.turn.userEl.remove();
  }
  page.turn = null;
  page.announcement = null;
  page.audioTarget = null;
}

function finishTurn() {
  const turn = page.turn;
  if (!turn) return;
  page.turn = null;
  page.audioTarget = null;
  setState(page.player && page.player.playing ? 'speaking' : 'idle');
  if (turn.record.releaseToFirstAudioMs !== null) {
    $('timings').textContent = (turn.kind === 'voice' ? 'Release' : 'Send') + ' → voice: '
      + Math.round(turn.record.releaseToFirstAudioMs) + ' ms';
    const t = turn.record.server || {};
    $('timings').title = 'Server: transcript ' + (t.stt_final_ms ?? '–') + ' ms, first reply '
      + (t.first_reply_ms ?? '–') + ' ms, first audio ' + (t.first_audio_ms ?? '–') + ' ms';
  }
}

function failTurn(message) {
  if (page.mic) page.mic.close();
  page.pressed = false;
  abandonTurn();
  notify('server', message, [{ label: 'Dismiss', run: () => { clearNotice(); setState('idle'); } }]);
  setState('error');
}

/**
 * The open conversation was deleted elsewhere (another tab, the API): the turn just sent was refused, so carry on
 * in a new conversation instead of naming the deleted one again with every turn.
 */
function conversationGone() {
  const typed = page.turn && page.turn.kind === 'text' ? page.turn.record.transcript : null;
  failTurn('This conversation was deleted elsewhere, so a new one has been started. '
    + (typed ? 'Your question is back in the text box: send it again.' : 'Ask your question again.'));
  showNewConversation();
  if (typed && !$('text').value) {
    $('text').value = typed;
    $('text').focus();
  }
  refreshList();
}

function conversationParam() {
  return page.conversationId ? { conversation_id: page.conversationId } : {};
}

async function press() {
  if (page.pressed || page.live) return;
  if (!window.isSecureContext) {
    showInsecure();
    return;
  }
  page.pressed = true;
  const pressAt = performance.now();
  ensureAudio();
  interrupt(pressAt);
  abandonTurn();
  clearNotice('server');
  clearNotice('microphone');
  const turn = newTurn('voice');
  page.turn = turn;
  sendVoiceTurn(turn);
  setState('listening');
  if (!turn.sent) {
    notify('connection', 'Hearth is not connected yet: what you say is kept and sent once it is.');
    page.socket.connectNowIfWaiting();
  }
  page.micOpening = page.mic.open((pcm, rms) => {
    if (page.turn === turn && turn.releaseAt === null) {
      keepAudio(turn, pcm);
      showLevel(levelOf(rms));
    }
  });
  try {
    await page.micOpening;
  } catch (err) {
    page.pressed = false;
    page.socket.send({ type: 'cancel' });
    turn.userEl.remove();
    abandonTurn();
    const problem = err instanceof MicrophoneError ? err : MicrophoneError.from(err);
    if (problem.kind === 'insecure') showInsecure();
    else notify('microphone', problem.message);
    setState('error', MIC_PROBLEM[problem.kind]);
  }
}

async function release() {
  if (!page.pressed) return;
  page.pressed = false;
  const turn = page.turn;
  if (!turn || turn.kind !== 'voice') return;
  turn.releaseAt = performance.now();
  // not sent yet: onOpen sends it, or the thinking timer says it could not be heard
  setState('thinking', turn.sent ? undefined : 'Waiting for Hearth…');
  try {
    await page.micOpening;
    await page.mic.finish();
  } catch (err) {
    return; // press() explains it
  }
  if (page.turn === turn && turn.sent && !turn.stopSent) turn.stopSent = page.socket.send({ type: 'stop' });
}

/** Sends a voice turn's `start`, what was kept of it and, once released, its `stop`, if the socket is open. */
function sendVoiceTurn(turn) {
  if (!page.socket.isOpen) return;
  turn.awaitingReady = true; // anything before its `ready` belongs to a turn it replaced
  turn.sent = page.socket.send({ type: 'start', sample_rate: 16000, format: 'pcm_s16le', ...conversationParam() });
  for (const pcm of turn.kept) page.socket.sendAudio(pcm);
  if (turn.releaseAt !== null && page.micOpening) {
    page.micOpening.then(() => {
      if (page.turn === turn && turn.sent && !turn.stopSent) turn.stopSent = page.socket.send({ type: 'stop' });
    }, () => { /* press() explains it */ });
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
  if (turn.sent) page.socket.sendAudio(pcm);
}

/** A voice turn the server has not got yet: kept through a dropped or slow connection until the socket opens. */
function waitingVoiceTurn() {
  const turn = page.turn;
  return turn && turn.kind === 'voice' && !turn.stopSent ? turn : null;
}

/** Esc: stop the answer (or the listening, or live mode) without starting a new turn. */
function cancel() {
  if (page.live) {
    page.live.stop('', false);
    return;
  }
  if (page.state === 'idle' || page.state === 'connecting') return;
  interrupt(performance.now());
  if (page.mic) page.mic.close();
  page.pressed = false;
  page.socket.send({ type: 'cancel' });
  abandonTurn();
  setState(page.socket.isOpen ? 'idle' : 'connecting');
}

function sendText(text) {
  if (!page.socket.isOpen) return;
  const submittedAt = performance.now();
  ensureAudio();
  interrupt(submittedAt);
  abandonTurn();
  clearNotice('server');
  const turn = newTurn('text', text);
  turn.releaseAt = submittedAt;
  page.turn = turn;
  page.socket.send({ type: 'text', text, ...conversationParam() });
  setState('thinking');
}

// ---------- messages from the server ----------

function onMessage(m) {
  const turn = page.turn;
  if (m.type === 'error' && m.code === 'unknown_conversation') {
    // it comes instead of `ready`, so it belongs to the turn just sent (or one it replaced, naming the same conversation)
    conversationGone();
    return;
  }
  if (turn && turn.awaitingReady) {
    // anything before `ready` belongs to the turn this one replaced
    if (m.type === 'ready') {
      turn.awaitingReady = false;
      turn.turnId = turn.record.turnId = m.turn_id;
      setConversation(m.conversation_id);
    } else if (m.type === 'error' && !m.turn_id) {
      failTurn(m.message);
    }
    return;
  }
  switch (m.type) {
    case 'transcript':
      if (!turn || turn.kind !== 'voice') return;
      setBubbleText(turn.userEl, m.text, !m.final);
      if (m.final) {
        turn.record.transcript = m.text;
        if (!m.text) {
          turn.userEl.remove();
          $('timings').textContent = 'Nothing was heard.';
        }
      }
      return;
    case 'reply':
      if (!turn) return;
      clearTimeout(page.thinkingTimer); // the answer has started: the deadline is met
      if (!turn.replyEl) turn.replyEl = bubble('assistant');
      if (m.final) {
        setBubbleText(turn.replyEl, m.text);
        setSource(turn.replyEl, m.source);
        turn.record.reply = m.text;
        turn.record.source = m.source;
      } else {
        setBubbleText(turn.replyEl, turn.replyEl.firstElementChild.textContent + m.delta);
      }
      return;
    case 'audio_start':
      if (turn) page.audioTarget = turn;
      else if (page.announcement) page.audioTarget = page.announcement;
      else return;
      if (page.player) page.player.begin(m.sample_rate);
      return;
    case 'audio_end':
      if (page.audioTarget === page.announcement && page.announcement) {
        page.announcement.audioEnded = true;
        if (!page.player || !page.player.playing) playbackDrained();
      }
      return;
    case 'turn_done':
      if (!turn) return;
      turn.done = true;
      turn.record.server = m.timings;
      setConversation(m.conversation_id);
      refreshList();
      if (!page.player || !page.player.playing) finishTurn();
      return;
    case 'announcement':
      if (turn && !turn.done) return; // the server only announces to idle sockets
      if (turn) finishTurn(); // its last words may still be playing; the announcement follows them
      page.announcement = { el: bubble('note', m.text), audioEnded: false };
      return;
    case 'error':
      if (TURN_ENDING.has(m.code) || (turn && m.turn_id && m.turn_id === turn.turnId)) {
        failTurn(m.message);
      } else {
        notify('server', m.message, [{ label: 'Dismiss', run: () => clearNotice() }]);
      }
      return;
    default:
      // a newer server may send more; ignore what this page does not know
  }
}

function onAudio(buffer) {
  const target = page.audioTarget;
  if (!target) return;
  const record = target === page.turn ? target.record : null;
  if (record) record.samplesReceived += buffer.byteLength >> 1;
  if (!page.player || page.ctx.state !== 'running') return;
  const scheduledBefore = page.player.stats.samplesScheduled;
  const heardAt = page.player.push(buffer);
  if (record) {
    record.samplesScheduled += page.player.stats.samplesScheduled - scheduledBefore;
    if (target.firstHeardAt === null && heardAt !== null) {
      target.firstHeardAt = heardAt;
      record.releaseToFirstAudioMs = heardAt - target.releaseAt;
    }
  }
  if (page.state !== 'listening') setState('speaking');
}

// ---------- conversations ----------

function setConversation(id) {
  if (!id || id === page.conversationId) return;
  page.conversationId = id;
  history.replaceState(null, '', '#c=' + encodeURIComponent(id));
  markCurrent();
}

function conversationFromHash() {
  const match = /^#c=(.+)$/.exec(location.hash);
  return match ? decodeURIComponent(match[1]) : null;
}

async function openConversation(id) {
  closeSidebar();
  if (page.state !== 'idle' && page.state !== 'error') cancel();
  try {
    const c = await conversations.get(id);
    page.conversationId = c.id;
    history.replaceState(null, '', '#c=' + encodeURIComponent(c.id));
    $('title').textContent = c.title || 'Untitled conversation';
    renderEvents(c.events);
    markCurrent();
    if (page.followed !== c.id) page.socket.reconnect(); // follow it: its timer announcements come to this page
  } catch (err) {
    notify('server', 'Could not open the conversation: ' + err.message);
    if (page.conversationId === id) startNewConversation();
  }
}

function startNewConversation() {
  closeSidebar();
  if (page.state !== 'idle' && page.state !== 'error') cancel();
  showNewConversation();
  $('text').focus();
}

/** The next turn starts a new conversation. */
function showNewConversation() {
  page.conversationId = null;
  history.replaceState(null, '', location.pathname);
  $('title').textContent = 'New conversation';
  clearLog();
  markCurrent();
}

function markCurrent() {
  for (const li of $('conversation-list').children) {
    const current = li.dataset.id === page.conversationId;
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

const ICONS = {
  rename: '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 20h4L19 9l-4-4L4 16v4zM14 6l4 4"/></svg>',
  delete: '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M5 7h14M10 7V4h4v3M7 7l1 13h8l1-13"/></svg>',
};

/** How many conversations the sidebar lists at first, and how many more each "Show more" adds. */
const LIST_PAGE = 50;

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
  page.listing = page.listing.then(job, job);
  return page.listing;
}

/** Reloads the sidebar, keeping as many conversations listed as "Show more" has shown. */
function refreshList() {
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
function showMore() {
  return listJob(async () => {
    const list = $('conversation-list');
    let got;
    try {
      got = await fetchConversations(list.children.length, LIST_PAGE);
    } catch (err) {
      notify('server', 'Could not list more conversations: ' + err.message, [{ label: 'Dismiss', run: () => clearNotice() }]);
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
  if (page.conversationId === id) startNewConversation();
  await refreshList();
}

// ---------- sidebar (a drawer on narrow screens) ----------

function openSidebar() {
  document.body.classList.add('sidebar-open');
  $('menu').setAttribute('aria-expanded', 'true');
  $('scrim').hidden = false;
  const first = $('conversation-list').querySelector('button') || $('new-conversation');
  first.focus();
}

function closeSidebar() {
  if (!document.body.classList.contains('sidebar-open')) return;
  document.body.classList.remove('sidebar-open');
  $('menu').setAttribute('aria-expanded', 'false');
  $('scrim').hidden = true;
}

// ---------- connection ----------

function socketUrl() {
  const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
  page.followed = page.conversationId;
  const follow = page.conversationId ? '?conversation_id=' + encodeURIComponent(page.conversationId) : '';
  return scheme + location.host + '/ws' + follow;
}

function onOpen() {
  clearNotice('connection');
  if (page.live) return;
  const waiting = waitingVoiceTurn();
  if (waiting) {
    sendVoiceTurn(waiting);
    setState(page.pressed ? 'listening' : 'thinking'); // the thinking timer starts again from now
  } else if (page.state === 'connecting' || page.state === 'error' || page.notice === null) setState('idle');
  refreshList();
  refreshStatus();
}

// ---------- live mode ----------

const EMPTY_LOG_TEXT = document.getElementById('log-empty').textContent;

/** Reads what the server can do now; the live-mode control shows only when live mode is available. */
async function refreshStatus() {
  try {
    const s = await status();
    page.liveAvailable = Boolean(s.capabilities && s.capabilities.live_mode && s.capabilities.live_mode.available);
    if (s.deadline_ms) page.deadlineMs = s.deadline_ms;
  } catch (err) {
    page.liveAvailable = false;
  }
  $('live').hidden = !page.liveAvailable || page.live !== null;
  stats.statusReads += 1;
}

async function enterLive() {
  if (page.live) return;
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
      leaveLiveUi();
      if (isError) notify('server', 'Live mode ended: ' + reason, [{ label: 'Dismiss', run: () => clearNotice() }]);
      else if (reason) notify('server', reason, [{ label: 'Dismiss', run: () => clearNotice() }]);
      if (call.conversationId) openConversation(call.conversationId);
      refreshList();
      refreshStatus();
    },
  });
  page.live = call;
  document.body.classList.add('live');
  $('log-empty').textContent = 'Speak freely: live mode listens all the time. What is said appears here.';
  $('live').hidden = true;
  $('live-panel').hidden = false;
  setState('live', 'Live: starting…');
  $('live-state').textContent = 'Live: starting…';
  try {
    await call.start(page.conversationId);
    if (call.conversationId) setConversation(call.conversationId);
  } catch (err) {
    await call.stop(err.message, true);
  }
}

function leaveLiveUi() {
  page.live = null;
  $('log-empty').textContent = EMPTY_LOG_TEXT;
  document.body.classList.remove('live');
  $('live-panel').hidden = true;
  setState(page.socket.isOpen ? 'idle' : 'connecting');
}

function onDown(retryInMs) {
  const waiting = waitingVoiceTurn();
  if (waiting) {
    // the server never got its `stop`: keep what was said and send it all again once the socket opens
    waiting.sent = false;
    notify('connection', 'Lost the connection to Hearth. What you say is kept and sent once it is back.',
      [{ label: 'Retry now', run: () => page.socket.reconnect() }]);
    return;
  }
  const wasBusy = page.turn !== null;
  if (page.mic) page.mic.close();
  page.pressed = false;
  abandonTurn();
  if (page.player) page.player.stop();
  const seconds = Math.max(1, Math.round(retryInMs / 1000));
  notify('connection', 'Lost the connection to Hearth' + (wasBusy ? ' during the answer' : '')
    + '. Trying again in ' + seconds + ' s; your conversation is kept.',
  [{ label: 'Retry now', run: () => page.socket.reconnect() }]);
  setState('error', 'Offline');
}

async function showInsecure() {
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

// ---------- input wiring ----------

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
    if (page.pressed) release(); else press();
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
    if (e.code !== 'Space' || !page.pressed) return;
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
  $('live-exit').addEventListener('click', () => page.live && page.live.stop('', false));
  $('menu').addEventListener('click', () => {
    if (document.body.classList.contains('sidebar-open')) closeSidebar(); else openSidebar();
  });
  $('scrim').addEventListener('click', closeSidebar);
}

function start() {
  wire();
  page.conversationId = conversationFromHash();
  page.socket = new VoiceSocket(socketUrl, { onOpen, onDown, onMessage, onAudio, hurry: () => waitingVoiceTurn() !== null });
  setState('connecting');
  page.socket.connect();
  if (page.conversationId) openConversation(page.conversationId);
  if (!window.isSecureContext) showInsecure();
  if ('serviceWorker' in navigator && window.isSecureContext) {
    navigator.serviceWorker.register('sw.js').catch(() => { /* the page works without it */ });
  }
}

window.hearth = {
  stats,
  get state() { return page.state; },
  get conversationId() { return page.conversationId; },
  outputLevel: () => (page.player ? page.player.level() : 0),
  /** The live call, while live mode is on: its events can be fed to it, and what it forwarded read back. */
  get live() { return page.live; },
};
start();
