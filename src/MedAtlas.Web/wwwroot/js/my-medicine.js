// My Medicine's live safety check: when a medicine's name is chosen or typed, the form asks the page for the
// check against the rest of the list and shows it above the other fields. Without JavaScript the same check is
// the first thing on the page after saving.
const DEBOUNCE_MS = 400;

function enhanceLiveCheck(input) {
  const url = input.dataset.liveCheck;
  const target = document.getElementById('live-check');
  if (!url || !target) return;
  let timer = 0;
  let controller = null;
  let last = '';

  async function check(partial = false) {
    const name = input.value.trim();
    if (name === last && !partial) return;
    last = name;
    controller?.abort();
    if (name.length < 2) { target.replaceChildren(); return; }
    controller = new AbortController();
    try {
      const address = new URL(url, window.location.origin);
      address.searchParams.set('name', name);
      // While typing, a half-written name is not yet "not in the catalogue": the server answers nothing for it.
      if (partial) address.searchParams.set('partial', 'true');
      const response = await fetch(address, { signal: controller.signal, headers: { Accept: 'text/html' }, credentials: 'same-origin' });
      if (!response.ok) return;
      // The fragment is rendered by the server from the catalogue and encoded there; it is parsed, not run.
      const html = await response.text();
      const doc = new DOMParser().parseFromString(html, 'text/html');
      target.replaceChildren(...doc.body.childNodes);
    } catch (error) {
      if (error.name !== 'AbortError') target.replaceChildren();
    }
  }

  input.addEventListener('autocomplete:choose', () => { clearTimeout(timer); check(); });
  input.addEventListener('change', () => { clearTimeout(timer); check(); });
  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => check(true), DEBOUNCE_MS); });
  if (input.value.trim().length >= 2) check();
}

for (const input of document.querySelectorAll('input[data-live-check]')) enhanceLiveCheck(input);
