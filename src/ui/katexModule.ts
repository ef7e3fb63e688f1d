/**
 * KaTeX and its stylesheet, imported only through katexLoader's dynamic import(), so that both are a
 * chunk of their own and not part of the initial bundle (in the single file they are inlined).
 */
import katex from 'katex';
import 'katex/dist/katex.min.css';

/** KaTeX's renderer (renderToString: LaTeX source → HTML with MathML). */
export { katex };
