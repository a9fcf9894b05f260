// The tables the service publishes, from VOSI /tap/tables (read once per page load and login).

import { BASE, request } from './api.js';

let cached = null;

/** [{ schema, description, tables: [{ name, description, type, columns: [...] }] }] */
export function loadTables() {
  if (!cached) {
    cached = request(BASE + '/tap/tables').then((r) => r.text()).then(parseTableSet);
    cached.catch(() => { cached = null; });
  }
  return cached;
}

export function forgetTables() { cached = null; }

function text(el, name) {
  for (const c of el.children) if (c.localName === name) return c.textContent.trim();
  return '';
}

function parseTableSet(xml) {
  const d = new DOMParser().parseFromString(xml, 'application/xml');
  return [...d.getElementsByTagNameNS('*', 'schema')].map((s) => ({
    schema: text(s, 'name'),
    description: text(s, 'description'),
    tables: [...s.children].filter((t) => t.localName === 'table').map((t) => ({
      name: text(t, 'name'),
      description: text(t, 'description'),
      columns: [...t.children].filter((c) => c.localName === 'column').map((c) => {
        const dt = [...c.children].find((x) => x.localName === 'dataType');
        return { name: text(c, 'name'), description: text(c, 'description'), unit: text(c, 'unit'), ucd: text(c, 'ucd'),
          datatype: dt ? dt.textContent.trim() + (dt.getAttribute('arraysize') ? `[${dt.getAttribute('arraysize')}]` : '') : '' };
      }),
    })),
  }));
}

/** The archive's own schema (the one holding the collections table). */
export function archiveSchema(schemas) {
  for (const s of schemas) for (const t of s.tables) if (t.name.toLowerCase().endsWith('.collections') && s.schema !== 'ivoa') return s.schema;
  return null;
}

/** Catalogue tables: everything outside ivoa, TAP_SCHEMA and the archive schema, with its position columns. */
export function catalogues(schemas) {
  const archive = archiveSchema(schemas);
  const out = [];
  for (const s of schemas) {
    if (['ivoa', 'tap_schema', (archive || '').toLowerCase()].includes(s.schema.toLowerCase())) continue;
    for (const t of s.tables) {
      const ra = t.columns.find((c) => /^pos\.eq\.ra(;meta\.main)?$/.test(c.ucd)) || t.columns.find((c) => /^(ra|raj2000|ra_icrs)$/i.test(c.name));
      const dec = t.columns.find((c) => /^pos\.eq\.dec(;meta\.main)?$/.test(c.ucd)) || t.columns.find((c) => /^(dec|dej2000|decj2000|de_icrs)$/i.test(c.name));
      out.push({ ...t, schema: s.schema, ra: ra?.name, dec: dec?.name });
    }
  }
  return out;
}
