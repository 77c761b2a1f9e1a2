// What the tests (and a curious person in the console) can read: window.hearth.stats

export const stats = {
  turns: [],      // {kind, turnId, releaseToFirstAudioMs, samplesReceived, samplesScheduled, transcript, reply, source, server}
  bargeIns: [],   // {stopMs}: press → output silent
  states: [],     // the states shown, in order (the last 200)
  samplesReceived: 0,
  samplesScheduled: 0,
  underruns: 0,
  statusReads: 0, // how often /api/status was read
};
