import { FakeSession, FakeUserAgent } from './fakes';

/** A session with the engine's device methods: records what it was told, fails when the test says so. */
export class DeviceSession extends FakeSession {
  input = 'account-mic';
  output = 'account-speaker';
  failInput = new Map<string, Error>();
  failOutput = new Map<string, Error>();
  /** When set, setInputDevice waits for the test to release it. */
  gate: Promise<void> | null = null;
  async setInputDevice(id: string) {
    this.actions.push(`input ${id}`);
    if (this.gate) await this.gate;
    const error = this.failInput.get(id);
    if (error) throw error;
    this.input = id;
  }
  async setOutputDevice(id: string) {
    this.actions.push(`output ${id}`);
    const error = this.failOutput.get(id);
    if (error) throw error;
    this.output = id;
  }
}

/** Dials DeviceSessions, so outgoing calls have device methods too. */
export class DeviceUserAgent extends FakeUserAgent {
  override call(target: string, callerId: unknown): DeviceSession {
    const session = new DeviceSession();
    this.dialled.push({ target, session, callerId });
    return session;
  }
}
