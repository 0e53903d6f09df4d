import { reconnectDelayMs } from './backoff';
import type { PhoneStore } from './store';
import type { LineStateName, UserAgentListener, UserAgentPort } from './types';

export interface LineDeps {
  store: PhoneStore;
  ua: UserAgentPort;
  now: () => number;
  downAlertSeconds: number;
  random?: () => number;
  onStateChange?(state: LineStateName): void;
  log?(line: string): void;
}

/** Bound on back-to-back "REGISTER already in progress" recoveries before waiting for the next backoff. */
const MAX_REGISTER_RECOVERIES = 2;

/**
 * Keeps the line registered: connect, register, and after any drop reconnect with backoff (one attempt at a time),
 * register again once the socket is back, after `online`, and when the OS resumes.
 *
 * Several servers: a connect that fails moves on to the next server at once; the backoff starts only when every
 * server has failed, and the next round starts again from the primary. A working backup is kept until it drops.
 */
export function createLineController(deps: LineDeps) {
  const { store, ua, now } = deps;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let alertTimer: ReturnType<typeof setTimeout> | null = null;
  let connecting = false;
  let started = false;
  let registering = false;
  let recoveries = 0;
  let disposed = false;
  let serverIndex = 0;

  function switchServer(index: number) {
    serverIndex = index;
    ua.useServer(index);
    const line = store.getState().line;
    store.setState({
      line: { ...line, server: ua.servers[index] ?? null, serverIndex: index, serverCount: ua.servers.length },
    });
  }
  switchServer(0);

  function setLine(state: LineStateName, reason: string | null) {
    const previous = store.getState().line;
    const downSince = state === 'registered' ? null : (previous.downSince ?? (state === 'down' ? now() : null));
    store.setState({
      line: {
        ...previous,
        state,
        reason,
        since: previous.state === state ? previous.since : now(),
        downSince,
        alert: state === 'registered' ? false : previous.alert,
      },
    });
    if (previous.state !== state) deps.onStateChange?.(state);
    if (state === 'registered') clearAlert();
    else armAlert();
  }

  function armAlert() {
    if (alertTimer || disposed) return;
    alertTimer = setTimeout(() => {
      alertTimer = null;
      const line = store.getState().line;
      if (line.state !== 'registered') store.setState({ line: { ...line, alert: true } });
    }, deps.downAlertSeconds * 1000);
  }

  function clearAlert() {
    if (alertTimer) clearTimeout(alertTimer);
    alertTimer = null;
  }

  async function register() {
    if (registering || disposed) return;
    registering = true;
    let failure: Error | null = null;
    try {
      await ua.register();
    } catch (e) {
      failure = e as Error;
    }
    registering = false;
    if (failure) handleRegistrationFailure(failure.message, /already in progress/i.test(failure.message));
  }

  function handleRegistrationFailure(reason: string, inProgress = false) {
    if (disposed) return;
    if (inProgress && recoveries < MAX_REGISTER_RECOVERIES) {
      recoveries++;
      deps.log?.('registerer stuck: recreating it');
      ua.recreateRegisterer();
      void register();
      return;
    }
    setLine('down', reason);
    scheduleReconnect();
  }

  /** One round: the current server, then each other one once. onConnect registers. */
  async function connect() {
    if (connecting || disposed) return;
    connecting = true;
    setLine('connecting', started ? store.getState().line.reason : null);
    let failure: string | null = null;
    for (let tried = 0; tried < ua.servers.length; tried++) {
      try {
        if (started) await ua.reconnect();
        else {
          started = true;
          await ua.start();
        }
        failure = null;
        break;
      } catch (e) {
        failure = (e as Error).message || 'connexion impossible';
        if (disposed) return;
        deps.log?.(`server ${serverIndex + 1}/${ua.servers.length} unreachable: ${failure}`);
        if (tried + 1 < ua.servers.length) switchServer((serverIndex + 1) % ua.servers.length);
      }
    }
    connecting = false;
    if (failure === null) return;
    if (ua.servers.length > 1) switchServer(0);
    setLine('down', failure);
    scheduleReconnect();
  }

  function scheduleReconnect() {
    if (reconnectTimer || connecting || disposed) return;
    const line = store.getState().line;
    const attempt = line.attempt + 1;
    store.setState({ line: { ...line, attempt } });
    const delay = reconnectDelayMs(attempt, deps.random);
    deps.log?.(`reconnect attempt ${attempt} in ${delay} ms`);
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      if (ua.isConnected()) void register();
      else void connect();
    }, delay);
  }

  const handlers: Omit<UserAgentListener, 'onInvite'> = {
    onConnect() {
      connecting = false;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      reconnectTimer = null;
      // sip.js does not re-register by itself after a reconnect.
      void register();
    },
    onDisconnect(reason) {
      if (disposed) return;
      setLine('down', reason);
      scheduleReconnect();
    },
    onRegistered() {
      recoveries = 0;
      const line = store.getState().line;
      store.setState({ line: { ...line, attempt: 0 } });
      setLine('registered', null);
    },
    onRegistrationFailed(reason, inProgress) {
      handleRegistrationFailure(reason, inProgress);
    },
  };

  return {
    /** The user agent's connection and registration callbacks (createPhone adds onInvite). */
    handlers,
    start: () => connect(),
    /** `online`, OS resume, or the user pressing "reconnect": try now instead of waiting for the backoff. */
    nudge() {
      if (disposed) return;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      reconnectTimer = null;
      if (ua.isConnected()) void register();
      else void connect();
    },
    async dispose() {
      disposed = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      clearAlert();
      await ua.stop().catch(() => undefined);
    },
    /** Test hooks. */
    get pending() {
      return { reconnect: reconnectTimer !== null, connecting, registering };
    },
  };
}
export type LineController = ReturnType<typeof createLineController>;
