#!/usr/bin/env node
// Draws images/icon.png (128×128): a shield with a check mark on Azure blue. Plain Node, no
// image library: pixels are tested against the shapes, then written as a PNG with zlib.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const px = Buffer.alloc(SIZE * SIZE * 4);

function inRoundedSquare(x, y) {
  const r = 22;
  const cx = Math.min(Math.max(x, r), SIZE - 1 - r);
  const cy = Math.min(Math.max(y, r), SIZE - 1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function inShield(x, y) {
  // flat top, straight sides, then a curve to a point at the bottom
  const left = 34;
  const right = 94;
  const top = 24;
  const mid = 66;
  const bottom = 108;
  if (y < top || y > bottom) return false;
  if (y <= mid) return x >= left && x <= right;
  const t = (y - mid) / (bottom - mid);
  const half = ((right - left) / 2) * Math.cos((t * Math.PI) / 2);
  return Math.abs(x - (left + right) / 2) <= half;
}

function nearSegment(x, y, ax, ay, bx, by, w) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= w * w;
}

function inCheck(x, y) {
  return nearSegment(x, y, 48, 64, 60, 78, 5) || nearSegment(x, y, 60, 78, 82, 48, 5);
}

for (let y = 0; y < SIZE; y++) {
  for (let x = 0; x < SIZE; x++) {
    // supersample 4×4 for smooth edges
    let bg = 0;
    let shield = 0;
    let check = 0;
    for (let sy = 0; sy < 4; sy++) {
      for (let sx = 0; sx < 4; sx++) {
        const fx = x + (sx + 0.5) / 4;
        const fy = y + (sy + 0.5) / 4;
        if (inRoundedSquare(fx, fy)) bg++;
        if (inShield(fx, fy)) shield++;
        if (inCheck(fx, fy)) check++;
      }
    }
    const a = bg / 16;
    const s = shield / 16;
    const c = check / 16;
    // Azure blue background, white shield, blue check
    const mix = (base, over, t) => base * (1 - t) + over * t;
    let r = 0x00, g = 0x5a, b = 0xb4;
    r = mix(r, 0xff, s); g = mix(g, 0xff, s); b = mix(b, 0xff, s);
    r = mix(r, 0x00, c); g = mix(g, 0x78, c); b = mix(b, 0xd4, c);
    const i = (y * SIZE + x) * 4;
    px[i] = Math.round(r);
    px[i + 1] = Math.round(g);
    px[i + 2] = Math.round(b);
    px[i + 3] = Math.round(255 * a);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) px.copy(raw, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('../images/icon.png', import.meta.url), png);
console.log(`make-icon: wrote images/icon.png (${png.length} bytes)`);
