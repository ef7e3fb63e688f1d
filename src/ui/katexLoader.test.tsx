import katex from 'katex';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createKatexLoader, katexLoader, useKatexLoaded, type KatexLoader, type KatexRenderer } from './katexLoader';
import { Katex, pendingReading } from './Katex';

/** A loader whose import resolves (or fails) only when the test says so. */
function controlledLoader() {
  let resolve: (k: KatexRenderer) => void = () => {};
  let reject: (e: Error) => void = () => {};
  let imports = 0;
  const loader = createKatexLoader(() => {
    imports++;
    return new Promise<KatexRenderer>((res, rej) => {
      resolve = res;
      reject = rej;
    });
  });
  return { loader, resolve: (k: KatexRenderer) => resolve(k), reject: (e: Error) => reject(e), imports: () => imports };
}

function Probe({ loader }: { loader: KatexLoader }) {
  return createElement('span', null, useKatexLoaded(loader) ? 'typeset' : 'plain');
}

describe('createKatexLoader', () => {
  it('imports once however many ask, and tells subscribers when KaTeX arrives', async () => {
    const c = controlledLoader();
    const told: string[] = [];
    const unsubscribe = c.loader.subscribe(() => told.push('a'));
    c.loader.subscribe(() => told.push('b'));
    expect(c.loader.current()).toBeNull();
    const first = c.loader.load();
    const second = c.loader.load();
    expect(c.imports()).toBe(1);
    expect(told).toEqual([]);
    c.resolve(katex);
    await expect(first).resolves.toBe(katex);
    await expect(second).resolves.toBe(katex);
    expect(told).toEqual(['a', 'b']);
    expect(c.loader.current()).toBe(katex);
    unsubscribe();
    await c.loader.load();
    expect(c.imports()).toBe(1);
  });

  it('forgets a failed import so that the next load tries again', async () => {
    const c = controlledLoader();
    const failed = c.loader.load();
    c.reject(new Error('chunk fetch interrupted'));
    await expect(failed).rejects.toThrow('chunk fetch interrupted');
    expect(c.loader.current()).toBeNull();
    const again = c.loader.load();
    expect(c.imports()).toBe(2);
    c.resolve(katex);
    await expect(again).resolves.toBe(katex);
  });
});

describe('useKatexLoaded (server render)', () => {
  it('is false before KaTeX has loaded and true after', async () => {
    const c = controlledLoader();
    expect(renderToString(<Probe loader={c.loader} />)).toBe('<span>plain</span>');
    const loading = c.loader.load();
    expect(renderToString(<Probe loader={c.loader} />)).toBe('<span>plain</span>');
    c.resolve(katex);
    await loading;
    expect(renderToString(<Probe loader={c.loader} />)).toBe('<span>typeset</span>');
  });
});

describe('Katex before and after KaTeX has loaded', () => {
  // The app's own loader: this file is the first to load it (vitest isolates test files).
  it('shows the plain reading, as text a screen reader reads, then KaTeX with its MathML', async () => {
    expect(katexLoader.current()).toBeNull();
    const src = 'Z^{[2]} = W^{[2]} A^{[1]} + b^{[2]}';
    const before = renderToString(<Katex src={src} />);
    expect(before).toContain('class="katex-pending"');
    expect(before).toContain('>Z[2] = W[2] A[1] + b[2]</span>');
    expect(before).not.toContain('class="katex"');
    // The trace's own reading wins over the one made from the source.
    expect(renderToString(<Katex src={src} text="Z[2] equals W[2] A[1] plus b[2]" />)).toContain('>Z[2] equals W[2] A[1] plus b[2]</span>');
    await katexLoader.load();
    const after = renderToString(<Katex src={src} />);
    expect(after).toContain('class="katex"');
    expect(after).toContain('<math');
    expect(after).not.toContain('katex-pending');
  });

  it('reads a matrix as rows in brackets', () => {
    expect(pendingReading(String.raw`A = \begin{bmatrix} 1 & -2 \\ \vdots & \ddots \\ 3 & 4 \end{bmatrix}`)).toBe('A = [ 1 -2; … …; 3 4 ]');
  });
});
