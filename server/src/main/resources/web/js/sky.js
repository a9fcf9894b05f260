// The all-sky coverage map: Mollweide projection on a canvas, RA increasing to the left, cells
// coloured by how many products (orange) or catalogue sources (blue) lie in them.

const SQRT2 = Math.SQRT2;

/** Mollweide: (ra, dec) degrees to (x, y) in [-2√2, 2√2] x [-√2, √2]; x grows to the east (left). */
export function project(ra, dec) {
  let lon = ((ra + 180) % 360 + 360) % 360 - 180; // -180..180, 0 at the centre
  const phi = (dec * Math.PI) / 180;
  let theta = phi;
  if (Math.abs(phi) < Math.PI / 2 - 1e-9) {
    for (let i = 0; i < 50; i++) {
      const d = (2 * theta + Math.sin(2 * theta) - Math.PI * Math.sin(phi)) / (2 + 2 * Math.cos(2 * theta));
      theta -= d;
      if (Math.abs(d) < 1e-10) break;
    }
  }
  lon = (lon * Math.PI) / 180;
  return [-(2 * SQRT2 / Math.PI) * lon * Math.cos(theta), SQRT2 * Math.sin(theta)];
}

/** The inverse: (x, y) to (ra, dec), or null outside the ellipse. */
export function unproject(x, y) {
  if ((x * x) / 8 + (y * y) / 2 > 1) return null;
  const theta = Math.asin(y / SQRT2);
  const dec = Math.asin((2 * theta + Math.sin(2 * theta)) / Math.PI) * 180 / Math.PI;
  const lon = Math.cos(theta) === 0 ? 0 : (-Math.PI * x) / (2 * SQRT2 * Math.cos(theta)) * 180 / Math.PI;
  return [((lon % 360) + 360) % 360, dec];
}

export class SkyMap {
  constructor(canvas, onPick) {
    this.canvas = canvas;
    this.layers = [];
    this.pick = null;
    this.onPick = onPick;
    canvas.addEventListener('click', (e) => {
      const r = canvas.getBoundingClientRect();
      const p = this.toSky((e.clientX - r.left) * (canvas.width / r.width), (e.clientY - r.top) * (canvas.height / r.height));
      if (p) this.choose(p);
    });
    canvas.addEventListener('keydown', (e) => {
      const step = { ArrowLeft: [10, 0], ArrowRight: [-10, 0], ArrowUp: [0, 10], ArrowDown: [0, -10] }[e.key];
      if (step) {
        const [ra, dec] = this.pick || [180, 0];
        this.pick = [((ra + step[0]) % 360 + 360) % 360, Math.max(-89, Math.min(89, dec + step[1]))];
        this.draw();
        e.preventDefault();
      } else if (e.key === 'Enter' || e.key === ' ') {
        this.choose(this.pick || [180, 0]);
        e.preventDefault();
      }
    });
    new ResizeObserver(() => requestAnimationFrame(() => this.draw())).observe(canvas);
  }

  choose(p) {
    this.pick = p;
    this.draw();
    this.onPick(p);
  }

  get scale() { return Math.min((this.canvas.width - 20) / (4 * SQRT2), (this.canvas.height - 20) / (2 * SQRT2)); }

  toCanvas(ra, dec) {
    const [x, y] = project(ra, dec);
    return [this.canvas.width / 2 + x * this.scale, this.canvas.height / 2 - y * this.scale];
  }

  toSky(px, py) {
    return unproject((px - this.canvas.width / 2) / this.scale, -(py - this.canvas.height / 2) / this.scale);
  }

  /** cells: [{ ra, dec, n }] (cell centres), cell: size in degrees, rgb: "r,g,b". */
  setLayer(name, cells, cell, rgb, alpha = 0.35, range = 0.65) {
    this.layers = this.layers.filter((l) => l.name !== name).concat({ name, cells, cell, rgb, alpha, range });
    this.draw();
  }

  draw() {
    const c = this.canvas;
    const dpr = window.devicePixelRatio || 1;
    const w = Math.round(c.clientWidth * dpr);
    if (w > 0 && c.width !== w) {
      c.width = w;
      c.height = Math.round(w / 2);
    }
    const g = c.getContext('2d');
    g.clearRect(0, 0, c.width, c.height);
    const s = this.scale;
    const cx = c.width / 2;
    const cy = c.height / 2;
    g.fillStyle = '#0d1b2a';
    g.beginPath();
    g.ellipse(cx, cy, 2 * SQRT2 * s, SQRT2 * s, 0, 0, 2 * Math.PI);
    g.fill();
    g.save();
    g.clip();
    for (const l of this.layers) {
      const max = Math.max(1, ...l.cells.map((x) => x.n));
      for (const cell of l.cells) {
        const a = l.alpha + l.range * Math.log(1 + cell.n) / Math.log(1 + max);
        g.fillStyle = `rgba(${l.rgb},${a.toFixed(3)})`;
        const h = l.cell / 2;
        // corners stay on the cell's side of the map's edge (RA 180°)
        const lo = cell.ra > 180 ? Math.max(cell.ra - h, 180.001) : cell.ra - h;
        const hi = cell.ra < 180 ? Math.min(cell.ra + h, 179.999) : cell.ra + h;
        const corners = [[lo, cell.dec - h], [hi, cell.dec - h], [hi, cell.dec + h], [lo, cell.dec + h]];
        g.beginPath();
        corners.forEach(([ra, dec], i) => {
          const [x, y] = this.toCanvas(ra, Math.max(-90, Math.min(90, dec)));
          if (i === 0) g.moveTo(x, y); else g.lineTo(x, y);
        });
        g.closePath();
        g.fill();
        if (l.alpha >= 0.5) { // sparse layers: a dot at least 4 px wide, so that a single product shows
          const [x, y] = this.toCanvas(cell.ra, cell.dec);
          g.fillRect(x - 2 * dpr, y - 2 * dpr, 4 * dpr, 4 * dpr);
        }
      }
    }
    g.strokeStyle = 'rgba(255,255,255,0.18)';
    g.lineWidth = 1;
    for (let dec = -60; dec <= 60; dec += 30) this.line(g, (t) => [t, dec]);
    for (let ra = 0; ra < 360; ra += 60) this.line(g, (t) => [ra, t / 2 - 90]);
    g.restore();
    g.strokeStyle = 'rgba(255,255,255,0.5)';
    g.beginPath();
    g.ellipse(cx, cy, 2 * SQRT2 * s, SQRT2 * s, 0, 0, 2 * Math.PI);
    g.stroke();
    g.fillStyle = 'rgba(255,255,255,0.7)';
    g.font = `${11 * dpr}px sans-serif`;
    g.textAlign = 'center';
    for (const ra of [60, 120, 180, 240, 300]) {
      const [x, y] = this.toCanvas(ra, 0);
      g.fillText(ra + '°', x, y - 4 * dpr);
    }
    if (this.pick) {
      const [x, y] = this.toCanvas(this.pick[0], this.pick[1]);
      g.strokeStyle = '#ffe066';
      g.lineWidth = 2 * dpr;
      g.beginPath();
      g.arc(x, y, 7 * dpr, 0, 2 * Math.PI);
      g.stroke();
    }
  }

  line(g, f) {
    g.beginPath();
    let started = false;
    let last = null;
    for (let t = 0; t <= 360; t += 2) {
      const [ra, dec] = f(t);
      const [x, y] = this.toCanvas(ra === 360 ? 359.999 : ra, dec);
      if (!started || (last && Math.abs(x - last) > this.canvas.width / 3)) g.moveTo(x, y); else g.lineTo(x, y);
      started = true;
      last = x;
    }
    g.stroke();
  }
}
