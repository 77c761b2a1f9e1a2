// llama.cpp's side of scripts/bench-llm-peer, with hearth llm bench's protocol: one warm-up and RUNS measured runs
// of a PROMPT-token prompt of random ids (cold cache each run), then NEW tokens greedily with EOS ignored. Time to
// first token is the prompt's evaluation plus the first sampled token; decode is the NEW - 1 tokens after it.
// Usage: node bench.mjs RUNS THREADS FILE.gguf [PROMPT] [NEW]   Prints hearth llm bench's median line.
import {getLlama} from "node-llama-cpp";

const [runs, threads, file, promptTokens = 64, newTokens = 32] = process.argv.slice(2).map((a, i) => i === 2 ? a : Number(a));
const llama = await getLlama({gpu: false, build: "never", usePrebuiltBinaries: true, skipDownload: true,
  progressLogs: false, logLevel: "error", maxThreads: threads});
const t0 = performance.now();
const model = await llama.loadModel({modelPath: file, gpuLayers: 0});
console.log(`model ${file}: load ${(performance.now() - t0).toFixed(0)} ms; threads ${threads}; llama.cpp ${llama.llamaCppRelease.release}`);
const context = await model.createContext({contextSize: 256, batchSize: 256, threads: {ideal: threads, min: threads}, sequences: 1});
const sequence = context.getSequence();
let seed = 1; // a fixed xorshift stream: the same prompt every run, as hearth llm bench's
const random = () => ((seed ^= seed << 13, seed ^= seed >>> 17, seed ^= seed << 5) >>> 0);
const metadata = model.fileInfo.metadata;
const vocab = Math.min(metadata[metadata.general.architecture].vocab_size ?? 30000, 30000); // as hearth llm bench picks ids
const prompt = Array.from({length: promptTokens}, () => random() % vocab);
const ttfts = [], decodes = [];
for (let run = 0; run <= runs; run++) {
  await sequence.clearHistory();
  const times = [];
  const start = performance.now();
  for await (const id of sequence.evaluate(prompt, {temperature: 0})) {
    times.push(performance.now());
    if (times.length === newTokens) break;
  }
  const ttft = times[0] - start;
  const decode = (newTokens - 1) / ((times[newTokens - 1] - times[0]) / 1000);
  console.log(`${run === 0 ? "warm-up" : "run " + run}: prompt ${promptTokens} tokens, time to first token ${ttft.toFixed(0)} ms, decode ${decode.toFixed(1)} tokens/s`);
  if (run > 0) {
    ttfts.push(ttft);
    decodes.push(decode);
  }
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
console.log(`median of ${runs} runs: time to first token ${median(ttfts).toFixed(0)} ms, decode ${median(decodes).toFixed(1)} tokens/s`);
await context.dispose();
await model.dispose();
