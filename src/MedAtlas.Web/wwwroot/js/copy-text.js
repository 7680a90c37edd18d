// A "Copy" button beside text to be copied once (a new access token). Without JavaScript, or without the clipboard
// API, the button stays hidden and the text can be selected in its read-only field.
for (const button of document.querySelectorAll('button[data-copy-from]')) {
  const source = document.getElementById(button.dataset.copyFrom);
  const status = document.getElementById(button.dataset.copyStatus);
  if (!source || !navigator.clipboard) continue;
  button.hidden = false;
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(source.value);
      if (status) status.textContent = 'Copied.';
    } catch {
      source.select();
      if (status) status.textContent = 'Copying did not work here: the token is selected, copy it with your keyboard.';
    }
  });
}
