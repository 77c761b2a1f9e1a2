// A tiny store for what the page's modules share: read with get(key), change with set(patch). on(key, listener)
// hears every set() that names the key (even to the same value), after the whole patch is in, as
// listener(value, before). No framework: the DOM is updated by the listeners and by the modules themselves.

export function createStore(initial) {
  const state = { ...initial };
  const listeners = [];
  return {
    get(key) {
      if (!(key in state)) throw new Error('no such state: ' + key);
      return state[key];
    },
    set(patch) {
      const before = {};
      for (const key of Object.keys(patch)) {
        if (!(key in state)) throw new Error('no such state: ' + key);
        before[key] = state[key];
      }
      Object.assign(state, patch);
      for (const { key, listener } of listeners) {
        if (key in patch) listener(state[key], before[key]);
      }
    },
    on(key, listener) {
      if (!(key in state)) throw new Error('no such state: ' + key);
      listeners.push({ key, listener });
    },
  };
}

/** The page's shared state. */
export const store = createStore({
  view: 'connecting',   // the visible state: connecting | idle | listening | thinking | speaking | error | live
  label: undefined,     // words shown instead of the view's usual ones, e.g. which kind of error
  notice: null,         // the kind of notice shown: connection | microphone | insecure | server
  conversationId: null, // the open conversation; null: the next turn starts a new one
  turn: null,           // the turn in progress (turn.js)
  pressed: false,       // the talk button is held
  announcement: null,   // {el, audioEnded} while the server speaks on its own
  audioTarget: null,    // what incoming audio belongs to: the turn or the announcement
  live: null,           // the LiveCall while live mode is on
  liveAvailable: false, // the server offers live mode now (/api/status)
  deadlineMs: 8000,     // the server's brain.deadline_millis (/api/status)
});
