// The history API (docs/protocol.md, "HTTP API").

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

export const health = () => call('GET', '/api/health');
export const status = () => call('GET', '/api/status');
