import { useRef } from 'react';
import { trapTab, useFocusReturn } from './useFocusReturn';

/** Props of the keyboard overlay. */
export interface KeyboardHelpProps { onClose(): void }

const KEYS: [string, string][] = [
  ['→ or Space', 'next equation (trains the next batch after the last one)'],
  ['Shift + →', 'finish the batch'],
  ['←', 'step back one equation (through the last 50 batches)'],
  ['P', 'play / pause'],
  ['R', 'reset to the same seed'],
  ['Ctrl + Z', 'undo the last reset or new seed'],
  ['F', 'presenter mode on or off (Esc leaves; 1 the step, 2 the charts)'],
  ['?', 'show or hide this list'],
  ['Esc', 'close this list or the full matrices'],
  ['Tab', 'move between controls; Space or Enter presses the focused button'],
  ['In the diagram', '↑ ↓ neurons of a layer, ← → layers, Enter a neuron’s incoming weights (↑ ↓ to go through them, Enter to pick one, Esc back)'],
];

/**
 * The `?` overlay listing the keyboard shortcuts. Keys are ignored while typing in a field. Modal: Tab
 * stays inside it, and closing it gives focus back to what had it before.
 */
export function KeyboardHelp({ onClose }: KeyboardHelpProps) {
  const card = useRef<HTMLDivElement>(null);
  useFocusReturn();
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="keys-title" data-testid="keyboard-help" onClick={onClose}>
      <div
        className="overlay-card"
        ref={card}
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (card.current && trapTab(card.current, e)) e.preventDefault();
        }}
      >
        <h2 id="keys-title">Keyboard</h2>
        <dl className="keys">
          {KEYS.map(([key, what]) => (
            <div key={key}>
              <dt><kbd>{key}</kbd></dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
        <p className="muted">Keys do nothing while you type in a field.</p>
        <button type="button" onClick={onClose} autoFocus>Close</button>
      </div>
    </div>
  );
}
