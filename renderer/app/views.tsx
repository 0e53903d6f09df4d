import { lazy, Suspense, type ReactNode } from 'react';
import type { PermanenceClient } from '../../shared/api';
import type { Settings } from '../../shared/domain/settings';
import type { FirmsStore } from '../features/firms/firms-store';
import { FirmsView } from './FirmsView';
import { CallLogScreen } from '../features/ring/CallLogScreen';
import { CallDeskView } from '../features/call-desk/CallDeskView';
import { MessagesView } from '../features/messages/MessagesView';
import { AgendaView } from '../features/agenda/AgendaView';

// Billing and time screens carry the chart library; they load on first visit, not at start-up.
const BillingView = lazy(() => import('../features/billing/BillingView').then((m) => ({ default: m.BillingView })));
const InvoicesView = lazy(() => import('../features/invoices/InvoicesView').then((m) => ({ default: m.InvoicesView })));
const TimesheetsView = lazy(() =>
  import('../features/timesheets/TimesheetsView').then((m) => ({ default: m.TimesheetsView })),
);

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
  { id: 'desk', labelKey: 'callDesk.nav.desk', key: '2', render: (props) => <CallDeskView {...props} /> },
  { id: 'messages', labelKey: 'callDesk.nav.messages', key: '3', render: (props) => <MessagesView {...props} /> },
  { id: 'agenda', labelKey: 'rdv.views.nav', key: '8', render: (props) => <AgendaView {...props} /> },
  {
    id: 'billing',
    labelKey: 'timesheets.nav.billing',
    key: '4',
    render: ({ api }) => (
      <Suspense fallback={null}>
        <BillingView api={api} />
      </Suspense>
    ),
  },
  {
    id: 'timesheets',
    labelKey: 'timesheets.nav.time',
    key: '5',
    render: ({ api }) => (
      <Suspense fallback={null}>
        <TimesheetsView api={api} />
      </Suspense>
    ),
  },
  {
    id: 'invoices',
    labelKey: 'invoices.nav',
    key: '7',
    render: ({ api, firmsStore }) => (
      <Suspense fallback={null}>
        <InvoicesView api={api} firmsStore={firmsStore} />
      </Suspense>
    ),
  },
];
