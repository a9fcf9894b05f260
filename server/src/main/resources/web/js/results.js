// The result view shared by every page: a paged, sortable table that streams its VOTable, so that
// a result of a million rows shows its first page at once and is read further only as the user
// pages on (or asks for all of it).

import { ServiceError, VOTableStream, download, h, isNumeric, messageOf, notify, request } from './api.js';
import { basket } from './basket.js';
import { showProduct } from './datalink.js';

/** Rows read ahead of the page shown. */
const READ_AHEAD = 2000;
const PRODUCT_COLUMNS = ['obs_publisher_did', 'product_id', 'ssa_pubdid', 'pubdid'];

let current = null;

/**
 * Shows a result: { title, url, options (fetch), downloads: [{label, url, filename}], note }.
 * Returns the view once the header and first page are in (or the error is shown).
 */
export async function showResult(spec) {
  if (current) current.close();
  current = new ResultView(spec);
  await current.start();
  return current;
}

export function hideResult() {
  if (current) current.close();
  current = null;
  document.getElementById('results').hidden = true;
}

class ResultView {
  constructor(spec) {
    this.spec = spec;
    this.section = document.getElementById('results');
    this.body = document.getElementById('results-body');
    this.page = 0;
    this.pageSize = 50;
    this.sort = null;
    this.order = null; // row indexes in sorted order, or null
    this.complete = false;
    this.closed = false;
    this.stream = new VOTableStream();
    this.productColumn = -1;
  }

  close() {
    this.closed = true;
    if (this.reader) this.reader.cancel().catch(() => {});
  }

  async start() {
    this.section.hidden = false;
    document.getElementById('results-title').textContent = this.spec.title || 'Results';
    const dl = document.getElementById('downloads');
    dl.replaceChildren(...(this.spec.downloads || []).map((d) => h('button', {
      type: 'button', class: 'small', 'data-format': d.label,
      onclick: () => download(d.url, d.filename).catch((e) => notify(messageOf(e), 'error')),
    }, '⬇ ' + d.label)));
    this.body.replaceChildren(h('p', { class: 'loading' }, 'Running…'));
    try {
      const resp = await request(this.spec.url, this.spec.options);
      this.reader = resp.body.getReader();
      this.decoder = new TextDecoder();
      await this.read(READ_AHEAD);
      if (this.stream.status === 'ERROR') throw new ServiceError(this.stream.message || 'The query failed.');
      if (!this.stream.fields) throw new ServiceError('The answer is not a table.');
      this.findProductColumn();
      this.render();
    } catch (e) {
      if (!this.closed) this.body.replaceChildren(h('div', { class: 'error', role: 'alert' }, messageOf(e)));
    }
  }

  /** Reads until `wanted` rows are in or the result ends. */
  async read(wanted) {
    while (!this.complete && !this.closed && this.stream.rows.length < wanted) {
      const { done, value } = await this.reader.read();
      if (done) {
        this.stream.push(this.decoder.decode());
        this.stream.end();
        this.complete = true;
        break;
      }
      this.stream.push(this.decoder.decode(value, { stream: true }));
    }
  }

  findProductColumn() {
    const fields = this.stream.fields;
    const services = this.stream.services();
    this.services = services;
    for (const s of Object.values(services)) {
      const id = s.inputs.find((p) => p.name === 'ID' && p.ref);
      if (id) {
        const i = fields.findIndex((f) => f.id === id.ref || f.name === id.ref);
        if (i >= 0) { this.productColumn = i; this.linksUrl = s.accessURL; return; }
      }
    }
    this.productColumn = fields.findIndex((f) => PRODUCT_COLUMNS.includes((f.name || '').toLowerCase()));
  }

  get rows() { return this.stream.rows; }

  rowAt(i) { return this.rows[this.order ? this.order[i] : i]; }

  async goTo(page) {
    this.page = Math.max(0, page);
    const need = (this.page + 1) * this.pageSize + READ_AHEAD;
    if (!this.complete && this.rows.length < need) {
      this.setCount('Reading…');
      await this.read(need);
      if (this.order) this.sortRows();
    }
    const pages = Math.max(1, Math.ceil(this.rows.length / this.pageSize));
    if (this.page >= pages) this.page = pages - 1;
    this.render();
  }

  async loadAll() {
    const button = this.body.querySelector('.load-all');
    if (button) button.disabled = true;
    while (!this.complete && !this.closed) {
      await this.read(this.rows.length + 20000);
      this.setCount(`Reading… ${this.rows.length.toLocaleString()} rows`);
    }
    if (this.sort) this.sortRows();
    this.render();
  }

  setCount(text) {
    const c = this.body.querySelector('.count');
    if (c) c.textContent = text;
  }

  sortBy(column) {
    const asc = !(this.sort && this.sort.column === column && this.sort.asc);
    this.sort = { column, asc };
    this.sortRows();
    this.page = 0;
    this.render();
    if (!this.complete) notify('Sorted the ' + this.rows.length.toLocaleString() + ' rows read so far; "Read all rows" sorts the whole result.');
  }

  sortRows() {
    const { column, asc } = this.sort;
    const numeric = isNumeric(this.stream.fields[column]);
    const rows = this.rows;
    const key = rows.map((r) => (numeric ? (r[column] === null ? NaN : Number(r[column])) : r[column]));
    const order = rows.map((_, i) => i);
    const dir = asc ? 1 : -1;
    order.sort((a, b) => {
      const x = key[a];
      const y = key[b];
      const xn = x === null || (numeric && Number.isNaN(x));
      const yn = y === null || (numeric && Number.isNaN(y));
      if (xn || yn) return xn === yn ? a - b : xn ? 1 : -1; // nulls last
      if (x < y) return -dir;
      if (x > y) return dir;
      return a - b;
    });
    this.order = order;
  }

  render() {
    const fields = this.stream.fields;
    const total = this.rows.length;
    const first = this.page * this.pageSize;
    const last = Math.min(total, first + this.pageSize);
    const pages = Math.max(1, Math.ceil(total / this.pageSize));
    const countText = total === 0 ? 'No rows.'
      : `Rows ${(first + 1).toLocaleString()}–${last.toLocaleString()} of ${total.toLocaleString()}${this.complete ? '' : '+ (more are read as you page on)'}`;
    const pager = h('div', { class: 'pager' },
      h('button', { type: 'button', class: 'small', onclick: () => this.goTo(0), disabled: this.page === 0, 'aria-label': 'First page' }, '« First'),
      h('button', { type: 'button', class: 'small prev', onclick: () => this.goTo(this.page - 1), disabled: this.page === 0, 'aria-label': 'Previous page' }, '◀ Prev'),
      h('span', { class: 'pageno' }, `Page ${this.page + 1} of ${pages}${this.complete ? '' : '+'}`),
      h('button', { type: 'button', class: 'small next', onclick: () => this.goTo(this.page + 1), disabled: this.complete && this.page >= pages - 1, 'aria-label': 'Next page' }, 'Next ▶'),
      this.complete ? h('button', { type: 'button', class: 'small', onclick: () => this.goTo(pages - 1), disabled: this.page >= pages - 1, 'aria-label': 'Last page' }, 'Last »') : null,
      h('label', {}, 'Rows per page ', this.sizeSelect()),
      this.complete ? null : h('button', { type: 'button', class: 'small load-all', onclick: () => this.loadAll() }, 'Read all rows'),
      h('span', { class: 'count', 'aria-live': 'polite' }, countText));
    const notes = [];
    if (this.stream.status === 'OVERFLOW') notes.push(h('p', { class: 'warn' }, 'The result was cut at the row limit: raise it (or MAXREC) to get more rows.'));
    if (this.spec.note) notes.push(h('p', { class: 'hint' }, this.spec.note));
    const head = h('tr', {},
      this.productColumn >= 0 ? h('th', { scope: 'col', class: 'actions' }, 'Product') : null,
      fields.map((f, i) => {
        const sorted = this.sort && this.sort.column === i;
        const title = [f.description, f.unit && 'unit: ' + f.unit, f.ucd && 'UCD: ' + f.ucd].filter(Boolean).join('\n');
        return h('th', { scope: 'col', 'aria-sort': sorted ? (this.sort.asc ? 'ascending' : 'descending') : null, title },
          h('button', { type: 'button', class: 'sort', 'data-column': f.name, onclick: () => this.sortBy(i) },
            f.name, sorted ? (this.sort.asc ? ' ▲' : ' ▼') : ''),
          f.unit ? h('span', { class: 'unit' }, f.unit) : null);
      }));
    const body = [];
    for (let i = first; i < last; i++) body.push(this.rowElement(this.rowAt(i)));
    const table = h('div', { class: 'table-wrap' }, h('table', { class: 'result' }, h('thead', {}, head), h('tbody', {}, body)));
    this.body.replaceChildren(...notes, pager, table);
  }

  sizeSelect() {
    const s = h('select', { 'aria-label': 'Rows per page', onchange: (e) => { this.pageSize = +e.target.value; this.goTo(0); } },
      [25, 50, 100, 250].map((n) => h('option', { value: n, selected: n === this.pageSize }, n)));
    return s;
  }

  rowElement(row) {
    const fields = this.stream.fields;
    const cells = [];
    if (this.productColumn >= 0) {
      const id = row[this.productColumn];
      cells.push(h('td', { class: 'actions' }, id ? [
        h('button', { type: 'button', class: 'small links', onclick: () => showProduct(id, this.linksUrl) }, 'Links'),
        h('label', { class: 'basket-toggle', title: 'Add to the basket' },
          h('input', { type: 'checkbox', checked: basket.has(id), 'aria-label': 'In the basket: ' + id,
            onchange: (e) => (e.target.checked ? basket.add(id) : basket.remove(id)) }), ' basket'),
      ] : ''));
    }
    row.forEach((v, i) => {
      const f = fields[i];
      let content = v === null ? '' : v;
      if (v && /^https?:\/\//.test(v) && !/ /.test(v)) {
        content = h('a', { href: v, onclick: (e) => { e.preventDefault(); download(v).catch((x) => notify(messageOf(x), 'error')); } }, shortUrl(v));
      }
      cells.push(h('td', { class: isNumeric(f) ? 'num' : null }, content));
    });
    return h('tr', {}, cells);
  }
}

function shortUrl(u) {
  const path = u.split('?')[0].split('/').pop();
  return path.length > 0 && path.length < 60 ? path : u.slice(0, 60) + '…';
}
