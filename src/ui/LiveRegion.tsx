import { useSyncExternalStore } from 'react';

/** What the lab has to say, by source; the region reads them joined, so one update never drops another's words. */
type Channel = 'counters' | 'equation' | 'status';
const messages: Record<Channel, string> = { counters: '', equation: '', status: '' };
let text = '';
const listeners = new Set<() => void>();

/** Sets what `channel` has to say (counters, the current equation, a copy status) and updates the lab's one live region. */
export function announce(channel: Channel, message: string): void {
  if (messages[channel] === message) return;
  messages[channel] = message;
  text = [messages.status, messages.counters, messages.equation].filter(Boolean).join(' ');
  for (const l of listeners) l();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/**
 * The lab's single polite live region (visually hidden): render it once. It speaks whatever `announce`
 * was last given, e.g. "epoch 1, batch 2 of 163. Equation 7 of 25, forward, layer 2: …".
 */
export function LiveRegion() {
  const current = useSyncExternalStore(subscribe, () => text, () => '');
  return (
    <div className="visually-hidden" role="status" aria-live="polite" data-testid="live-region">
      {current}
    </div>
  );
}
