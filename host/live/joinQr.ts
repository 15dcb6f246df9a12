// The join address as a QR code image, made on this machine (qrcode + pngjs): a phone's
// camera app opens the address, whose fragment fills in the join code.
import QRCode from 'qrcode';

/** A PNG data URL of the address's QR code, large enough to scan from a projected screen. */
export function joinQrDataUrl(url: string): Promise<string> {
  return QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 2, width: 320 });
}
