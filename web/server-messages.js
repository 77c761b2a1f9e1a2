// What the server sends on /ws (docs/protocol.md): each message moves the turn in progress, an announcement, or the
// conversation on, or says a list changed; binary frames are the speech, played as they come.

import { audio, playing } from './audio.js';
import { appendBubbleText, bubble, setBubbleText, setDetail, setSource } from './chat-log.js';
import { $ } from './dom.js';
import { refreshLists } from './lists.js';
import { notifyDismissible } from './notice.js';
import { refreshList, setConversation, showNewConversation } from './sidebar.js';
import { setState } from './status.js';
import { store } from './store.js';
import { answerStarted, failTurn, finishTurn, playbackDrained } from './turn.js';

/**
 * The open conversation was deleted elsewhere (another tab, the API): the turn just sent was refused, so carry on
 * in a new conversation instead of naming the deleted one again with every turn.
 */
function conversationGone() {
  const turn = store.get('turn');
  const typed = turn && turn.kind === 'text' ? turn.record.transcript : null;
  failTurn('This conversation was deleted elsewhere, so a new one has been started. '
    + (typed ? 'Your question is back in the text box: send it again.' : 'Ask your question again.'));
  showNewConversation();
  if (typed && !$('text').value) {
    $('text').value = typed;
    $('text').focus();
  }
  refreshList();
}

export function onMessage(m) {
  const turn = store.get('turn');
  if (m.type === 'error' && m.code === 'unknown_conversation') {
    // it comes instead of `ready`, so it belongs to the turn just sent (or one it replaced, naming the same conversation)
    conversationGone();
    return;
  }
  if (m.type === 'list_changed') {
    refreshLists(); // it belongs to no turn, so it is never one the page skips
    return;
  }
  if (turn && turn.awaitingReady) {
    // anything before `ready` belongs to the turn this one replaced
    if (m.type === 'ready') {
      turn.awaitingReady = false;
      turn.turnId = turn.record.turnId = m.turn_id;
      setConversation(m.conversation_id);
    } else if (m.type === 'error' && !m.turn_id) {
      failTurn(m.message); // the turn just sent was refused
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
      answerStarted();
      if (!turn.replyEl) turn.replyEl = bubble('assistant');
      if (m.final) {
        setBubbleText(turn.replyEl, m.text);
        setSource(turn.replyEl, m.source);
        setDetail(turn.replyEl, m.detail);
        turn.record.reply = m.text;
        turn.record.source = m.source;
      } else {
        appendBubbleText(turn.replyEl, m.delta);
      }
      return;
    case 'audio_start': {
      const announcement = store.get('announcement');
      if (turn) store.set({ audioTarget: turn });
      else if (announcement) store.set({ audioTarget: announcement });
      else return;
      if (audio.player) audio.player.begin(m.sample_rate);
      return;
    }
    case 'audio_end': {
      const announcement = store.get('announcement');
      if (announcement && store.get('audioTarget') === announcement) {
        announcement.audioEnded = true;
        if (!playing()) playbackDrained();
      }
      return;
    }
    case 'turn_done':
      if (!turn) return;
      turn.done = true;
      turn.record.server = m.timings;
      setConversation(m.conversation_id);
      refreshList();
      if (!playing()) finishTurn();
      return;
    case 'announcement':
      if (turn && !turn.done) return; // the server only announces to idle sockets
      if (turn) finishTurn(); // its last words may still be playing; the announcement follows them
      {
        // a ring says its announcement again until stopped: one note for it, not one per repeat
        const id = m.timer_id || m.alarm_id || null;
        const last = $('log').lastElementChild;
        const el = id && last && last.dataset.ringId === id ? last : bubble('note', m.text);
        if (id) el.dataset.ringId = id;
        store.set({ announcement: { el, audioEnded: false } });
      }
      return;
    case 'error':
      // the server says whether the error ends the turn; a protocol error leaves it alone
      if (m.ends_turn) failTurn(m.message);
      else notifyDismissible(m.message);
      return;
    default:
      // a newer server may send more; ignore what this page does not know
  }
}

export function onAudio(buffer) {
  const target = store.get('audioTarget');
  if (!target) return;
  const record = target === store.get('turn') ? target.record : null;
  if (record) record.samplesReceived += buffer.byteLength >> 1;
  const player = audio.player;
  if (!player || audio.ctx.state !== 'running') return;
  const scheduledBefore = player.stats.samplesScheduled;
  const heardAt = player.push(buffer);
  if (record) {
    record.samplesScheduled += player.stats.samplesScheduled - scheduledBefore;
    if (target.firstHeardAt === null && heardAt !== null) {
      target.firstHeardAt = heardAt;
      record.releaseToFirstAudioMs = heardAt - target.releaseAt;
    }
  }
  if (store.get('view') !== 'listening') setState('speaking');
}
