import { useEffect, useState, type RefObject } from 'react';

/** The rows of a scrolling box in view: from `top` to `bottom`, in the box's content pixels. */
export interface VisibleBand {
  top: number;
  bottom: number;
}

/**
 * While `active`, the band of `box`'s content in view (its scrollTop to scrollTop + clientHeight),
 * kept up to date as it scrolls or `size` changes; null while not active (everything counts as in
 * view). The diagram uses it during play, to leave the neurons scrolled out of view as they were.
 */
export function useVisibleBand(box: RefObject<HTMLElement | null>, active: boolean, size: unknown): VisibleBand | null {
  const [band, setBand] = useState<VisibleBand | null>(null);
  useEffect(() => {
    const element = box.current;
    if (!active || !element) return undefined;
    const update = () => {
      const top = element.scrollTop;
      const bottom = top + element.clientHeight;
      setBand((b) => (b && b.top === top && b.bottom === bottom ? b : { top, bottom }));
    };
    update();
    element.addEventListener('scroll', update, { passive: true });
    return () => element.removeEventListener('scroll', update);
  }, [box, active, size]);
  return active ? band : null;
}
