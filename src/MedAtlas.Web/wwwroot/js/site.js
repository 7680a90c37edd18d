// Progressive enhancements. Every feature here also works without JavaScript; this only makes it instant.
import { enhanceAll } from './autocomplete.js';
import { enhancePasswordFields } from './password-meter.js';

const TEXT_SIZE_COOKIE = 'medatlas-text-size';
const TEXT_SIZES = ['normal', 'large', 'largest'];

function applyTextSize(size) {
  const root = document.documentElement;
  for (const s of TEXT_SIZES) root.classList.remove(`text-${s}`);
  root.classList.add(`text-${size}`);
  const secure = location.protocol === 'https:' ? '; Secure' : '';
  document.cookie = `${TEXT_SIZE_COOKIE}=${size}; Max-Age=31536000; Path=/; SameSite=Lax${secure}`;
  for (const button of document.querySelectorAll('.text-size button[name="size"]')) {
    button.setAttribute('aria-pressed', String(button.value === size));
  }
}

function enhanceTextSize() {
  const form = document.querySelector('form.text-size');
  if (!form) return;
  form.addEventListener('submit', (event) => {
    const size = event.submitter?.value;
    if (!TEXT_SIZES.includes(size)) return;
    event.preventDefault();
    applyTextSize(size);
  });
}

enhanceTextSize();
enhanceAll();
enhancePasswordFields();
