import { useTranslation } from 'react-i18next';
import type { z } from 'zod';

export type IssueMap = Record<string, string>;

/** Zod issues by dotted path ('sellerAddress.postcode'), the first one of each path kept. */
export function issuesByPath(error: z.ZodError): IssueMap {
  const map: IssueMap = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.');
    map[path] ??= issue.message;
  }
  return map;
}

/** The sentence for a path: schema keys (`validation.invalidSiren`) through i18next, zod's own messages as they are. */
export function useIssueText(issues: IssueMap) {
  const { t } = useTranslation();
  return (path: string): string | null => {
    const message = issues[path];
    return message === undefined ? null : t(message, { defaultValue: message });
  };
}
