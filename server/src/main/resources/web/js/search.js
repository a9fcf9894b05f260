// Spectrum search (SSA) and image search (ObsCore through TAP) forms, with the shared result view.

import { BASE, adqlString, dateToMjd, notify, tapSyncUrl, withParams } from './api.js';
import { FORMATS } from './query.js';
import { showResult } from './results.js';

function values(formEl) {
  return Object.fromEntries(new FormData(formEl).entries());
}

function num(s) {
  const v = Number(String(s ?? '').trim());
  return String(s ?? '').trim() === '' || !Number.isFinite(v) ? null : v;
}

/** The SSA query URL of the spectrum form's values (SSA SIZE is the cone's diameter). */
export function ssaUrl(v) {
  const ra = num(v.ra);
  const dec = num(v.dec);
  const p = { REQUEST: 'queryData', MAXREC: v.maxrec || undefined };
  if (ra !== null && dec !== null) {
    p.POS = `${ra},${dec}`;
    p.SIZE = 2 * (num(v.radius) ?? 0.05);
  }
  if (v.target && v.target.trim()) p.TARGETNAME = v.target.trim();
  if (v.band === 'custom') {
    const lo = num(v.wmin);
    const hi = num(v.wmax);
    if (lo !== null || hi !== null) p.BAND = `${lo !== null ? lo * 1e-9 : ''}/${hi !== null ? hi * 1e-9 : ''}`;
  } else if (v.band) {
    p.BAND = v.band;
  }
  if (v.from || v.to) p.TIME = `${v.from || ''}/${v.to ? v.to + 'T23:59:59' : ''}`;
  return withParams(BASE + '/ssa', p);
}

/** The ADQL of the image form's values. */
export function imageQuery(v) {
  const where = [];
  const types = (v.type || '').split(',').filter(Boolean);
  if (types.length) where.push(`dataproduct_type IN (${types.map(adqlString).join(', ')})`);
  const ra = num(v.ra);
  const dec = num(v.dec);
  if (ra !== null && dec !== null) {
    where.push(`CONTAINS(POINT('ICRS', s_ra, s_dec), CIRCLE('ICRS', ${ra}, ${dec}, ${num(v.radius) ?? 1})) = 1`);
  }
  if (v.target && v.target.trim()) where.push(`LOWER(target_name) = LOWER(${adqlString(v.target.trim())})`);
  const lo = num(v.wmin);
  const hi = num(v.wmax);
  if (lo !== null) where.push(`em_max >= ${lo}e-9`);
  if (hi !== null) where.push(`em_min <= ${hi}e-9`);
  if (v.from) where.push(`t_max >= ${dateToMjd(v.from)}`);
  if (v.to) where.push(`t_min <= ${dateToMjd(v.to) + 1}`);
  return `SELECT TOP ${Math.max(1, num(v.maxrec) ?? 1000)} obs_publisher_did, obs_collection, dataproduct_type, target_name,`
    + ' s_ra, s_dec, s_fov, t_min, t_exptime, em_min, em_max, instrument_name, access_url, access_estsize\nFROM ivoa.obscore'
    + (where.length ? '\nWHERE ' + where.join('\n  AND ') : '') + '\nORDER BY t_min';
}

export function initSearch(app) {
  const ssa = document.getElementById('ssa-form');
  const bandSelect = ssa.elements.band;
  const bandRange = () => ssa.querySelectorAll('.band-range').forEach((l) => { l.hidden = bandSelect.value !== 'custom'; });
  bandSelect.addEventListener('change', bandRange);
  bandRange();
  ssa.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = values(ssa);
    if (!v.target && (num(v.ra) === null || num(v.dec) === null) && !v.band && !v.from && !v.to) {
      notify('Give a target name, or a position (RA and Dec), or a band or time window.', 'error');
      return;
    }
    const url = ssaUrl(v);
    showResult({ title: 'Spectra', url, downloads: [{ label: 'VOTable', url, filename: 'spectra.vot' }],
      note: 'SSA query: ' + decodeURIComponent(url.split('?')[1]) });
  });
  const img = document.getElementById('img-form');
  img.addEventListener('submit', (e) => {
    e.preventDefault();
    const adql = imageQuery(values(img));
    const maxrec = values(img).maxrec;
    showResult({ title: 'Images', url: tapSyncUrl(adql, 'votable/td', maxrec),
      downloads: FORMATS.map(([label, alias]) => ({ label, url: tapSyncUrl(adql, alias, maxrec), filename: 'images.' + (alias.startsWith('votable') ? 'vot' : alias) })) });
  });
  document.getElementById('img-as-adql').addEventListener('click', (e) => {
    e.preventDefault();
    app.openQuery(imageQuery(values(img)), false);
  });
}

/** Fills a search form with a position (from the sky map) and submits it. */
export function searchAt(formId, ra, dec, radius) {
  const f = document.getElementById(formId);
  f.elements.target.value = '';
  f.elements.ra.value = ra.toFixed(4);
  f.elements.dec.value = dec.toFixed(4);
  f.elements.radius.value = radius;
  f.requestSubmit();
}
