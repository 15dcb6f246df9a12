// Types of bin/cli-bundle.mjs (plain JavaScript: it runs before any TypeScript can be loaded).
export type BundleManifest = { build: string; inputs: Record<string, [mtimeMs: number, size: number] | null> };
export const BUNDLE_ENTRIES: Record<string, string>;
export function bundlePaths(root: string): { dir: string; manifest: string };
export function readManifest(root: string): BundleManifest | null;
export function bundleStaleReason(root: string, manifest?: BundleManifest | null): string | null;
export function bundleEntryFile(root: string, manifest: BundleManifest): string;
export function buildBundle(root: string): Promise<BundleManifest>;
export function currentBundle(root: string, warn?: (line: string) => void): Promise<string | null>;
