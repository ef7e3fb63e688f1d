import { useEffect, useState, type RefObject } from 'react';

/** Width and height of a box in CSS pixels. */
export interface BoxSize {
  width: number;
  height: number;
}

/**
 * The content box of an element in CSS pixels (null until measured), kept up to date by a
 * ResizeObserver. A drawing sized by CSS (the diagram stage, the loss plot) follows it in real pixels.
 */
export function useBoxSize(ref: RefObject<HTMLElement | null>): BoxSize | null {
  const [size, setSize] = useState<BoxSize | null>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver((entries) => {
      const box = entries[0]?.contentRect;
      if (!box || box.width <= 0 || box.height <= 0) return;
      const width = Math.round(box.width);
      const height = Math.round(box.height);
      setSize((old) => (old && old.width === width && old.height === height ? old : { width, height }));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}
