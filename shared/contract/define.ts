import type { z } from 'zod';

/** A method the renderer may call: its zod input schema, and its result type carried as a phantom. */
export interface MethodSpec<I extends z.ZodType, O> {
  readonly input: I;
  readonly output?: O;
}

export function method<O>() {
  return <I extends z.ZodType>(input: I): MethodSpec<I, O> => ({ input });
}

/** An event main may push to the renderer; the payload type is a phantom too. */
export interface EventSpec<P> {
  readonly payload?: P;
}

export function event<P>(): EventSpec<P> {
  return {};
}
