import { PermanenceError } from '../../shared/api';
import {
  callerIdSchema,
  sipAccountSchema,
  type CallerId,
  type SipAccount,
  type SipAccountView,
  type SipCredentials,
} from '../../shared/domain/sip-account';
import type { ServiceContext } from './context';
import type { SecretStore } from './secrets';

const ACCOUNT_KEY = 'sip.account';
const CALLER_IDS_KEY = 'sip.callerIds';
const PASSWORD_SECRET = 'sip.password';

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

  function view(): SipAccountView {
    const fromEnv = accountFromEnv(env);
    if (fromEnv) {
      return {
        account: fromEnv.account,
        hasPassword: fromEnv.password !== '',
        protection: secrets.protection,
        source: 'env',
      };
    }
    const account = stored();
    return {
      account,
      hasPassword: secrets.get(PASSWORD_SECRET) !== null,
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
      ctx.repos.settings.write({ [ACCOUNT_KEY]: account });
      if (password !== undefined) {
        if (password === '') secrets.delete(PASSWORD_SECRET);
        else secrets.set(PASSWORD_SECRET, password);
      }
      // Only the audio devices changed: the line keeps running (re-registering could miss a call).
      ctx.emit('sip:accountChanged', { lineChanged: password !== undefined || !sameLine(before, account) });
      return view();
    },
    credentials(): SipCredentials | null {
      const fromEnv = accountFromEnv(env);
      if (fromEnv) return fromEnv;
      const account = stored();
      if (!account) return null;
      return { account, password: secrets.get(PASSWORD_SECRET) ?? '' };
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
