/** Timing helpers shared by the engine benchmark's two runners. */

/** Wall-clock and CPU time (this process, user + system) of one call, in ms. */
export function timed(run: () => void): { wall: number; cpu: number } {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  run();
  const wall = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

/** One engine set up for a case: trains one epoch per call, and reports the loss on the whole set. */
export interface Runner {
  epoch(): { wall: number; cpu: number };
  loss(): number;
  dispose(): void;
}

