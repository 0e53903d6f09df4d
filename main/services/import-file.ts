import iconv from 'iconv-lite';
import { PermanenceError } from '../../shared/api';
import type { ContentEncoding, FileEncoding } from '../../shared/domain/file-encoding';

export interface DecodedFile {
  text: string;
  encoding: FileEncoding;
}

const startsWith = (bytes: Uint8Array, ...prefix: number[]) => prefix.every((b, i) => bytes[i] === b);

/**
 * Reads an imported file's bytes: UTF-8 (with or without BOM), UTF-16 LE/BE with a BOM, and Windows-1252 when the
 * bytes are not valid UTF-8 (Excel's « CSV (séparateur : point-virgule) » in France). TextDecoder with
 * `fatal: true` tells UTF-8 from the rest and decodes UTF-8 and UTF-16; iconv-lite decodes Windows-1252, because
 * Node 20's TextDecoder('windows-1252') decodes as ISO-8859-1 (0x80 gives U+0080, not €).
 */
export function decodeFileBytes(bytes: Uint8Array): DecodedFile {
  const decode = (label: string, from: number, encoding: FileEncoding): DecodedFile => {
    try {
      return { text: new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(from)), encoding };
    } catch {
      throw new PermanenceError(
        'VALIDATION',
        `Fichier illisible : il annonce l’encodage ${label.toUpperCase()} mais ses octets n’en sont pas.`,
      );
    }
  };
  if (startsWith(bytes, 0xef, 0xbb, 0xbf)) return decode('utf-8', 3, 'utf-8-bom');
  if (startsWith(bytes, 0xff, 0xfe)) return decode('utf-16le', 2, 'utf-16le');
  if (startsWith(bytes, 0xfe, 0xff)) return decode('utf-16be', 2, 'utf-16be');
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Windows-1252 maps every byte, so this never fails.
    return {
      text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'win1252'),
      encoding: 'windows-1252',
    };
  }
}

/** An imported file: its bytes (decoded here), or text someone already decoded (tests, the workspace file). */
export type ImportContent = string | Uint8Array;

export function decodeImport(content: ImportContent): DecodedFile {
  return typeof content === 'string'
    ? { text: content.replace(/^\uFEFF/, ''), encoding: 'text' }
    : decodeFileBytes(content);
}

/** A contract call's file content: 'base64' carries the file's bytes, 'text' text already decoded. */
export function fromContract(content: string, encoding: ContentEncoding): ImportContent {
  if (encoding === 'text') return content;
  // Both ends and the length tell text sent as base64 by mistake; a regex over 13 MB would be a long task.
  const ends = content.length <= 2048 ? content : content.slice(0, 1024) + content.slice(-1024);
  if (content.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(ends))
    throw new PermanenceError('VALIDATION', 'Contenu de fichier invalide (base64 attendu).');
  return Buffer.from(content, 'base64');
}

const DECODE_CHUNK = 1 << 20;

/**
 * decodeImport for a large file: 1 MB at a time with a yield between pieces (decoding 10 MB at once is a
 * 100 ms task). Streaming decoders keep multi-byte characters cut between two pieces whole.
 */
export async function decodeImportInSlices(
  content: ImportContent,
  yieldToEventLoop: () => Promise<void>,
): Promise<DecodedFile> {
  if (typeof content === 'string' || content.length <= DECODE_CHUNK) return decodeImport(content);
  const bytes = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  const stream = async (write: (piece: Buffer) => string, end: () => string) => {
    const parts: string[] = [];
    for (let at = 0; at < bytes.length; at += DECODE_CHUNK) {
      parts.push(write(bytes.subarray(at, at + DECODE_CHUNK)));
      await yieldToEventLoop();
    }
    parts.push(end());
    return parts.join('');
  };
  const bom: Array<[number[], string, FileEncoding]> = [
    [[0xef, 0xbb, 0xbf], 'utf-8', 'utf-8-bom'],
    [[0xff, 0xfe], 'utf-16le', 'utf-16le'],
    [[0xfe, 0xff], 'utf-16be', 'utf-16be'],
  ];
  const [prefix, label, encoding] = bom.find(([p]) => startsWith(bytes, ...p)) ?? [[], 'utf-8', 'utf-8'];
  const decoder = new TextDecoder(label, { fatal: true, ignoreBOM: false });
  try {
    const text = await stream(
      (piece) => decoder.decode(piece, { stream: true }),
      () => decoder.decode(),
    );
    return { text, encoding };
  } catch {
    if (prefix.length > 0) decodeFileBytes(bytes); // throws the « announces … » error
    const win1252 = iconv.getDecoder('win1252');
    const text = await stream(
      (piece) => win1252.write(piece),
      () => win1252.end() ?? '',
    );
    return { text, encoding: 'windows-1252' };
  }
}
