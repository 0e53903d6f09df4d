import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
};

/**
 * Serves the built renderer; anything that is not a file falls back to index.html. A request this cannot read
 * (bad percent-escape, NUL byte) gets 400, a method other than GET/HEAD 405: never an exception.
 */
export function serveStatic(
  root: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  logger: { error(message: string, detail?: unknown): void },
): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    plain(res, 405, 'Method not allowed.');
    return;
  }
  const relative = requestedPath(req.url ?? '/');
  if (relative === null) {
    plain(res, 400, 'Bad request: unreadable path.');
    return;
  }
  let file = path.join(root, relative);
  if (!isInside(root, file) || !isFile(file)) file = path.join(root, 'index.html');
  if (!isFile(file)) {
    plain(res, 503, 'Renderer not built: run `npm run build:renderer`.');
    return;
  }
  res.writeHead(200, {
    'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'cache-control': 'no-store',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = fs.createReadStream(file);
  stream.on('error', (error) => {
    logger.error(`harness could not read ${file}`, error);
    res.destroy();
  });
  stream.pipe(res);
}

function requestedPath(raw: string): string | null {
  try {
    const decoded = decodeURIComponent(new URL(raw, 'http://localhost').pathname);
    if (decoded.includes('\0')) return null;
    return path.normalize(decoded).replace(/^([/\\])+/, '');
  } catch {
    return null;
  }
}

function isInside(root: string, file: string): boolean {
  return file === root || file.startsWith(root + path.sep);
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}

function plain(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}
