import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { flushSync } from 'react-dom';
import type { Matrix, StepRecord } from '../../nn';
import type { Equation } from '../../trace';
import { robustMaxAbs } from './colors';
import { EdgeLines, Legend, NodeColumn, neuronLook, neuronText, sameLook, type NeuronLook } from './DiagramParts';
import { DiagramTooltip, EdgeCanvas } from '../lazyParts';
import { CANVAS_EDGE_THRESHOLD, hitTest, type Hit } from './layout';
import { useBoxSize } from '../useBoxSize';
import { MIN_NEURON_SPACING, stageMinHeight, useDiagramLayout } from './useDiagramLayout';
import { useVisibleBand } from './useVisibleBand';
import { usePlayingUntilPainted } from '../usePlayLoop';
import { clampSample, diagramMode, edgeChanges, edgeValues, highlightOf, nodeValues, shownNodeValue } from './values';
import { edgeLabel, neuronLabel, type EdgeSelection } from './diagramLabels';
import { clampCursor, cursorKey, startCursor, stepCursor, type DiagramCursor } from './diagramCursor';
import { isRevealed, REVEAL_ALL, revealedNodeValues, type Revealed } from './reveal';
import { firstHalfColumn, keepEdgeValues, keepLooks } from './NetworkDiagramKeep';
import { elideEdgeValues, elideInputs, elideNodeValues } from './inputElision';
import './diagram.css';

export interface NetworkDiagramProps {
  /** [n0, …, nL]. */
  sizes: number[];
  featureNames: string[];
  outputNames: string[];
  /** The weights to show, per layer l = 1..L (W^{[l]} is n_l × n_{l−1}). */
  params: { W: Matrix; b: Matrix }[];
  record: StepRecord | null;
  equation: Equation | null;
  /** The batch column (0-based) whose activations and δ the neurons show. */
  sampleIndex: number;
  /** What the equations so far have revealed (default: everything); later values stay blank. */
  revealed?: Revealed;
  /**
   * A weight W[layer]_{j,k} (k = 'bias': the bias b[layer]_j) was picked: clicked, or Enter on it with
   * the keyboard. layer is l = 1..L, j the neuron of layer l, k the neuron of layer l − 1 (0-based).
   */
  onSelectEdge?: (sel: EdgeSelection) => void;
  /** Presenter mode: names and captions of at least PRESENTER_FONT_PX, for the back row. */
  large?: boolean;
  /**
   * Training plays: neurons scrolled out of the stage's view may keep their look until they come into
   * view, or play has stopped and that frame is painted (each redraw of a 6×32 network restyled and
   * laid out all 193 of them).
   */
  playing?: boolean;
}

/** The diagram's label size in presenter mode (captions at 0.95 em stay ≥ 18 px). */
export const PRESENTER_FONT_PX = 19;

/** Id of the diagram's usage note (its accessible description). */
const HELP_ID = 'network-diagram-keys';

/** Long labels are cut; the full text is in the label's <title>. */
const LABEL_CHARS = 18;
const cut = (s: string) => (Array.from(s).length > LABEL_CHARS ? Array.from(s).slice(0, LABEL_CHARS - 1).join('') + '…' : s);

/**
 * The network as an SVG: a neuron per circle, an edge per weight. D3 computes the positions, colour
 * and width scales; React renders. Forward phases show w on edges and the followed sample's a on
 * neurons; backward and update phases show dW and δ = dZ. The current equation's touches are
 * highlighted and the rest dimmed; hovering any neuron or edge shows its exact values. Values the
 * equations have not reached yet (`revealed`) are left blank, in the drawing and in the tooltip.
 */
export function NetworkDiagram({ sizes: sizesProp, featureNames, outputNames, params, record, equation, sampleIndex, revealed = REVEAL_ALL, onSelectEdge, large = false, playing = false }: NetworkDiagramProps) {
  const sizesKey = sizesProp.join(',');
  // Keyed on the values, not the array's identity, so a parent's fresh array does not redo the layout.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const sizes = useMemo(() => sizesProp, [sizesKey]);
  // Thousands of features: the first inputs are drawn and one slot says how many more there are (the
  // equations use them all). `drawn` is what is laid out; the keyboard never reaches the marker.
  const elision = useMemo(() => elideInputs(sizes), [sizes]);
  const drawn = elision.sizes;
  const cursorSizes = useMemo(() => (elision.hidden > 0 ? [elision.shown, ...sizes.slice(1)] : sizes), [elision, sizes]);
  const inputLabels = useMemo(() => Array.from({ length: elision.shown }, (_, i) => cut(featureNames[i] ?? `x${i + 1}`)), [elision, featureNames]);
  const drawnInputLabels = useMemo(() => (elision.marker === null ? inputLabels : [...inputLabels, elision.marker]), [elision, inputLabels]);
  const outputLabels = useMemo(
    () => Array.from({ length: sizes[sizes.length - 1] ?? 0 }, (_, i) => cut(outputNames[i] ?? `ŷ${i + 1}`)),
    [sizes, outputNames],
  );
  const stage = useRef<HTMLDivElement>(null);
  const box = useBoxSize(stage);
  const { layout, fontPx, captions, labelOffset } = useDiagramLayout(drawn, drawnInputLabels, outputLabels, box, large ? PRESENTER_FONT_PX : undefined);
  const L = sizes.length - 1;
  const mode = diagramMode(equation);
  const sample = clampSample(record, sampleIndex);

  // Layer 1's edges as laid out (the marker's own edges carry no value).
  const elideLayer1 = useMemo(
    () => (values: (Float64Array | null)[]) =>
      elision.hidden > 0 ? [elideEdgeValues(values[0] ?? null, sizes[1] ?? 0, sizes[0] ?? 0, elision), ...values.slice(1)] : values,
    [elision, sizes],
  );
  const nodes = useMemo(
    () => nodeValues(sizes, record, sample).map((column, k) => column.map((v) => revealedNodeValues(v, k, revealed))),
    [sizes, record, sample, revealed],
  );
  // What each drawn neuron shows; the marker's slot shows nothing.
  const drawnNodes = useMemo(
    () => (elision.hidden > 0 ? [elideNodeValues(nodes[0] ?? [], elision).map((v) => v ?? {}), ...nodes.slice(1)] : nodes),
    [elision, nodes],
  );
  const shown = useMemo(() => drawnNodes.map((column) => column.map((v) => shownNodeValue(v, mode))), [drawnNodes, mode]);
  const nodeMax = useMemo(
    () => robustMaxAbs(shown.map((c) => c.filter((v): v is number => v !== undefined)), 1),
    [shown],
  );
  // During play a redraw is split over two tasks: this render brings the even columns of neurons up to
  // date; the odd ones and the edges follow in a render of their own in the next task (once `caughtUp`
  // is these values), so that no frame restyles and lays out every neuron. Stopped, every render is whole.
  const [caughtUp, setCaughtUp] = useState<unknown>(null);
  const drawnLooks = useRef<NeuronLook[][]>([]);
  const split = playing && drawnLooks.current.length > 0 && caughtUp !== shown;
  useEffect(() => {
    if (!split) return undefined;
    // flushSync: rendered in this task of its own, not left for React to batch into the next frame's
    // (training) task; and laid out here too (reading a box forces the layout now), so that frame only paints.
    const timer = setTimeout(() => {
      flushSync(() => setCaughtUp(shown));
      stage.current?.getBoundingClientRect();
    }, 0);
    return () => clearTimeout(timer);
  }, [split, shown]);

  const freshEdges = useMemo(
    () => (split ? null : elideLayer1(edgeValues(sizes, params, record, mode, revealed))),
    [split, elideLayer1, sizes, params, record, mode, revealed],
  );
  // The same numbers in other arrays (a new batch starts from the weights just drawn) keep the drawn arrays: no redraw.
  const drawnEdges = useRef<(Float64Array | null)[]>([]);
  const edges = useMemo(() => (freshEdges === null ? drawnEdges.current : (drawnEdges.current = keepEdgeValues(drawnEdges.current, freshEdges))), [freshEdges]);
  const edgeMax = useMemo(() => robustMaxAbs(edges.filter((e): e is Float64Array => e !== null)), [edges]);
  // The update draws W ← W − η·dW: colour the new W, width the change.
  const changes = useMemo(() => (mode === 'update' ? elideLayer1(edgeChanges(sizes, record)) : null), [elideLayer1, mode, sizes, record]);
  const changeMax = useMemo(() => (changes ? robustMaxAbs(changes.filter((e): e is Float64Array => e !== null)) : 0), [changes]);
  const highlight = useMemo(() => highlightOf(equation?.touches), [equation]);

  // The keyboard: one tab stop (a neuron, or a weight once entered), moved by the arrows (stepCursor).
  const names = useMemo(() => ({ sizes, featureNames, outputNames }), [sizes, featureNames, outputNames]);
  const [cursorState, setCursor] = useState<DiagramCursor>(() => startCursor(cursorSizes));
  const cursor = clampCursor(cursorState, cursorSizes);
  const { radius } = layout;
  // During play (and the frame that shows it stopped), the rows of neurons scrolled out of the stage's
  // view keep their look (useVisibleBand); they are brought up to date once that frame is painted.
  const band = useVisibleBand(stage, usePlayingUntilPainted(playing), box);
  // What the looks of the first half of a split redraw were made from (null when the last redraw was whole).
  const halfDone = useRef<unknown[] | null>(null);
  const looks = useMemo(() => {
    const ys = drawnNodes.map((column, k) => column.map((_, i) => layout.nodes[k]?.[i]?.y ?? 0));
    const fresh = (k: number, i: number) => {
      const value = shown[k][i];
      const inside = neuronText(value, radius, fontPx);
      // The name starts with the number written inside the neuron (its visible text), then the exact values.
      return neuronLook(value, nodeMax, inside, `${inside === null ? '' : `${inside}; `}${neuronLabel(k, i, drawnNodes[k][i], names, sample)}`);
    };
    const inView = band && { ...band, margin: 2 * radius + MIN_NEURON_SPACING };
    // The render that catches a split redraw up, with nothing else changed since, asks only for the other half.
    const inputs = [drawnNodes, shown, nodeMax, names, sample, radius, fontPx, layout, band];
    const rest = !split && halfDone.current !== null && inputs.every((v, i) => v === halfDone.current?.[i]);
    halfDone.current = split ? inputs : null;
    const columns = split ? firstHalfColumn : rest ? (k: number) => !firstHalfColumn(k) : undefined;
    return (drawnLooks.current = keepLooks(drawnLooks.current, ys, inView, fresh, sameLook, columns));
  }, [drawnNodes, shown, nodeMax, names, sample, radius, fontPx, layout, band, split]);
  const svg = useRef<SVGSVGElement>(null);
  const moved = useRef(false);
  const focusKey = cursorKey(cursor);
  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    svg.current?.querySelector<SVGElement>(`[data-focus-key="${focusKey}"]`)?.focus();
  }, [focusKey]);
  const onKeyDown = (e: KeyboardEvent<SVGSVGElement>) => {
    if (e.ctrlKey || e.altKey || e.metaKey) return;
    const step = stepCursor(cursor, e.key, cursorSizes);
    if (!step) return;
    e.preventDefault();
    e.stopPropagation();
    if ('select' in step) onSelectEdge?.(step.select);
    else {
      moved.current = true;
      setCursor(step.move);
    }
  };

  const wrapper = useRef<HTMLDivElement>(null);
  const [hover, setHover] = useState<{ hit: NonNullable<Hit>; left: number; top: number } | null>(null);

  const onPointerMove = (e: PointerEvent<SVGSVGElement>) => {
    const ctm = e.currentTarget.getScreenCTM();
    const frame = wrapper.current?.getBoundingClientRect();
    if (!ctm || !frame) return;
    const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(ctm.inverse());
    const found = hitTest(layout, p.x, p.y, 4 / Math.max(ctm.a, 1e-6));
    // The marker and its edges stand for many inputs: no single value to show.
    const onMarker = found !== null && elision.hidden > 0 && (found.kind === 'node' ? found.layer === 0 && found.index >= elision.shown : found.layer === 1 && found.from >= elision.shown);
    const hit = onMarker ? null : found;
    setHover(hit ? { hit, left: e.clientX - frame.left, top: e.clientY - frame.top } : null);
  };

  const edgeCount = layout.edges.reduce((n, e) => n + e.length, 0);
  const onCanvas = edgeCount > CANVAS_EDGE_THRESHOLD;
  const cls = (lit: boolean) => (highlight.active ? (lit ? 'lit' : 'dim') : undefined);
  const hoveredEdge = hover?.hit.kind === 'edge' ? layout.edges[hover.hit.layer - 1][hover.hit.to * drawn[hover.hit.layer - 1] + hover.hit.from] : null;
  const focusedEdge = cursor.kind === 'edge' && cursor.k !== 'bias' ? layout.edges[cursor.layer - 1]?.[cursor.j * drawn[cursor.layer - 1] + cursor.k] : null;
  const focusedBias = cursor.kind === 'edge' && cursor.k === 'bias' ? layout.nodes[cursor.layer]?.[cursor.j] : null;
  const cursorLabel = cursor.kind === 'edge' ? edgeLabel(cursor, names, params, record, revealed) : '';
  const modeWords = mode === 'forward' ? 'weights and activations' : mode === 'backward' ? 'gradients' : 'the update W − η·dW';

  return (
    <div className="network-diagram" ref={wrapper}>
      {/* Its height comes from CSS (the frame's --diagram-height); the layout follows the measured box
          and may be larger (wide layers, a phone): then the stage scrolls. */}
      <div className="diagram-stage" ref={stage} style={{ minHeight: stageMinHeight(drawn) }}>
        {/* Exactly the stage unless the layout outgrew it (the measured box is rounded to whole pixels). */}
        <div
          className="diagram-canvas"
          style={{ width: box && layout.width <= box.width ? '100%' : layout.width, height: box && layout.height <= box.height ? '100%' : layout.height }}
        >
        {onCanvas &&
          layout.edges.map((layerEdges, k) => (
            <EdgeCanvas
              key={k}
              className={cls(highlight.edgeLayers.has(k + 1))}
              edges={layerEdges}
              values={edges[k]}
              maxAbs={edgeMax}
              layoutWidth={layout.width}
              layoutHeight={layout.height}
              stamp={edges}
            />
          ))}
        <svg
          data-testid="network-diagram"
          data-mode={mode}
          data-edges={onCanvas ? 'canvas' : 'svg'}
          data-edge-count={edgeCount}
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          style={{ fontSize: fontPx }}
          ref={svg}
          role="group"
          aria-label={`Network ${sizes.join('-')}; ${modeWords} shown${elision.hidden > 0 ? `; the first ${elision.shown} of ${sizes[0]} inputs drawn` : ''}`}
          aria-describedby={HELP_ID}
          data-own-keys
          onKeyDown={onKeyDown}
          onPointerMove={onPointerMove}
          onPointerLeave={() => setHover(null)}
          onClick={() => {
            if (hover?.hit.kind === 'edge') onSelectEdge?.({ layer: hover.hit.layer, j: hover.hit.to, k: hover.hit.from });
          }}
        >
          {!onCanvas && layout.edges.map((layerEdges, k) => (
            <g key={k} className={`edges ${cls(highlight.edgeLayers.has(k + 1)) ?? ''}`} data-layer={k + 1}>
              <EdgeLines edges={layerEdges} values={edges[k]} maxAbs={edgeMax} widths={changes?.[k]} widthMax={changeMax} stamp={edges} />
            </g>
          ))}
          {hoveredEdge && <line className="edge-hover" x1={hoveredEdge.x1} y1={hoveredEdge.y1} x2={hoveredEdge.x2} y2={hoveredEdge.y2} />}
          {layout.nodes.map((column, k) => (
            <g key={k} className={`nodes ${cls(highlight.nodeLayers.has(k)) ?? ''}`} data-layer={k}>
              <NodeColumn
                nodes={k === 0 && elision.hidden > 0 ? column.slice(0, elision.shown) : column}
                radius={layout.radius}
                looks={looks[k]}
                fontPx={fontPx}
                tabStop={cursor.kind === 'node' && cursor.layer === k ? cursor.index : -1}
              />
            </g>
          ))}
          {layout.nodes.map((column, k) => (
            <text key={k} className="layer-caption" x={column[0]?.x ?? 0} y={Math.round(fontPx * 1.15)} textAnchor="middle">
              {captions[k]}
            </text>
          ))}
          {layout.nodes[0]?.map((n) =>
            n.index < elision.shown ? (
              <text key={n.index} className="node-label" x={n.x - labelOffset} y={n.y} dy="0.35em" textAnchor="end">
                <title>{featureNames[n.index] ?? `x${n.index + 1}`}</title>
                {inputLabels[n.index]}
              </text>
            ) : (
              <g key={n.index} className="input-marker" data-testid="diagram-input-marker">
                <text x={n.x} y={n.y} dy="0.35em" textAnchor="middle">⋮</text>
                <text className="node-label" x={n.x - labelOffset} y={n.y} dy="0.35em" textAnchor="end">{elision.marker}</text>
              </g>
            ),
          )}
          {layout.nodes[L]?.map((n) => (
            <text key={n.index} className="node-label" x={n.x + labelOffset} y={n.y} dy="0.35em">
              <title>{outputNames[n.index] ?? `ŷ${n.index + 1}`}</title>
              {outputLabels[n.index]}
            </text>
          ))}
          {focusedEdge && (
            <line
              className="edge-focus"
              x1={focusedEdge.x1}
              y1={focusedEdge.y1}
              x2={focusedEdge.x2}
              y2={focusedEdge.y2}
              tabIndex={0}
              role="button"
              aria-roledescription="weight"
              aria-label={cursorLabel}
              data-focus-key={focusKey}
            />
          )}
          {focusedBias && (
            <circle
              className="edge-focus bias"
              cx={focusedBias.x}
              cy={focusedBias.y}
              r={layout.radius + 8}
              tabIndex={0}
              role="button"
              aria-roledescription="bias"
              aria-label={cursorLabel}
              data-focus-key={focusKey}
            />
          )}
          {record && isRevealed(revealed, 'loss', L) && (
            <text className={`loss-readout ${highlight.loss ? 'lit' : ''}`} x={layout.width - 6} y={layout.height - 6} textAnchor="end">
              L = {Number.isFinite(record.loss) ? record.loss.toPrecision(4) : 'not finite'}
            </text>
          )}
        </svg>
        </div>
      </div>
      <p className="visually-hidden" id={HELP_ID}>
        Arrow keys: up and down move between the neurons of a layer, left and right between layers. Enter on a neuron goes
        through its incoming weights and bias with up and down; Enter picks one, Escape goes back to the neuron.
      </p>
      <Legend mode={mode} edgeMax={edgeMax} nodeMax={nodeMax} sample={sample} />
      {hover && (
        <DiagramTooltip
          hit={hover.hit}
          left={hover.left}
          top={hover.top}
          sizes={sizes}
          featureNames={featureNames}
          outputNames={outputNames}
          params={params}
          record={record}
          nodes={nodes}
          sample={sample}
          revealed={revealed}
        />
      )}
    </div>
  );
}
