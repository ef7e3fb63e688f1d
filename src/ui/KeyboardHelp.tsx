/** Props of the keyboard overlay. */
export interface KeyboardHelpProps { onClose(): void }

const KEYS: [string, string][] = [
  ['→ or Space', 'next equation (trains the next batch after the last one)'],
  ['Shift + →', 'finish the batch'],
  ['←', 'step back one equation (through the last 50 batches)'],
  ['P', 'play / pause'],
  ['R', 'reset to the same seed'],
  ['?', 'show or hide this list'],
];

/** The `?` overlay listing the keyboard shortcuts. Keys are ignored while typing in a field. */
export function KeyboardHelp({ onClose }: KeyboardHelpProps) {
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="keys-title" data-testid="keyboard-help" onClick={onClose}>
      <div className="overlay-card" onClick={(e) => e.stopPropagation()}>
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
