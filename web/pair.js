// Pairing (README, "Pairing a phone"): an unpaired device enters a code and gets its token as an HttpOnly cookie;
// a paired device (or the server's own machine) shows codes for new devices and lists and revokes paired ones.

const $ = (id) => document.getElementById(id);

function showError(text) {
  $('pair-error').textContent = text;
  $('pair-error').hidden = !text;
}

async function errorText(response) {
  try {
    return (await response.json()).error.message;
  } catch {
    return `The server answered ${response.status}.`;
  }
}

function guessName() {
  const ua = navigator.userAgent;
  if (/iPhone/.test(ua)) return 'iPhone';
  if (/iPad/.test(ua)) return 'iPad';
  if (/Android/.test(ua)) return /Mobile/.test(ua) ? 'Android phone' : 'Android tablet';
  return 'Browser';
}

async function claim(event) {
  event.preventDefault();
  showError('');
  $('pair').disabled = true;
  try {
    const response = await fetch('/api/pairing/claim', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code: $('code').value, name: $('device-name').value }),
    });
    if (response.status === 201) {
      location.replace('/');
      return;
    }
    showError(await errorText(response));
  } catch {
    showError('Hearth cannot be reached; is this device on the home network?');
  } finally {
    $('pair').disabled = false;
  }
}

async function newCode() {
  showError('');
  const response = await fetch('/api/pairing/codes', { method: 'POST' });
  if (!response.ok) {
    showError(await errorText(response));
    return;
  }
  const code = await response.json();
  $('shown-code').textContent = `Enter ${code.code} on the new device within ${Math.round(code.valid_ms / 60000)} minutes.`;
  $('shown-code').hidden = false;
}

async function listDevices() {
  const response = await fetch('/api/devices');
  if (!response.ok) {
    showError(await errorText(response));
    return;
  }
  const list = $('devices');
  list.replaceChildren();
  for (const device of (await response.json()).devices) {
    const item = document.createElement('li');
    const name = document.createElement('span');
    name.textContent = device.this_device ? `${device.name} (this device)` : device.name;
    const revoke = document.createElement('button');
    revoke.type = 'button';
    revoke.className = 'secondary';
    revoke.textContent = 'Revoke';
    revoke.setAttribute('aria-label', `Revoke ${device.name}`);
    revoke.addEventListener('click', async () => {
      const answer = await fetch(`/api/devices/${encodeURIComponent(device.id)}`, { method: 'DELETE' });
      if (answer.status !== 204) showError(await errorText(answer));
      if (device.this_device) location.reload();
      else listDevices();
    });
    item.append(name, revoke);
    list.append(item);
  }
  if (!list.children.length) list.textContent = 'No devices are paired yet.';
}

async function start() {
  const status = await (await fetch('/api/pairing')).json();
  if (!status.paired) {
    $('device-name').value = guessName();
    $('claim').hidden = false;
    $('claim-form').addEventListener('submit', claim);
    $('code').focus();
    return;
  }
  $('who').textContent = status.device ? `This device is paired as “${status.device.name}”.`
    : 'This is the server’s own machine, which needs no pairing.';
  $('manage').hidden = false;
  $('new-code').addEventListener('click', newCode);
  listDevices();
}

start().catch(() => showError('Hearth cannot be reached; is this device on the home network?'));
