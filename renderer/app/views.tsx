import type { ReactNode } from 'react';
import type { PermanenceClient } from '../../shared/api';
import type { Settings } from '../../shared/domain/settings';
import type { FirmsStore } from '../features/firms/firms-store';
import { FirmsView } from './FirmsView';
import { CallLogScreen } from '../features/ring/CallLogScreen';

export interface ViewProps {
  api: PermanenceClient;
  firmsStore: FirmsStore;
  settings: Settings;
}

/** A top-level screen of the console; features add theirs here. `key` is the Alt+key shortcut. */
export interface ViewDef {
  id: string;
  labelKey: string;
  key: string;
  render(props: ViewProps): ReactNode;
}

export const VIEWS: ViewDef[] = [
  { id: 'calls', labelKey: 'phone.log.nav', key: '6', render: (props) => <CallLogScreen {...props} /> },
  { id: 'firms', labelKey: 'nav.firms', key: '1', render: (props) => <FirmsView {...props} /> },
];
