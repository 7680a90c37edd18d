// The bolus calculator, live: as you type, the form's values go to POST /api/v1/tools/bolus and its answer
// replaces the result. The arithmetic is the server's alone (the same service the form posts to), so the live
// answer and the posted one cannot differ. Without JavaScript the Calculate button posts the form.
const DEBOUNCE_MS = 300;
const NUMBER_FIELDS = ['carbs', 'carbRatio', 'currentGlucose', 'targetGlucose', 'correctionFactor', 'insulinOnBoard', 'maxBolus'];

function valueOf(form, name) {
  const field = form.elements.namedItem(name.charAt(0).toUpperCase() + name.slice(1));
  return field ? field.value.trim() : '';
}

function requestBody(form) {
  const body = { glucoseUnit: valueOf(form, 'unit'), increment: Number(valueOf(form, 'increment')) };
  for (const name of NUMBER_FIELDS) {
    const text = valueOf(form, name);
    if (text === '') continue;
    const normal = text.includes('.') ? text : text.replace(',', '.');
    // Text that is not a number goes as text, so the server's message for it is the one shown.
    body[name] = /^[+-]?(\d+\.?\d*|\.\d+)$/.test(normal) ? Number(normal) : text;
  }
  return body;
}

function element(tag, text, attributes = {}) {
  const node = document.createElement(tag);
  if (text) node.textContent = text;
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  return node;
}

function showAnswer(region, answer) {
  const nodes = [element('h2', 'Result', { id: 'bolus-result-title' })];
  const dose = element('p', '', { class: 'tool-answer' });
  dose.append(element('strong', answer.doseInWords, { 'data-dose': '' }));
  nodes.push(dose);
  for (const warning of answer.warnings) {
    const p = element('p', '', { class: 'tool-warning', 'data-warning': '' });
    p.append(element('strong', 'Warning:'), ` ${warning}`);
    nodes.push(p);
  }
  nodes.push(element('h3', 'How this was worked out'));
  const steps = element('ol', '', { 'data-steps': '' });
  for (const step of answer.steps) steps.append(element('li', step));
  nodes.push(steps);
  region.replaceChildren(...nodes);
}

function showProblems(region, problem) {
  const list = element('ul', '', { 'data-problems': '' });
  for (const messages of Object.values(problem.errors ?? {})) for (const message of messages) list.append(element('li', message));
  region.replaceChildren(element('h2', 'Result', { id: 'bolus-result-title' }), element('p', 'No dose yet. To see one:'), list);
}

function enhance(form) {
  const region = document.querySelector('[data-bolus-result]');
  if (!region) return;
  let timer = 0;
  let controller = null;

  async function update() {
    controller?.abort();
    controller = new AbortController();
    try {
      const response = await fetch('/api/v1/tools/bolus', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(requestBody(form)),
        signal: controller.signal,
        credentials: 'same-origin',
      });
      if (response.ok) showAnswer(region, await response.json());
      else if (response.status === 400) showProblems(region, await response.json());
    } catch (error) {
      if (error.name !== 'AbortError') throw error;
    }
  }

  const schedule = () => { clearTimeout(timer); timer = setTimeout(update, DEBOUNCE_MS); };
  form.addEventListener('input', schedule);
  form.addEventListener('change', schedule);
  form.dataset.live = 'true';
}

for (const form of document.querySelectorAll('form[data-bolus-form]')) enhance(form);
