// Passkeys (WebAuthn) for the sign-in, sign-up and passkeys pages. Loaded only there. Without JavaScript, or in a
// browser without WebAuthn, the passkey parts stay hidden and the password forms work as they are.
//
// Each [data-passkey-register] / [data-passkey-sign-in] block holds a button[data-passkey-start] that belongs to a
// form. A click POSTs that form to data-options (a Razor Page handler, so the anti-forgery token is checked), hands
// the options to the browser, puts the browser's credential in the form's PasskeyCredential field and submits the
// form (to data-submit when given): the server's answer is then an ordinary page, with ordinary error messages.

const supported = typeof window.PublicKeyCredential === 'function' && !!navigator.credentials;

const fromBase64Url = (text) => {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '=');
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)).buffer;
};

const toBase64Url = (buffer) =>
  btoa(String.fromCharCode(...new Uint8Array(buffer))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

// Browsers older than the JSON helpers (Safari before 18, Firefox before 119) get the same conversion by hand.
function creationOptions(json) {
  if (PublicKeyCredential.parseCreationOptionsFromJSON) return PublicKeyCredential.parseCreationOptionsFromJSON(json);
  return {
    ...json,
    challenge: fromBase64Url(json.challenge),
    user: { ...json.user, id: fromBase64Url(json.user.id) },
    excludeCredentials: (json.excludeCredentials ?? []).map((c) => ({ ...c, id: fromBase64Url(c.id) })),
  };
}

function requestOptions(json) {
  if (PublicKeyCredential.parseRequestOptionsFromJSON) return PublicKeyCredential.parseRequestOptionsFromJSON(json);
  return {
    ...json,
    challenge: fromBase64Url(json.challenge),
    allowCredentials: (json.allowCredentials ?? []).map((c) => ({ ...c, id: fromBase64Url(c.id) })),
  };
}

function credentialJson(credential) {
  if (typeof credential.toJSON === 'function') return credential.toJSON();
  const r = credential.response;
  const response = { clientDataJSON: toBase64Url(r.clientDataJSON) };
  if (r.attestationObject) {
    response.attestationObject = toBase64Url(r.attestationObject);
    response.transports = r.getTransports?.() ?? [];
  } else {
    response.authenticatorData = toBase64Url(r.authenticatorData);
    response.signature = toBase64Url(r.signature);
    if (r.userHandle) response.userHandle = toBase64Url(r.userHandle);
  }
  return {
    id: credential.id,
    rawId: toBase64Url(credential.rawId),
    type: credential.type,
    authenticatorAttachment: credential.authenticatorAttachment ?? undefined,
    clientExtensionResults: credential.getClientExtensionResults(),
    response,
  };
}

function submit(form, url) {
  if (url) form.action = url;
  // form.submit() skips submit listeners and constraint validation: this is the form's second, final step.
  form.submit();
}

function enhance(block) {
  const creating = block.hasAttribute('data-passkey-register');
  const button = block.querySelector('button[data-passkey-start]');
  const error = block.querySelector('[data-passkey-error]');
  const form = button?.form;
  if (!button || !form) return;

  button.addEventListener('click', async () => {
    error.hidden = true;
    button.disabled = true;
    try {
      const token = form.querySelector('input[name="__RequestVerificationToken"]')?.value ?? '';
      const response = await fetch(button.dataset.options, {
        method: 'POST',
        body: new FormData(form),
        headers: { RequestVerificationToken: token },
        credentials: 'same-origin',
      });
      // 400: the form itself is not right (no email yet): submit it anyway so the server says what to fix.
      if (response.status === 400) return submit(form, button.dataset.submit);
      if (!response.ok) throw new Error(`options: ${response.status}`);
      const options = await response.json();
      const credential = creating
        ? await navigator.credentials.create({ publicKey: creationOptions(options) })
        : await navigator.credentials.get({ publicKey: requestOptions(options) });
      form.elements.PasskeyCredential.value = JSON.stringify(credentialJson(credential));
      submit(form, button.dataset.submit);
    } catch (e) {
      button.disabled = false;
      // InvalidStateError: this device already holds a passkey for the account (Identity lists them as excluded).
      error.textContent = e?.name === 'InvalidStateError'
        ? 'This device already has a passkey for your account. Use another device or password manager to add one more.'
        : e?.name === 'NotAllowedError'
          ? (creating ? 'No passkey was made. You can try again, or use a password.' : 'No passkey was used. You can try again, or use your password.')
          : 'Passkeys did not work in this browser just now. Try again, or use a password.';
      error.hidden = false;
    }
  });

  block.hidden = false;
  for (const note of document.querySelectorAll('[data-passkey-unsupported]')) note.hidden = true;
}

if (supported) {
  for (const block of document.querySelectorAll('[data-passkey-register], [data-passkey-sign-in]')) enhance(block);
}
