// Scanning a QR code with the camera: the browser's BarcodeDetector where it exists, the
// bundled jsQR decoder otherwise. Typing the code by hand always works as well.
import jsQR from 'jsqr';

type Detector = { detect(source: CanvasImageSource): Promise<{ rawValue: string }[]> };
declare const BarcodeDetector: { new (opts: { formats: string[] }): Detector } | undefined;

export async function scanQr(video: HTMLVideoElement, signal: AbortSignal): Promise<string | null> {
  // Browsers give the camera only to secure pages: over plain http there is no mediaDevices.
  if (!navigator.mediaDevices?.getUserMedia) throw new Error(window.isSecureContext ? 'this browser gives no camera' : 'the camera needs a secure page (the organisers can serve the hunt over HTTPS)');
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
  try {
    video.srcObject = stream;
    await video.play();
    const detector = typeof BarcodeDetector !== 'undefined' ? new BarcodeDetector({ formats: ['qr_code'] }) : null;
    const canvas = document.createElement('canvas');
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    while (!signal.aborted) {
      await new Promise((r) => setTimeout(r, 150));
      if (video.videoWidth === 0) continue;
      if (detector) {
        const found = await detector.detect(video).catch(() => []);
        if (found.length > 0) return found[0].rawValue;
        continue;
      }
      const scale = Math.min(1, 640 / video.videoWidth);
      canvas.width = Math.round(video.videoWidth * scale);
      canvas.height = Math.round(video.videoHeight * scale);
      ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
      const img = ctx.getImageData(0, 0, canvas.width, canvas.height);
      const code = jsQR(img.data, img.width, img.height);
      if (code) return code.data;
    }
    return null;
  } finally {
    for (const t of stream.getTracks()) t.stop();
    video.srcObject = null;
  }
}
