// xlsx.mjs: reads back the first sheet of an XLSX file for the tests, on its
// own (not through the server's reader): the zip's central directory,
// its entries inflated with node's zlib, xl/sharedStrings.xml and
// xl/worksheets/sheet1.xml parsed for what a cell shows.  Enough for what
// libxlsxwriter writes; not a general reader.  And a CSV export, to compare.
import { inflateRawSync } from 'node:zlib';

// The entries of a zip: name → bytes.
function unzip(buf) {
  let end = buf.length - 22;
  while (end >= 0 && buf.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('xlsx: no zip end record');
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const files = new Map();
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error('xlsx: bad central directory');
    const method = buf.readUInt16LE(at + 10), size = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28), extraLen = buf.readUInt16LE(at + 30), commentLen = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.subarray(at + 46, at + 46 + nameLen).toString('utf8');
    const data = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(data, data + size);
    files.set(name, method === 8 ? inflateRawSync(raw) : method === 0 ? raw : null);
    at += 46 + nameLen + extraLen + commentLen;
  }
  return files;
}

const unescape = (s) => s.replace(/&(lt|gt|quot|apos|amp|#(\d+)|#x([0-9a-fA-F]+));/g, (_, e, d, h) =>
  d ? String.fromCodePoint(Number(d)) : h ? String.fromCodePoint(parseInt(h, 16))
    : { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' }[e]);

// The text of an <si> or <is>: its <t> runs joined.
const text = (xml) => [...xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t\s*\/>/g)].map((m) => unescape(m[1] || '')).join('');

// The column index of a cell reference: "C7" → 2.
const column = (ref) => [...ref.match(/^[A-Z]+/)[0]].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1;

// The first sheet as rows of cell texts (numbers as written, '' for a gap),
// in the sheet's row order; empty rows left out.
export function readXlsx(bytes) {
  const files = unzip(Buffer.from(bytes));
  const sheet = files.get('xl/worksheets/sheet1.xml');
  if (!sheet) throw new Error('xlsx: no xl/worksheets/sheet1.xml');
  const shared = files.has('xl/sharedStrings.xml')
    ? [...files.get('xl/sharedStrings.xml').toString('utf8').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => text(m[1]))
    : [];
  const rows = [];
  for (const row of sheet.toString('utf8').matchAll(/<row\b[^>]*>([\s\S]*?)<\/row>/g)) {
    const cells = [];
    for (const c of row[1].matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const ref = (c[1].match(/\br="([A-Z]+\d+)"/) || [])[1];
      const type = (c[1].match(/\bt="(\w+)"/) || [])[1];
      const body = c[2] || '';
      const v = (body.match(/<v>([\s\S]*?)<\/v>/) || [])[1];
      const value = type === 's' ? shared[Number(v)] : type === 'inlineStr' ? text(body) : v === undefined ? '' : unescape(v);
      cells[ref ? column(ref) : cells.length] = value;
    }
    if (cells.length) rows.push(Array.from(cells, (x) => x ?? ''));
  }
  return rows;
}

// A CSV export (UTF-8 with its BOM, CRLF, RFC 4180 quotes) as rows of cells.
export function readCsv(bytes) {
  const s = Buffer.from(bytes).toString('utf8').replace(/^\uFEFF/, '');
  const rows = [];
  let row = [], cell = '', quoted = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; } else if (ch === '\r' && s[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; } else cell += ch;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

// A row without its empty cells at the end: a sheet does not write them.
export const trimRow = (r) => { const t = [...r]; while (t.length && t.at(-1) === '') t.pop(); return t; };
