import type { i18n as I18n } from 'i18next';
import { PermanenceError, type PermanenceClient } from '../../shared/api';

/**
 * Main answers a failure with a code, a French sentence and, when it has one, an i18n key (ErrorText). This
 * wraps the client so every screen that shows `error.message` shows that key's sentence in the user's language.
 */
export function withTranslatedErrors(api: PermanenceClient, i18n: I18n): PermanenceClient {
  const translate = (error: unknown): unknown => {
    if (!(error instanceof PermanenceError) || !error.text || !i18n.exists(error.text.key)) return error;
    const message = i18n.t(error.text.key, error.text.values ?? {});
    return new PermanenceError(error.code, message, error.issues, error.text);
  };
  const wrapped: Record<string, unknown> = { events: api.events };
  for (const [domain, methods] of Object.entries(api as unknown as Record<string, Record<string, unknown>>)) {
    if (domain === 'events') continue;
    wrapped[domain] = Object.fromEntries(
      Object.entries(methods).map(([verb, fn]) => [
        verb,
        async (input: unknown) => {
          try {
            return await (fn as (input: unknown) => Promise<unknown>)(input);
          } catch (error) {
            throw translate(error);
          }
        },
      ]),
    );
  }
  return wrapped as unknown as PermanenceClient;
}
