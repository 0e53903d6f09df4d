import type { PermanenceClient } from '../../../shared/api';
import { createPhone, type Phone } from '../../phone';
import { createAudioRinger } from '../../phone/audio';
import { createSipJsUserAgent } from '../../phone/sipjs';
import type { CallView } from '../../phone/types';

const log = (line: string) => console.warn(`[phone] ${line}`);

/** Builds the app's softphone: the account from main (or the demo line), the directory cache, sip.js. */
export async function createPhoneRuntime(api: PermanenceClient, onAnswered: (call: CallView) => void): Promise<Phone> {
  const [credentials, directory, callerIds] = await Promise.all([
    api.sip.credentials({}),
    api.firms.directory({}),
    api.sip.callerIds({}).catch(() => ({})),
  ]);
  const ringer = createAudioRinger(log);
  if (credentials) {
    await ringer.setRingDevice(credentials.account.audio.ringId);
    await ringer.setCallDevice(credentials.account.audio.outputId);
  }
  const phone = createPhone(credentials, {
    api,
    ringer,
    createUserAgent: (config) => createSipJsUserAgent({ account: config.account, password: config.password, log }),
    events: window,
    log,
    onAnswered,
  });
  phone.setDirectory(directory);
  phone.setCallerIds(callerIds);
  return phone;
}
