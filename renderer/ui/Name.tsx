import { stripBidiControls } from '../../shared/domain/text';

/**
 * A name someone else chose (a SIP display name, a firm, a contact): isolated from the text around it, so a
 * right-to-left name does not reorder its neighbours, and without bidirectional controls, so
 * « Cabinet \u202Egnp.exe » can never show as « Cabinet exe.png » (names stored before they were stripped on input
 * included).
 */
export function Name({ children, className }: { children: string; className?: string }) {
  return <bdi className={className}>{stripBidiControls(children)}</bdi>;
}
