import { describe, it } from 'vitest';
import { occupancyAvailable, occupancyMissingMessage, occupancyRequired, OCCUPANCY_FILES, type OccupancyFile } from './occupancyFiles';

export * from './occupancyFiles';

/**
 * Vitest wrappers for tests that need the real Occupancy files.
 * Files present → the block runs. Absent → a console.warn and a visible skip
 * (the skipped test's name carries the reason). Absent with `REQUIRE_OCCUPANCY=1` → a failing test.
 */

const ALL = Object.keys(OCCUPANCY_FILES) as OccupancyFile[];

/** `describe` that runs only when the files are present (see above). */
export function describeOccupancy(name: string, body: () => void, files: readonly OccupancyFile[] = ALL): void {
  if (occupancyAvailable(files)) {
    describe(name, body);
    return;
  }
  const message = occupancyMissingMessage(files);
  if (occupancyRequired()) {
    describe(name, () => {
      it('needs the Occupancy files (REQUIRE_OCCUPANCY=1)', () => {
        throw new Error(message);
      });
    });
    return;
  }
  console.warn(`[skipped] ${name}: ${message}`);
  describe.skip(`${name} — skipped: ${message}`, body);
}

/** `it` that runs only when the files are present (see above). */
export function itOccupancy(name: string, body: () => void | Promise<void>, timeout?: number, files: readonly OccupancyFile[] = ALL): void {
  if (occupancyAvailable(files)) {
    it(name, body, timeout);
    return;
  }
  const message = occupancyMissingMessage(files);
  if (occupancyRequired()) {
    it(`${name} (needs the Occupancy files, REQUIRE_OCCUPANCY=1)`, () => {
      throw new Error(message);
    });
    return;
  }
  console.warn(`[skipped] ${name}: ${message}`);
  it.skip(`${name} — skipped: ${message}`, body);
}
