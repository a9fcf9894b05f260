// The overview page: collections, catalogues and the coverage map, all through TAP.

import { BASE, adqlString, errorBox, h, messageOf, mjdToDate, request, session, tap } from './api.js';
import { SkyMap } from './sky.js';
import { archiveSchema, catalogues, loadTables } from './tables.js';

/** Sky cell size of the coverage map, degrees. */
export const CELL = 2;

let map = null;

/** ADQL counting the rows of a table per CELL-degree cell (a subquery: Derby groups only on columns). */
export function cellQuery(table, ra, dec, where = '') {
  return `SELECT cra, cdec, COUNT(*) AS n FROM (SELECT FLOOR(${ra} / ${CELL}) AS cra, FLOOR((${dec} + 90) / ${CELL}) AS cdec`
    + ` FROM ${table} WHERE ${ra} IS NOT NULL AND ${dec} IS NOT NULL${where}) AS cells GROUP BY cra, cdec`;
}

/** Cell counts scan whole tables: this browser keeps them for ten minutes (per user). */
async function cached(query, maxrec) {
  const key = 'meridian.cells:' + (session.user || '') + ':' + query;
  try {
    const hit = JSON.parse(localStorage.getItem(key) || 'null');
    if (hit && Date.now() - hit.at < 600000) return hit.result;
  } catch { /* a broken entry is read again */ }
  const result = await tap(query, maxrec);
  try { localStorage.setItem(key, JSON.stringify({ at: Date.now(), result: { rows: result.rows } })); } catch { /* full */ }
  return result;
}

function toCells(result) {
  return result.rows.map(([cra, cdec, n]) => ({ ra: (cra + 0.5) * CELL, dec: (cdec + 0.5) * CELL - 90, n }));
}

export async function renderLanding(app) {
  if (!map) {
    map = new SkyMap(document.getElementById('skymap'), (p) => pickPosition(app, p));
  }
  try {
    const schemas = await loadTables();
    await Promise.all([collections(app, schemas), catalogueList(app, schemas), coverage(schemas), accessNote()]);
  } catch (e) {
    errorBox(document.getElementById('collections'), e);
  }
}

async function coverage(schemas) {
  try {
    const cats = catalogues(schemas).filter((c) => c.ra && c.dec);
    // at most 180 x 91 cells: above the default MAXREC, so ask for all of them
    const cells = 180 * 91;
    const [products, ...perCatalogue] = await Promise.all([cached(cellQuery('ivoa.obscore', 's_ra', 's_dec'), cells),
      ...cats.map((c) => cached(cellQuery(c.name, c.ra, c.dec), cells))]);
    map.setLayer('catalogues', perCatalogue.flatMap(toCells), CELL, '80,170,255', 0.3, 0.5);
    map.setLayer('products', toCells(products), CELL, '255,150,40', 0.6, 0.4);
    document.getElementById('skymap').dataset.ready = 'true';
  } catch (e) {
    errorBox(document.getElementById('sky-pick'), e);
  }
}

async function collections(app, schemas) {
  const box = document.getElementById('collections');
  const archive = archiveSchema(schemas);
  if (!archive) {
    box.replaceChildren(h('p', {}, 'This service publishes no collections table.'));
    return;
  }
  const [meta, stats] = await Promise.all([
    tap(`SELECT * FROM ${archive}.collections ORDER BY collection`),
    tap('SELECT obs_collection, dataproduct_type, COUNT(*) AS n, MIN(t_min) AS t0, MAX(t_max) AS t1, MIN(em_min) AS w0,'
      + ' MAX(em_max) AS w1 FROM ivoa.obscore GROUP BY obs_collection, dataproduct_type'),
  ]);
  const col = (r, name) => r[meta.fields.findIndex((f) => f.name === name)];
  const byName = {};
  const lower = (a, b) => (a === null ? b : b === null ? a : Math.min(a, b));
  const upper = (a, b) => (a === null ? b : b === null ? a : Math.max(a, b));
  for (const [name, type, n, t0, t1, w0, w1] of stats.rows) {
    const s = byName[name] || (byName[name] = { n: 0, types: {}, t0: null, t1: null, w0: null, w1: null });
    s.n += n;
    s.types[type || 'other'] = n;
    s.t0 = lower(s.t0, t0);
    s.t1 = upper(s.t1, t1);
    s.w0 = lower(s.w0, w0);
    s.w1 = upper(s.w1, w1);
  }
  if (meta.rows.length === 0) {
    box.replaceChildren(h('p', {}, 'No collection is published yet (./meridian ingest adds one).'));
    return;
  }
  box.replaceChildren(...meta.rows.map((r) => {
    const name = col(r, 'collection');
    const s = byName[name] || { n: 0 };
    const range = (a, b, f) => (a === null || a === undefined ? '—' : `${f(a)} – ${f(b)}`);
    const nm = (m) => Math.round(m * 1e9) + ' nm';
    return h('article', { class: 'collection', 'data-collection': name },
      h('h3', {}, col(r, 'title') || name, ' ', h('code', { class: 'hint' }, name)),
      h('p', {}, col(r, 'description') || ''),
      h('dl', { class: 'facts' },
        h('dt', {}, 'Facility'), h('dd', {}, col(r, 'facility_name') || '—'),
        h('dt', {}, 'Instruments'), h('dd', {}, col(r, 'instruments') || '—'),
        h('dt', {}, 'Products'), h('dd', { class: 'n-products' }, String(s.n ?? 0) + (s.types ? ' (' + Object.entries(s.types).map(([t, n]) => `${n} ${t}`).join(', ') + ')' : '')),
        h('dt', {}, 'Observed'), h('dd', {}, range(s.t0, s.t1, mjdToDate)),
        h('dt', {}, 'Wavelengths'), h('dd', {}, range(s.w0, s.w1, nm)),
        h('dt', {}, 'Rights'), h('dd', {}, col(r, 'data_rights') || '—'),
        h('dt', {}, 'Cite as'), h('dd', {}, col(r, 'citation') || '—')),
      h('div', { class: 'toolbar' },
        h('button', { type: 'button', class: 'small', onclick: () => app.openQuery(
          `SELECT TOP 1000 obs_publisher_did, dataproduct_type, target_name, s_ra, s_dec, t_min, em_min, em_max, access_url\nFROM ivoa.obscore\nWHERE obs_collection = ${adqlString(name)}\nORDER BY obs_publisher_did`, true) }, 'Browse products'),
        h('button', { type: 'button', class: 'small', onclick: () => app.openQuery(`SELECT TOP 100 * FROM ivoa.obscore WHERE obs_collection = ${adqlString(name)}`, false) }, 'Query in ADQL')));
  }));
}

async function catalogueList(app, schemas) {
  const box = document.getElementById('catalogues');
  const cats = catalogues(schemas);
  if (cats.length === 0) {
    box.replaceChildren(h('p', {}, 'No catalogue is published.'));
    return;
  }
  const rows = await Promise.all(cats.map((c) => tap(`SELECT COUNT(*) AS n FROM ${c.name}`).then((r) => r.rows[0][0]).catch(() => null)));
  box.replaceChildren(h('table', { class: 'files' },
    h('thead', {}, h('tr', {}, ['Table', 'Description', 'Rows', 'Columns', ''].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, cats.map((c, i) => h('tr', { 'data-table': c.name },
      h('td', {}, h('code', {}, c.name)), h('td', {}, c.description),
      h('td', { class: 'num' }, rows[i] === null ? '—' : rows[i].toLocaleString()),
      h('td', { class: 'num' }, String(c.columns.length)),
      h('td', {}, h('button', { type: 'button', class: 'small', onclick: () => app.openQuery(`SELECT TOP 100 * FROM ${c.name}`, true) }, 'Show rows')))))));
}

async function accessNote() {
  const note = document.getElementById('access-note');
  if (!session.header) {
    note.textContent = 'You are browsing anonymously: you see every public and released product. Log in to see proprietary data you have access to.';
    return;
  }
  try {
    const count = 'SELECT COUNT(*) AS n FROM ivoa.obscore';
    const [mine, anon] = await Promise.all([tap(count), request(`${BASE}/tap/sync?LANG=ADQL&RESPONSEFORMAT=csv&QUERY=${encodeURIComponent(count)}`, {}, null).then((r) => r.text())]);
    const you = mine.rows[0][0];
    const everyone = Number(anon.trim().split('\n').pop());
    note.textContent = `Logged in as ${session.user}: you see ${you.toLocaleString()} products, ${(you - everyone).toLocaleString()} of them proprietary ones your groups may read (anonymous visitors see ${everyone.toLocaleString()}).`;
  } catch (e) {
    note.textContent = messageOf(e);
  }
}

function pickPosition(app, [ra, dec]) {
  const box = document.getElementById('sky-pick');
  const r = CELL * 1.5;
  const pos = `RA ${ra.toFixed(2)}°, Dec ${dec.toFixed(2)}°`;
  const cone = `CONTAINS(POINT('ICRS', s_ra, s_dec), CIRCLE('ICRS', ${ra.toFixed(4)}, ${dec.toFixed(4)}, ${r})) = 1`;
  box.replaceChildren(h('p', {}, h('strong', {}, pos), ` — search within ${r}°: `,
    h('button', { type: 'button', class: 'small', id: 'pick-products', onclick: () => app.openQuery(
      `SELECT TOP 1000 obs_publisher_did, obs_collection, dataproduct_type, target_name, s_ra, s_dec, em_min, em_max, access_url\nFROM ivoa.obscore\nWHERE ${cone}`, true) }, 'Products'), ' ',
    h('button', { type: 'button', class: 'small', onclick: () => app.searchSpectra(ra, dec, 2 * r) }, 'Spectra'), ' ',
    h('button', { type: 'button', class: 'small', onclick: () => app.searchImages(ra, dec, r) }, 'Images')));
}
