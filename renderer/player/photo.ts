// A photo for a judged step: resized on the phone (at most 1280 px on its longer side,
// JPEG), uploaded to the host, which stores it under its content hash and returns its ref.
const MAX_SIDE = 1280;

export async function resizePhoto(file: Blob): Promise<Blob> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the photo could not be encoded'))), 'image/jpeg', 0.82));
}

export async function uploadPhoto(token: string, photo: Blob): Promise<string> {
  const res = await fetch('/play/upload', { method: 'POST', headers: { 'content-type': 'image/jpeg', 'x-device-token': token }, body: photo });
  const body = (await res.json()) as { ref?: string; message?: string };
  if (!res.ok || !body.ref) throw new Error(body.message ?? `upload failed (${res.status})`);
  return body.ref;
}
