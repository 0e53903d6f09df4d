import fs from 'node:fs';
import path from 'node:path';

export interface AppLogger {
  info(message: string, detail?: unknown): void;
  error(message: string, detail?: unknown): void;
}

const LOG_MODE = 0o600;

/**
 * Appends to logs/permanence.log in the data dir; secrets never reach here because callers never pass them.
 * Logging never throws: a full disk or a removed folder must not take the app down with the line it could not
 * write (it goes to stderr instead, and the next line tries the file again).
 */
export function createFileLogger(dataDir: string, echo = false): AppLogger {
  const dir = path.join(dataDir, 'logs');
  const file = path.join(dir, 'permanence.log');
  let prepared = false;
  function prepare(): void {
    if (prepared) return;
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    // Older runs created it 0644; appendFileSync's mode only applies when the file is created.
    if (fs.existsSync(file) && process.platform !== 'win32') fs.chmodSync(file, LOG_MODE);
    prepared = true;
  }
  function write(level: string, message: string, detail?: unknown): void {
    let line: string;
    try {
      line = `${new Date().toISOString()} ${level} ${message}${describe(detail)}\n`;
    } catch {
      line = `${new Date().toISOString()} ${level} ${message} (détail illisible)\n`;
    }
    try {
      prepare();
      fs.appendFileSync(file, line, { mode: LOG_MODE });
    } catch (error) {
      fallback(`permanence: could not write ${file} (${(error as NodeJS.ErrnoException).code ?? error}): ${line}`);
      return;
    }
    if (echo) fallback(line);
  }
  // Nothing is created before the first line: a process refused by the data directory's lock writes nothing.
  return {
    info: (message, detail) => write('INFO', message, detail),
    error: (message, detail) => write('ERROR', message, detail),
  };
}

function describe(detail: unknown): string {
  if (detail instanceof Error) return ` ${detail.stack ?? detail.message}`;
  if (detail === undefined) return '';
  return ` ${JSON.stringify(detail)}`;
}

function fallback(text: string): void {
  try {
    process.stderr.write(text);
  } catch {
    // stderr closed or full as well: nothing left to tell, and nothing worth dying for.
  }
}
