import { EQUATIONS_ID } from './EquationPanel';
import { TRANSPORT_ID } from './Transport';

/**
 * "Skip to the transport" and "Skip to the equations": the first things Tab reaches, visible only
 * when focused. Render once, as the first child of the app. Each target takes focus (tabIndex −1), so
 * the next Tab goes on from there.
 */
export function SkipLinks() {
  const go = (id: string) => (event: { preventDefault(): void }) => {
    const target = document.getElementById(id);
    if (!target) return;
    event.preventDefault();
    target.scrollIntoView({ block: 'nearest' });
    target.focus({ preventScroll: true });
  };
  return (
    <nav className="skip-links" aria-label="Skip links">
      <a href={`#${TRANSPORT_ID}`} onClick={go(TRANSPORT_ID)} data-testid="skip-transport">Skip to the transport</a>
      <a href={`#${EQUATIONS_ID}`} onClick={go(EQUATIONS_ID)} data-testid="skip-equations">Skip to the equations</a>
    </nav>
  );
}
