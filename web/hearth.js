// A minimal push-to-talk client for the /ws protocol (docs/protocol.md).
const $ = (id) => document.getElementById(id);
let ws, ctx, mic, node, conversationId = null, listening = false, playAt = 0, sources = [], outRate = 24000;
let pending = [];

function state(text) { $('state').textContent = text; }

function connect() {
  ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws');
  ws.binaryType = 'arraybuffer';
  ws.onopen = () => { state('idle'); $('talk').disabled = false; };
  ws.onclose = () => { state('connection lost, reconnecting…'); $('talk').disabled = true; setTimeout(connect, 1000); };
  ws.onmessage = (e) => typeof e.data === 'string' ? onMessage(JSON.parse(e.data)) : play(e.data);
}

function onMessage(m) {
  if (m.type === 'ready') conversationId = m.conversation_id;
  else if (m.type === 'transcript') $('transcript').textContent = m.text;
  else if (m.type === 'reply' && !m.final) { $('reply').textContent += m.delta; state('thinking'); }
  else if (m.type === 'audio_start') { outRate = m.sample_rate; state('speaking'); }
  else if (m.type === 'announcement') $('reply').textContent = m.text;
  else if (m.type === 'turn_done') {
    conversationId = m.conversation_id;
    const t = m.timings;
    $('timings').textContent = 'release → first audio ' + (t.first_audio_ms ?? '–') + ' ms';
    state('idle');
  } else if (m.type === 'error') state('error: ' + m.message);
}

function play(buf) {
  const pcm = new Int16Array(buf);
  const audio = ctx.createBuffer(1, pcm.length, outRate);
  const ch = audio.getChannelData(0);
  for (let i = 0; i < pcm.length; i++) ch[i] = pcm[i] / 32768;
  const src = ctx.createBufferSource();
  src.buffer = audio;
  src.connect(ctx.destination);
  playAt = Math.max(playAt, ctx.currentTime + 0.02);
  src.start(playAt);
  playAt += audio.duration;
  sources.push(src);
  src.onended = () => { sources = sources.filter((s) => s !== src); };
}

function stopPlayback() { sources.forEach((s) => s.stop()); sources = []; playAt = 0; }

async function ensureAudio() {
  if (ctx) return;
  ctx = new AudioContext();
  await ctx.audioWorklet.addModule('capture-worklet.js');
  mic = ctx.createMediaStreamSource(await navigator.mediaDevices.getUserMedia(
    { audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true } }));
  node = new AudioWorkletNode(ctx, 'capture');
  node.port.onmessage = (e) => { if (listening) ws.send(e.data); };
  mic.connect(node);
}

async function press() {
  if (listening) return;
  try { await ensureAudio(); } catch (err) { state('microphone unavailable: ' + err.message); return; }
  stopPlayback();
  listening = true;
  $('talk').classList.add('listening');
  $('transcript').textContent = ''; $('reply').textContent = '';
  ws.send(JSON.stringify({ type: 'start', sample_rate: ctx.sampleRate, format: 'pcm_s16le',
    ...(conversationId ? { conversation_id: conversationId } : {}) }));
  state('listening');
}

function release() {
  if (!listening) return;
  listening = false;
  $('talk').classList.remove('listening');
  ws.send(JSON.stringify({ type: 'stop' }));
  state('thinking');
}

const talk = $('talk');
talk.addEventListener('pointerdown', (e) => { e.preventDefault(); press(); });
talk.addEventListener('pointerup', release);
talk.addEventListener('pointerleave', release);
document.addEventListener('keydown', (e) => { if (e.code === 'Space' && e.target.tagName !== 'INPUT' && !e.repeat) { e.preventDefault(); press(); } });
document.addEventListener('keyup', (e) => { if (e.code === 'Space' && e.target.tagName !== 'INPUT') release(); });
$('typed').addEventListener('submit', async (e) => {
  e.preventDefault();
  const text = $('text').value.trim();
  if (!text) return;
  if (!ctx) { ctx = new AudioContext(); }
  stopPlayback();
  $('transcript').textContent = text; $('reply').textContent = ''; $('text').value = '';
  ws.send(JSON.stringify({ type: 'text', text, ...(conversationId ? { conversation_id: conversationId } : {}) }));
  state('thinking');
});
connect();
