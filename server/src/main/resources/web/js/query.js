// The query page: ADQL editor with line numbers and error positions, the table and column browser
// (VOSI tables), the DALI examples, and asynchronous jobs (UWS) with their phase shown live.

import { BASE, ServiceError, errorPosition, form, h, messageOf, notify, parseJob, parseJobList, parseVOTable, request, session, tapSyncUrl } from './api.js';
import { showResult } from './results.js';
import { loadTables } from './tables.js';

const JOBS_KEY = 'meridian.jobs';
const FINAL = ['COMPLETED', 'ERROR', 'ABORTED', 'ARCHIVED'];
/** Output formats of /tap/sync offered for download (TAPRegExt aliases). */
export const FORMATS = [['VOTable', 'votable'], ['VOTable (TABLEDATA)', 'votable/td'], ['FITS', 'fits'], ['CSV', 'csv'], ['TSV', 'tsv']];

const editor = () => document.getElementById('adql');
let running = null; // { url, cancelled }
let initialised = false;

export function initQuery() {
  if (initialised) return;
  initialised = true;
  const ta = editor();
  const gutter = document.getElementById('adql-gutter');
  const lines = () => {
    const n = ta.value.split('\n').length;
    gutter.textContent = Array.from({ length: n }, (_, i) => i + 1).join('\n');
    gutter.scrollTop = ta.scrollTop;
  };
  ta.addEventListener('input', () => { lines(); clearError(); });
  ta.addEventListener('scroll', () => { gutter.scrollTop = ta.scrollTop; });
  ta.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); run(); }
  });
  lines();
  document.getElementById('run').addEventListener('click', run);
  document.getElementById('validate').addEventListener('click', validate);
  document.getElementById('cancel').addEventListener('click', cancel);
  for (const [tab, panel] of [['tab-tables', 'tables-panel'], ['tab-examples', 'examples-panel']]) {
    document.getElementById(tab).addEventListener('click', () => {
      for (const [t2, p2] of [['tab-tables', 'tables-panel'], ['tab-examples', 'examples-panel']]) {
        document.getElementById(t2).setAttribute('aria-selected', String(t2 === tab));
        document.getElementById(p2).hidden = p2 !== panel;
      }
    });
  }
  document.getElementById('table-filter').addEventListener('input', (e) => filterTables(e.target.value));
  browser();
  examples();
}

/** Reads the table browser again (after a login: proprietary catalogues may appear). */
export function refreshBrowser() {
  if (initialised) browser();
}

export function setQuery(adql) {
  editor().value = adql;
  editor().dispatchEvent(new Event('input'));
}

function insert(text) {
  const ta = editor();
  const { selectionStart: a, selectionEnd: b, value } = ta;
  ta.value = value.slice(0, a) + text + value.slice(b);
  ta.selectionStart = ta.selectionEnd = a + text.length;
  ta.dispatchEvent(new Event('input'));
  ta.focus();
}

async function browser() {
  const box = document.getElementById('tables');
  try {
    const schemas = await loadTables();
    box.replaceChildren(...schemas.map((s) => h('details', { class: 'schema', open: s.schema !== 'TAP_SCHEMA' },
      h('summary', { title: s.description }, s.schema),
      s.tables.map((t) => h('details', { class: 'table', 'data-table': t.name },
        h('summary', { title: t.description }, h('span', { class: 'tname' }, t.name.split('.').pop()),
          h('button', { type: 'button', class: 'insert', title: 'Insert ' + t.name, 'aria-label': 'Insert table ' + t.name, onclick: (e) => { e.preventDefault(); insert(t.name); } }, '+')),
        t.description ? h('p', { class: 'hint' }, t.description) : null,
        h('ul', { class: 'columns' }, t.columns.map((c) => h('li', { 'data-column': c.name },
          h('button', { type: 'button', class: 'col', title: 'Insert ' + c.name, onclick: () => insert(c.name) }, c.name),
          h('span', { class: 'type' }, c.datatype), c.unit ? h('span', { class: 'unit' }, c.unit) : null,
          c.ucd ? h('span', { class: 'ucd' }, c.ucd) : null,
          c.description ? h('div', { class: 'desc' }, c.description) : null))))))));
  } catch (e) {
    box.replaceChildren(h('div', { class: 'error' }, messageOf(e)));
  }
}

function filterTables(text) {
  const q = text.trim().toLowerCase();
  for (const t of document.querySelectorAll('#tables details.table')) {
    let any = t.dataset.table.toLowerCase().includes(q);
    for (const li of t.querySelectorAll('li')) {
      const hit = !q || any || li.dataset.column.toLowerCase().includes(q) || li.textContent.toLowerCase().includes(q);
      li.hidden = !hit;
      any = any || (q && hit);
    }
    t.hidden = !any && !!q;
    if (q && any) t.open = true;
  }
}

async function examples() {
  const box = document.getElementById('examples');
  try {
    const d = new DOMParser().parseFromString(await (await request(BASE + '/tap/examples')).text(), 'text/html');
    const list = [...d.querySelectorAll('[typeof="example"]')].map((e) => ({
      name: e.querySelector('[property="name"]')?.textContent.trim(),
      query: e.querySelector('[property="query"]')?.textContent.trim(),
      description: e.querySelector('p')?.textContent.trim(),
    })).filter((e) => e.query);
    box.replaceChildren(...list.map((e) => h('div', { class: 'example' },
      h('button', { type: 'button', class: 'example-use', onclick: () => { setQuery(e.query); notify('Example "' + e.name + '" is in the editor: Run it, or edit it first.'); } }, e.name),
      h('p', { class: 'hint' }, e.description || ''))));
  } catch (e) {
    box.replaceChildren(h('div', { class: 'error' }, messageOf(e)));
  }
}

function clearError() {
  document.getElementById('adql-error').hidden = true;
}

/** Shows an ADQL error; when it names a position, selects it in the editor. */
function showError(message) {
  const box = document.getElementById('adql-error');
  box.hidden = false;
  const pos = errorPosition(message);
  box.replaceChildren(pos ? h('strong', {}, `Line ${pos.line}, column ${pos.column}: `) : '', message);
  if (pos) {
    const ta = editor();
    const lines = ta.value.split('\n');
    let offset = 0;
    for (let i = 0; i < pos.line - 1 && i < lines.length; i++) offset += lines[i].length + 1;
    offset += pos.column - 1;
    const word = /^[\w."]*/.exec(ta.value.slice(offset))[0];
    ta.focus();
    ta.setSelectionRange(offset, offset + Math.max(1, word.length));
  }
}

async function validate() {
  clearError();
  try {
    const resp = await request(BASE + '/tap/sync', { method: 'POST', body: form({ LANG: 'ADQL', QUERY: editor().value, MAXREC: 0, RESPONSEFORMAT: 'votable/td' }) });
    const vt = parseVOTable(await resp.text());
    if (vt.status === 'ERROR') throw new ServiceError(vt.message);
    notify(`The query is valid: ${vt.fields.length} columns (${vt.fields.map((f) => f.name).join(', ')}).`);
  } catch (e) {
    showError(messageOf(e));
  }
}

function phase(text, final) {
  document.getElementById('job-state').replaceChildren(text ? h('span', { class: 'phase phase-' + text.split(' ')[0].toLowerCase() }, text) : '');
  document.getElementById('cancel').hidden = final;
  document.getElementById('run').disabled = !final;
}

function remember(id) {
  const ids = JSON.parse(localStorage.getItem(JOBS_KEY) || '[]');
  localStorage.setItem(JOBS_KEY, JSON.stringify([id, ...ids.filter((x) => x !== id)].slice(0, 200)));
}

/** Runs the editor's query as an asynchronous job and shows its result. */
export async function run() {
  clearError();
  const query = editor().value;
  const maxrec = document.getElementById('maxrec').value;
  phase('SUBMITTING', false);
  try {
    const resp = await request(BASE + '/tap/async', { method: 'POST',
      body: form({ LANG: 'ADQL', QUERY: query, MAXREC: maxrec, RESPONSEFORMAT: 'votable/td', PHASE: 'RUN' }) });
    const url = resp.url;
    let job = parseJob(await resp.text());
    remember(job.id);
    running = { url };
    await follow(url, job, query, maxrec);
  } catch (e) {
    phase('', true);
    showError(messageOf(e));
  }
}

/** Waits for a job to end (UWS blocking WAIT), showing its phase, then shows its result. */
async function follow(url, job, query, maxrec) {
  const started = Date.now();
  while (!FINAL.includes(job.phase)) {
    phase(`${job.phase} (${Math.round((Date.now() - started) / 1000)} s)`, false);
    const resp = await request(`${url}?WAIT=5&PHASE=${job.phase}`);
    job = parseJob(await resp.text());
    if (running?.url !== url) return;
  }
  running = null;
  phase(job.phase, true);
  if (job.phase === 'COMPLETED') {
    await showJobResult(url, job, query, maxrec);
  } else if (job.phase === 'ERROR') {
    showError(job.error || 'The query failed.');
  } else if (job.phase === 'ABORTED') {
    notify('The job was cancelled.');
  }
}

export function showJobResult(url, job, query, maxrec) {
  const result = job.results[0]?.href || url + '/results/result';
  return showResult({
    title: 'Query result', url: result,
    downloads: [{ label: 'Job result (VOTable)', url: result, filename: `result-${job.id}.vot` },
      ...FORMATS.map(([label, alias]) => ({ label, url: tapSyncUrl(query, alias, maxrec),
        filename: `result-${job.id}.${alias.startsWith('votable') ? 'vot' : alias}` }))],
  });
}

async function cancel() {
  if (!running) return;
  const { url } = running;
  phase('ABORTING', false);
  try {
    // the job's waiting loop (follow) sees the phase change and shows ABORTED
    await request(url + '/phase', { method: 'POST', body: form({ PHASE: 'ABORT' }) });
  } catch (e) {
    notify(messageOf(e), 'error');
  }
}

/** The job list page: the caller's own jobs (anonymous visitors: the jobs this browser started). */
export async function renderJobs(app) {
  const box = document.getElementById('jobs');
  document.getElementById('jobs-owner').textContent = session.header
    ? `The jobs of ${session.user}, newest first. Results are kept until the job's destruction time.`
    : 'The anonymous jobs this browser started, newest first. Log in to keep your jobs under your name.';
  box.replaceChildren(h('p', { class: 'loading' }, 'Reading the job list…'));
  try {
    let jobs = parseJobList(await (await request(BASE + '/tap/async')).text());
    if (!session.header) {
      const mine = new Set(JSON.parse(localStorage.getItem(JOBS_KEY) || '[]'));
      jobs = jobs.filter((j) => mine.has(j.id));
    }
    jobs.sort((a, b) => (b.creationTime || '').localeCompare(a.creationTime || ''));
    if (jobs.length === 0) {
      box.replaceChildren(h('p', {}, 'No jobs yet: run a query on the ADQL query page.'));
      return;
    }
    const details = await Promise.all(jobs.slice(0, 50).map((j) => request(j.href).then((r) => r.text()).then(parseJob).catch(() => null)));
    box.replaceChildren(h('table', { class: 'files jobs' },
      h('thead', {}, h('tr', {}, ['Created', 'Phase', 'Query', ''].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, jobs.slice(0, 50).map((j, i) => {
        const d = details[i];
        const q = d?.parameters.QUERY || '';
        return h('tr', { 'data-job': j.id },
          h('td', {}, (j.creationTime || '').replace('T', ' ').slice(0, 19)),
          h('td', {}, h('span', { class: 'phase phase-' + (j.phase || '').toLowerCase() }, j.phase)),
          h('td', {}, h('code', { class: 'q' }, q.length > 160 ? q.slice(0, 160) + '…' : q), d?.error ? h('div', { class: 'error small' }, d.error) : null),
          h('td', { class: 'actions' },
            j.phase === 'COMPLETED' ? h('button', { type: 'button', class: 'small', onclick: () => showJobResult(j.href, d, q, d.parameters.MAXREC) }, 'Result') : null,
            h('button', { type: 'button', class: 'small', onclick: () => app.openQuery(q, false) }, 'Edit'),
            ['QUEUED', 'EXECUTING', 'PENDING'].includes(j.phase) ? h('button', { type: 'button', class: 'small', onclick: async () => {
              await request(j.href + '/phase', { method: 'POST', body: form({ PHASE: 'ABORT' }) }).catch((e) => notify(messageOf(e), 'error'));
              renderJobs(app);
            } }, 'Cancel') : null,
            h('button', { type: 'button', class: 'small', onclick: async () => {
              await request(j.href, { method: 'POST', body: form({ ACTION: 'DELETE' }) }).catch((e) => notify(messageOf(e), 'error'));
              renderJobs(app);
            } }, 'Delete')));
      }))));
  } catch (e) {
    box.replaceChildren(h('div', { class: 'error' }, messageOf(e)));
  }
}
