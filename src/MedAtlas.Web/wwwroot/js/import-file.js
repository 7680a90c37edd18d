// The import page's file field: a file over the size limit is refused here, beside the field, before it is sent
// (the server refuses it too, but a large upload would first travel the whole way). Works on the field's
// data-max-bytes; the message is the server's wording.
for (const input of document.querySelectorAll('input[type="file"][data-max-bytes]')) {
  const max = Number(input.dataset.maxBytes);
  const form = input.form;
  const message = document.createElement('p');
  message.className = 'field-error';
  message.id = `${input.id}-size`;
  message.hidden = true;
  input.before(message);
  const check = () => {
    const file = input.files?.[0];
    const tooLarge = file !== undefined && file.size > max;
    message.hidden = !tooLarge;
    message.textContent = tooLarge
      ? `This file is ${(file.size / 1024 / 1024).toFixed(1)} MB; MedAtlas imports files up to ${Math.round(max / 1024 / 1024)} MB. A medicine list is a few kilobytes: is this the right file?`
      : '';
    const described = (input.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id && id !== message.id);
    if (tooLarge) described.push(message.id);
    if (described.length > 0) input.setAttribute('aria-describedby', described.join(' '));
    else input.removeAttribute('aria-describedby');
    input.setAttribute('aria-invalid', String(tooLarge));
    return !tooLarge;
  };
  input.addEventListener('change', check);
  form?.addEventListener('submit', (event) => {
    if (!check()) {
      event.preventDefault();
      input.focus();
    }
  });
}
