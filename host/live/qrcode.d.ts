// qrcode ships no types (and @types/qrcode is not a dependency): the part of its API
// the live host and its tests use.
declare module 'qrcode' {
  type Options = { errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H'; margin?: number; width?: number; scale?: number };
  /** The PNG image of the code as a data URL (made here, with pngjs: no network). */
  export function toDataURL(text: string, options?: Options): Promise<string>;
  /** The code's modules: `get(row, col)` is 1 for a dark module. */
  export function create(text: string, options?: Options): { modules: { size: number; get(row: number, col: number): number } };
  const qrcode: { toDataURL: typeof toDataURL; create: typeof create };
  export default qrcode;
}
