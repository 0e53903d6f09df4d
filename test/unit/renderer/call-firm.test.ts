import { callFirmId } from '../../../renderer/app/use-call-firm';
import type { CallView } from '../../../renderer/phone';

const call = (over: Partial<CallView>): CallView =>
  ({ id: 'c', firmId: null, state: 'ringing', ignored: false, consultFor: null, ...over }) as CallView;

describe('the firm the header names during a call', () => {
  it('is the answered call’s firm first, else the ringing one’s, never an ended or ignored call’s', () => {
    expect(callFirmId({ calls: [] })).toBeNull();
    expect(callFirmId({ calls: [call({ firmId: 'martin', state: 'ringing' })] })).toBe('martin');
    expect(
      callFirmId({
        calls: [
          call({ id: 'a', firmId: 'martin', state: 'ringing' }),
          call({ id: 'b', firmId: 'plomberie', state: 'active' }),
        ],
      }),
    ).toBe('plomberie');
    expect(callFirmId({ calls: [call({ firmId: 'martin', state: 'ended' })] })).toBeNull();
    expect(callFirmId({ calls: [call({ firmId: 'martin', state: 'ringing', ignored: true })] })).toBeNull();
    // The consult leg of an announced transfer is not a firm's call.
    expect(
      callFirmId({
        calls: [
          call({ id: 'a', firmId: 'martin', state: 'active', consultFor: 'b' }),
          call({ id: 'b', firmId: 'plomberie', state: 'active' }),
        ],
      }),
    ).toBe('plomberie');
  });
});
