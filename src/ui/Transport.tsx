import { memo } from 'react';
import { PLAY_SPEEDS, type PlaySpeed } from '../lab/settings';
import { SPEED_SPECS } from '../lab/play';
import type { LabActions } from './useLab';

/** Props of the transport bar. */
export interface TransportProps {
  actions: LabActions;
  playing: boolean;
  onPlayPause(): void;
  speed: PlaySpeed;
  onSpeed(speed: PlaySpeed): void;
  /** False at the start (nothing to step back to). */
  canStepBack: boolean;
  /** Training is paused for good until a reset (it diverged). */
  halted: boolean;
}

/** Id of the transport, the target of the "skip to the transport" link. */
export const TRANSPORT_ID = 'transport';

/** A glyph beside a button's words: decoration only, so the accessible name is the words. */
const Icon = ({ glyph }: { glyph: string }) => <span className="icon" aria-hidden="true">{glyph}</span>;
/**
 * A label with a shorter form for a narrow transport: the long words are only visually hidden there,
 * so the accessible name stays the long one; the short form is hidden from assistive technology.
 */
const Words = ({ long, short }: { long: string; short?: string }) => (
  <>
    <span className="long">{long}</span>
    {short && <span className="short" aria-hidden="true">{short}</span>}
  </>
);

/**
 * The transport: step one equation, finish the batch, step one epoch, play/pause with a speed,
 * step back, reset and new seed. Each button names its key in its title. Stepping and play form one
 * row; speed, reset and new seed follow on the same row when it is wide enough, else on a second.
 * Space or Enter on any of its buttons presses that button (see useKeyboard). Its id is the target of
 * the "skip to the transport" link.
 */
export const Transport = memo(function Transport({ actions, playing, onPlayPause, speed, onSpeed, canStepBack, halted }: TransportProps) {
  return (
    <div className="transport" role="toolbar" aria-label="Training controls" data-transport id={TRANSPORT_ID} tabIndex={-1}>
      <div className="transport-group steps">
        <button type="button" data-testid="step-back" onClick={actions.stepBack} disabled={!canStepBack || playing} title="Step back one equation (←)">
          <Icon glyph="←" /> <Words long="Back" />
        </button>
        <button type="button" className="primary" data-testid="step-equation" onClick={actions.stepEquation} disabled={playing || halted} title="Next equation (→ or Space)">
          Step equation <Icon glyph="→" />
        </button>
        <button type="button" data-testid="step-batch" onClick={actions.finishBatch} disabled={playing || halted} title="Finish the batch (Shift+→)">
          <Words long="Finish batch" short="Batch" /> <Icon glyph="⇥" />
        </button>
        <button type="button" data-testid="step-epoch" onClick={actions.stepEpoch} disabled={playing || halted} title="Train to the end of the epoch">
          <Words long="Step epoch" short="Epoch" /> <Icon glyph="»" />
        </button>
        <button type="button" className="play" data-testid="play" aria-pressed={playing} onClick={onPlayPause} disabled={halted && !playing} title="Play / pause (P)">
          <Icon glyph={playing ? '❚❚' : '▶'} /> <Words long={playing ? 'Pause' : 'Play'} />
        </button>
      </div>
      <div className="transport-group session">
        <label className="inline-field">
          <span>Speed</span>
          <select data-testid="speed-select" value={speed} onChange={(e) => onSpeed(e.target.value as PlaySpeed)}>
            {PLAY_SPEEDS.map((s) => <option key={s} value={s}>{SPEED_SPECS[s].label}</option>)}
          </select>
        </label>
        <button type="button" data-testid="reset" onClick={actions.reset} title="Reset to the same seed (R)">
          <Icon glyph="↺" /> Reset
        </button>
        <button type="button" data-testid="new-seed" onClick={actions.newSeed} title="Reset with a new seed">
          New seed
        </button>
      </div>
    </div>
  );
});
