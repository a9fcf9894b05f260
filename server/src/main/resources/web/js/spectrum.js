// The interactive spectrum plot (uPlot): zoom (drag a range, wheel, buttons), pan (shift-drag,
// buttons, arrow keys), the flux error as a band, and the wavelength in the unit the user picks.

import uPlot from '../../webjars/uplot/1.6.30/dist/uPlot.esm.js';
import { h, parseVOTable, request } from './api.js';

/** Metres per unit of a wavelength unit string. */
const UNITS = { m: 1, mm: 1e-3, um: 1e-6, 'µm': 1e-6, micron: 1e-6, nm: 1e-9, angstrom: 1e-10, Angstrom: 1e-10, 'Å': 1e-10, A: 1e-10, '0.1nm': 1e-10 };
const CHOICES = [['nm', 1e-9, 'nm'], ['Å', 1e-10, 'Å'], ['µm', 1e-6, 'µm'], ['m', 1, 'm']];

/** Reads the spectrum VOTable at `url` and draws it into `box`. */
export async function plotSpectrum(box, url, title) {
  box.replaceChildren(h('p', { class: 'loading' }, 'Reading the spectrum…'));
  const vt = parseVOTable(await (await request(url)).text());
  const f = vt.fields;
  const find = (test) => f.findIndex(test);
  const w = Math.max(0, find((x) => (x.ucd || '').split(';')[0] === 'em.wl' || /^wave/i.test(x.name)));
  const fl = find((x, i) => i !== w && /phot\.flux|phot\.count|^flux$/i.test((x.ucd || '') + '|' + x.name) && !/stat\.error/.test(x.ucd || ''));
  const er = find((x) => /stat\.error/.test(x.ucd || '') || /^(err|error|sigma)$/i.test(x.name));
  if (fl < 0) throw new Error('the spectrum has no flux column');
  const toMetres = UNITS[f[w].unit] ?? 1e-9;
  const rows = vt.rows.filter((r) => r[w] !== null && r[fl] !== null).sort((a, b) => a[w] - b[w]);
  const wave = rows.map((r) => r[w] * toMetres);
  // uPlot rounds to 14 decimals: fluxes like 1e-15 erg/s/cm2/A are drawn in units of 10^k
  const peak = Math.max(...rows.map((r) => Math.abs(r[fl])).filter(Number.isFinite), 0);
  const k = peak > 0 && (peak < 1e-3 || peak > 1e6) ? Math.floor(Math.log10(peak)) : 0;
  const flux = rows.map((r) => r[fl] / 10 ** k);
  const err = er >= 0 ? rows.map((r) => (r[er] === null ? 0 : r[er] / 10 ** k)) : null;
  const fluxUnit = (k ? '10^' + k + ' ' : '') + (f[fl].unit || '');
  let unit = CHOICES[0];
  const holder = h('div', { class: 'plot', tabindex: '0', 'aria-label': 'Spectrum plot: arrow keys pan, + and - zoom, 0 resets' });
  let plot;

  const draw = () => {
    const x = wave.map((v) => v / unit[1]);
    const data = [x];
    const series = [{ label: 'λ (' + unit[2] + ')' }];
    const bands = [];
    if (err) { // the ±1σ band first, so that the flux is drawn over it
      data.push(flux.map((v, i) => v + err[i]), flux.map((v, i) => v - err[i]));
      series.push({ label: '+σ', stroke: 'rgba(230,120,20,0.35)', width: 1 }, { label: '−σ', stroke: 'rgba(230,120,20,0.35)', width: 1 });
      bands.push({ series: [1, 2], fill: 'rgba(230,120,20,0.18)' });
    }
    data.push(flux);
    series.push({ label: 'flux' + (fluxUnit ? ' (' + fluxUnit + ')' : ''), stroke: '#1f5fa8', width: 1.25 });
    const width = Math.max(300, Math.min(1100, box.clientWidth - 8));
    if (plot) plot.destroy();
    plot = new uPlot({
      width, height: 320, title, series, bands,
      scales: { x: { time: false } },
      axes: [{ label: 'wavelength (' + unit[2] + ')' }, { label: 'flux' + (fluxUnit ? ' (' + fluxUnit + ')' : ''), size: 60 }],
      cursor: { drag: { x: true, y: false, setScale: true } },
      hooks: {
        ready: [(u) => wheelAndPan(u)],
        // the visible range, for scripts and tests: data-xmin / data-xmax in the unit shown
        setScale: [(u, key) => { if (key === 'x') Object.assign(holder.dataset, { xmin: u.scales.x.min, xmax: u.scales.x.max }); }],
      },
    }, data, holder);
  };

  const select = h('select', { 'aria-label': 'Wavelength unit', class: 'unit-select', onchange: (e) => {
    const keep = plot ? [plot.scales.x.min * unit[1], plot.scales.x.max * unit[1]] : null;
    unit = CHOICES.find((c) => c[0] === e.target.value);
    draw();
    if (keep) plot.setScale('x', { min: keep[0] / unit[1], max: keep[1] / unit[1] });
  } }, CHOICES.map((c) => h('option', { value: c[0] }, c[2])));
  const zoom = (factor) => {
    const { min, max } = plot.scales.x;
    const mid = (min + max) / 2;
    const half = ((max - min) / 2) * factor;
    plot.setScale('x', { min: mid - half, max: mid + half });
  };
  const pan = (fraction) => {
    const { min, max } = plot.scales.x;
    const d = (max - min) * fraction;
    plot.setScale('x', { min: min + d, max: max + d });
  };
  const reset = () => plot.setScale('x', { min: wave[0] / unit[1], max: wave[wave.length - 1] / unit[1] });
  holder.addEventListener('keydown', (e) => {
    const act = { ArrowLeft: () => pan(-0.2), ArrowRight: () => pan(0.2), '+': () => zoom(0.5), '=': () => zoom(0.5), '-': () => zoom(2), 0: reset }[e.key];
    if (act) { act(); e.preventDefault(); }
  });
  const tools = h('div', { class: 'toolbar plot-tools' },
    h('label', {}, 'Wavelength in ', select),
    h('button', { type: 'button', class: 'small', onclick: () => zoom(0.5) }, 'Zoom in'),
    h('button', { type: 'button', class: 'small', onclick: () => zoom(2) }, 'Zoom out'),
    h('button', { type: 'button', class: 'small', onclick: () => pan(-0.25), 'aria-label': 'Pan left' }, '◀'),
    h('button', { type: 'button', class: 'small', onclick: () => pan(0.25), 'aria-label': 'Pan right' }, '▶'),
    h('button', { type: 'button', class: 'small', onclick: reset }, 'Reset'),
    h('span', { class: 'hint' }, `${wave.length.toLocaleString()} points${err ? ', ±1σ band' : ''}; drag to zoom, shift-drag or wheel to pan/zoom`));
  box.replaceChildren(tools, holder);
  draw();
  return { plot: () => plot, points: wave.length, hasError: !!err };
}

/** Wheel zooms around the cursor; shift-drag pans. */
function wheelAndPan(u) {
  const over = u.over;
  over.addEventListener('wheel', (e) => {
    e.preventDefault();
    const { min, max } = u.scales.x;
    const at = u.posToVal(e.offsetX, 'x');
    const k = e.deltaY < 0 ? 0.8 : 1.25;
    u.setScale('x', { min: at - (at - min) * k, max: at + (max - at) * k });
  }, { passive: false });
  over.addEventListener('mousedown', (e) => {
    if (!e.shiftKey) return;
    e.stopPropagation();
    const x0 = e.clientX;
    const { min, max } = u.scales.x;
    const perPx = (max - min) / u.bbox.width * devicePixelRatio;
    const move = (m) => {
      const d = (m.clientX - x0) * perPx;
      u.setScale('x', { min: min - d, max: max - d });
    };
    const up = () => { removeEventListener('mousemove', move); removeEventListener('mouseup', up); };
    addEventListener('mousemove', move);
    addEventListener('mouseup', up);
  }, true);
}
