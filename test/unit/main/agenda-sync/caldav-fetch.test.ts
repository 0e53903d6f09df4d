import { followingFetch } from '../../../../main/services/agenda/sync/caldav-fetch';

/** Redirects followed with the credentials only where they belong (iCloud's partition redirect). */
function fakeServer(routes: Record<string, string>) {
  const seen: Array<{ url: string; method: string; auth: string | null; body: string | null }> = [];
  const base = (async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = String(input);
    const headers = new Headers(init.headers);
    seen.push({
      url,
      method: init.method ?? 'GET',
      auth: headers.get('authorization'),
      body: (init.body as string) ?? null,
    });
    const location = routes[url];
    return location ? new Response(null, { status: 301, headers: { location } }) : new Response('ok', { status: 207 });
  }) as typeof fetch;
  return { base, seen };
}

const init = { method: 'PROPFIND', headers: { authorization: 'Basic abc', depth: '1' }, body: '<propfind/>' };

describe('CalDAV fetch redirects', () => {
  it('keeps method, body and credentials to an https host of the same domain (caldav.icloud.com → p42-caldav.icloud.com)', async () => {
    const { base, seen } = fakeServer({ 'https://caldav.icloud.com/': 'https://p42-caldav.icloud.com/123/principal/' });
    const response = await followingFetch({ timeoutMs: 1000, base })('https://caldav.icloud.com/', init);
    expect(response.status).toBe(207);
    expect(seen.map((s) => [s.url, s.method, s.auth, s.body])).toEqual([
      ['https://caldav.icloud.com/', 'PROPFIND', 'Basic abc', '<propfind/>'],
      ['https://p42-caldav.icloud.com/123/principal/', 'PROPFIND', 'Basic abc', '<propfind/>'],
    ]);
  });

  it('drops the credentials when the redirect leaves the domain or goes to plain http', async () => {
    const { base, seen } = fakeServer({
      'https://dav.example.fr/': 'https://elsewhere.example.com/dav/',
      'https://elsewhere.example.com/dav/': 'http://dav.example.com/x/',
    });
    await followingFetch({ timeoutMs: 1000, base })('https://dav.example.fr/', init);
    expect(seen.map((s) => s.auth)).toEqual(['Basic abc', null, null]);
  });

  it('leaves a redirect to the caller that asks for it (tsdav’s discovery)', async () => {
    const { base, seen } = fakeServer({ 'https://dav.example.fr/.well-known/caldav': '/remote.php/dav/' });
    const response = await followingFetch({ timeoutMs: 1000, base })('https://dav.example.fr/.well-known/caldav', {
      redirect: 'manual',
    });
    expect(response.status).toBe(301);
    expect(seen).toHaveLength(1);
  });
});
