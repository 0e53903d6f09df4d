import { useCallback, useRef } from 'react';

/**
 * The status bar and the screens' navigation form the console's top; what floats over the screens (the call cards,
 * the call desk during a call) starts below it. Its real height (it depends on the language, the fonts, the zoom)
 * goes to the layout as `--shell-top`, read from a ResizeObserver (after layout: no forced reflow).
 */
export function useShellTop() {
  const layoutEl = useRef<HTMLElement | null>(null);
  const height = useRef<number | null>(null);
  const apply = () => {
    if (!layoutEl.current || height.current === null) return;
    layoutEl.current.style.setProperty('--shell-top', `${height.current}px`);
  };
  const layout = useCallback((el: HTMLElement | null) => {
    layoutEl.current = el;
    apply();
  }, []);
  const top = useCallback((el: HTMLElement | null) => {
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      const box = entry?.borderBoxSize?.[0];
      height.current = Math.ceil(box ? box.blockSize : (entry?.contentRect.height ?? 0));
      apply();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return { layout, top };
}
