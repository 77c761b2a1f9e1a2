// The page's audio: one AudioContext, made on the first gesture (browsers only let it start then), the player of
// the server's speech and the microphone.

import { Microphone } from './microphone.js';
import { Player } from './player.js';
import { stats } from './stats.js';

/** ctx, player and mic are null until the first gesture. */
export const audio = { ctx: null, player: null, mic: null };

/** @param onDrained called when the player has played all it was given */
export function ensureAudio(onDrained) {
  if (!audio.ctx) {
    audio.ctx = new AudioContext({ latencyHint: 'interactive' });
    audio.player = new Player(audio.ctx, stats);
    audio.player.onDrained = onDrained;
    audio.mic = new Microphone(audio.ctx);
  }
  if (audio.ctx.state === 'suspended') audio.ctx.resume();
}

/** Whether an answer is still playing. */
export function playing() {
  return Boolean(audio.player && audio.player.playing);
}

/** The output level now, 0 when nothing plays. */
export function outputLevel() {
  return audio.player ? audio.player.level() : 0;
}

export function closeMic() {
  if (audio.mic) audio.mic.close();
}

/** Silences the answer now and records how long until the output was really silent. */
export function interrupt(pressAt) {
  const player = audio.player;
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
