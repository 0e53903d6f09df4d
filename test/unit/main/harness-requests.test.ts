// answerFrame always produces a reply, even when the dispatcher, the result or the log fails.
import type { Envelope } from '../../../shared/api';
import { answerFrame } from '../../../main/harness/requests';

const request = Buffer.from(JSON.stringify({ id: 5, method: 'firms:list', input: {} }));
const failingLogger = {
  error: vi.fn(() => {
    throw new Error('ENOSPC: no space left on device');
  }),
};

function parse(frame: string): { id: unknown; envelope: Envelope<unknown> } {
  return JSON.parse(frame) as { id: unknown; envelope: Envelope<unknown> };
}

describe('answerFrame', () => {
  it('answers INTERNAL when the dispatcher throws, even if the log fails too', async () => {
    const dispatch = vi.fn(async (): Promise<Envelope<unknown>> => {
      throw new Error('boom');
    });
    const frame = await answerFrame(request, false, dispatch, failingLogger);
    expect(parse(frame)).toMatchObject({ id: 5, envelope: { ok: false, error: { code: 'INTERNAL' } } });
    expect(failingLogger.error).toHaveBeenCalled();
  });

  it('answers INTERNAL when the result cannot be written as JSON', async () => {
    const dispatch = vi.fn(async (): Promise<Envelope<unknown>> => ({ ok: true, value: { big: 1n } }));
    const frame = await answerFrame(request, false, dispatch, failingLogger);
    expect(parse(frame)).toMatchObject({ id: 5, envelope: { ok: false, error: { code: 'INTERNAL' } } });
  });

  it('echoes only a small id: a huge or nested one comes back as null', async () => {
    const dispatch = vi.fn(async (): Promise<Envelope<unknown>> => ({ ok: true, value: 1 }));
    for (const id of ['x'.repeat(65), { nested: true }, 1.5]) {
      const frame = await answerFrame(
        Buffer.from(JSON.stringify({ id, method: 'app:info' })),
        false,
        dispatch,
        failingLogger,
      );
      expect(parse(frame).id).toBeNull();
    }
  });

  it('reads a message that arrived in fragments', async () => {
    const dispatch = vi.fn(async (): Promise<Envelope<unknown>> => ({ ok: true, value: 'ok' }));
    const frame = await answerFrame([request.subarray(0, 10), request.subarray(10)], false, dispatch, failingLogger);
    expect(parse(frame)).toEqual({ id: 5, envelope: { ok: true, value: 'ok' } });
    expect(dispatch).toHaveBeenCalledWith('firms:list', {});
  });
});
