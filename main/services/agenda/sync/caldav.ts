import { createDAVClient, type DAVResponse } from 'tsdav';
import { followingFetch } from './caldav-fetch';

/**
 * The CalDAV calls the sync makes, over tsdav (≥ 2.3.4), with the library's known traps closed here once:
 * - tsdav RESOLVES a 412 (and any status) instead of throwing: every write checks `response.status`;
 * - a write without an etag silently overwrites: create always sends `If-None-Match: *`, update and delete
 *   always `If-Match` with the stored etag, and refuse to run without one;
 * - `calendarMultiGet` and `syncCollection` are taken from the client, which binds them to its auth headers
 *   (the bare exports send no credentials);
 * - an invalid or expired sync token comes back as 403/409 (valid-sync-token), which becomes `token_invalid`
 *   so the caller falls back to a full etag comparison;
 * - hrefs are whatever the server answers (resolved against the calendar URL), never built from a UID.
 */

export type CalDavFailure =
  | 'network' // refused, reset, timeout, DNS: try again later
  | 'auth' // 401: wrong user or password (iCloud: an app password is needed)
  | 'forbidden' // 403 on a write or discovery
  | 'not_found'
  | 'precondition' // 412: the object changed (If-Match) or exists (If-None-Match)
  | 'token_invalid' // sync-collection refused the token
  | 'server' // 5xx or an answer we cannot read
  | 'unsupported'; // e.g. OAuth-only servers (Google)

export class CalDavError extends Error {
  constructor(
    readonly failure: CalDavFailure,
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'CalDavError';
  }
  /** Worth retrying later without her doing anything. */
  get transient(): boolean {
    return this.failure === 'network' || this.failure === 'server';
  }
}

export interface CalDavAccount {
  serverUrl: string;
  username: string;
  password: string;
}

export interface DiscoveredCalendar {
  url: string;
  displayName: string;
  color: string | null;
  /** Whether the server offers sync-collection (RFC 6578); without it every sync compares etags. */
  supportsSyncCollection: boolean;
}

export interface RemoteObject {
  href: string;
  etag: string;
  data: string;
}

export interface RemoteChanges {
  token: string;
  changed: Array<{ href: string; etag: string }>;
  deleted: string[];
}

const MULTIGET_BATCH = 1000;
const GOOGLE = /(^|\.)google(apis)?\.com$/i;

function statusFailure(status: number): CalDavFailure {
  if (status === 401) return 'auth';
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 410) return 'not_found';
  if (status === 412) return 'precondition';
  return status >= 500 ? 'server' : 'server';
}

function failed(what: string, status: number, statusText = ''): CalDavError {
  return new CalDavError(statusFailure(status), `${what}: ${status} ${statusText}`.trim(), status);
}

/** fetch's own failures (refused, reset, aborted) are network failures; ours pass through. */
async function guarded<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof CalDavError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    if (/Invalid credentials|401/.test(message)) throw new CalDavError('auth', `${what}: ${message}`, 401);
    throw new CalDavError('network', `${what}: ${message}`);
  }
}

/** A text property as xml-js hands it over (string, number, {_cdata}, {_text}). */
function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (typeof value === 'object') {
    const node = value as { _cdata?: unknown; _text?: unknown };
    if (node._cdata !== undefined) return text(node._cdata);
    if (node._text !== undefined) return text(node._text);
  }
  return '';
}

export async function connectCalDav(
  account: CalDavAccount,
  options: { timeoutMs?: number; fetch?: typeof fetch } = {},
) {
  const host = new URL(account.serverUrl).hostname;
  if (GOOGLE.test(host))
    throw new CalDavError('unsupported', 'Google Agenda demande OAuth, que Permanence ne gère pas encore.');
  const fetchImpl = options.fetch ?? followingFetch({ timeoutMs: options.timeoutMs ?? 120_000 });
  const client = await createDAVClient({
    serverUrl: account.serverUrl,
    credentials: { username: account.username, password: account.password },
    authMethod: 'Basic',
    fetch: fetchImpl,
  });
  const absolute = (href: string, base: string) => new URL(href, base).href;

  async function write(
    what: string,
    call: () => Promise<Response>,
  ): Promise<{ status: number; etag: string | null; location: string | null }> {
    const response = await guarded(what, call);
    await response.arrayBuffer().catch(() => undefined);
    if (!response.ok) throw failed(what, response.status, response.statusText);
    return { status: response.status, etag: response.headers.get('etag'), location: response.headers.get('location') };
  }

  return {
    /** The calendars of the account's home (RFC 6764 discovery from the URL she typed, then the principal). */
    async discover(): Promise<DiscoveredCalendar[]> {
      return guarded('discovery', async () => {
        const dav = await client.createAccount({ account: { accountType: 'caldav' } });
        const calendars = await client.fetchCalendars({ account: dav });
        return calendars
          .filter((c) => c.components?.length === 0 || c.components?.includes('VEVENT'))
          .map((c) => ({
            url: c.url,
            displayName:
              text(c.displayName) || decodeURIComponent(new URL(c.url).pathname.split('/').filter(Boolean).pop() ?? ''),
            color: typeof c.calendarColor === 'string' ? c.calendarColor : null,
            supportsSyncCollection: Array.isArray(c.reports) && c.reports.includes('syncCollection'),
          }));
      });
    },

    /** What changed since `token` (null: everything, with a first token). Throws `token_invalid` when refused. */
    async changesSince(calendarUrl: string, token: string | null): Promise<RemoteChanges> {
      const responses = await guarded('sync-collection', () =>
        client.syncCollection({
          url: calendarUrl,
          props: { 'd:getetag': {} },
          syncLevel: 1,
          syncToken: token ?? '',
        }),
      );
      const top = responses.find((r) => r.status >= 400 && (!r.href || !/\.ics$/i.test(r.href)));
      if (top) {
        if (top.status === 403 || top.status === 409 || top.status === 412)
          throw new CalDavError('token_invalid', `Collection sync failed: ${top.status}`, top.status);
        throw failed('sync-collection', top.status, top.statusText);
      }
      const raw = responses[0]?.raw as { multistatus?: { syncToken?: unknown } } | undefined;
      const newToken = text(raw?.multistatus?.syncToken);
      if (!newToken) throw new CalDavError('server', 'sync-collection: no sync token in the answer');
      const changed: RemoteChanges['changed'] = [];
      const deleted: string[] = [];
      for (const r of responses) {
        if (!r.href || absolute(r.href, calendarUrl) === calendarUrl) continue;
        const href = absolute(r.href, calendarUrl);
        if (r.status === 404) deleted.push(href);
        else if (r.ok) changed.push({ href, etag: text(r.props?.getetag) });
      }
      return { token: newToken, changed, deleted };
    },

    /** Every object's href and etag (PROPFIND depth 1): the full comparison when no token can be used. */
    async listEtags(calendarUrl: string): Promise<Array<{ href: string; etag: string }>> {
      const responses = await guarded('listing', () =>
        client.propfind({ url: calendarUrl, props: { 'd:getetag': {}, 'd:resourcetype': {} }, depth: '1' }),
      );
      const error = responses.find((r) => !r.ok && r.status !== 404);
      if (error && responses.length === 1) throw failed('listing', error.status, error.statusText);
      return responses
        .filter((r) => r.ok && r.href && absolute(r.href, calendarUrl) !== calendarUrl)
        .filter((r) => !('calendar' in ((r.props?.resourcetype as object | undefined) ?? {})))
        .map((r) => ({ href: absolute(r.href!, calendarUrl), etag: text(r.props?.getetag) }));
    },

    /** The objects' data, by calendar-multiget in batches; an href gone meanwhile is left out. */
    async fetchObjects(calendarUrl: string, hrefs: readonly string[]): Promise<RemoteObject[]> {
      const objects: RemoteObject[] = [];
      for (let i = 0; i < hrefs.length; i += MULTIGET_BATCH) {
        const batch = hrefs.slice(i, i + MULTIGET_BATCH).map((href) => new URL(href).pathname);
        const responses: DAVResponse[] = await guarded('calendar-multiget', () =>
          client.calendarMultiGet({
            url: calendarUrl,
            props: { 'd:getetag': {}, 'c:calendar-data': {} },
            objectUrls: batch,
            depth: '1',
          }),
        );
        for (const r of responses) {
          if (!r.href && !r.ok) throw failed('calendar-multiget', r.status, r.statusText);
          if (!r.ok || !r.href) continue;
          const data = text(r.props?.calendarData);
          if (data) objects.push({ href: absolute(r.href, calendarUrl), etag: text(r.props?.getetag), data });
        }
      }
      return objects;
    },

    /** One object, or null when it is gone. */
    async get(href: string): Promise<RemoteObject | null> {
      const response = await guarded('GET', () =>
        fetchImpl(href, { headers: { ...authHeader(account), accept: 'text/calendar' } }),
      );
      const body = await response.text();
      if (response.status === 404 || response.status === 410) return null;
      if (!response.ok) throw failed('GET', response.status, response.statusText);
      return { href, etag: response.headers.get('etag') ?? '', data: body };
    },

    /** Creates; a 412 means something is already there (never overwritten). */
    async create(calendarUrl: string, filename: string, ics: string) {
      const href = absolute(encodeURIComponent(filename), calendarUrl);
      const result = await write('PUT (create)', () =>
        client.createObject({
          url: href,
          data: ics,
          headers: { 'content-type': 'text/calendar; charset=utf-8', 'If-None-Match': '*' },
        }),
      );
      return { href: result.location ? absolute(result.location, href) : href, etag: result.etag };
    },

    async update(href: string, ics: string, etag: string) {
      if (!etag) throw new CalDavError('precondition', 'refusing to write without an etag (it would overwrite)');
      const result = await write('PUT (update)', () =>
        client.updateObject({
          url: href,
          data: ics,
          etag,
          headers: { 'content-type': 'text/calendar; charset=utf-8' },
        }),
      );
      return { etag: result.etag };
    },

    async remove(href: string, etag: string): Promise<void> {
      if (!etag) throw new CalDavError('precondition', 'refusing to delete without an etag');
      await write('DELETE', () => client.deleteObject({ url: href, etag }));
    },
  };
}

function authHeader(account: CalDavAccount): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${account.username}:${account.password}`).toString('base64')}` };
}

export type CalDavConnection = Awaited<ReturnType<typeof connectCalDav>>;
