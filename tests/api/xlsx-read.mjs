// A small XLSX reader for the export tests: the ZIP's central directory, the deflated parts, each sheet's
// cells (shared strings, inline strings, formula results and numbers), so a test reads what a finance
// office's spreadsheet would show. readXlsx(buffer) -> [{ name, rows: [[cell, ...], ...] }] with rows by
// their number (1-based as in the file: rows[0] is row 1) and cells by column (A = 0), and the merged ranges
// (merges: ['A1:V1', ...]); a number cell is a
// Number, text a String, a missing cell undefined.
import zlib from 'node:zlib';

function unzip(buf) {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a ZIP file');
  const n = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const files = new Map();
  for (let i = 0; i < n; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory');
    const method = buf.readUInt16LE(p + 10), csize = buf.readUInt32LE(p + 20);
    const nlen = buf.readUInt16LE(p + 28), xlen = buf.readUInt16LE(p + 30), clen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nlen);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + csize);
    files.set(name, method === 8 ? zlib.inflateRawSync(raw) : Buffer.from(raw));
    p += 46 + nlen + xlen + clen;
  }
  return files;
}

const unesc = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const texts = (xml) => [...xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((m) => unesc(m[1])).join('');
const colIndex = (ref) => [...ref.replace(/\d+$/, '')].reduce((a, ch) => a * 26 + ch.charCodeAt(0) - 64, 0) - 1;

export function readXlsx(buf) {
  const files = unzip(buf);
  const get = (n) => files.get(n)?.toString('utf8');
  const sst = [...(get('xl/sharedStrings.xml') || '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => texts(m[1]));
  const wb = get('xl/workbook.xml');
  const rels = get('xl/_rels/workbook.xml.rels');
  const target = new Map([...rels.matchAll(/<Relationship [^>]*Id="([^"]+)"[^>]*Target="([^"]+)"/g)].map((m) => [m[1], m[2]]));
  const sheets = [];
  for (const m of wb.matchAll(/<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"/g)) {
    const xml = get(`xl/${target.get(m[2]).replace(/^\/?xl\//, '')}`);
    const rows = [];
    for (const r of xml.matchAll(/<row [^>]*r="(\d+)"[^>]*?(?:\/>|>([\s\S]*?)<\/row>)/g)) {
      const row = [];
      for (const c of (r[2] || '').matchAll(/<c ([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
        const ref = /r="([A-Z]+\d+)"/.exec(c[1])[1], t = /t="(\w+)"/.exec(c[1])?.[1], body = c[2] || '';
        const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
        let val;
        if (t === 's') val = sst[Number(v)];
        else if (t === 'inlineStr') val = texts(body);
        else if (t === 'str' || t === 'e') val = v === undefined ? '' : unesc(v);
        else if (t === 'b') val = v === '1';
        else if (v !== undefined) val = Number(v);
        row[colIndex(ref)] = val;
      }
      rows[Number(r[1]) - 1] = row;
    }
    const merges = [...xml.matchAll(/<mergeCell ref="([A-Z]+\d+:[A-Z]+\d+)"/g)].map((x) => x[1]);
    sheets.push({ name: unesc(m[1]), rows, merges });
  }
  return sheets;
}

// the rows of a sheet from its heading row (the first whose first cell is `first`): { head, data, total }
// where data are the rows after it up to the 合计 row
export function table(sheet, first) {
  const at = sheet.rows.findIndex((r) => r && r[0] === first);
  if (at < 0) throw new Error(`no heading ${first} in ${sheet.name}`);
  const head = sheet.rows[at], data = [];
  let total;
  for (const r of sheet.rows.slice(at + 1)) {
    if (!r) continue;
    if (r[0] === '合计') { total = r; break; }
    data.push(Object.fromEntries(head.map((h, i) => [h, r[i]])));
  }
  return { head, data, total: total && Object.fromEntries(head.map((h, i) => [h, total[i]])) };
}

export const fen = (yuan) => Math.round(yuan * 100);
