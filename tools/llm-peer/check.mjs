// Runs golden.json's greedy cases of a tiny fixture through llama.cpp on its GGUF conversion and compares the ids.
// Usage: node check.mjs FILE.gguf testdata/llm/FIXTURE/golden.json
import {readFileSync} from "node:fs";
import {getLlama} from "node-llama-cpp";

const [file, goldenFile] = process.argv.slice(2);
const golden = JSON.parse(readFileSync(goldenFile, "utf8"));
const llama = await getLlama({gpu: false, build: "never", usePrebuiltBinaries: true, skipDownload: true, progressLogs: false, logLevel: "error"});
const model = await llama.loadModel({modelPath: file, gpuLayers: 0});
let failed = 0;
for (const c of golden.cases) {
  const context = await model.createContext({contextSize: 256, threads: 2, sequences: 1});
  const sequence = context.getSequence();
  const ids = [];
  for await (const id of sequence.evaluate(c.prompt_ids, {temperature: 0})) {
    ids.push(id);
    if (ids.length === c.greedy_new_ids.length) break;
  }
  const same = ids.every((id, i) => id === c.greedy_new_ids[i]);
  if (!same) failed++;
  console.log(`${golden.fixture} ${c.name}: ${same ? "same greedy ids" : "DIFFERENT: " + ids.join(" ") + " expected " + c.greedy_new_ids.join(" ")}`);
  await context.dispose();
}
await model.dispose();
process.exit(failed ? 1 : 0);
