import { expect, it } from 'vitest';
import { describeOccupancy, itOccupancy, occupancyDir, occupancyPath, readOccupancy, REPO_ROOT } from './occupancy';

it('resolves $OCCUPANCY_DIR else ../shared/data/occupancy beside the repository', () => {
  const saved = process.env.OCCUPANCY_DIR;
  try {
    delete process.env.OCCUPANCY_DIR;
    expect(occupancyDir()).toMatch(/shared[\\/]data[\\/]occupancy$/);
    expect(occupancyPath('datatest.txt').startsWith(occupancyDir())).toBe(true);
    process.env.OCCUPANCY_DIR = '/somewhere/else';
    expect(occupancyDir()).toBe('/somewhere/else');
    process.env.OCCUPANCY_DIR = 'relative/dir';
    expect(occupancyDir()).toBe(`${REPO_ROOT}/relative/dir`);
  } finally {
    if (saved === undefined) delete process.env.OCCUPANCY_DIR;
    else process.env.OCCUPANCY_DIR = saved;
  }
});

describeOccupancy('Occupancy files through the helper', () => {
  itOccupancy('reads the header of datatraining.txt', () => {
    expect(readOccupancy('datatraining.txt').slice(0, 7)).toBe('"date",');
  });
});
