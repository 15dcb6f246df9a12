// A fake camera for Chromium (--use-file-for-fake-video-capture): a Y4M video whose frames
// show a QR code of the given text, black on white, as a phone held over a printed code.
import { writeFileSync } from 'node:fs';
import QRCode from 'qrcode';

const WIDTH = 640;
const HEIGHT = 480;

/** Writes a few identical frames (Chromium loops the file) and returns its path. */
export function writeQrVideo(path: string, text: string, frames = 10): string {
  const modules = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  const size = modules.size;
  const quiet = 4; // the white margin a reader needs around the code
  const cell = Math.floor(Math.min(WIDTH, HEIGHT) / (size + 2 * quiet));
  const left = Math.floor((WIDTH - cell * size) / 2);
  const top = Math.floor((HEIGHT - cell * size) / 2);
  const luma = Buffer.alloc(WIDTH * HEIGHT, 235);
  for (let r = 0; r < size; r++)
    for (let c = 0; c < size; c++) {
      if (!modules.get(r, c)) continue;
      for (let y = 0; y < cell; y++) luma.fill(16, (top + r * cell + y) * WIDTH + left + c * cell, (top + r * cell + y) * WIDTH + left + (c + 1) * cell);
    }
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2) * 2, 128); // no colour (I420: U then V)
  const parts: Buffer[] = [Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F10:1 Ip A1:1 C420jpeg\n`)];
  for (let f = 0; f < frames; f++) parts.push(Buffer.from('FRAME\n'), luma, chroma);
  writeFileSync(path, Buffer.concat(parts));
  return path;
}
