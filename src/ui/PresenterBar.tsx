/** Props of the presenter bar. */
export interface PresenterBarProps {
  /** The counters' label: "Epoch 1 · batch 3/8 · …". */
  label: string;
  pane: 'step' | 'charts';
  /** Presenter mode on with a pane, or off (the controller's setPresenter). */
  onPresenter: (on: boolean, pane?: 'step' | 'charts') => void;
}

/** Presenter mode's top bar: the lab's title and position, the two panes' tabs, and the way out. */
export function PresenterBar({ label, pane, onPresenter }: PresenterBarProps) {
  return (
    <nav className="presenter-bar" aria-label="Presenter mode">
      <h1 className="presenter-title">Backprop Lab · {label}</h1>
      <div role="tablist" aria-label="Presenter panes">
        <button type="button" role="tab" aria-selected={pane === 'step'} data-testid="presenter-pane-step" onClick={() => onPresenter(true, 'step')}>Step (1)</button>
        <button type="button" role="tab" aria-selected={pane === 'charts'} data-testid="presenter-pane-charts" onClick={() => onPresenter(true, 'charts')}>Charts (2)</button>
      </div>
      <button type="button" data-testid="presenter-toggle" aria-pressed="true" onClick={() => onPresenter(false)}>Leave presenter mode (Esc)</button>
    </nav>
  );
}
