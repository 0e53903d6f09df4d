/**
 * fetch for CalDAV: a time limit on every request, and redirects followed by us rather than by fetch. fetch drops
 * the Authorization header when a redirect changes host, and iCloud answers its first requests with a redirect
 * to the account's partition (caldav.icloud.com → pNN-caldav.icloud.com): the credentials must follow there, and
 * only there. They follow a redirect to the same host, or over https to a host of the same domain (the last two
 * labels); anything else is followed without them. PROPFIND and REPORT keep their method and body (RFC 7231: only
 * 303 turns a request into GET). A caller asking `redirect: 'manual'` (tsdav's discovery) gets the redirect itself.
 */
const MAX_REDIRECTS = 5;

function sameDomain(a: URL, b: URL): boolean {
  if (a.hostname === b.hostname) return true;
  if (b.protocol !== 'https:') return false;
  const tail = (host: string) => host.split('.').slice(-2).join('.');
  return tail(a.hostname) === tail(b.hostname) && !/^\d+$/.test(tail(a.hostname).split('.').pop() ?? '');
}

export function followingFetch(options: { timeoutMs: number; base?: typeof fetch }): typeof fetch {
  const base = options.base ?? fetch;
  return async (input, init = {}) => {
    const signal = init.signal ?? AbortSignal.timeout(options.timeoutMs);
    if (init.redirect === 'manual' || init.redirect === 'error') return base(input, { ...init, signal });
    let url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    let headers = new Headers(init.headers);
    let method = init.method ?? 'GET';
    let body = init.body;
    for (let hop = 0; ; hop += 1) {
      const response = await base(url, { ...init, method, headers, body, signal, redirect: 'manual' });
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || response.status === 304 || !location) return response;
      if (hop >= MAX_REDIRECTS) return response;
      await response.arrayBuffer().catch(() => undefined);
      const next = new URL(location, url);
      if (!sameDomain(url, next)) {
        headers = new Headers(headers);
        headers.delete('authorization');
      }
      if (response.status === 303) {
        method = 'GET';
        body = undefined;
      }
      url = next;
    }
  };
}
