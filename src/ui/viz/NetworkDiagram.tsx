import { useMemo, useRef, useState, type PointerEvent } from 'react';
import type { Matrix, StepRecord } from '../../nn';
import type { Equation } from '../../trace';
import { robustMaxAbs } from './colors';
import { EdgeLines, Legend, NodeColumn } from './DiagramParts';
import { CANVAS_EDGE_THRESHOLD, EdgeCanvas } from './EdgeCanvas';
import { DiagramTooltip } from './DiagramTooltip';
import { hitTest, type Hit } from './layout';
import { useBoxSize } from '../useBoxSize';
import { stageMinHeight, useDiagramLayout } from './useDiagramLayout';
import { clampSample, diagramMode, edgeValues, highlightOf, nodeValues, shownNodeValue } from './values';
import { isRevealed, REVEAL_ALL, revealedNodeValues, type Revealed } from './reveal';
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
}

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
export function NetworkDiagram({ sizes: sizesProp, featureNames, outputNames, params, record, equation, sampleIndex, revealed = REVEAL_ALL }: NetworkDiagramProps) {
  const sizesKey = sizesProp.join(',');
  // Keyed on the values, not the array's identity, so a parent's fresh array does not redo the layout.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const sizes = useMemo(() => sizesProp, [sizesKey]);
  const inputLabels = useMemo(() => Array.from({ length: sizes[0] ?? 0 }, (_, i) => cut(featureNames[i] ?? `x${i + 1}`)), [sizes, featureNames]);
  const outputLabels = useMemo(
    () => Array.from({ length: sizes[sizes.length - 1] ?? 0 }, (_, i) => cut(outputNames[i] ?? `ŷ${i + 1}`)),
    [sizes, outputNames],
  );
  const stage = useRef<HTMLDivElement>(null);
  const box = useBoxSize(stage);
  const { layout, fontPx, captions } = useDiagramLayout(sizes, inputLabels, outputLabels, box);
  const L = sizes.length - 1;
  const mode = diagramMode(equation);
  const sample = clampSample(record, sampleIndex);

  const edges = useMemo(() => edgeValues(sizes, params, record, mode, revealed), [sizes, params, record, mode, revealed]);
  const edgeMax = useMemo(() => robustMaxAbs(edges.filter((e): e is Float64Array => e !== null)), [edges]);
  const nodes = useMemo(
    () => nodeValues(sizes, record, sample).map((column, k) => column.map((v) => revealedNodeValues(v, k, revealed))),
    [sizes, record, sample, revealed],
  );
  const shown = useMemo(() => nodes.map((column) => column.map((v) => shownNodeValue(v, mode))), [nodes, mode]);
  const nodeMax = useMemo(
    () => robustMaxAbs(shown.map((c) => c.filter((v): v is number => v !== undefined)), 1),
    [shown],
  );
  const highlight = useMemo(() => highlightOf(equation?.touches), [equation]);

  const wrapper = useRef<HTMLDivElement>(null);
  const [hover, setHover] = useState<{ hit: NonNullable<Hit>; left: number; top: number } | null>(null);

  const onPointerMove = (e: PointerEvent<SVGSVGElement>) => {
    const ctm = e.currentTarget.getScreenCTM();
    const frame = wrapper.current?.getBoundingClientRect();
    if (!ctm || !frame) return;
    const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(ctm.inverse());
    const hit = hitTest(layout, p.x, p.y, 4 / Math.max(ctm.a, 1e-6));
    setHover(hit ? { hit, left: e.clientX - frame.left, top: e.clientY - frame.top } : null);
  };

  const edgeCount = layout.edges.reduce((n, e) => n + e.length, 0);
  const onCanvas = edgeCount > CANVAS_EDGE_THRESHOLD;
  const cls = (lit: boolean) => (highlight.active ? (lit ? 'lit' : 'dim') : undefined);
  const hoveredEdge = hover?.hit.kind === 'edge' ? layout.edges[hover.hit.layer - 1][hover.hit.to * sizes[hover.hit.layer - 1] + hover.hit.from] : null;

  return (
    <div className="network-diagram" ref={wrapper}>
      {/* Its height comes from CSS (the frame's --diagram-height); the layout follows the measured box. */}
      <div className="diagram-stage" ref={stage} style={{ minHeight: stageMinHeight(sizes) }}>
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
              stamp={record}
            />
          ))}
        <svg
          data-testid="network-diagram"
          data-mode={mode}
          data-edges={onCanvas ? 'canvas' : 'svg'}
          data-edge-count={edgeCount}
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          style={{ fontSize: fontPx }}
          role="img"
          aria-label={`Network ${sizes.join('-')}; ${mode === 'forward' ? 'weights and activations' : 'gradients'} shown`}
          onPointerMove={onPointerMove}
          onPointerLeave={() => setHover(null)}
        >
          {!onCanvas && layout.edges.map((layerEdges, k) => (
            <g key={k} className={`edges ${cls(highlight.edgeLayers.has(k + 1)) ?? ''}`} data-layer={k + 1}>
              <EdgeLines edges={layerEdges} values={edges[k]} maxAbs={edgeMax} stamp={record} />
            </g>
          ))}
          {hoveredEdge && <line className="edge-hover" x1={hoveredEdge.x1} y1={hoveredEdge.y1} x2={hoveredEdge.x2} y2={hoveredEdge.y2} />}
          {layout.nodes.map((column, k) => (
            <g key={k} className={`nodes ${cls(highlight.nodeLayers.has(k)) ?? ''}`} data-layer={k}>
              <NodeColumn nodes={column} radius={layout.radius} values={shown[k]} maxAbs={nodeMax} fontPx={fontPx} />
            </g>
          ))}
          {layout.nodes.map((column, k) => (
            <text key={k} className="layer-caption" x={column[0]?.x ?? 0} y={Math.round(fontPx * 1.15)} textAnchor="middle">
              {captions[k]}
            </text>
          ))}
          {layout.nodes[0]?.map((n) => (
            <text key={n.index} className="node-label" x={n.x - layout.radius - 6} y={n.y} dy="0.35em" textAnchor="end">
              <title>{featureNames[n.index] ?? `x${n.index + 1}`}</title>
              {inputLabels[n.index]}
            </text>
          ))}
          {layout.nodes[L]?.map((n) => (
            <text key={n.index} className="node-label" x={n.x + layout.radius + 6} y={n.y} dy="0.35em">
              <title>{outputNames[n.index] ?? `ŷ${n.index + 1}`}</title>
              {outputLabels[n.index]}
            </text>
          ))}
          {record && isRevealed(revealed, 'loss', L) && (
            <text className={`loss-readout ${highlight.loss ? 'lit' : ''}`} x={layout.width - 6} y={layout.height - 6} textAnchor="end">
              L = {Number.isFinite(record.loss) ? record.loss.toPrecision(4) : 'not finite'}
            </text>
          )}
        </svg>
      </div>
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
