import { createStore } from 'zustand/vanilla';
import { PermanenceError, type FieldIssue, type PermanenceClient } from '../../../shared/api';
import type { FirmDetail } from '../../../shared/domain/firm/aggregate';
import type { ScriptField } from '../../../shared/domain/firm/script';
import {
  emptyContent,
  type MessageContent,
  type MessageStatus,
  type ScriptState,
} from '../../../shared/domain/message';
import { applyAnswer } from '../../../shared/domain/message-rules';
import { formatPhoneForDisplay } from '../../../shared/domain/phone';
import { advance, goBack, runnerSteps, startState, type RunnerStep } from '../../../shared/domain/script-runner';

export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error';
type Box = Exclude<keyof MessageContent, 'fields' | 'recipients' | 'urgency'>;

export interface CallDeskState {
  firm: FirmDetail | null;
  loadError: string | null;
  steps: RunnerStep[];
  script: ScriptState;
  content: MessageContent;
  messageId: string | null;
  /** The firm's contact this caller is (recognised from the call's number), linked to the message. */
  contactId: string | null;
  status: MessageStatus | null;
  saveState: SaveState;
  saveError: string | null;
  sending: boolean;
  sendError: string | null;
  issues: FieldIssue[];
  consignesChange: { previousVersion: number; currentVersion: number } | null;
  load(): Promise<void>;
  setBox(box: Box, value: string): void;
  setUrgency(urgency: MessageContent['urgency']): void;
  toggleRecipient(personId: string): void;
  answer(field: ScriptField, value: string): void;
  next(): void;
  back(): void;
  confirmIdentity(checked: boolean): void;
  /** Saves now (on blur, before closing); resolves once what she typed is in the store. */
  flush(): Promise<void>;
  send(): Promise<boolean>;
  dispose(): void;
}

export const AUTOSAVE_DELAY_MS = 300;
/** While she types without a pause, still save at least this often. */
export const AUTOSAVE_MAX_WAIT_MS = 1000;

export interface CallDeskOptions {
  firmId: string;
  callId?: string | null | undefined;
  /** Resume this draft (after a crash, or from the drafts list). */
  messageId?: string | null | undefined;
}

/** One store per open call desk: the runner's position and the message she is typing, autosaved. */
export function createCallDeskStore(api: PermanenceClient, options: CallDeskOptions) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let saving: Promise<void> | null = null;
  let dirty = false;
  let dirtySince: number | null = null;
  /** Boxes filled from the call itself: what the caller says in the script replaces them. */
  let autoFilled: Partial<Record<'callerPhone' | 'callerName', string>> = {};

  const store = createStore<CallDeskState>()((set, get) => {
    function touch(patch: Partial<CallDeskState>) {
      set({ ...patch, issues: [], ...(get().saveState === 'error' ? {} : { saveState: 'pending' as const }) });
      dirty = true;
      dirtySince ??= Date.now();
      if (timer) clearTimeout(timer);
      const waited = Date.now() - dirtySince;
      timer = setTimeout(
        () => void get().flush(),
        Math.max(0, Math.min(AUTOSAVE_DELAY_MS, AUTOSAVE_MAX_WAIT_MS - waited)),
      );
    }

    async function saveOnce(): Promise<void> {
      const state = get();
      if (!state.firm || (state.status !== null && state.status !== 'brouillon')) return;
      dirty = false;
      dirtySince = null;
      set({ saveState: 'saving' });
      try {
        const saved = await api.messages.saveDraft({
          ...(state.messageId ? { id: state.messageId } : {}),
          firmId: state.firm.id,
          callId: options.callId ?? null,
          ...(state.contactId ? { contactId: state.contactId } : {}),
          content: state.content,
          scriptState: state.script,
        });
        set({ messageId: saved.id, status: saved.status, saveState: dirty ? 'saving' : 'saved', saveError: null });
      } catch (error) {
        dirty = true;
        set({ saveState: 'error', saveError: (error as Error).message });
      }
    }

    /** On a call the message starts with what the line knows: the caller's number, and who they are if known. */
    async function prefillFromCall(callId: string, firmId: string): Promise<void> {
      try {
        const call = await api.calls.get({ id: callId });
        if (!call.callerNumber || call.anonymous) return;
        const known = (await api.calls.lookupCaller({ firmId, callerNumber: call.callerNumber })).contacts[0];
        const content = {
          ...get().content,
          callerPhone: formatPhoneForDisplay(call.callerNumber),
          callerName: known?.name ?? call.callerName,
          callerCompany: known?.company ?? '',
          callerEmail: known?.email ?? '',
        };
        autoFilled = { callerPhone: content.callerPhone, callerName: content.callerName };
        set({ content, contactId: known?.id ?? null });
      } catch {
        // A call the log does not know (yet): she types the number herself.
      }
    }

    return {
      firm: null,
      loadError: null,
      steps: [],
      script: { stepId: null, history: [], finished: false, identityChecked: false },
      content: emptyContent(),
      messageId: null,
      contactId: null,
      status: null,
      saveState: 'idle',
      saveError: null,
      sending: false,
      sendError: null,
      issues: [],
      consignesChange: null,
      async load() {
        try {
          const firm = await api.firms.get({ id: options.firmId });
          const rules = firm.consignes.rules;
          const steps = runnerSteps({
            greeting: firm.profile.greeting,
            script: firm.script,
            identityCheckRequired: rules.identityCheckRequired,
            identityChecks: rules.identityChecks,
          });
          const seen = await api.messages.consignesSeen({ firmId: firm.id });
          const consignesChange =
            seen.previousVersion !== null && seen.previousVersion < seen.currentVersion
              ? { previousVersion: seen.previousVersion, currentVersion: seen.currentVersion }
              : null;
          const resumeId =
            options.messageId ??
            (options.callId
              ? ((await api.messages.list({ callId: options.callId, status: 'brouillon', limit: 1 })).items[0]?.id ??
                null)
              : null);
          if (resumeId) {
            const message = await api.messages.get({ id: resumeId });
            const { id, status, scriptState, ...rest } = message;
            set({
              firm,
              steps,
              consignesChange,
              messageId: id,
              contactId: rest.contactId,
              status,
              script: scriptState.stepId ? scriptState : startState(steps),
              content: {
                recipients: rest.recipients,
                callerName: rest.callerName,
                callerCompany: rest.callerCompany,
                callerPhone: rest.callerPhone,
                callerEmail: rest.callerEmail,
                motif: rest.motif,
                urgency: rest.urgency,
                callBack: rest.callBack,
                body: rest.body,
                fields: rest.fields,
              },
              saveState: 'saved',
            });
            return;
          }
          set({ firm, steps, consignesChange, script: startState(steps) });
          if (options.callId) await prefillFromCall(options.callId, firm.id);
        } catch (error) {
          set({ loadError: (error as Error).message });
        }
      },
      setBox(box, value) {
        touch({ content: { ...get().content, [box]: value } });
      },
      setUrgency(urgency) {
        touch({ content: { ...get().content, urgency } });
      },
      toggleRecipient(personId) {
        const current = get().content.recipients;
        const recipients = current.includes(personId)
          ? current.filter((id) => id !== personId)
          : [...current, personId];
        touch({ content: { ...get().content, recipients } });
      },
      answer(field, value) {
        const blanked = { ...get().content };
        for (const [box, filled] of Object.entries(autoFilled) as Array<['callerPhone' | 'callerName', string]>) {
          if (blanked[box] === filled) blanked[box] = '';
        }
        const next = applyAnswer(blanked, field, value);
        for (const [box, filled] of Object.entries(autoFilled) as Array<['callerPhone' | 'callerName', string]>) {
          if (next[box] === '') next[box] = filled;
        }
        touch({ content: next });
      },
      next() {
        const { steps, script, content } = get();
        touch({ script: advance(steps, script, content.fields) });
      },
      back() {
        touch({ script: goBack(get().script) });
      },
      confirmIdentity(checked) {
        touch({ script: { ...get().script, identityChecked: checked } });
      },
      async flush() {
        if (timer) clearTimeout(timer);
        timer = null;
        // One save at a time, so the first one's id is known to the next; loop while she keeps typing.
        for (let i = 0; i < 20 && (dirty || saving); i += 1) {
          if (saving) await saving;
          else {
            saving = saveOnce().finally(() => {
              saving = null;
            });
            await saving;
          }
        }
      },
      async send() {
        await get().flush();
        const state = get();
        if (!state.firm) return false;
        set({ sending: true, sendError: null, issues: [] });
        try {
          const sent = await api.messages.send({
            ...(state.messageId ? { id: state.messageId } : {}),
            firmId: state.firm.id,
            callId: options.callId ?? null,
            content: state.content,
            scriptState: state.script,
          });
          set({ sending: false, messageId: sent.id, status: sent.status, saveState: 'saved' });
          return true;
        } catch (error) {
          const issues = error instanceof PermanenceError ? (error.issues ?? []) : [];
          set({ sending: false, sendError: (error as Error).message, issues });
          return false;
        }
      },
      dispose() {
        if (timer) clearTimeout(timer);
        timer = null;
      },
    };
  });
  return store;
}
export type CallDeskStore = ReturnType<typeof createCallDeskStore>;
