#!/usr/bin/env node
// Bundles the Electron main process and the preload with esbuild.
//   node scripts/build-main.mjs [--outdir DIR]      (default dist/main/electron)
// app.cjs: Node platform, CommonJS (Electron's main loads it through package.json "main"). Packages that are
// native or read their own files at run time stay external and ship in node_modules.
// imports-worker.cjs: the worker thread that reads and checks imported files (main/services/imports-worker/),
// built the same way; app.cjs starts it from beside itself.
// agenda-sync-worker.cjs: the worker thread that reads the firms' CalDAV calendars and expands their series
// (main/services/agenda/sync/worker/), started the same way.
// preload.cjs: a sandboxed preload can `require` only 'electron' (and a few Node shims), so everything else
// must be inside the bundle; the build refuses any other import rather than producing a preload that fails.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outIndex = process.argv.indexOf('--outdir');
const outdir = path.resolve(outIndex > 0 ? process.argv[outIndex + 1] : path.join(root, 'dist', 'main', 'electron'));

const MAIN_EXTERNAL = [
  'electron',
  'better-sqlite3-multiple-ciphers', // native: loaded through `nativeBinding` from .native/ (main/electron/native.ts)
  'bufferutil', // optional native speed-ups that ws tries to require
  'utf-8-validate',
  'pdfkit', // reads its font metrics from its own folder at run time
  'exceljs',
  'nodemailer',
];

const common = {
  bundle: true,
  sourcemap: 'linked',
  logLevel: 'warning',
  metafile: true,
  legalComments: 'none',
  absWorkingDir: root,
};

const main = await build({
  ...common,
  entryPoints: {
    app: 'main/electron/app.ts',
    'imports-worker': 'main/services/imports-worker/worker.ts',
    'agenda-sync-worker': 'main/services/agenda/sync/worker/worker.ts',
  },
  outdir,
  outExtension: { '.js': '.cjs' },
  platform: 'node',
  format: 'cjs',
  target: 'node22', // Electron 39 embeds Node 22
  external: MAIN_EXTERNAL,
  // Source files are ES modules that may read import.meta.url; in a CommonJS bundle it must be rebuilt.
  define: { 'import.meta.url': '__permanence_import_meta_url' },
  banner: { js: "const __permanence_import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
});

const preload = await build({
  ...common,
  entryPoints: { preload: 'main/electron/preload.ts' },
  outdir,
  outExtension: { '.js': '.cjs' },
  platform: 'browser',
  format: 'cjs',
  target: 'chrome130',
  external: ['electron'],
  // The contract pulls zod and libphonenumber into the preload (~650 KiB minified, 1 MiB not): minify it, since
  // it is parsed on every page load. A zod-free names module in shared/ would shrink it to a few KiB.
  minify: true,
});

const foreign = Object.values(preload.metafile.inputs)
  .flatMap((input) => input.imports)
  .filter((imp) => imp.external && imp.path !== 'electron');
if (foreign.length > 0) {
  console.error(`preload must only require 'electron', found: ${foreign.map((imp) => imp.path).join(', ')}`);
  process.exit(1);
}

for (const result of [main, preload]) {
  for (const [file, info] of Object.entries(result.metafile.outputs)) {
    if (!file.endsWith('.map'))
      console.log(`${path.relative(root, path.resolve(root, file))}  ${(info.bytes / 1024).toFixed(0)} KiB`);
  }
}
