// Suggestions as you type for every input with data-autocomplete="<api url>".
// ARIA 1.2 combobox: the input owns a listbox; arrow keys move, Enter opens the highlighted suggestion,
// Escape closes; a polite live region announces how many suggestions there are. Without JavaScript the
// input is a plain search field whose form submits to the results page.

const MAX_SUGGESTIONS = 8;
const DEBOUNCE_MS = 120;
let counter = 0;

export function enhanceAutocomplete(input) {
  const url = input.dataset.autocomplete;
  if (!url || input.dataset.autocompleteReady) return;
  input.dataset.autocompleteReady = 'true';

  const id = `ac-${++counter}`;
  const wrapper = document.createElement('div');
  wrapper.className = 'autocomplete';
  input.parentNode.insertBefore(wrapper, input);
  wrapper.appendChild(input);

  const list = document.createElement('ul');
  list.id = `${id}-list`;
  list.className = 'autocomplete-list';
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', 'Suggestions');
  list.hidden = true;
  wrapper.appendChild(list);

  const status = document.createElement('div');
  status.className = 'visually-hidden';
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  wrapper.appendChild(status);

  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', list.id);

  let items = [];
  let active = -1;
  let timer = 0;
  let controller = null;
  // For inputs that name a drug rather than navigate (compare form), choosing fills the field instead.
  const fillOnly = input.form && input.form.getAttribute('action') !== '/search';

  function close() {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  }

  function highlight(index) {
    const options = list.querySelectorAll('[role="option"]');
    options.forEach((o, i) => o.setAttribute('aria-selected', String(i === index)));
    active = index;
    if (index >= 0 && options[index]) {
      input.setAttribute('aria-activedescendant', options[index].id);
      options[index].scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function choose(index) {
    const item = items[index];
    if (!item) return;
    if (fillOnly) {
      input.value = item.title;
      close();
      // Forms that react to the choice (My Medicine's live safety check) listen for this.
      input.dispatchEvent(new CustomEvent('autocomplete:choose', { bubbles: true, detail: item }));
    } else {
      window.location.assign(item.path);
    }
  }

  function render() {
    list.replaceChildren();
    items.slice(0, MAX_SUGGESTIONS).forEach((item, i) => {
      const option = document.createElement('li');
      option.id = `${id}-opt-${i}`;
      option.setAttribute('role', 'option');
      option.setAttribute('aria-selected', 'false');
      const title = document.createElement('span');
      title.textContent = item.title;
      const kind = document.createElement('span');
      kind.className = 'autocomplete-kind';
      kind.textContent = item.kind;
      option.append(title, kind);
      option.addEventListener('mousedown', (e) => { e.preventDefault(); choose(i); });
      list.appendChild(option);
    });
    const open = items.length > 0;
    list.hidden = !open;
    input.setAttribute('aria-expanded', String(open));
    status.textContent = open
      ? `${items.length} suggestion${items.length === 1 ? '' : 's'}. Use the up and down arrows to choose.`
      : 'No suggestions.';
    active = -1;
  }

  async function fetchSuggestions() {
    const q = input.value.trim();
    if (q.length < 2) { items = []; close(); status.textContent = ''; return; }
    controller?.abort();
    controller = new AbortController();
    try {
      const target = new URL(url, window.location.origin);
      target.searchParams.set('q', q);
      const response = await fetch(target, { signal: controller.signal, headers: { Accept: 'application/json' } });
      if (!response.ok) { items = []; close(); return; }
      items = (await response.json()).slice(0, MAX_SUGGESTIONS);
      render();
    } catch (error) {
      if (error.name !== 'AbortError') { items = []; close(); }
    }
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(fetchSuggestions, DEBOUNCE_MS);
  });
  input.addEventListener('keydown', (e) => {
    const count = Math.min(items.length, MAX_SUGGESTIONS);
    if (e.key === 'ArrowDown') {
      if (list.hidden && count > 0) { list.hidden = false; input.setAttribute('aria-expanded', 'true'); }
      if (count > 0) { e.preventDefault(); highlight((active + 1) % count); }
    } else if (e.key === 'ArrowUp') {
      if (count > 0) { e.preventDefault(); highlight(active <= 0 ? count - 1 : active - 1); }
    } else if (e.key === 'Enter') {
      if (!list.hidden && active >= 0) { e.preventDefault(); choose(active); }
    } else if (e.key === 'Escape') {
      if (!list.hidden) { e.preventDefault(); close(); }
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 100));
}

export function enhanceAll(root = document) {
  root.querySelectorAll('input[data-autocomplete]').forEach(enhanceAutocomplete);
}
