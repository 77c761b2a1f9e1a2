// The history and lists API (docs/protocol.md, "HTTP API").

async function call(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) {
    let message = response.status + ' ' + response.statusText;
    try { message = (await response.json()).error.message; } catch (e) { /* keep the status line */ }
    throw new Error(message);
  }
  return response.status === 204 ? null : response.json();
}

export const conversations = {
  /** Newest first: {conversations, total, offset, limit}; the server sends at most 100 at a time. */
  list: (limit, offset = 0) => call('GET', '/api/conversations?limit=' + limit + '&offset=' + offset),
  get: (id) => call('GET', '/api/conversations/' + encodeURIComponent(id)),
  rename: (id, title) => call('PATCH', '/api/conversations/' + encodeURIComponent(id), { title }),
  remove: (id) => call('DELETE', '/api/conversations/' + encodeURIComponent(id)),
};

/** The shopping and to-do lists; `list` is 'shopping' or 'todo'. */
export const lists = {
  /** {shopping: [item], todo: [item]}; an item is {id, list, text, done, position, created_at, updated_at}. */
  all: () => call('GET', '/api/lists'),
  add: (list, text) => call('POST', '/api/lists/' + list + '/items', { text }),
  update: (list, id, change) => call('PATCH', '/api/lists/' + list + '/items/' + encodeURIComponent(id), change),
  remove: (list, id) => call('DELETE', '/api/lists/' + list + '/items/' + encodeURIComponent(id)),
};

export const health = () => call('GET', '/api/health');
export const status = () => call('GET', '/api/status');
