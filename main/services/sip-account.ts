import { PermanenceError } from '../../shared/api';
import {
  callerIdSchema,
  sipAccountSchema,
  type CallerId,
  type IceServerConfig,
  type SipAccount,
  type SipAccountView,
  type SipCredentials,
} from '../../shared/domain/sip-account';
import type { ServiceContext } from './context';
import type { SecretStore } from './secrets';

const ACCOUNT_KEY = 'sip.account';
const CALLER_IDS_KEY = 'sip.callerIds';
const PASSWORD_SECRET = 'sip.password';
/** TURN credentials, by ICE server (its URLs): secrets like the SIP password, never in SQLite. */
const TURN_SECRET = 'sip.turnCredentials';

function iceKey(server: IceServerConfig): string {
  return (Array.isArray(server.urls) ? server.urls : [server.urls]).map((u) => u.trim()).join(' ');
}

/** The account as SQLite and the renderer's settings see it: every TURN credential removed. */
function withoutTurnCredentials(account: SipAccount): SipAccount {
  return { ...account, iceServers: account.iceServers.map(({ credential: _secret, ...server }) => server) };
}

/**
 * PERMANENCE_SIP_* variables (documented in docs/softphone.md): automation and the lab provide the account
 * without touching the settings. PERMANENCE_SIP_URI switches the feature on; the others refine it.
 */
export function accountFromEnv(
  env: Record<string, string | undefined>,
): { account: SipAccount; password: string } | null {
  const uri = env.PERMANENCE_SIP_URI?.trim();
  if (!uri) return null;
  const list = (value: string | undefined) =>
    (value ?? '')
      .split(/[\s,]+/)
      .map((s) => s.trim())
      .filter(Boolean);
  let iceServers: unknown = [];
  const ice = env.PERMANENCE_SIP_ICE_SERVERS?.trim();
  if (ice) iceServers = ice.startsWith('[') ? JSON.parse(ice) : list(ice).map((urls) => ({ urls }));
  const parsed = sipAccountSchema.safeParse({
    uri,
    displayName: env.PERMANENCE_SIP_DISPLAY_NAME ?? '',
    authUser: env.PERMANENCE_SIP_AUTH_USER ?? '',
    servers: list(env.PERMANENCE_SIP_WS),
    iceServers,
    ...(env.PERMANENCE_SIP_EXPIRES ? { expires: Number(env.PERMANENCE_SIP_EXPIRES) } : {}),
    ...(env.PERMANENCE_SIP_DTMF ? { dtmfMode: env.PERMANENCE_SIP_DTMF } : {}),
    ...(env.PERMANENCE_SIP_DND ? { dndMode: env.PERMANENCE_SIP_DND } : {}),
  });
  if (!parsed.success) {
    throw new PermanenceError(
      'VALIDATION',
      `Variables PERMANENCE_SIP_* invalides : ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join(' ; ')}`,
    );
  }
  return { account: parsed.data, password: env.PERMANENCE_SIP_PASSWORD ?? '' };
}

function sameLine(a: SipAccount | null, b: SipAccount): boolean {
  return a !== null && JSON.stringify({ ...a, audio: null }) === JSON.stringify({ ...b, audio: null });
}

export function createSipAccountService(
  ctx: ServiceContext,
  secrets: SecretStore,
  env: Record<string, string | undefined> = process.env,
) {
  function stored(): SipAccount | null {
    const raw = ctx.repos.settings.readAll()[ACCOUNT_KEY];
    if (raw === undefined || raw === null) return null;
    const parsed = sipAccountSchema.safeParse(raw);
    return parsed.success ? parsed.data : null;
  }

  function turnSecrets(): Record<string, string> {
    const raw = secrets.get(TURN_SECRET);
    if (!raw) return {};
    try {
      const value = JSON.parse(raw) as unknown;
      return value && typeof value === 'object' ? (value as Record<string, string>) : {};
    } catch {
      return {};
    }
  }

  /**
   * Each ICE server's credential: a new one replaces the stored one, an empty string forgets it, none keeps it
   * (the settings form never sees it, like the SIP password). Servers no longer listed lose theirs.
   */
  function saveTurnCredentials(account: SipAccount): void {
    const before = turnSecrets();
    const after: Record<string, string> = {};
    for (const server of account.iceServers) {
      const key = iceKey(server);
      if (server.credential === undefined) {
        if (before[key] !== undefined) after[key] = before[key];
      } else if (server.credential !== '') {
        after[key] = server.credential;
      }
    }
    if (Object.keys(after).length === 0) {
      if (secrets.get(TURN_SECRET) !== null) secrets.delete(TURN_SECRET);
    } else if (JSON.stringify(after) !== JSON.stringify(before)) {
      secrets.set(TURN_SECRET, JSON.stringify(after));
    }
  }

  function withTurnCredentials(account: SipAccount): SipAccount {
    const known = turnSecrets();
    return {
      ...account,
      iceServers: account.iceServers.map((server) => {
        const { credential: _stored, ...rest } = server;
        const credential = known[iceKey(server)];
        return credential === undefined ? rest : { ...rest, credential };
      }),
    };
  }

  // Earlier versions kept TURN credentials inside the account in SQLite: move them to the secret store.
  const legacy = stored();
  if (legacy?.iceServers.some((server) => server.credential !== undefined)) {
    saveTurnCredentials(legacy);
    ctx.repos.settings.write({ [ACCOUNT_KEY]: withoutTurnCredentials(legacy) });
  }

  function view(): SipAccountView {
    const fromEnv = accountFromEnv(env);
    if (fromEnv) {
      return {
        account: withoutTurnCredentials(fromEnv.account),
        hasPassword: fromEnv.password !== '',
        turnCredentials: fromEnv.account.iceServers.map((server) => Boolean(server.credential)),
        protection: secrets.protection,
        source: 'env',
      };
    }
    const account = stored();
    const known = turnSecrets();
    return {
      account,
      hasPassword: secrets.get(PASSWORD_SECRET) !== null,
      turnCredentials: (account?.iceServers ?? []).map((server) => known[iceKey(server)] !== undefined),
      protection: secrets.protection,
      source: account ? 'settings' : 'none',
    };
  }

  function callerIds(): Record<string, CallerId> {
    const raw = ctx.repos.settings.readAll()[CALLER_IDS_KEY];
    const result: Record<string, CallerId> = {};
    if (raw && typeof raw === 'object') {
      for (const [firmId, value] of Object.entries(raw)) {
        const parsed = callerIdSchema.safeParse(value);
        if (parsed.success) result[firmId] = parsed.data;
      }
    }
    return result;
  }

  return {
    view,
    save(account: SipAccount, password: string | undefined): SipAccountView {
      if (accountFromEnv(env)) {
        throw new PermanenceError(
          'CONFLICT',
          'Le compte SIP est fourni par les variables PERMANENCE_SIP_* : modifiez-les.',
        );
      }
      const before = stored();
      const turnBefore = JSON.stringify(turnSecrets());
      saveTurnCredentials(account);
      const turnChanged = JSON.stringify(turnSecrets()) !== turnBefore;
      ctx.repos.settings.write({ [ACCOUNT_KEY]: withoutTurnCredentials(account) });
      if (password !== undefined) {
        if (password === '') secrets.delete(PASSWORD_SECRET);
        else secrets.set(PASSWORD_SECRET, password);
      }
      // Only the audio devices changed: the line keeps running (re-registering could miss a call).
      ctx.emit('sip:accountChanged', {
        lineChanged: password !== undefined || turnChanged || !sameLine(before, withoutTurnCredentials(account)),
      });
      return view();
    },
    credentials(): SipCredentials | null {
      const fromEnv = accountFromEnv(env);
      if (fromEnv) return fromEnv;
      const account = stored();
      if (!account) return null;
      // For sip.js only (TURN needs its credential in the renderer's RTCPeerConnection), like the password.
      return { account: withTurnCredentials(account), password: secrets.get(PASSWORD_SECRET) ?? '' };
    },
    callerIds,
    setCallerId(firmId: string, callerId: CallerId): CallerId {
      if (!ctx.repos.firms.get(firmId)) throw new PermanenceError('NOT_FOUND', 'Cabinet inconnu.');
      ctx.repos.settings.write({ [CALLER_IDS_KEY]: { ...callerIds(), [firmId]: callerId } });
      return callerId;
    },
  };
}
export type SipAccountService = ReturnType<typeof createSipAccountService>;
