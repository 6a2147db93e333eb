// Writes images/icon.png (128×128 RGBA), the extension's marketplace icon: a page of text with a check mark on the
// gallery banner's colour. No image library: the pixels are computed here and written as a PNG with node:zlib.
// Run `node scripts/icon.mjs` after changing the drawing.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const BANNER = [0x1d, 0x35, 0x57]; // package.json galleryBanner.color #1d3557
const PAGE = [0xf1, 0xfa, 0xee];
const LINE = [0x8d, 0x99, 0xae];
const CHECK = [0x2a, 0x9d, 0x8f];

const px = new Uint8Array(SIZE * SIZE * 4);
const set = (x, y, [r, g, b], a = 255) => {
  const i = (y * SIZE + x) * 4;
  px.set([r, g, b, a], i);
};
const inRoundRect = (x, y, x0, y0, x1, y1, r) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = x < x0 + r ? x0 + r : x > x1 - r ? x1 - r : x;
  const cy = y < y0 + r ? y0 + r : y > y1 - r ? y1 - r : y;
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const distToSegment = (x, y, [ax, ay], [bx, by]) => {
  const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay)));
};

for (let y = 0; y < SIZE; y++) {
  for (let x = 0; x < SIZE; x++) {
    if (!inRoundRect(x, y, 0, 0, SIZE - 1, SIZE - 1, 20)) continue; // transparent corners
    let colour = BANNER;
    if (inRoundRect(x, y, 30, 16, 97, 111, 6)) colour = PAGE;
    // text lines on the page
    for (const [ly, len] of [
      [32, 50],
      [44, 42],
      [56, 48],
      [68, 30],
    ]) {
      if (y >= ly && y < ly + 5 && x >= 40 && x < 40 + len) colour = LINE;
    }
    // the check mark, lower right
    const d = Math.min(distToSegment(x, y, [62, 90], [73, 101]), distToSegment(x, y, [73, 101], [92, 78]));
    if (d <= 5) colour = CHECK;
    set(x, y, colour);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};

const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) {
  raw[y * (SIZE * 4 + 1)] = 0; // filter: none
  Buffer.from(px.buffer, y * SIZE * 4, SIZE * 4).copy(raw, y * (SIZE * 4 + 1) + 1);
}
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('../images/icon.png', import.meta.url), png);
console.log(`images/icon.png: ${SIZE}x${SIZE}, ${png.length} bytes`);
