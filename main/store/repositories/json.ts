/** Columns holding validated documents (hours, rules, script) are JSON; parsing is centralised here. */
export function fromJson<T>(text: string): T {
  return JSON.parse(text) as T;
}

export function toJson(value: unknown): string {
  return JSON.stringify(value);
}
