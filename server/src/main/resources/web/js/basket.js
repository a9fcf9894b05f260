// The basket: product identifiers kept in this browser, downloaded together through /bundle.

import { BASE, download, h, messageOf, notify, withParams } from './api.js';

const KEY = 'meridian.basket';
const listeners = new Set();

function load() {
  try { return new Set(JSON.parse(localStorage.getItem(KEY) || '[]')); } catch { return new Set(); }
}

export const basket = {
  ids: load(),
  has(id) { return this.ids.has(id); },
  add(id) { this.ids.add(id); this.save(); notify('Added to the basket (' + this.ids.size + ' products).'); },
  remove(id) { this.ids.delete(id); this.save(); },
  clear() { this.ids.clear(); this.save(); },
  save() {
    localStorage.setItem(KEY, JSON.stringify([...this.ids]));
    listeners.forEach((f) => f());
  },
  onChange(f) { listeners.add(f); },
};

export function bundleUrl(ids, format, category) {
  return withParams(BASE + '/bundle', { ID: ids, RESPONSEFORMAT: format, CATEGORY: category || undefined });
}

/** The basket page: its products, and a bundle download in the chosen format. */
export function renderBasket() {
  const box = document.getElementById('basket');
  const ids = [...basket.ids];
  if (ids.length === 0) {
    box.replaceChildren(h('p', {}, 'The basket is empty. Tick "basket" on result rows, or "Add to basket" in a product\'s links.'));
    return;
  }
  const format = h('select', { id: 'bundle-format', 'aria-label': 'Bundle format' },
    h('option', { value: 'tar' }, 'tar'), h('option', { value: 'zip' }, 'zip'), h('option', { value: 'tar.gz' }, 'tar.gz'));
  const category = h('select', { id: 'bundle-category', 'aria-label': 'Files to include' },
    h('option', { value: '' }, 'all files'), h('option', { value: 'SCIENCE' }, 'science files only'),
    h('option', { value: 'ANCILLARY.PREVIEW' }, 'previews only'));
  const go = h('button', { type: 'button', class: 'primary', id: 'bundle-download', onclick: async () => {
    const url = bundleUrl(ids, format.value, category.value);
    try {
      await download(url, 'meridian-bundle.' + format.value);
      notify('The bundle download has started.');
    } catch (e) {
      notify(messageOf(e), 'error');
    }
  } }, '⬇ Download bundle');
  box.replaceChildren(
    h('p', {}, `${ids.length} product${ids.length === 1 ? '' : 's'} in the basket.`),
    h('div', { class: 'toolbar' }, h('label', {}, 'Format ', format), h('label', {}, 'Files ', category), go,
      h('button', { type: 'button', onclick: () => { basket.clear(); renderBasket(); } }, 'Empty the basket')),
    h('ul', { class: 'basket-list' }, ids.map((id) => h('li', {}, h('code', {}, id), ' ',
      h('button', { type: 'button', class: 'small', 'aria-label': 'Remove ' + id, onclick: () => { basket.remove(id); renderBasket(); } }, 'remove')))));
}
