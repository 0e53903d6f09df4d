import type { RawData } from 'ws';
import type { Envelope } from '../../shared/api';
import type { Dispatch } from '../api/dispatch';

/** Largest WebSocket message the harness reads (ws closes the socket with 1009 above it). The biggest legal
 * input is an import file of 20 million characters, which JSON may grow up to three times in UTF-8. */
export const MAX_FRAME_BYTES = 64 * 1024 * 1024;

type RequestId = number | string | null;

/**
 * Turns one WebSocket message into the reply frame. Whatever arrives (binary, invalid JSON, `null`, an array,
 * a request without a method, a result that cannot be serialised) gets an answer; nothing here throws.
 */
export async function answerFrame(
  data: RawData,
  isBinary: boolean,
  dispatch: Dispatch,
  logger: { error(message: string, detail?: unknown): void },
): Promise<string> {
  const log = (message: string, detail: unknown) => {
    try {
      logger.error(message, detail);
    } catch {
      // A failing log (full disk) must not turn an answer into an unhandled rejection.
    }
  };
  if (isBinary) return reply(null, refused('Requête refusée : trame binaire, texte JSON attendu.'));
  let request: unknown;
  try {
    request = JSON.parse(rawText(data));
  } catch {
    return reply(null, refused('Requête refusée : JSON illisible.'));
  }
  if (typeof request !== 'object' || request === null || Array.isArray(request)) {
    return reply(null, refused('Requête refusée : un objet {id, method, input} est attendu.'));
  }
  const { id, method, input } = request as { id?: unknown; method?: unknown; input?: unknown };
  const requestId = validId(id);
  if (typeof method !== 'string' || method.length > 100) {
    return reply(requestId, refused('Requête refusée : nom de méthode manquant ou invalide.'));
  }
  let envelope: Envelope<unknown>;
  try {
    envelope = await dispatch(method, input);
  } catch (error) {
    log(`harness ${method.slice(0, 100)} failed outside the dispatcher`, error);
    envelope = internal();
  }
  try {
    return reply(requestId, envelope);
  } catch (error) {
    log(`harness ${method.slice(0, 100)}: the result cannot be sent as JSON`, error);
    return reply(requestId, internal());
  }
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

/** The client numbers its requests; anything else is not echoed (it could be a huge or nested value). */
function validId(id: unknown): RequestId {
  if (typeof id === 'number' && Number.isSafeInteger(id)) return id;
  if (typeof id === 'string' && id.length <= 64) return id;
  return null;
}

function reply(id: RequestId, envelope: Envelope<unknown>): string {
  return JSON.stringify({ id, envelope });
}

function refused(message: string): Envelope<never> {
  return { ok: false, error: { code: 'VALIDATION', message } };
}

function internal(): Envelope<never> {
  return {
    ok: false,
    error: { code: 'INTERNAL', message: 'Une erreur interne est survenue ; le détail est dans le journal.' },
  };
}
