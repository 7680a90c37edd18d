// The print pages' "Print" button. Without JavaScript the button stays hidden and the hint beside it points at the
// browser's own Print command, which gives the same result: the print stylesheet does the work, not this.
for (const button of document.querySelectorAll('button[data-print]')) {
  button.hidden = false;
  button.addEventListener('click', () => window.print());
}
for (const hint of document.querySelectorAll('[data-print-hint]')) hint.hidden = true;
