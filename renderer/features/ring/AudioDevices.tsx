import { forwardRef, useEffect, useId, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { Phone } from '../../phone';
import { listAudioDevices, onAudioDevicesChange } from '../../phone/audio';
import type { AudioDeviceKind, AudioSwitchFailure } from '../../phone/call-audio';
import { currentCall } from '../../phone/store';
import './audio-devices.css';

interface DeviceLists {
  inputs: MediaDeviceInfo[];
  outputs: MediaDeviceInfo[];
}

/** The machine's microphones and speakers, listed again whenever one is plugged in or removed. */
export function useAudioDeviceList(enabled = true): DeviceLists | null {
  const [lists, setLists] = useState<DeviceLists | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let alive = true;
    const refresh = () =>
      void listAudioDevices().then(
        (l) => alive && setLists(l),
        () => alive && setLists({ inputs: [], outputs: [] }),
      );
    refresh();
    const off = onAudioDevicesChange(refresh);
    return () => {
      alive = false;
      off();
    };
  }, [enabled]);
  return lists;
}

/** The devices the calls use now: chosen during this session, else the account's; '' is the system default. */
function useCurrentDevices(phone: Phone) {
  const audio = useStore(phone.calls.audio);
  return {
    audio,
    inputId: audio.inputId ?? phone.account?.audio.inputId ?? '',
    outputId: audio.outputId ?? phone.account?.audio.outputId ?? '',
  };
}

interface Item {
  id: string;
  label: string;
  checked: boolean;
  missing: boolean;
}

function useItems(list: MediaDeviceInfo[], current: string, kind: AudioDeviceKind): Item[] {
  const { t } = useTranslation();
  // Without the microphone permission Chromium lists devices with empty ids: nothing to choose from.
  const devices = list.filter((d) => d.deviceId !== '');
  const items: Item[] = [];
  if (!devices.some((d) => d.deviceId === 'default'))
    items.push({ id: '', label: t('phone.devices.systemDefault'), checked: current === '', missing: false });
  devices.forEach((d, i) =>
    items.push({
      id: d.deviceId,
      label:
        d.label ||
        (kind === 'input'
          ? t('phone.devices.unnamedInput', { n: i + 1 })
          : t('phone.devices.unnamedOutput', { n: i + 1 })),
      checked: d.deviceId === current || (current === '' && d.deviceId === 'default'),
      missing: false,
    }),
  );
  // The device in use was unplugged: say so rather than ticking another one.
  if (!items.some((i) => i.checked))
    items.push({ id: current, label: t('phone.devices.missing'), checked: true, missing: true });
  return items;
}

/** The « Audio » button of the in-call controls; opens the device menu below the card's actions. */
export const AudioDevicesButton = forwardRef<
  HTMLButtonElement,
  { expanded: boolean; controls: string; onToggle(): void }
>(function AudioDevicesButton({ expanded, controls, onToggle }, ref) {
  const { t } = useTranslation();
  return (
    <button
      ref={ref}
      type="button"
      className="button button--plain"
      aria-haspopup="menu"
      aria-expanded={expanded}
      aria-controls={expanded ? controls : undefined}
      aria-keyshortcuts="Control+Shift+A"
      title={t('phone.devices.buttonTitle')}
      onClick={onToggle}
      data-audio-devices-button
    >
      {t('phone.devices.button')}
      <span className="audio-devices__caret" aria-hidden="true">
        {expanded ? '▴' : '▾'}
      </span>
    </button>
  );
});

/** Ctrl+Shift+A opens the device menu of the call the keyboard acts on. */
export function useAudioDevicesShortcut(phone: Phone, callId: string, enabled: boolean, open: () => void): void {
  const ref = useRef(open);
  useEffect(() => {
    ref.current = open;
  });
  useEffect(() => {
    if (!enabled) return;
    function onKeyDown(event: KeyboardEvent) {
      const chord = (event.ctrlKey || event.metaKey) && event.shiftKey && !event.altKey;
      if (!chord || event.key.toLowerCase() !== 'a') return;
      if (currentCall(phone.store.getState())?.id !== callId) return;
      event.preventDefault();
      ref.current();
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [phone, callId, enabled]);
}

function DeviceGroup({
  kind,
  items,
  pending,
  onChoose,
}: {
  kind: AudioDeviceKind;
  items: Item[];
  pending: boolean;
  onChoose(kind: AudioDeviceKind, id: string): void;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <div role="group" aria-labelledby={headingId} className="audio-devices__group" data-kind={kind}>
      <div id={headingId} className="audio-devices__heading">
        {kind === 'input' ? t('phone.devices.microphone') : t('phone.devices.speaker')}
      </div>
      {items.map((item) => (
        <button
          key={`${item.id}|${item.missing}`}
          type="button"
          role="menuitemradio"
          aria-checked={item.checked}
          aria-disabled={item.missing || (pending && !item.checked) ? true : undefined}
          tabIndex={item.checked ? 0 : -1}
          className={`audio-devices__item${item.checked ? ' audio-devices__item--current' : ''}${item.missing ? ' audio-devices__item--missing' : ''}`}
          onClick={() => !item.checked && !item.missing && !pending && onChoose(kind, item.id)}
        >
          <span className="audio-devices__mark" aria-hidden="true">
            {item.checked ? '✓' : ''}
          </span>
          <span className="audio-devices__label">{item.label}</span>
        </button>
      ))}
    </div>
  );
}

/**
 * The compact device menu of a call card: microphones and speakers, the ones in use ticked. Arrow keys move,
 * Enter or Space choose, left/right go from one column to the other, Escape closes. Choosing switches every live
 * call at once (the call never drops) and keeps the choice for the next calls.
 */
export function AudioDevicesMenu({ phone, id, onClose }: { phone: Phone; id: string; onClose(): void }) {
  const { t } = useTranslation();
  const lists = useAudioDeviceList();
  const { audio, inputId, outputId } = useCurrentDevices(phone);
  const inputs = useItems(lists?.inputs ?? [], inputId, 'input');
  const outputs = useItems(lists?.outputs ?? [], outputId, 'output');
  const ref = useRef<HTMLDivElement>(null);
  const focused = useRef(false);

  // Once the devices are listed, the current microphone has the focus (keyboard first).
  useEffect(() => {
    if (!lists || focused.current) return;
    focused.current = true;
    const menu = ref.current;
    (
      menu?.querySelector<HTMLElement>('[role="menuitemradio"][aria-checked="true"]') ??
      menu?.querySelector<HTMLElement>('[role="menuitemradio"]')
    )?.focus();
  }, [lists]);

  function onKeyDown(event: ReactKeyboardEvent<HTMLDivElement>) {
    const menu = ref.current;
    if (!menu) return;
    const all = [...menu.querySelectorAll<HTMLElement>('[role="menuitemradio"]')];
    const at = all.indexOf(document.activeElement as HTMLElement);
    const focusAt = (i: number) => all[(i + all.length) % all.length]?.focus();
    if (event.key === 'ArrowDown') focusAt(at + 1);
    else if (event.key === 'ArrowUp') focusAt(at - 1);
    else if (event.key === 'Home') focusAt(0);
    else if (event.key === 'End') focusAt(all.length - 1);
    else if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      const group = (document.activeElement as HTMLElement | null)?.closest('[role="group"]');
      const other = [...menu.querySelectorAll<HTMLElement>('[role="group"]')].find((g) => g !== group);
      (
        other?.querySelector<HTMLElement>('[aria-checked="true"]') ??
        other?.querySelector<HTMLElement>('[role="menuitemradio"]')
      )?.focus();
    } else if (event.key === 'Escape') onClose();
    else return;
    event.preventDefault();
    event.stopPropagation();
  }

  const choose = (kind: AudioDeviceKind, deviceId: string) =>
    void phone.calls.setAudioDevices(kind === 'input' ? { inputId: deviceId } : { outputId: deviceId });

  return (
    <div
      ref={ref}
      id={id}
      role="menu"
      aria-label={t('phone.devices.menu')}
      aria-busy={audio.pending}
      className="audio-devices"
      onKeyDown={onKeyDown}
    >
      <div className="audio-devices__columns">
        <DeviceGroup kind="input" items={inputs} pending={audio.pending} onChoose={choose} />
        <DeviceGroup kind="output" items={outputs} pending={audio.pending} onChoose={choose} />
      </div>
      <p className="audio-devices__foot">
        {audio.pending
          ? `${t('phone.devices.switching')} `
          : audio.kept === 'session'
            ? `${t('phone.devices.keptSession')} `
            : audio.kept === 'account'
              ? `${t('phone.devices.keptAccount')} `
              : null}
        <span className="audio-devices__keys">{t('phone.devices.keys')}</span>
      </p>
    </div>
  );
}

const KNOWN_REASONS = [
  'NotFoundError',
  'OverconstrainedError',
  'NotReadableError',
  'AbortError',
  'NotAllowedError',
  'SecurityError',
] as const;

/** On the card: a device switch that failed (the call stayed on the previous device), or a choice not saved. */
export function AudioDevicesNotice({ phone, onDismissed }: { phone: Phone; onDismissed?(): void }) {
  const { t } = useTranslation();
  const audio = useStore(phone.calls.audio);
  const show = audio.failures.length > 0 || audio.saveError !== null;
  const lists = useAudioDeviceList(show);
  if (!show) return null;

  const label = (f: AudioSwitchFailure) => {
    const list = f.kind === 'input' ? lists?.inputs : lists?.outputs;
    const found = list?.find((d) => d.deviceId === f.deviceId)?.label;
    if (found) return found;
    return f.deviceId === '' ? t('phone.devices.systemDefault') : t('phone.devices.unknownDevice');
  };
  const reason = (f: AudioSwitchFailure) => {
    switch (KNOWN_REASONS.find((r) => r === f.name)) {
      case 'NotFoundError':
      case 'OverconstrainedError':
        return t('phone.devices.reason.notFound');
      case 'NotReadableError':
      case 'AbortError':
        return t('phone.devices.reason.busy');
      case 'NotAllowedError':
      case 'SecurityError':
        return t('phone.devices.reason.denied');
      default:
        return f.message || f.name;
    }
  };

  return (
    <div role="alert" className="banner banner--error audio-devices__notice">
      {audio.failures.map((f) => (
        <p key={`${f.kind}-${f.deviceId}`}>
          {f.kind === 'input'
            ? t('phone.devices.failedInput', { device: label(f), reason: reason(f) })
            : t('phone.devices.failedOutput', { device: label(f), reason: reason(f) })}
        </p>
      ))}
      {audio.saveError !== null ? <p>{t('phone.devices.saveFailed', { reason: audio.saveError })}</p> : null}
      <button
        type="button"
        className="button button--plain"
        onClick={() => {
          phone.calls.dismissAudioFailure();
          onDismissed?.();
        }}
      >
        {t('phone.devices.dismiss')}
      </button>
    </div>
  );
}
