#!/usr/bin/env node
// Makes sure Electron's own binary is present before `npm start` / `npm run dev` / `npm run dist` launch it.
//
// `npm install` never downloads it (package.json `allowScripts` denies electron's postinstall), so an install
// works on machines that cannot reach Electron's download server: tests, the CLI and the browser harness
// (`npm run web`) need no Electron binary. The first `npm start` fetches it once, through electron's own
// installer (node_modules/electron/install.js, which honours ELECTRON_MIRROR, proxies and its cache), and says
// so in French and English. When it cannot, it says that `npm run web` works offline and exits non-zero.
//
//   node scripts/ensure-electron.mjs
// PERMANENCE_ELECTRON_DIR points at another electron package folder (tests).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronDir =
  process.env.PERMANENCE_ELECTRON_DIR ??
  path.dirname(createRequire(path.join(root, 'package.json')).resolve('electron/package.json'));
const { version } = JSON.parse(fs.readFileSync(path.join(electronDir, 'package.json'), 'utf8'));

/** Electron's index.js launches dist/<path.txt>: both must exist. */
function installed() {
  const pathFile = path.join(electronDir, 'path.txt');
  if (!fs.existsSync(pathFile)) return false;
  const executable = fs.readFileSync(pathFile, 'utf8').trim();
  return executable !== '' && fs.existsSync(path.join(electronDir, 'dist', executable));
}

if (installed()) process.exit(0);

console.log(
  [
    `Permanence : téléchargement d’Electron ${version} (environ 100 Mo, une seule fois)…`,
    `Permanence: downloading Electron ${version} (about 100 MB, once)…`,
  ].join('\n'),
);
// The variable that made `npm ci` skip the download on build machines must not skip it here.
const env = { ...process.env };
delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
const result = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], {
  cwd: electronDir,
  env,
  stdio: 'inherit',
});

if (result.status === 0 && installed()) {
  console.log(`Electron ${version} : prêt. / ready.`);
  process.exit(0);
}

console.error(
  [
    '',
    `Permanence : impossible de télécharger Electron ${version} (pas d’accès Internet au serveur d’Electron ?).`,
    '  Réessayez plus tard, ou définissez ELECTRON_MIRROR / HTTPS_PROXY.',
    '  Sans Internet, `npm run web` lance Permanence dans Chromium (même base, mêmes écrans).',
    `Permanence: could not download Electron ${version} (no Internet access to Electron's server?).`,
    '  Try again later, or set ELECTRON_MIRROR / HTTPS_PROXY.',
    '  Offline, `npm run web` runs Permanence in Chromium (same store, same screens).',
  ].join('\n'),
);
process.exit(1);
