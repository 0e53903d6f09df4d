import type { MethodName, MethodOutput, ParsedInput } from '../../../shared/api';

export type Handler<M extends MethodName> = (input: ParsedInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>>;

/** The handlers of one feature: exactly the methods whose names start with one of its domains. */
export type HandlersFor<K extends MethodName> = { [M in K]: Handler<M> };
