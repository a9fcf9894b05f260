// Talking to Meridian's own VO endpoints: credentials, errors, VOTable and UWS documents.

const AUTH_KEY = 'meridian.auth';

/** The service root (the page is served at "/"). */
export const BASE = new URL('.', document.baseURI).href.replace(/\/$/, '');

/** An error a person can read: the service's own message, never a stack trace. */
export class ServiceError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

export const session = {
  get header() { return sessionStorage.getItem(AUTH_KEY); },
  get user() { return sessionStorage.getItem(AUTH_KEY + '.user'); },
  set(header, user) {
    sessionStorage.setItem(AUTH_KEY, header);
    sessionStorage.setItem(AUTH_KEY + '.user', user);
  },
  clear() {
    sessionStorage.removeItem(AUTH_KEY);
    sessionStorage.removeItem(AUTH_KEY + '.user');
  },
};

/** fetch() with the session's credentials; a non-2xx answer becomes a ServiceError. */
export async function request(url, options = {}, header = session.header) {
  const headers = new Headers(options.headers || {});
  if (header) headers.set('Authorization', header);
  let resp;
  try {
    resp = await fetch(url, { ...options, headers, credentials: 'omit' });
  } catch (e) {
    throw new ServiceError('The service cannot be reached (' + e.message + ').', 0);
  }
  if (!resp.ok) throw new ServiceError(await errorText(resp), resp.status);
  return resp;
}

/** The message of an error response: DALI VOTable, UWS text, or plain text. */
export async function errorText(resp) {
  const type = resp.headers.get('Content-Type') || '';
  let text = '';
  try { text = await resp.text(); } catch { /* no body */ }
  if (type.includes('xml') && text.includes('QUERY_STATUS')) {
    const m = new DOMParser().parseFromString(text, 'application/xml');
    for (const info of m.getElementsByTagName('INFO')) {
      if (info.getAttribute('name') === 'QUERY_STATUS') return info.textContent.trim() || statusText(resp.status);
    }
  }
  if (type.startsWith('text/html')) return statusText(resp.status);
  text = text.trim();
  if (!text || text.length > 2000 || /^\s*at [\w.$]+\(/m.test(text)) return statusText(resp.status);
  return text;
}

function statusText(status) {
  return ({
    400: 'The request was not understood.',
    401: 'You need to log in to see this.',
    403: 'Your account may not see this.',
    404: 'Not found.',
    413: 'The request is too large.',
    429: 'Too many requests: wait a moment and try again.',
  })[status] || 'The service answered with an error (HTTP ' + status + ').';
}

/** The position of an ADQL error message ("line 3, column 7"), or null. */
export function errorPosition(message) {
  const m = /line (\d+),? column (\d+)/i.exec(message);
  return m ? { line: +m[1], column: +m[2] } : null;
}

/** URL with query parameters; arrays repeat the parameter. */
export function withParams(url, params) {
  const u = new URL(url, BASE + '/');
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    for (const one of Array.isArray(v) ? v : [v]) u.searchParams.append(k, one);
  }
  return u.href;
}

/** A form body from an object (arrays repeat). */
export function form(params) {
  const f = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    for (const one of Array.isArray(v) ? v : [v]) f.append(k, one);
  }
  return f;
}

export function tapSyncUrl(query, format = 'votable/td', maxrec) {
  return withParams(BASE + '/tap/sync', { LANG: 'ADQL', QUERY: query, RESPONSEFORMAT: format, MAXREC: maxrec });
}

/** A whole (small) TAP sync result: { fields, rows } with typed values. */
export async function tap(query, maxrec) {
  const resp = await request(BASE + '/tap/sync', {
    method: 'POST', body: form({ LANG: 'ADQL', QUERY: query, RESPONSEFORMAT: 'votable/td', MAXREC: maxrec }),
  });
  return parseVOTable(await resp.text());
}

/** Parses a TABLEDATA VOTable into { fields, rows, status, message, services }. */
export function parseVOTable(text) {
  const reader = new VOTableStream();
  reader.push(text);
  reader.end();
  return { fields: reader.fields, rows: reader.rows.map((r) => typed(reader.fields, r)), status: reader.status,
    message: reader.message, services: reader.services() };
}

/** Row values as numbers where the FIELD is numeric. */
export function typed(fields, row) {
  return row.map((v, i) => (v !== null && isNumeric(fields[i]) ? Number(v) : v));
}

export function isNumeric(field) {
  return field && /^(short|int|long|float|double|unsignedByte)$/.test(field.datatype) && !(field.arraysize && field.arraysize !== '1');
}

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
export function unescapeXml(s) {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (all, e) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ENTITIES[e] ?? all;
  });
}

function attributes(tag) {
  const out = {};
  for (const m of tag.matchAll(/([\w:-]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) out[m[1]] = unescapeXml(m[3] ?? m[4]);
  return out;
}

/**
 * An incremental TABLEDATA VOTable reader: push() text chunks as they arrive; fields appear once
 * the header is read, rows (arrays of strings, null for empty cells) as their </TR> arrives. Only
 * the current partial row is kept besides the rows themselves, so a large result streams.
 */
export class VOTableStream {
  constructor() {
    this.buffer = '';
    this.header = '';
    this.tail = '';
    this.fields = null;
    this.rows = [];
    this.state = 'header';
    this.status = null;
    this.message = null;
  }

  push(chunk) {
    this.buffer += chunk;
    if (this.state === 'header') {
      const start = this.buffer.search(/<TABLEDATA>|<\/RESOURCE>|<\/VOTABLE>|<BINARY2?>/);
      if (start < 0) return;
      this.header = this.buffer.slice(0, start);
      this.readHeader();
      const rest = this.buffer.slice(start);
      if (rest.startsWith('<TABLEDATA>')) {
        this.state = 'rows';
        this.buffer = rest.slice('<TABLEDATA>'.length);
      } else if (/^<BINARY/.test(rest)) {
        throw new ServiceError('This result is in a binary VOTable serialisation, which the page cannot show.');
      } else {
        this.state = 'tail';
        this.tail = rest;
        this.buffer = '';
        return;
      }
    }
    if (this.state === 'rows') {
      let from = 0;
      for (;;) {
        const end = this.buffer.indexOf('</TR>', from);
        if (end < 0) break;
        this.rows.push(cells(this.buffer.slice(from, end)));
        from = end + 5;
      }
      const close = this.buffer.indexOf('</TABLEDATA>', from);
      if (close >= 0) {
        this.state = 'tail';
        this.tail = this.buffer.slice(close);
        this.buffer = '';
        this.readTail();
      } else {
        this.buffer = this.buffer.slice(from);
      }
    } else if (this.state === 'tail') {
      this.tail += this.buffer;
      this.buffer = '';
    }
  }

  end() {
    if (this.state === 'header') {
      this.header = this.buffer;
      this.readHeader();
    }
    this.readTail();
    this.state = 'done';
  }

  readHeader() {
    this.fields = [...this.header.matchAll(/<FIELD\b([^>]*?)(\/>|>([\s\S]*?)<\/FIELD>)/g)].map((m) => {
      const a = attributes(m[1]);
      const d = m[3] && /<DESCRIPTION>([\s\S]*?)<\/DESCRIPTION>/.exec(m[3]);
      return { name: a.name, id: a.ID, datatype: a.datatype, arraysize: a.arraysize, unit: a.unit, ucd: a.ucd,
        utype: a.utype, xtype: a.xtype, description: d ? unescapeXml(d[1]).trim() : '' };
    });
    this.readStatus(this.header);
  }

  readTail() {
    this.readStatus(this.tail);
  }

  readStatus(text) {
    for (const m of text.matchAll(/<INFO\b([^>]*?)(\/>|>([\s\S]*?)<\/INFO>)/g)) {
      const a = attributes(m[1]);
      if (a.name === 'QUERY_STATUS') {
        this.status = a.value;
        this.message = m[3] ? unescapeXml(m[3]).trim() : this.message;
      }
    }
  }

  /** The service descriptors after the table: { id: { accessURL, standardID, inputs:[...] } }. */
  services() {
    const out = {};
    const text = this.tail + this.header;
    for (const m of text.matchAll(/<RESOURCE\b([^>]*type="meta"[^>]*)>([\s\S]*?)<\/RESOURCE>/g)) {
      const a = attributes(m[1]);
      const doc = new DOMParser().parseFromString('<R>' + m[2].replace(/xmlns(:\w+)?="[^"]*"/g, '') + '</R>', 'application/xml');
      const s = { id: a.ID, name: a.name, inputs: [], description: '' };
      const desc = doc.querySelector('R > DESCRIPTION');
      if (desc) s.description = desc.textContent.trim();
      for (const p of doc.querySelectorAll('R > PARAM')) s[p.getAttribute('name')] = p.getAttribute('value');
      for (const p of doc.querySelectorAll('GROUP[name="inputParams"] > PARAM')) {
        const v = p.querySelector('VALUES');
        s.inputs.push({
          name: p.getAttribute('name'), value: p.getAttribute('value') || '', ref: p.getAttribute('ref'),
          unit: p.getAttribute('unit') || '', ucd: p.getAttribute('ucd') || '', xtype: p.getAttribute('xtype') || '',
          datatype: p.getAttribute('datatype'), arraysize: p.getAttribute('arraysize'),
          description: p.querySelector('DESCRIPTION')?.textContent.trim() || '',
          min: v?.querySelector('MIN')?.getAttribute('value'), max: v?.querySelector('MAX')?.getAttribute('value'),
          options: v ? [...v.querySelectorAll('OPTION')].map((o) => o.getAttribute('value')) : [],
        });
      }
      out[s.id || s.name] = s;
    }
    return out;
  }
}

function cells(tr) {
  const out = [];
  for (const m of tr.matchAll(/<TD\s*\/>|<TD(?:\s[^>]*)?>([\s\S]*?)<\/TD>/g)) {
    out.push(m[1] === undefined || m[1] === '' ? null : unescapeXml(m[1]));
  }
  return out;
}

/** A UWS job document: { id, phase, error, results, parameters, owner, creationTime }. */
export function parseJob(xml) {
  const d = new DOMParser().parseFromString(xml, 'application/xml');
  const one = (name) => d.getElementsByTagNameNS('*', name)[0]?.textContent.trim() ?? null;
  const parameters = {};
  for (const p of d.getElementsByTagNameNS('*', 'parameter')) parameters[p.getAttribute('id').toUpperCase()] = p.textContent;
  const results = [...d.getElementsByTagNameNS('*', 'result')].map((r) => ({
    id: r.getAttribute('id'), href: r.getAttributeNS('http://www.w3.org/1999/xlink', 'href') || r.getAttribute('xlink:href'),
  }));
  const error = d.getElementsByTagNameNS('*', 'errorSummary')[0];
  return { id: one('jobId'), phase: one('phase'), owner: one('ownerId'), creationTime: one('creationTime'),
    startTime: one('startTime'), endTime: one('endTime'), parameters, results,
    error: error ? error.textContent.trim() : null };
}

/** The UWS job list: [{ id, href, phase, creationTime }]. */
export function parseJobList(xml) {
  const d = new DOMParser().parseFromString(xml, 'application/xml');
  return [...d.getElementsByTagNameNS('*', 'jobref')].map((j) => ({
    id: j.getAttribute('id'), href: j.getAttributeNS('http://www.w3.org/1999/xlink', 'href'),
    phase: j.getElementsByTagNameNS('*', 'phase')[0]?.textContent,
    creationTime: j.getElementsByTagNameNS('*', 'creationTime')[0]?.textContent,
  }));
}

/**
 * Saves a URL as a file. Anonymous visitors get a plain link (the browser streams it to disk);
 * logged-in ones fetch it with their credentials first, as a link cannot carry them.
 */
export async function download(url, filename) {
  if (!session.header) {
    const a = Object.assign(document.createElement('a'), { href: url, download: filename || '' });
    document.body.append(a);
    a.click();
    a.remove();
    return;
  }
  const resp = await request(url);
  const blob = await resp.blob();
  const name = filename || dispositionName(resp) || url.split('/').pop().split('?')[0];
  const a = Object.assign(document.createElement('a'), { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 60000);
}

function dispositionName(resp) {
  const m = /filename="?([^";]+)"?/.exec(resp.headers.get('Content-Disposition') || '');
  return m ? m[1] : null;
}

/** An object URL for an image that may need the session's credentials. */
export async function imageUrl(url) {
  if (!session.header) return url;
  const resp = await request(url);
  return URL.createObjectURL(await resp.blob());
}

/** Small DOM helper: h('div', {class: 'x'}, child, 'text'). */
export function h(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : String(c));
  }
  return e;
}

/** Shows a message in the status bar (kind: info or error). */
export function notify(message, kind = 'info') {
  const s = document.getElementById('status');
  s.textContent = message;
  s.className = 'status ' + kind;
  s.hidden = false;
  clearTimeout(notify.timer);
  if (kind !== 'error') notify.timer = setTimeout(() => { s.hidden = true; }, 6000);
}

export function errorBox(container, error) {
  container.replaceChildren(h('div', { class: 'error', role: 'alert' }, messageOf(error)));
}

export function messageOf(error) {
  return error instanceof ServiceError ? error.message : 'Something went wrong: ' + (error?.message || error);
}

/** Formats MJD as an ISO date. */
export function mjdToDate(mjd) {
  if (mjd === null || mjd === undefined || Number.isNaN(mjd)) return '';
  return new Date((mjd - 40587) * 86400000).toISOString().slice(0, 10);
}

export function dateToMjd(iso) {
  return Date.parse(iso + 'T00:00:00Z') / 86400000 + 40587;
}

export function adqlString(s) {
  return "'" + String(s).replace(/'/g, "''") + "'";
}
