// The vault's web page: request a bundle, follow its cooking, download it. No framework, no outside file.
// The requests made here are kept in this browser's localStorage, as swh-web keeps its vault tasks.
'use strict';
(() => {
  const STORE = 'swhvault.requests';
  const api = new URL('api/1/vault/', document.baseURI);
  const POLL_MS = Math.max(200, Number(new URLSearchParams(location.search).get('poll')) || 2000);
  const CORE = /^swh:1:(cnt|dir|rev|rel|snp):[0-9a-f]{40}$/;
  const OBJECTS = { cnt: 'contents', dir: 'directories', rev: 'revisions', rel: 'releases', snp: 'snapshots' };
  const OBJECT = { cnt: 'content', dir: 'directory', rev: 'revision', rel: 'release', snp: 'snapshot' };
  // Before the server says what it cooks: what the reference offers, best first.
  const USUAL = { dir: ['flat', 'git-bare'], rev: ['git-bare', 'gitfast', 'flat'], rel: ['git-bare'], snp: ['git-bare'] };
  const STATES = { new: 'Waiting to be cooked', pending: 'Cooking', done: 'Ready', failed: 'Failed',
    expired: 'No longer available' };
  const $ = (id) => document.getElementById(id);

  let server = null;
  let pickedFor = null;
  let pausedUntil = 0;
  let items = load();
  const views = new Map();

  function load() {
    try {
      const saved = JSON.parse(localStorage.getItem(STORE));
      if (!Array.isArray(saved)) return [];
      const kept = saved.filter((i) => i && typeof i.type === 'string' && CORE.test(i.swhid));
      kept.forEach((i) => {
        if (i.compression !== 'zstd') i.compression = 'gzip'; // requests saved before the page offered zstd
      });
      return kept;
    } catch (e) {
      return [];
    }
  }

  function save() {
    try {
      localStorage.setItem(STORE, JSON.stringify(items));
    } catch (e) {
      // storage full or disabled: the list lives on in this tab
    }
  }

  const keyOf = (item) => item.type + ' ' + item.compression + ' ' + item.swhid;
  /** "flat" or "flat (zstd)": a bundle type and, unless it is the default gzip, its compression. */
  const kindOf = (item) => item.type + (item.compression === 'zstd' ? ' (zstd)' : '');
  const final = (item) => item.status === 'done' || item.status === 'failed' || item.status === 'expired';

  /** The core SWHID in a text: from "swh:1:" on (an archive URL may come first), qualifiers cut, lower-cased. */
  function coreOf(text) {
    let t = text.trim();
    const at = t.toLowerCase().indexOf('swh:1:');
    if (at > 0) t = t.slice(at);
    const semi = t.indexOf(';');
    const swhid = (semi < 0 ? t : t.slice(0, semi)).replace(/\/+$/, '').toLowerCase();
    return CORE.test(swhid) ? swhid : null;
  }

  function allowed(objectType) {
    if (!server) return USUAL[objectType] || [];
    const types = server.bundle_types.filter((b) => b.object_types.includes(objectType)).map((b) => b.type);
    return (USUAL[objectType] || []).filter((t) => types.includes(t)).concat(types.filter((t) => !(USUAL[objectType] || []).includes(t)));
  }

  function served(type) {
    return !server || server.bundle_types.some((b) => b.type === type);
  }

  /** The compressions of a bundle type: those the server says, else zstd for all but git-bare. */
  function compressionsOf(type) {
    const described = server && server.bundle_types.find((b) => b.type === type);
    if (described && Array.isArray(described.compressions)) return described.compressions;
    return type === 'git-bare' ? ['gzip'] : ['gzip', 'zstd'];
  }

  /** Enables zstd when the picked bundle type has it, says why not otherwise, and falls back to gzip. */
  function updateCompressions() {
    const picked = document.querySelector('input[name=type]:checked');
    const type = picked ? picked.value : null;
    const zstd = $('compression-zstd');
    let reason = '';
    if (type === 'git-bare') reason = '(not for git-bare bundles, whose pack is compressed already)';
    else if (type && !compressionsOf(type).includes('zstd')) reason = '(not offered by this server)';
    zstd.disabled = reason !== '';
    zstd.parentElement.querySelector('.why').textContent = reason;
    if (zstd.disabled && zstd.checked) $('compression-gzip').checked = true;
  }

  /** Enables the bundle types the pasted object allows, says why the others are not, picks the best one. */
  function updateTypes() {
    const swhid = coreOf($('swhid').value);
    const objectType = swhid ? swhid.split(':')[2] : null;
    const ok = objectType ? allowed(objectType) : null;
    let checked = null;
    for (const radio of document.querySelectorAll('input[name=type]')) {
      const type = radio.value;
      const why = radio.parentElement.querySelector('.why');
      let reason = '';
      if (!served(type)) reason = '(not cooked by this server)';
      else if (ok && !ok.includes(type)) reason = '(not for ' + OBJECTS[objectType] + ')';
      radio.disabled = reason !== '';
      why.textContent = reason;
      if (radio.checked && !radio.disabled) checked = radio;
    }
    // a new kind of object gets the bundle type best for it; the user's pick stands while the kind stays
    if ((!checked || objectType !== pickedFor) && ok && ok.length) $('type-' + ok[0]).checked = true;
    if (objectType) pickedFor = objectType;
    updateCompressions();
  }

  function showError(text) {
    const error = $('swhid-error');
    error.textContent = text;
    error.hidden = !text;
    if (text) {
      $('swhid').setAttribute('aria-invalid', 'true');
    } else {
      $('swhid').removeAttribute('aria-invalid');
    }
  }

  function announce(text) {
    $('announce').textContent = text;
  }

  /** Calls the API; returns {status, body}, the body null when it is not JSON. Throws when the server is unreachable. */
  async function call(method, type, swhid, compression) {
    const url = new URL(type + '/' + swhid + '/?details=1' + (compression === 'zstd' ? '&compression=zstd' : ''), api);
    const response = await fetch(url, { method, headers: { Accept: 'application/json' }, cache: 'no-store' });
    let body = null;
    try {
      body = await response.json();
    } catch (e) {
      body = null;
    }
    if (response.status === 429) throttled(response);
    return { status: response.status, body };
  }

  function throttled(response) {
    const seconds = Math.max(1, Number(response.headers.get('Retry-After')) || 5);
    pausedUntil = Date.now() + seconds * 1000;
    const note = $('throttled');
    note.textContent = 'Too many requests for this server\'s rate limit: asking again in ' + seconds + ' s.';
    note.hidden = false;
    setTimeout(() => {
      if (Date.now() >= pausedUntil) note.hidden = true;
    }, seconds * 1000);
  }

  function apply(item, body) {
    const before = item.status;
    item.id = body.id;
    item.status = body.status;
    item.message = body.progress_message;
    item.progress = body.progress || null;
    item.fetchUrl = body.fetch_url;
    item.size = body.bundle_size === undefined ? null : body.bundle_size;
    if (body.cooking_time !== null && body.cooking_time !== undefined) item.time = body.cooking_time;
    if (body.status !== 'done') item.time = null;
    item.doneAt = body.done_at || null;
    if (before !== item.status && (item.status === 'done' || item.status === 'failed')) {
      announce(kindOf(item) + ' bundle of ' + item.swhid + (item.status === 'done' ? ' is ready.' : ' failed: ' + (item.message || '')));
    }
  }

  async function request(type, swhid, compression) {
    const answer = await call('POST', type, swhid, compression);
    if (answer.status !== 200 || !answer.body) {
      throw new Error(answer.body && answer.body.reason ? answer.body.reason : 'The server answered ' + answer.status + '.');
    }
    let item = items.find((i) => i.type === type && i.swhid === swhid && i.compression === compression);
    if (!item) {
      item = { type, swhid, compression, added: new Date().toISOString() };
      items.unshift(item);
    }
    apply(item, answer.body);
    save();
    renderList();
    return item;
  }

  async function refresh(item) {
    let answer;
    try {
      answer = await call('GET', item.type, item.swhid, item.compression);
    } catch (e) {
      return; // unreachable: asked again next round
    }
    if (!items.includes(item)) return;
    if (answer.status === 200 && answer.body) {
      apply(item, answer.body);
    } else if (answer.status === 404) {
      item.status = 'expired';
      item.progress = null;
      item.message = answer.body && answer.body.reason;
    } else {
      return;
    }
    save();
    render(item);
  }

  async function poll() {
    try {
      for (const item of items.filter((i) => !final(i))) {
        if (Date.now() < pausedUntil) break;
        await refresh(item);
      }
    } finally {
      setTimeout(poll, POLL_MS);
    }
  }

  function element(tag, props, ...children) {
    const e = document.createElement(tag);
    Object.assign(e, props);
    children.forEach((c) => e.append(c));
    return e;
  }

  function view(item) {
    const key = keyOf(item);
    let v = views.get(key);
    if (v) return v;
    const heading = element('h3', { tabIndex: -1 }, kindOf(item) + ' bundle of ', element('code', {}, item.swhid));
    v = {
      li: element('li'),
      heading,
      state: element('p', { className: 'state' }),
      bar: element('progress', { max: 1 }),
      message: element('p', { className: 'message' }),
      facts: element('p', { className: 'facts' }),
      download: element('a', { className: 'download' }),
      again: element('button', { type: 'button', className: 'again' }, 'Cook again'),
      remove: element('button', { type: 'button', className: 'remove secondary' }, 'Remove'),
    };
    v.bar.setAttribute('aria-label', 'Cooking progress of the ' + kindOf(item) + ' bundle');
    v.download.setAttribute('download', '');
    v.li.dataset.type = item.type;
    v.li.dataset.swhid = item.swhid;
    v.li.dataset.compression = item.compression;
    v.again.addEventListener('click', () => cookAgain(item, v));
    v.remove.addEventListener('click', () => remove(item));
    v.li.append(heading, v.state, v.bar, v.message, v.facts,
      element('div', { className: 'actions' }, v.download, v.again, v.remove));
    views.set(key, v);
    return v;
  }

  function render(item) {
    const v = view(item);
    const status = item.status || 'new';
    v.li.dataset.status = status;
    v.state.className = 'state ' + status;
    v.state.textContent = STATES[status] || status;
    const cooking = status === 'new' || status === 'pending';
    v.bar.hidden = !cooking;
    const p = item.progress;
    if (cooking && p && p.total !== null && p.total > 0) {
      v.bar.max = p.total;
      v.bar.value = Math.min(p.done, p.total);
      v.bar.setAttribute('aria-valuetext', p.done + ' of ' + p.total);
    } else {
      v.bar.removeAttribute('value'); // indeterminate, and nothing left of an earlier cook's counts
      v.bar.max = 1;
      v.bar.removeAttribute('aria-valuetext');
    }
    let message = item.message || '';
    if (status === 'pending' && p) message = p.total !== null && p.total > 0 && !/\d/.test(p.phase)
      ? p.phase + ' (' + p.done + ' of ' + p.total + ')' : p.phase;
    if (status === 'expired') message = (message ? message + ' ' : '') + 'Cook it again to download it.';
    v.message.textContent = message;
    v.message.hidden = !message;
    v.message.className = 'message' + (status === 'failed' || status === 'expired' ? ' error' : '');
    const facts = [];
    if (status === 'done') {
      if (item.size !== null && item.size !== undefined) facts.push(formatSize(item.size));
      if (item.time !== null && item.time !== undefined) facts.push('cooked in ' + formatDuration(item.time));
      if (item.doneAt) facts.push('ready since ' + new Date(item.doneAt).toLocaleString());
    }
    v.facts.textContent = facts.join(' · ');
    v.facts.hidden = facts.length === 0;
    v.download.hidden = status !== 'done';
    if (status === 'done') {
      v.download.href = item.fetchUrl;
      v.download.textContent = 'Download' + (item.size !== null && item.size !== undefined ? ' (' + formatSize(item.size) + ')' : '');
    }
    v.again.hidden = !(status === 'failed' || status === 'expired');
  }

  function renderList() {
    const list = $('requests');
    const keys = new Set(items.map(keyOf));
    for (const [key, v] of views) {
      if (!keys.has(key)) {
        v.li.remove();
        views.delete(key);
      }
    }
    items.forEach((item, i) => {
      render(item);
      const li = view(item).li;
      if (list.children[i] !== li) list.insertBefore(li, list.children[i] || null);
    });
    $('no-requests').hidden = items.length > 0;
  }

  async function cookAgain(item, v) {
    v.again.disabled = true;
    try {
      await request(item.type, item.swhid, item.compression);
      v.heading.focus();
    } catch (e) {
      item.message = e.message;
      render(item);
    } finally {
      v.again.disabled = false;
    }
  }

  function remove(item) {
    const at = items.indexOf(item);
    items = items.filter((i) => i !== item);
    save();
    renderList();
    const next = items[Math.min(at, items.length - 1)];
    (next ? view(next).heading : $('requests-heading')).focus();
  }

  function formatSize(bytes) {
    const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
    let value = bytes;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return unit === 0 ? bytes + (bytes === 1 ? ' byte' : ' bytes') : value.toFixed(value < 10 ? 1 : 0) + ' ' + units[unit];
  }

  function formatDuration(seconds) {
    if (seconds < 1) return Math.round(seconds * 1000) + ' ms';
    if (seconds < 60) return seconds.toFixed(1) + ' s';
    const minutes = Math.floor(seconds / 60);
    return minutes + ' min ' + Math.round(seconds % 60) + ' s';
  }

  function per(seconds) {
    return { 1: 'a second', 60: 'a minute', 3600: 'an hour', 86400: 'a day' }[seconds] || 'every ' + seconds + ' seconds';
  }

  async function describe() {
    const dl = $('server');
    try {
      const response = await fetch(api, { headers: { Accept: 'application/json' }, cache: 'no-store' });
      if (!response.ok) throw new Error('HTTP ' + response.status);
      server = await response.json();
    } catch (e) {
      dl.replaceChildren(element('dt', {}, 'Status'), element('dd', {}, 'What this server offers cannot be read (' + e.message + ').'));
      return;
    }
    const rows = [];
    for (const b of server.bundle_types) {
      rows.push([b.type, 'bundles of ' + b.object_types.map((t) => OBJECTS[t] || t).join(', ')
        + (b.max_bundle_size === null ? ', any size' : ', up to ' + formatSize(b.max_bundle_size))
        + (Array.isArray(b.compressions) && b.compressions.length > 1 ? ', as ' + b.compressions.join(' or ') : '')]);
    }
    const limit = (l, what) => (l ? l.limit + ' ' + what + ' ' + per(l.period) : 'no limit on ' + what);
    rows.push(['Rate limits', limit(server.rate_limit, 'requests') + '; ' + limit(server.cook_rate_limit, 'cooking requests')
      + (server.authenticated_as ? ', for ' + server.authenticated_as : ', per address')]);
    const auth = server.authentication || {};
    if (auth.api_tokens || auth.oidc_issuer) {
      rows.push(['Higher limits', 'with an API token' + (auth.oidc_issuer ? ' or a token of ' + auth.oidc_issuer : '')
        + ', sent as Authorization: Bearer TOKEN']);
    }
    if (server.mirror_of) {
      const link = element('a', { href: server.mirror_of }, server.mirror_of);
      rows.push(['Mirror of', link.cloneNode(true)]);
      const mirror = $('mirror');
      mirror.replaceChildren('This vault is a mirror of ', link, ': it cooks from its own copy of the archive.');
      mirror.hidden = false;
    }
    dl.replaceChildren(...rows.flatMap(([name, value]) => [element('dt', {}, name), element('dd', {}, value)]));
    updateTypes();
  }

  for (const radio of document.querySelectorAll('input[name=type]')) radio.addEventListener('change', updateCompressions);

  $('swhid').addEventListener('input', () => {
    showError('');
    updateTypes();
  });

  $('request-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = $('swhid').value;
    const swhid = coreOf(text);
    if (!swhid) {
      showError(text.trim() ? 'This is not a SWHID: expected swh:1:TYPE:40 hex digits, such as swh:1:dir:'
        + '0'.repeat(40) + '.' : 'Paste the SWHID of the object to cook.');
      $('swhid').focus();
      return;
    }
    const objectType = swhid.split(':')[2];
    if (objectType === 'cnt') {
      showError('A content needs no cooking: download it from /api/1/content/sha1_git:' + swhid.slice(10) + '/raw/.');
      $('swhid').focus();
      return;
    }
    const radio = document.querySelector('input[name=type]:checked:not(:disabled)');
    if (!radio) {
      showError('This server cooks no bundle of ' + OBJECTS[objectType] + '.');
      return;
    }
    if (swhid !== text.trim()) $('swhid').value = swhid;
    showError('');
    const button = $('request');
    button.disabled = true;
    try {
      const compression = document.querySelector('input[name=compression]:checked:not(:disabled)');
      const item = await request(radio.value, swhid, compression ? compression.value : 'gzip');
      announce('Requested the ' + kindOf(item) + ' bundle of ' + OBJECT[objectType] + ' ' + swhid + '.');
    } catch (e) {
      showError(e instanceof TypeError ? 'The server cannot be reached.' : e.message);
      $('swhid').focus();
    } finally {
      button.disabled = false;
    }
  });

  renderList();
  updateTypes();
  describe();
  // Every saved request is asked about once (a done bundle may have expired), then those still cooking keep being asked.
  (async () => {
    for (const item of [...items]) {
      if (Date.now() >= pausedUntil) await refresh(item);
    }
  })().finally(() => setTimeout(poll, POLL_MS));
})();
