// The Kincir console: polls the kincir Actuator endpoint and operates it. Every URL is relative to
// this page, so the application's context path and security apply as to any other request.
'use strict';

const LISTENER_POLL_MS = 2000;
// A dead-letter listing takes at least the endpoint's quiet period and one runs at a time per topic:
// it is read less often than the listeners.
const DEAD_LETTER_POLL_MS = 10000;

let endpoint;
let previous = {};

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) {
    node.textContent = String(text);
  }
  if (className) {
    node.className = className;
  }
  return node;
}

function button(label, onClick) {
  const node = element('button', label, label.replace(' ', '-'));
  node.type = 'button';
  node.addEventListener('click', onClick);
  return node;
}

function showStatus(text, failed) {
  const status = document.getElementById('status');
  status.textContent = text;
  status.className = failed ? 'failed' : '';
}

function csrfHeaders() {
  // Spring Security's cookie CSRF repository: send its token back as the header it expects.
  const cookie = document.cookie.split('; ').find(part => part.startsWith('XSRF-TOKEN='));
  return cookie ? { 'X-XSRF-TOKEN': decodeURIComponent(cookie.substring('XSRF-TOKEN='.length)) } : {};
}

async function call(method, path, body) {
  const headers = Object.assign({ Accept: 'application/json' }, csrfHeaders());
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(endpoint + path, {
    method: method, headers: headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body)
  });
  if (!response.ok) {
    throw new Error(method + ' ' + endpoint + path + ': HTTP ' + response.status);
  }
  return response.json();
}

function perSecond(now, before, seconds) {
  if (before === undefined || seconds <= 0) {
    return '';
  }
  return ((now - before) / seconds).toFixed(1);
}

function renderListeners(listeners, at) {
  const body = document.querySelector('#listeners tbody');
  body.replaceChildren();
  for (const listener of Object.values(listeners)) {
    const before = previous[listener.id];
    const seconds = before ? (at - before.at) / 1000 : 0;
    const row = element('tr');
    row.dataset.listener = listener.id;
    row.append(element('td', listener.id), element('td', listener.topics.join(', ')), element('td', listener.group));
    const state = element('td', undefined, 'state');
    state.append(element('span', listener.state, 'badge ' + listener.state));
    row.append(state);
    row.append(element('td', listener.consumers + ' / ' + listener.consumersAsked, 'number'));
    row.append(element('td', listener.handled, 'number handled'));
    row.append(element('td', perSecond(listener.handled, before && before.handled, seconds), 'number'));
    row.append(element('td', listener.failedAttempts, 'number failed'));
    row.append(element('td', perSecond(listener.failedAttempts, before && before.failedAttempts, seconds), 'number'));
    row.append(element('td', listener.deadLettered, 'number dead-lettered'));
    row.append(element('td', listener.parked, 'number'));
    row.append(element('td', listener.lastError ? listener.lastErrorAt + ': ' + listener.lastError : '', 'error'));
    const actions = element('td', undefined, 'actions');
    for (const action of ['stop', 'start', 'pause', 'resume']) {
      actions.append(button(action, () => operateListener(listener.id, action)));
    }
    row.append(actions);
    body.append(row);
    previous[listener.id] = { at: at, handled: listener.handled, failedAttempts: listener.failedAttempts };
  }
}

async function refreshListeners() {
  const kincir = await call('GET', '');
  const backend = document.getElementById('backend');
  backend.textContent = kincir.backend.name + ': ' + (kincir.backend.up ? 'UP' : 'DOWN');
  backend.className = 'badge ' + (kincir.backend.up ? 'up' : 'down');
  renderListeners(kincir.listeners, Date.now());
}

function renderDeadLetters(topic, listenerIds, page) {
  const section = element('div');
  section.className = 'dead-letter-topic';
  section.dataset.topic = topic;
  const heading = element('h3', topic + ' (' + page.total + (page.complete ? '' : '+') + ') from '
      + listenerIds.join(', ') + ' ');
  heading.append(button('replay all', () => operateDeadLetters(topic, 'replay')),
      button('purge all', () => operateDeadLetters(topic, 'purge')));
  section.append(heading);
  if (page.deadLetters.length === 0) {
    section.append(element('p', 'No dead letters.'));
    return section;
  }
  const table = element('table');
  const head = element('tr');
  for (const title of ['uuid', 'original topic', 'dead-lettered at', 'attempts', 'replayed', 'error', 'payload', '']) {
    head.append(element('th', title));
  }
  table.append(head);
  for (const deadLetter of page.deadLetters) {
    const row = element('tr');
    row.className = 'dead-letter';
    row.dataset.uuid = deadLetter.uuid;
    row.append(element('td', deadLetter.uuid), element('td', deadLetter.originalTopic),
        element('td', deadLetter.deadLetteredAt), element('td', deadLetter.attempts, 'number'),
        element('td', deadLetter.replayed, 'number replayed'), element('td', deadLetter.error, 'error'),
        element('td', typeof deadLetter.payload === 'string' ? deadLetter.payload : JSON.stringify(deadLetter.payload),
            'payload'));
    const actions = element('td', undefined, 'actions');
    actions.append(button('replay', () => operateDeadLetters(topic, 'replay', deadLetter.uuid)),
        button('purge', () => operateDeadLetters(topic, 'purge', deadLetter.uuid)));
    row.append(actions);
    table.append(row);
  }
  section.append(table);
  return section;
}

async function refreshDeadLetters() {
  const topics = await call('GET', '/dead-letters');
  const sections = [];
  for (const [topic, listenerIds] of Object.entries(topics)) {
    const page = await call('GET', '/dead-letters/' + encodeURIComponent(topic) + '?limit=50');
    sections.push(renderDeadLetters(topic, listenerIds, page));
  }
  const container = document.getElementById('dead-letters');
  container.replaceChildren(...sections);
  if (sections.length === 0) {
    container.append(element('p', 'No listener has a dead-letter topic.'));
  }
}

async function operateListener(id, action) {
  try {
    const listener = await call('POST', '/listeners/' + encodeURIComponent(id), { action: action });
    showStatus(action + ' ' + id + ': ' + listener.state);
    await refreshListeners();
  } catch (failure) {
    showStatus(failure.message, true);
  }
}

async function operateDeadLetters(topic, action, uuid) {
  const what = uuid ? 'dead letter ' + uuid : 'every dead letter of ' + topic;
  if (action === 'purge' && !window.confirm('Purge ' + what + ' for good?')) {
    return;
  }
  try {
    const path = '/dead-letters/' + encodeURIComponent(topic);
    const outcome = action === 'replay'
      ? await call('POST', path, uuid ? { action: 'replay', uuid: uuid } : { action: 'replay' })
      : await call('DELETE', path + (uuid ? '?uuid=' + encodeURIComponent(uuid) : ''));
    showStatus(outcome.action + ' ' + outcome.count + ' of ' + topic);
    await refreshDeadLetters();
  } catch (failure) {
    showStatus(failure.message, true);
  }
}

// Each poll is scheduled when the one before has finished, so slow answers never pile up.
async function poll(refresh, intervalMs) {
  try {
    await refresh();
  } catch (failure) {
    showStatus(failure.message, true);
  }
  setTimeout(() => poll(refresh, intervalMs), intervalMs);
}

async function start() {
  const config = await (await fetch('config.json', { credentials: 'same-origin' })).json();
  // The page is at <context>/kincir/console/, the endpoint at <context><base path>/kincir.
  endpoint = '../..' + config.actuatorBasePath + '/kincir';
  document.getElementById('refresh-dead-letters').addEventListener('click',
      () => refreshDeadLetters().catch(failure => showStatus(failure.message, true)));
  poll(refreshListeners, LISTENER_POLL_MS);
  poll(refreshDeadLetters, DEAD_LETTER_POLL_MS);
}

start().catch(failure => showStatus(failure.message, true));
