import { memo, useMemo, useRef } from 'react';
import { boundaryMode, maxAbsTarget } from '../../lab/boundary';
import type { LabDataset } from '../../lab/dataset';
import type { Params } from '../../lab/params';
import type { LabSettings } from '../../lab/settings';
import { formatPlain } from '../../trace';
import { BoundaryCurve } from './BoundaryCurve';
import { BoundaryPlane } from './BoundaryPlane';
import { classColor, heatGradient } from './boundaryPaint';
import { useElementWidth } from '../useElementWidth';
import './boundary.css';

export interface DecisionBoundaryProps {
  dataset: LabDataset;
  /** W[l], b[l] at the cursor (what the network diagram shows), layers 1..L. */
  params: Params;
  settings: Pick<LabSettings, 'hiddenActivation' | 'outputActivation' | 'loss'>;
  /** Training-set columns of the batch on screen (null before the first batch). */
  batchIndices: Int32Array | null;
  /** The column of the batch the diagram follows (0 … m − 1). */
  sampleIndex: number;
}

/**
 * What the network predicts over its input space: for two features a heatmap of the plane (the
 * decision boundary) with the data on top, for one feature the curve of the output against x.
 * Renders nothing for three or more features.
 */
export const DecisionBoundary = memo(function DecisionBoundary(props: DecisionBoundaryProps) {
  const { dataset, settings } = props;
  const { hiddenActivation: hidden, outputActivation: output, loss } = settings;
  const head = useMemo(() => ({ hidden, output, loss }), [hidden, output, loss]);
  const figure = useRef<HTMLElement>(null);
  // The plane fills the panel's width, between 220 and 440 CSS pixels (large enough for a projector).
  const side = Math.max(220, Math.min(440, useElementWidth(figure, 300)));
  const mode = boundaryMode(dataset);
  if (mode === null || props.params.length === 0) return null;
  const [xName, yName] = dataset.featureNames;
  return (
    <figure ref={figure} className="panel boundary" data-testid="decision-boundary" data-mode={mode}>
      <figcaption className="boundary-title">
        {mode === 'plane' ? 'Decision boundary: the network’s output over the input plane' : 'The network’s output against the input'}
      </figcaption>
      {mode === 'plane'
        ? <BoundaryPlane {...props} head={head} side={side} />
        : <BoundaryCurve {...props} head={head} />}
      {mode === 'plane' && (
        <p className="boundary-axes muted">
          Horizontal: <span className="name">{xName}</span>; vertical: <span className="name">{yName}</span> (both normalised).
        </p>
      )}
      <Legend dataset={dataset} mode={mode} />
    </figure>
  );
});

function Legend({ dataset, mode }: { dataset: LabDataset; mode: 'plane' | 'curve' }) {
  const { task, classes, outputSize, targetName, targetScale } = dataset;
  const points = (
    <span className="boundary-points">
      <span aria-hidden="true">●</span> train <span aria-hidden="true">○</span> test
      {mode === 'plane' && <> <span aria-hidden="true">◎</span> the sample the diagram follows (its batch outlined)</>}
    </span>
  );
  if (task === 'regression') {
    if (mode === 'curve') return <p className="boundary-legend muted">Line: prediction of {targetName}. {points}</p>;
    const maxAbs = maxAbsTarget(dataset.train.Y);
    const unscale = (v: number) => (targetScale ? v * targetScale.std + targetScale.mean : v);
    return (
      <div className="boundary-legend muted">
        <Bar left={formatPlain(unscale(-maxAbs))} right={formatPlain(unscale(maxAbs))} label={`predicted ${targetName}`} />
        {points}
      </div>
    );
  }
  if (outputSize === 1) {
    return (
      <div className="boundary-legend muted">
        {mode === 'plane' && <Bar left={`P = 0 (${classes[0]})`} right={`P = 1 (${classes[1]})`} label={`P(${targetName} = ${classes[1]})`} />}
        {mode === 'curve' && <span>Line: P({targetName} = {classes[1]}). </span>}
        <Swatches classes={classes} />
        {points}
      </div>
    );
  }
  return (
    <div className="boundary-legend muted">
      <span>{mode === 'plane' ? 'Colour: the most likely class, paler where the network is unsure. ' : 'One line per class: its probability. '}</span>
      <Swatches classes={classes} />
      {points}
    </div>
  );
}

function Bar({ left, right, label }: { left: string; right: string; label: string }) {
  return (
    <span className="boundary-bar">
      <span className="bar-end">{left}</span>
      <span className="bar" style={{ background: heatGradient() }} title={label} />
      <span className="bar-end">{right}</span>
    </span>
  );
}

function Swatches({ classes }: { classes: string[] }) {
  const k = Math.max(2, classes.length);
  return (
    <span className="boundary-swatches">
      {classes.map((c, i) => (
        <span key={`${i}-${c}`} className="swatch-item">
          <span className="swatch" style={{ background: classColor(i, k) }} />
          {c}
        </span>
      ))}
    </span>
  );
}

