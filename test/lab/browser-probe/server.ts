// Bundles probe.ts (with sip.js from node_modules) using esbuild's JS API and serves it with a
// one-line page from http://127.0.0.1:<free port> (a secure context, so getUserMedia works).
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ENTRY = fileURLToPath(new URL('./probe.ts', import.meta.url));

let cachedBundle: Promise<string> | null = null;

export function bundleProbe(): Promise<string> {
  cachedBundle ??= build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    logLevel: 'silent',
  }).then((r) => r.outputFiles[0]!.text);
  return cachedBundle;
}

const PAGE =
  '<!doctype html><html><head><meta charset="utf-8"><title>SIP lab probe</title></head>' +
  '<body><p>SIP lab probe</p><script src="/probe.js"></script></body></html>';

export interface ProbeServer {
  url: string;
  close(): Promise<void>;
}

export async function startProbeServer(): Promise<ProbeServer> {
  const js = await bundleProbe();
  const server: Server = createServer((req, res) => {
    if (req.url === '/probe.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
    } else if (req.url === '/' || req.url === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
