// A product's DataLink links, shown inline: previews, the spectrum plot, files, and a cutout form
// built from the SODA service descriptor of the links document.

import { BASE, download, h, imageUrl, messageOf, notify, parseVOTable, request, withParams } from './api.js';
import { basket } from './basket.js';
import { plotSpectrum } from './spectrum.js';

const SPECTRUM_TYPE = 'application/x-votable+xml';

/** Opens the product panel for one identifier. */
export async function showProduct(id, linksUrl) {
  const section = document.getElementById('detail');
  const body = document.getElementById('detail-body');
  section.hidden = false;
  document.getElementById('detail-title').textContent = id;
  body.replaceChildren(h('p', { class: 'loading' }, 'Reading the links…'));
  section.scrollIntoView({ behavior: 'smooth', block: 'start' });
  section.focus({ preventScroll: true });
  try {
    const resp = await request(withParams(linksUrl || BASE + '/datalink/links', { ID: id }));
    const vt = parseVOTable(await resp.text());
    const names = vt.fields.map((f) => f.name);
    const links = vt.rows.map((r) => Object.fromEntries(names.map((n, i) => [n, r[i]])));
    render(body, id, links, vt.services);
  } catch (e) {
    body.replaceChildren(h('div', { class: 'error', role: 'alert' }, messageOf(e)));
  }
}

function render(body, id, links, services) {
  const errors = links.filter((l) => l.error_message);
  const inBasket = h('button', { type: 'button', id: 'detail-basket', class: 'primary',
    onclick: (e) => { basket.add(id); e.target.textContent = '✓ In the basket'; } }, basket.has(id) ? '✓ In the basket' : 'Add to basket');
  const parts = [h('div', { class: 'toolbar' }, inBasket)];
  if (errors.length) {
    parts.push(h('div', { class: 'error', role: 'alert' }, errors.map((l) => l.error_message).join('; ')));
  }
  const ok = links.filter((l) => !l.error_message);
  const locked = ok.some((l) => l.link_authorized === false || l.link_authorized === 'F');
  if (locked) parts.push(h('p', { class: 'warn' }, 'This product is proprietary: its files need a login with access to it.'));

  const previews = ok.filter((l) => l.semantics === '#preview' && /^image\//.test(l.content_type || '') && l.access_url);
  const spectrum = ok.find((l) => l.semantics === '#this' && (l.content_type || '').startsWith(SPECTRUM_TYPE) && /\/soda\//.test(l.access_url || ''));
  const grid = h('div', { class: 'detail-grid' });
  if (previews.length) {
    grid.append(h('div', { class: 'previews' }, h('h3', {}, 'Preview'), previews.map((p) => {
      const img = h('img', { alt: p.description || 'preview', class: 'preview' });
      imageUrl(p.access_url).then((u) => { img.src = u; }).catch(() => img.replaceWith(h('p', { class: 'hint' }, 'The preview needs a login.')));
      return h('figure', {}, img, h('figcaption', {}, p.description || ''));
    })));
  }
  if (spectrum) {
    const plotBox = h('div', { class: 'spectrum', id: 'spectrum-plot' });
    grid.append(h('div', { class: 'spectrum-col' }, h('h3', {}, 'Spectrum'), plotBox));
    if (spectrum.link_authorized === false || spectrum.link_authorized === 'F') {
      plotBox.append(h('p', { class: 'hint' }, 'Log in to plot this spectrum.'));
    } else {
      plotSpectrum(plotBox, spectrum.access_url, '').catch((e) => plotBox.replaceChildren(h('div', { class: 'error' }, 'Cannot plot: ' + messageOf(e))));
    }
  }
  if (grid.childElementCount) parts.push(grid);

  const files = ok.filter((l) => l.access_url);
  if (files.length) {
    parts.push(h('h3', {}, 'Files'), h('table', { class: 'files' },
      h('thead', {}, h('tr', {}, ['What', 'Semantics', 'Type', 'Size', ''].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, files.map((l) => h('tr', {},
        h('td', {}, l.description || ''),
        h('td', {}, h('code', {}, l.semantics || ''), l.local_semantics ? h('span', { class: 'hint' }, ' ' + l.local_semantics) : ''),
        h('td', {}, l.content_type || ''),
        h('td', { class: 'num' }, l.content_length ? size(l.content_length) : ''),
        h('td', {}, l.link_authorized === false || l.link_authorized === 'F' ? h('span', { class: 'hint' }, 'needs login') :
          h('button', { type: 'button', class: 'small', onclick: () => download(l.access_url).catch((e) => notify(messageOf(e), 'error')) }, '⬇ Get')))))));
  }
  for (const l of ok.filter((x) => x.service_def && x.semantics === '#cutout')) {
    const s = services[l.service_def];
    if (s) parts.push(cutoutForm(l, s));
  }
  body.replaceChildren(...parts);
}

function size(n) {
  n = Number(n);
  return n < 1024 ? n + ' B' : n < 1048576 ? (n / 1024).toFixed(1) + ' kB' : (n / 1048576).toFixed(1) + ' MB';
}

/** A form for the SODA service descriptor: one field (or pair) per input parameter. */
function cutoutForm(link, service) {
  const controls = [];
  const fixed = {};
  const readers = [];
  for (const p of service.inputs) {
    if (p.value && p.name === 'ID') { fixed.ID = p.value; continue; }
    const label = p.name + (p.unit ? ` (${p.unit})` : '');
    const wl = p.unit === 'm' && /em\.wl/.test(p.ucd);
    if (p.xtype === 'interval') {
      const scale = wl ? 1e-9 : 1;
      const lo = p.min !== undefined && p.min !== null ? +p.min / scale : null;
      const hi = p.max !== undefined && p.max !== null ? +p.max / scale : null;
      const a = h('input', { name: p.name + '-lo', inputmode: 'decimal', 'aria-label': p.name + ' lower' });
      const b = h('input', { name: p.name + '-hi', inputmode: 'decimal', 'aria-label': p.name + ' upper' });
      if (p.name === 'BAND' && lo !== null && hi !== null) {
        a.value = round(lo + (hi - lo) / 4);
        b.value = round(lo + (3 * (hi - lo)) / 4);
      }
      controls.push(h('div', { class: 'field' }, h('span', { class: 'label' }, p.name + (wl ? ' (nm)' : p.unit ? ` (${p.unit})` : '')),
        a, '–', b, h('span', { class: 'hint' }, (lo !== null && hi !== null ? `${round(lo)} – ${round(hi)}` : '') + ' ' + p.description)));
      readers.push(() => (a.value && b.value ? [p.name, `${+a.value * scale} ${+b.value * scale}`] : null));
    } else if (p.xtype === 'circle') {
      const max = (p.max || '').split(/\s+/).map(Number);
      const ins = ['RA', 'Dec', 'radius'].map((n) => h('input', { name: p.name + '-' + n, inputmode: 'decimal', 'aria-label': p.name + ' ' + n, size: 10 }));
      if (max.length === 3 && max.every(Number.isFinite)) {
        ins[0].value = max[0];
        ins[1].value = max[1];
        ins[2].value = round(max[2] / 4);
      }
      controls.push(h('div', { class: 'field' }, h('span', { class: 'label' }, label), 'RA ', ins[0], ' Dec ', ins[1], ' r ', ins[2],
        h('span', { class: 'hint' }, p.description)));
      readers.push(() => (ins.every((i) => i.value) ? [p.name, ins.map((i) => i.value).join(' ')] : null));
    } else if (p.options.length) {
      const sel = h('select', { name: p.name, 'aria-label': p.name },
        p.value ? null : h('option', { value: '' }, '(any)'),
        p.options.map((o) => h('option', { value: o, selected: o === p.value }, o)));
      controls.push(h('div', { class: 'field' }, h('label', {}, h('span', { class: 'label' }, label), sel), h('span', { class: 'hint' }, p.description)));
      readers.push(() => (sel.value ? [p.name, sel.value] : null));
    } else {
      const i = h('input', { name: p.name, placeholder: p.description, 'aria-label': p.name, class: 'wide' });
      controls.push(h('div', { class: 'field' }, h('label', {}, h('span', { class: 'label' }, label), i)));
      readers.push(() => (i.value ? [p.name, i.value] : null));
    }
  }
  const out = h('div', { class: 'cutout-result', 'aria-live': 'polite' });
  const submit = async (e) => {
    e.preventDefault();
    const params = { ...fixed };
    for (const r of readers) {
      const kv = r();
      if (kv) params[kv[0]] = kv[1];
    }
    out.replaceChildren(h('p', { class: 'loading' }, 'Cutting out…'));
    try {
      const resp = await request(withParams(service.accessURL, params));
      const blob = await resp.blob();
      const type = resp.headers.get('Content-Type') || '';
      const ext = type.includes('fits') ? 'fits' : type.includes('votable') ? 'vot' : type.includes('csv') ? 'csv' : 'dat';
      const name = 'cutout-' + (fixed.ID || 'product').split(/[?/]/).pop() + '.' + ext;
      out.replaceChildren(h('p', { class: 'ok' }, `Cutout ready: ${size(blob.size)}, ${type.split(';')[0]}. `,
        h('a', { href: URL.createObjectURL(blob), download: name, class: 'button' }, '⬇ Save ' + name)));
    } catch (x) {
      out.replaceChildren(h('div', { class: 'error', role: 'alert' }, messageOf(x)));
    }
  };
  return h('form', { class: 'cutout', id: 'cutout-form', onsubmit: submit },
    h('h3', {}, 'Cutout'), h('p', { class: 'hint' }, link.description || service.description),
    controls, h('div', { class: 'toolbar' }, h('button', { class: 'primary' }, 'Cut out')), out);
}

function round(v) {
  return Number(Number(v).toPrecision(6));
}
