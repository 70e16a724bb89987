// Netwright's service worker: the app keeps working offline once it has loaded.
//
// The build (scripts/post-build.mjs, a Trunk post_build hook) replaces the two
// placeholders below with the build's own file list and a hash of it, so every
// build is a new worker with its own cache. The worker only ever fetches the app's
// own files; designs never pass through it (they live in localStorage and in the
// link's fragment, which is never sent).
//
// Strategy: network first, so a reachable server always serves the newest build;
// when the network fails (offline, server gone) the cached copy answers. A fetched
// file is written to the cache only when it may differ from the cached copy, so a
// load does not rewrite the megabyte of wasm already there.
const FILES = __NW_PRECACHE_FILES__;
const CACHE = 'netwright-__NW_PRECACHE_VERSION__';

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('netwright-') && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith((async () => {
    try {
      const response = await fetch(request);
      // Keep the newest page, and any file the cache lacks (a build newer than this
      // worker). The other files are named by their content: their copy is current.
      if (response.ok) {
        const copy = response.clone();
        event.waitUntil((async () => {
          const cache = await caches.open(CACHE);
          if (request.mode === 'navigate' || !(await cache.match(request))) await cache.put(request, copy);
        })());
      }
      return response;
    } catch (err) {
      const cached = await caches.match(request, { ignoreSearch: true });
      if (cached) return cached;
      throw err;
    }
  })());
});
