// Tells the person when the app has stopped. The release build aborts on a Rust panic
// without a message (the immediate-abort panic strategy): the WebAssembly traps and the
// browser raises a WebAssembly.RuntimeError, uncaught when the wasm ran for an event
// handler, an unhandled rejection when it ran in async code. Either shows one banner,
// above any open dialog, and makes the page behind it inert: edits made after the stop
// would not be saved, so none can be made. Plain JavaScript on purpose: it must work
// when the wasm no longer does. Loaded by index.html before the app's module script.
(() => {
  const TITLE = 'Something went wrong and Netwright has stopped.';
  const MESSAGE = 'Your design is saved as of a moment before this (autosave runs a fraction '
    + 'of a second after each edit), so the change you were making may be missing. Reload to go on.';
  let shown = false;

  // The banner is the page's main content from now on: the app behind it is inert.
  function put() {
    const banner = document.createElement('main');
    banner.className = 'crash';
    const alert = document.createElement('div');
    alert.setAttribute('role', 'alert');
    const title = document.createElement('h1');
    title.textContent = TITLE;
    const text = document.createElement('p');
    text.textContent = MESSAGE;
    alert.append(title, text);
    const reload = document.createElement('button');
    reload.type = 'button';
    reload.className = 'btn primary';
    reload.textContent = 'Reload';
    reload.addEventListener('click', () => location.reload());
    banner.append(alert, reload);
    for (const child of document.body.children) child.inert = true;
    document.body.append(banner);
    reload.focus();
  }

  function show() {
    if (shown) return;
    shown = true;
    if (document.body) put();
    else addEventListener('DOMContentLoaded', put, { once: true });
  }

  const trapped = (error) => typeof WebAssembly === 'object' && error instanceof WebAssembly.RuntimeError;
  addEventListener('error', (e) => { if (trapped(e.error)) show(); });
  addEventListener('unhandledrejection', (e) => { if (trapped(e.reason)) show(); });
})();
