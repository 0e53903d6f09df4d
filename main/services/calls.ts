import { PermanenceError } from '../../shared/api';
import type { CallEvent, CallLogItem, CallOffer, CallOutcome, CallRecord } from '../../shared/domain/call';
import type { Contact } from '../../shared/domain/firm/contact';
import { formatPhoneForDisplay, toE164 } from '../../shared/domain/phone';
import { createCallsRepository, type CallFilter } from '../store/repositories/calls';
import type { ServiceContext } from './context';
import type { FirmsService } from './firms';

export interface CallerLookup {
  contacts: Contact[];
  recentCalls: CallRecord[];
}

const RECENT_CALLS = 5;

/** How a call ended, from the softphone's reason and whether she had answered. */
export function outcomeOf(call: CallRecord, event: Extract<CallEvent, { type: 'ended' }>): CallOutcome {
  if (event.reason === 'transferred' || call.transferredAt !== null) {
    return call.transferKind === 'announced' ? 'transferred-announced' : 'transferred-blind';
  }
  if (event.reason === 'failed') return 'failed';
  if (call.answeredAt !== null) return 'answered';
  switch (event.reason) {
    case 'declined':
    case 'local-hangup':
      return 'declined';
    case 'ignored':
      return 'ignored';
    default:
      return 'missed';
  }
}

/** Told about every recorded change of a call, after its transaction (the timesheets turn ended calls into time). */
export type CallObserver = (call: CallRecord) => void;

export function createCallsService(ctx: ServiceContext, firms: FirmsService) {
  const calls = createCallsRepository(ctx.db);
  const observers: CallObserver[] = [];
  function notify(call: CallRecord): CallRecord {
    for (const observer of observers) observer(call);
    return call;
  }

  function requireCall(id: string): CallRecord {
    const call = calls.get(id);
    if (!call) throw new PermanenceError('NOT_FOUND', 'Appel inconnu.');
    return call;
  }

  /**
   * Who a call was with, in words, for the call log, Temps and the relevé: the name she typed in the message
   * taken on it, else a contact of the firm with that number, else (outgoing) one of the firm's people or the firm
   * itself, else the name the network gave, else the number in national format. '' for a hidden number.
   */
  function describe(call: CallRecord): { counterpart: string; messageId: string | null } {
    const message = calls.messageOf(call.id);
    const typed = message ? [message.callerName.trim(), message.callerCompany.trim()].filter(Boolean) : [];
    if (typed.length) return { counterpart: typed.join(' — '), messageId: message!.id };
    return { counterpart: knownName(call) ?? '', messageId: message?.id ?? null };
  }
  function knownName(call: CallRecord): string | null {
    const number = call.callerNumber;
    const firm = call.firmId ? ctx.repos.firms.get(call.firmId) : null;
    if (number && firm) {
      const contact = ctx.repos.contacts.findByPhone(firm.id, number)[0];
      if (contact) return contact.company ? `${contact.name} — ${contact.company}` : contact.name;
      if (call.direction === 'outbound') {
        const person = firm.people.find((p) => p.transferTarget && toE164(p.transferTarget) === number);
        if (person) return `${person.name} — ${firm.profile.name}`;
        if (firm.profile.numbers.some((n) => n.e164 === number)) return firm.profile.name;
      }
    }
    if (call.direction === 'inbound' && call.callerName.trim()) return call.callerName.trim();
    return number ? formatPhoneForDisplay(number) : null;
  }

  function lookupCaller(firmId: string, callerNumber: string | null): CallerLookup {
    if (!callerNumber) return { contacts: [], recentCalls: [] };
    return {
      contacts: ctx.repos.contacts.findByPhone(firmId, callerNumber),
      recentCalls: calls
        .recentForCaller(firmId, callerNumber, RECENT_CALLS + 1)
        .filter((c) => c.endedAt !== null)
        .slice(0, RECENT_CALLS),
    };
  }

  return {
    repository: calls,
    /** Records a ringing call at once (so a missed call is never lost) and returns what is known of the caller. */
    offer(offer: CallOffer): { call: CallRecord; caller: CallerLookup } {
      const caller = offer.firmId ? lookupCaller(offer.firmId, offer.callerNumber) : { contacts: [], recentCalls: [] };
      const inserted = ctx.db.transaction(() => calls.insert(offer, caller.contacts[0]?.id ?? null))();
      if (inserted) ctx.emit('calls:changed', { id: offer.id });
      return { call: requireCall(offer.id), caller };
    },
    record(event: CallEvent): CallRecord {
      const call = requireCall(event.callId);
      ctx.db.transaction(() => {
        switch (event.type) {
          case 'answered':
            calls.markAnswered(call.id, event.at);
            break;
          case 'hold':
            calls.startHold(call.id, event.at);
            break;
          case 'resume':
            calls.endHold(call.id, event.at);
            break;
          case 'transferred':
            calls.markTransferred(call.id, event.at, event.kind, event.target);
            break;
          case 'ended':
            calls.endHold(call.id, event.at);
            calls.markEnded(call.id, event.at, outcomeOf(calls.get(call.id)!, event), event.detail);
            break;
        }
      })();
      ctx.emit('calls:changed', { id: call.id });
      return notify(requireCall(call.id));
    },
    /** Adds an observer of recorded calls; the call is already saved when it runs. */
    observe(observer: CallObserver): void {
      observers.push(observer);
    },
    lookupCaller,
    /** The call log's page, each call with who it was with and the message taken on it. */
    list(filter: CallFilter): { items: CallLogItem[]; total: number } {
      const page = calls.list(filter);
      return { items: page.items.map((call) => ({ ...call, ...describe(call) })), total: page.total };
    },
    describe,
    get: requireCall,
    /** "This number belongs to firm X": adds the called number to the firm and files the call under it. */
    assignNumber(callId: string, firmId: string): CallRecord {
      const call = requireCall(callId);
      if (!call.matchedNumber) throw new PermanenceError('VALIDATION', 'Cet appel n’indique pas de numéro appelé.');
      firms.addNumber(firmId, call.matchedNumber);
      ctx.db.transaction(() => calls.assignFirm(callId, firmId))();
      ctx.emit('calls:changed', { id: callId });
      return notify(requireCall(callId));
    },
  };
}
export type CallsService = ReturnType<typeof createCallsService>;
