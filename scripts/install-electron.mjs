#!/usr/bin/env node
// The project's postinstall: downloads Electron's binary with Electron's own installer
// (node_modules/electron/install.js) and never fails the install when it cannot.
// package.json's allowScripts denies electron's own postinstall: run by npm, a failed
// download (no internet, a proxy) rolls the whole install back. Run from here, the
// electron package stays installed (tsc needs its types, electron-forge its package.json
// and version) and `npm start` serves the studio on the local web host instead.
// Electron's installer honours ELECTRON_SKIP_BINARY_DOWNLOAD, ELECTRON_MIRROR,
// electron_config_cache and the rest as usual. `npm run postinstall` tries again.
import { register } from 'tsx/esm/api';

register();
const { electronInstaller, installElectronBinary } = await import('../electron/binary.ts');
const installer = electronInstaller();
// No electron package (npm install --omit=dev): nothing to download.
const line = installer === null ? null : installElectronBinary(installer);
if (line) console.log(line);
