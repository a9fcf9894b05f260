// The single-page front end: hash routes (#/, #/query, #/spectra, #/images, #/jobs, #/basket),
// each a section of index.html; the result and product panels are shared by all of them.

import { messageOf, notify } from './api.js';
import { initAuth } from './auth.js';
import { basket, renderBasket } from './basket.js';
import { renderLanding } from './landing.js';
import { initQuery, refreshBrowser, renderJobs, run, setQuery } from './query.js';
import { hideResult } from './results.js';
import { initSearch, searchAt } from './search.js';
import { forgetTables } from './tables.js';

const PAGES = ['home', 'query', 'spectra', 'images', 'jobs', 'basket'];
let shown = null;

const app = {
  /** Shows the query page with `adql` in the editor, and runs it when asked. */
  openQuery(adql, runNow) {
    location.hash = '#/query';
    route();
    setQuery(adql);
    if (runNow) run();
  },
  searchSpectra(ra, dec, size) {
    location.hash = '#/spectra';
    route();
    searchAt('ssa-form', ra, dec, size / 2);
  },
  searchImages(ra, dec, radius) {
    location.hash = '#/images';
    route();
    searchAt('img-form', ra, dec, radius);
  },
};

function route() {
  const name = (location.hash.replace(/^#\/?/, '').split('?')[0] || 'home');
  const page = PAGES.includes(name) ? name : 'home';
  if (page !== shown) {
    hideResult();
    document.getElementById('detail').hidden = true;
  }
  for (const p of PAGES) document.getElementById('page-' + p).hidden = p !== page;
  for (const a of document.querySelectorAll('header nav a')) {
    if (a.dataset.page === page) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  const first = shown === null;
  shown = page;
  if (page === 'home' && first) renderLanding(app);
  if (page === 'query') initQuery();
  if (page === 'jobs') renderJobs(app);
  if (page === 'basket') renderBasket();
  if (!first) document.getElementById('page-' + page).querySelector('h1, h2')?.scrollIntoView({ block: 'nearest' });
}

function countBasket() {
  document.getElementById('basket-count').textContent = String(basket.ids.size);
}

window.addEventListener('error', (e) => /ResizeObserver/.test(e.message) || notify('Something went wrong in the page: ' + e.message, 'error'));
window.addEventListener('unhandledrejection', (e) => notify(messageOf(e.reason), 'error'));
window.addEventListener('hashchange', route);
document.getElementById('detail-close').addEventListener('click', () => { document.getElementById('detail').hidden = true; });
document.getElementById('status').addEventListener('click', (e) => { e.currentTarget.hidden = true; });
basket.onChange(countBasket);
countBasket();
initSearch(app);
initAuth(() => {
  // what the user may see changed: read the tables and the overview again
  forgetTables();
  refreshBrowser();
  hideResult();
  document.getElementById('detail').hidden = true;
  shown = null;
  route();
  if (location.hash && !/^#\/?$/.test(location.hash)) renderLanding(app);
});
route();
document.body.dataset.ready = 'true';
