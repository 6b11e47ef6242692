// The preview page follows the server: every `update` event fetches the state and
// shows it; the document frame reloads only when a new document was rendered. The
// page decides nothing and writes plan text only through textContent.
'use strict';
const L = JSON.parse(document.getElementById('labels').textContent);
const $ = (id) => document.getElementById(id);
const fill = (pattern, args) =>
  pattern.replace(/\{(\w+)\}/g, (m, k) => (k in args ? String(args[k]) : m));
let shownDocument = 0;
let pressed = null;

function time() {
  return new Date().toLocaleTimeString(document.documentElement.lang, { hour12: false });
}

function loadDocument(version) {
  const frame = $('document');
  let y = 0;
  try { y = frame.contentWindow.scrollY; } catch (e) { y = 0; }
  frame.onload = () => {
    try { frame.contentWindow.scrollTo(0, y); } catch (e) { /* a new document */ }
    document.body.dataset.documentVersion = String(version);
  };
  frame.src = '/document?v=' + version;
  shownDocument = version;
}

function excerpt(f) {
  $('excerpt').hidden = false;
  $('excerpt-title').textContent = fill(L.at, { file: state.file, line: f.line, column: f.column });
  const pre = $('excerpt-text');
  pre.textContent = '';
  const width = String(f.excerpt.length ? f.excerpt[f.excerpt.length - 1].number : 0).length;
  for (const l of f.excerpt) {
    const row = document.createElement('span');
    if (l.number === f.line) row.className = 'hit';
    const no = document.createElement('span');
    no.className = 'no';
    no.textContent = String(l.number).padStart(width, ' ') + ' │ ';
    row.append(no, document.createTextNode(l.text));
    pre.append(row, document.createTextNode('\n'));
  }
}

function item(f) {
  const li = document.createElement('li');
  const b = document.createElement('button');
  b.type = 'button';
  b.className = f.severity;
  b.setAttribute('aria-pressed', 'false');
  const where = document.createElement('span');
  where.className = 'where';
  where.textContent = (L.severity[f.severity] || f.severity) + ' ';
  const code = document.createElement('span');
  code.className = 'code';
  code.textContent = f.code;
  const line = document.createElement('span');
  line.className = 'where';
  line.textContent = ' · ' + fill(L.line, { line: f.line });
  const msg = document.createElement('div');
  msg.textContent = f.label ? f.message + L.sep + f.label : f.message;
  b.append(where, code, line, msg);
  if (f.help) {
    const h = document.createElement('span');
    h.className = 'help';
    h.textContent = L.help + L.sep + f.help;
    b.append(h);
  }
  b.addEventListener('click', () => {
    if (pressed) pressed.setAttribute('aria-pressed', 'false');
    b.setAttribute('aria-pressed', 'true');
    pressed = b;
    excerpt(f);
  });
  li.append(b);
  return li;
}

let state = { file: '' };

function show(r) {
  state = r;
  $('status').classList.remove('lost');
  $('status').textContent = fill(L.updated, { file: r.file, time: time() });
  $('findings-title').textContent = L.findings;
  $('document').title = L.document;
  $('counts').textContent = r.findings.length === 0 && !r.failure
    ? L.none
    : fill(L.counts, { errors: r.errors, warnings: r.warnings });
  $('failure').hidden = !r.failure;
  $('failure').textContent = r.failure ? fill(L.failure, { reason: r.failure }) : '';
  const list = $('findings');
  list.textContent = '';
  pressed = null;
  $('excerpt').hidden = true;
  for (const f of r.findings) list.append(item(f));
  $('more').hidden = r.more === 0;
  $('more').textContent = fill(L.more, { n: r.more });
  $('empty').hidden = r.document_version !== 0;
  $('empty').textContent = L.no_document;
  $('stale').hidden = r.current || r.document_version === 0;
  $('stale').textContent = L.stale;
  if (r.document_version !== 0 && r.document_version !== shownDocument) loadDocument(r.document_version);
  document.body.dataset.version = String(r.version);
}

async function update() {
  try {
    const response = await fetch('/state', { cache: 'no-store' });
    if (response.ok) show(await response.json());
  } catch (e) {
    lost();
  }
}

function lost() {
  $('status').classList.add('lost');
  $('status').textContent = L.lost;
}

const events = new EventSource('/events');
events.addEventListener('update', update);
events.addEventListener('open', update);
events.addEventListener('error', lost);
