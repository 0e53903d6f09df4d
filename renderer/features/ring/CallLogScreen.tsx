import { useStore } from 'zustand';
import type { ViewProps } from '../../app/views';
import { CallLogView } from './CallLogView';

export function CallLogScreen({ api, firmsStore }: ViewProps) {
  const firms = useStore(firmsStore, (s) => s.firms);
  return <CallLogView api={api} firms={firms} />;
}
