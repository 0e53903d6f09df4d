import fs from 'node:fs';
import path from 'node:path';

export interface AppLogger {
  info(message: string, detail?: unknown): void;
  error(message: string, detail?: unknown): void;
}

/** Appends to logs/permanence.log in the data dir; secrets never reach here because callers never pass them. */
export function createFileLogger(dataDir: string, echo = false): AppLogger {
  const dir = path.join(dataDir, 'logs');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'permanence.log');
  function write(level: string, message: string, detail?: unknown): void {
    const suffix =
      detail instanceof Error
        ? ` ${detail.stack ?? detail.message}`
        : detail === undefined
          ? ''
          : ` ${JSON.stringify(detail)}`;
    const line = `${new Date().toISOString()} ${level} ${message}${suffix}\n`;
    fs.appendFileSync(file, line);
    if (echo) process.stderr.write(line);
  }
  return {
    info: (message, detail) => write('INFO', message, detail),
    error: (message, detail) => write('ERROR', message, detail),
  };
}
