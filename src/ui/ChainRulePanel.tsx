import { memo, useEffect, useRef, type KeyboardEvent } from 'react';
import { formatPlain } from '../trace';
import type { ChainRuleExplanation, SumItem } from '../trace/chainRule';
import { Katex } from './Katex';
import './chainRule.css';

export interface ChainRulePanelProps {
  /** explainWeight(record, target, { featureNames }) for the selected edge or bias. */
  explanation: ChainRuleExplanation;
  /** Closes the panel (the Close button and Escape). */
  onClose: () => void;
}

const optimizerWords = { sgd: 'Gradient descent', momentum: 'Momentum (β = 0.9)', adam: 'Adam (β₁ = 0.9, β₂ = 0.999, ε = 10⁻⁸)' } as const;

/**
 * The chain rule of one weight, in three parts: the batch sum that makes its dW entry (the followed
 * sample's term highlighted), the followed sample's δ as a sum over paths back to the loss, and the
 * optimiser's update. Renders only from `explanation`; focus moves to Close when it opens, Escape closes.
 */
export const ChainRulePanel = memo(function ChainRulePanel({ explanation, onClose }: ChainRulePanelProps) {
  const { target, label, symbolTex, sum, delta, update } = explanation;
  const close = useRef<HTMLButtonElement>(null);
  const key = `${target.layer}:${target.neuron}:${target.source}:${target.sample}`;
  useEffect(() => close.current?.focus(), [key]);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      onClose();
    }
  };
  const isBias = target.source === 'bias';
  const shownSum = delta.paths.length;
  return (
    <section className="panel chain-rule" data-testid="chain-rule" aria-labelledby="chain-rule-title" onKeyDown={onKeyDown} data-layer={target.layer}
      data-neuron={target.neuron} data-source={String(target.source)} data-sample={target.sample}>
      <header className="chain-rule-head">
        <h2 id="chain-rule-title">Chain rule of {label}</h2>
        <button type="button" ref={close} className="small" onClick={onClose} data-testid="chain-rule-close">Close</button>
      </header>
      <p className="chain-rule-symbol"><Katex src={symbolTex} /> · sample {target.sample + 1} followed</p>

      <h3>1. Its gradient: the average over the batch</h3>
      <Katex src={sum.symbolicTex} display className="chain-rule-tex" />
      <table className="chain-rule-terms" data-testid="chain-rule-terms">
        <thead>
          <tr><th scope="col">sample i</th><th scope="col">δ(i)</th>{!isBias && <th scope="col">a(i)</th>}<th scope="col">{isBias ? 'term' : 'δ·a'}</th></tr>
        </thead>
        <tbody>{sum.items.map((item) => <TermRow key={item.kind === 'term' ? item.term.sample : `more-${item.count}-${item.sum}`} item={item} isBias={isBias} />)}</tbody>
      </table>
      <Katex src={sum.numericTex} className="chain-rule-tex wraps" />
      <p className="chain-rule-result" data-testid="chain-rule-sum" data-value={sum.recorded}>
        = {isBias ? 'db' : 'dW'}[{target.layer}] entry ({target.neuron + 1}{isBias ? '' : `, ${Number(target.source) + 1}`}) = <strong>{formatPlain(sum.recorded)}</strong>
        {sum.l2 && <span className="muted"> (includes the L2 term (λ/m)·w = {formatPlain(sum.l2.value)})</span>}
      </p>

      <h3>2. δ of sample {target.sample + 1}, back to the loss</h3>
      <p className="chain-rule-note">{delta.note}</p>
      <p className="muted" data-testid="chain-rule-path-count" data-count={delta.pathCount}>
        {delta.pathCount === 1 ? 'One path.' : `${delta.pathCount.toLocaleString('en')} paths, largest first`}
        {delta.rest ? `: the ${shownSum} largest are shown, the other ${delta.rest.count.toLocaleString('en')} are one term.` : delta.pathCount === 1 ? '' : '.'}
      </p>
      <ol className="chain-rule-paths" data-testid="chain-rule-paths">
        {delta.paths.map((path, k) => (
          <li key={k} data-product={path.product}><Katex src={path.tex} /></li>
        ))}
        {delta.rest && (
          <li className="chain-rule-rest" data-product={delta.rest.value}>
            other {delta.rest.count.toLocaleString('en')} paths together: {formatPlain(delta.rest.value)}
          </li>
        )}
      </ol>
      <Katex src={delta.tex} className="chain-rule-tex wraps" />
      <p className="chain-rule-result" data-testid="chain-rule-delta" data-value={delta.recorded}>
        = dZ[{delta.layer}] entry ({delta.neuron + 1}, sample {delta.sample + 1}) = <strong>{formatPlain(delta.recorded)}</strong>
      </p>

      <h3>3. The update: {optimizerWords[update.optimizer]}, η = {formatPlain(update.eta)}</h3>
      {update.lines.map((line, k) => <Katex key={k} src={line} className="chain-rule-tex wraps" />)}
      <p className="chain-rule-result" data-testid="chain-rule-update" data-value={update.recorded}>
        new {isBias ? 'b' : 'w'} = <strong>{formatPlain(update.recorded)}</strong> (was {formatPlain(update.before)})
      </p>
    </section>
  );
});

function TermRow({ item, isBias }: { item: SumItem; isBias: boolean }) {
  if (item.kind === 'more') {
    return (
      <tr className="chain-rule-more">
        <td colSpan={isBias ? 2 : 3}>… {item.count} more samples</td>
        <td>{formatPlain(item.sum)} <span className="muted">(their sum)</span></td>
      </tr>
    );
  }
  const { term } = item;
  return (
    <tr className={term.followed ? 'followed' : undefined} data-testid={term.followed ? 'chain-rule-followed' : undefined} aria-current={term.followed ? 'true' : undefined}>
      <th scope="row">{term.sample + 1}{term.followed && <span className="followed-tag"> followed</span>}</th>
      <td>{formatPlain(term.delta)}</td>
      {!isBias && <td>{formatPlain(term.a)}</td>}
      <td>{formatPlain(term.product)}</td>
    </tr>
  );
}
