// Drives Hearth's OpenAI-compatible API with the official OpenAI Node SDK, as a program written for OpenAI would.
// Usage: OPENAI_BASE_URL=http://127.0.0.1:PORT/v1 OPENAI_API_KEY=KEY node sdk-check.mjs AUDIO.wav OUT_DIR
// Prints one JSON object with what each call returned; writes the speech it was sent to OUT_DIR/speech.wav and
// OUT_DIR/speech.pcm. OpenAiSdkTest checks the results; this script only reports them.
import fs from 'node:fs';
import path from 'node:path';
import OpenAI from 'openai';

const [audio, outDir] = process.argv.slice(2);
if (!audio || !outDir) {
  console.error('usage: node sdk-check.mjs AUDIO.wav OUT_DIR');
  process.exit(2);
}
// baseURL and apiKey come from OPENAI_BASE_URL and OPENAI_API_KEY; no retries, so a failure shows at once
const client = new OpenAI({ maxRetries: 0, timeout: 60_000 });
const report = {};

// Transcription in three response formats, and streamed.
report.json = (await client.audio.transcriptions.create({ file: fs.createReadStream(audio), model: 'whisper-1' })).text;
report.text = await client.audio.transcriptions.create({
  file: fs.createReadStream(audio), model: 'whisper-1', response_format: 'text',
});
const verbose = await client.audio.transcriptions.create({
  file: fs.createReadStream(audio), model: 'whisper-1', response_format: 'verbose_json',
  timestamp_granularities: ['word', 'segment'],
});
report.verbose = {
  text: verbose.text, language: verbose.language, duration: verbose.duration,
  segments: verbose.segments.length, words: verbose.words.length, firstWord: verbose.words[0],
};
const deltas = [];
let done = null;
const events = await client.audio.transcriptions.create({
  file: fs.createReadStream(audio), model: 'gpt-4o-mini-transcribe', stream: true,
});
for await (const event of events) {
  if (event.type === 'transcript.text.delta') deltas.push(event.delta);
  if (event.type === 'transcript.text.done') done = event.text;
}
report.streamedTranscript = { deltas, done };

// Speech as WAV and as raw PCM, written for the Java side to check.
const wav = await client.audio.speech.create({
  model: 'tts-1', voice: 'alloy', input: 'Hello from the OpenAI SDK. Hearth speaks offline.', response_format: 'wav',
});
fs.writeFileSync(path.join(outDir, 'speech.wav'), Buffer.from(await wav.arrayBuffer()));
report.speechContentType = wav.headers.get('content-type');
const pcm = await client.audio.speech.create({
  model: 'gpt-4o-mini-tts', voice: 'coral', input: 'Hello from the OpenAI SDK. Hearth speaks offline.',
  response_format: 'pcm',
});
fs.writeFileSync(path.join(outDir, 'speech.pcm'), Buffer.from(await pcm.arrayBuffer()));

// Chat: streamed deltas, and one whole answer.
const chat = await client.chat.completions.create({
  model: 'gpt-4o-mini', stream: true, stream_options: { include_usage: true },
  messages: [{ role: 'user', content: 'what is twelve times seven' }],
});
const pieces = [];
let finish = null;
let usage = null;
for await (const chunk of chat) {
  if (chunk.choices.length > 0) {
    if (chunk.choices[0].delta.content) pieces.push(chunk.choices[0].delta.content);
    if (chunk.choices[0].finish_reason) finish = chunk.choices[0].finish_reason;
  }
  if (chunk.usage) usage = chunk.usage;
}
report.chatStream = { text: pieces.join(''), finish, totalTokens: usage?.total_tokens ?? null };
const whole = await client.chat.completions.create({
  model: 'hearth', messages: [{ role: 'system', content: 'Answer briefly.' }, { role: 'user', content: 'what is two plus two' }],
});
report.chat = { text: whole.choices[0].message.content, model: whole.model, object: whole.object };

// Models.
const ids = [];
for await (const model of client.models.list()) ids.push(model.id);
report.models = ids;

// Errors come back as the SDK's typed errors, with the server's message.
async function failure(call) {
  try {
    await call();
    return { thrown: false };
  } catch (e) {
    return { thrown: true, name: e.constructor.name, status: e.status ?? null, message: e.message, param: e.param ?? null,
      code: e.code ?? null };
  }
}
report.badVoice = await failure(() => client.audio.speech.create({ model: 'tts-1', voice: 'nobody', input: 'hi' }));
report.unknownModel = await failure(() => client.audio.transcriptions.create({
  file: fs.createReadStream(audio), model: 'whisper-9',
}));
report.wrongKey = await failure(() => new OpenAI({ apiKey: 'sk-not-the-key', maxRetries: 0 }).models.list());

console.log(JSON.stringify(report));
