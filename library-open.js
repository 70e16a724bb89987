// Opens the designs library (IndexedDB) while the app's wasm downloads and compiles,
// so the first view does not wait for it afterwards: the app takes the connection from
// window.__netwrightLibrary (src/library/idb.rs, whose names and version these must
// match) and opens the database itself, reporting why, when this gave none.
window.__netwrightLibrary = new Promise((resolve) => {
  try {
    const req = indexedDB.open('netwright', 1);
    req.onupgradeneeded = () => {
      for (const store of ['meta', 'docs']) {
        if (!req.result.objectStoreNames.contains(store)) req.result.createObjectStore(store);
      }
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = (e) => { e.preventDefault(); resolve(null); };
    req.onblocked = () => resolve(null);
  } catch {
    resolve(null);
  }
});
