// Live feedback under a new-password field: how many characters are still needed, then how long it is.
// The server makes the real checks (length, the common-password list) and says so beside the field; this only
// saves a round trip. Length is what makes a password strong, so length is what it shows.
const MIN = 12;
const MAX = 128;

function describe(length) {
  if (length === 0) return { level: 0, text: `At least ${MIN} characters.` };
  if (length < MIN) return { level: 0, text: `${MIN - length} more character${MIN - length === 1 ? '' : 's'} needed (${length} of ${MIN}).` };
  if (length > MAX) return { level: 0, text: `Too long: at most ${MAX} characters.` };
  if (length < 16) return { level: 2, text: 'Long enough. A few more characters make it stronger.' };
  if (length < 20) return { level: 3, text: 'Good length.' };
  return { level: 4, text: 'Strong length.' };
}

export function enhancePasswordFields() {
  for (const input of document.querySelectorAll('input[data-enhance="new-password"]')) {
    const meter = document.createElement('meter');
    meter.min = 0;
    meter.max = 4;
    meter.low = 2;
    meter.high = 3;
    meter.optimum = 4;
    meter.className = 'password-meter';
    meter.setAttribute('aria-hidden', 'true');
    const note = document.createElement('p');
    note.className = 'password-meter-text';
    note.id = `${input.id}-meter`;
    note.setAttribute('aria-live', 'polite');
    input.after(meter, note);
    const described = input.getAttribute('aria-describedby');
    input.setAttribute('aria-describedby', described ? `${described} ${note.id}` : note.id);
    const update = () => {
      const { level, text } = describe(input.value.length);
      meter.value = level;
      note.textContent = text;
    };
    input.addEventListener('input', update);
    update();
  }
}
