// Keeps the page's shell so it opens instantly and still shows something when the server is away.
// Network first: a server update is picked up on the next load. /api and /ws are never cached.
// SHELL names every file of web/ the page loads (PageFilesTest checks it against the folder).

const CACHE = 'hearth-shell-v5';
const SHELL = ['./', 'index.html', 'hearth.css', 'app.js', 'store.js', 'stats.js', 'dom.js', 'status.js', 'notice.js',
  'chat-log.js', 'audio.js', 'socket.js', 'turn.js', 'server-messages.js', 'connection.js', 'sidebar.js', 'live-mode.js',
  'microphone.js', 'capture-worklet.js', 'player.js', 'voice-socket.js', 'conversations.js', 'lists.js', 'live.js', 'pair.html',
  'pair.js', 'manifest.webmanifest', 'icons/icon.svg', 'icons/icon-192.png', 'icons/icon-512.png',
  'icons/icon-maskable-512.png'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== location.origin || url.pathname.startsWith('/api/')
      || url.pathname === '/ws') {
    return;
  }
  event.respondWith(fetch(request)
    .then((response) => {
      if (response.ok) {
        const copy = response.clone();
        caches.open(CACHE).then((cache) => cache.put(request, copy));
      }
      return response;
    })
    .catch(async () => {
      const hit = await caches.match(request);
      if (hit) return hit;
      // only a page opened offline gets the shell: a script or an image answered with HTML fails in a way that hides why
      if (request.mode === 'navigate') return caches.match('index.html');
      return Response.error();
    }));
});
