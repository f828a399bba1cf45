// Where to click or tap a country on the first plotly map of the page, from what is drawn.
// Returns {x, y, kind, clearance} in viewport pixels, or null when the country is not drawn
// where a reader can reach it. `reach` is how far past its edge a marker takes a click.
// A small state's marker: its centre. A shape: the point inside it that is deepest inside
// (most sampled neighbours inside too), farthest from any marker's reach, inside the map's
// frame and not covered by anything else on the page (document.elementFromPoint).
([iso3, reach]) => {
  const gd = document.querySelector('.js-plotly-plot');
  if (!gd || !gd._fullLayout || !gd._fullLayout.geo) return null;
  gd.scrollIntoView({block: 'center'});  // a point off screen cannot be clicked
  const frame = gd.querySelector('.geo .bglayer .bg') || gd.querySelector('.geo');
  const box = frame.getBoundingClientRect();
  const within = (x, y) => x > box.left + 1 && x < box.right - 1 && y > box.top + 1 && y < box.bottom - 1;
  const reachable = (x, y) => {
    const hit = document.elementFromPoint(x, y);
    return hit && gd.contains(hit) && !hit.closest('.modebar');
  };
  const markers = [...gd.querySelectorAll('.scattergeo .point')].map(p => {
    const r = p.getBoundingClientRect();
    return {loc: p.__data__ && p.__data__.loc, x: r.x + r.width / 2, y: r.y + r.height / 2, r: r.width / 2};
  }).filter(m => m.r > 0);
  const own = markers.find(m => m.loc === iso3);
  if (own) {
    if (!within(own.x, own.y) || !reachable(own.x, own.y)) return null;
    // a marker drawn over it (a later one) would take the click
    const covered = markers.some(m => m !== own && m.loc !== iso3 && Math.hypot(m.x - own.x, m.y - own.y) < m.r + reach);
    return covered ? null : {x: own.x, y: own.y, kind: 'marker', clearance: own.r};
  }
  const shape = [...gd.querySelectorAll('.choroplethlocation')].find(p => p.__data__ && p.__data__.loc === iso3);
  if (!shape) return null;
  const r = shape.getBoundingClientRect();
  const left = Math.max(r.left, box.left), right = Math.min(r.right, box.right);
  const top = Math.max(r.top, box.top), bottom = Math.min(r.bottom, box.bottom);
  if (right <= left || bottom <= top) return null;
  const step = Math.max(0.5, Math.sqrt((right - left) * (bottom - top) / 20000));
  const toLocal = shape.getScreenCTM().inverse();
  const columns = Math.floor((right - left) / step) + 1, rows = Math.floor((bottom - top) / step) + 1;
  const inside = new Uint8Array(columns * rows);
  const point = new DOMPoint();
  for (let j = 0; j < rows; j++) for (let i = 0; i < columns; i++) {
    const x = left + i * step, y = top + j * step;
    if (!within(x, y) || markers.some(m => Math.hypot(m.x - x, m.y - y) < m.r + reach + 1)) continue;
    point.x = x; point.y = y;
    const local = point.matrixTransform(toLocal);
    if (shape.isPointInFill(local)) inside[j * columns + i] = 1;
  }
  // depth: how many steps out in every direction stay inside (at most 12)
  const depth = (i, j) => {
    for (let k = 1; k <= 12; k++)
      for (const [di, dj] of [[k, 0], [-k, 0], [0, k], [0, -k], [k, k], [-k, -k], [k, -k], [-k, k]]) {
        const a = i + di, b = j + dj;
        if (a < 0 || b < 0 || a >= columns || b >= rows || !inside[b * columns + a]) return k - 1;
      }
    return 12;
  };
  const cx = (left + right) / 2, cy = (top + bottom) / 2;
  let best = null;
  for (let j = 0; j < rows; j++) for (let i = 0; i < columns; i++) {
    if (!inside[j * columns + i]) continue;
    const x = left + i * step, y = top + j * step;
    const d = depth(i, j), far = Math.hypot(x - cx, y - cy);
    if (!best || d > best.d || (d === best.d && far < best.far)) {
      if (reachable(x, y)) best = {x, y, d, far};
    }
  }
  return best && {x: best.x, y: best.y, kind: 'shape', clearance: best.d * step};
}
