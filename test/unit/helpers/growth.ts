// How work grows with input size, measured as a time ratio within one run (never an absolute time): `run(n)` is
// timed at n and at 4n, each repeated enough times that the n run takes a measurable while, best of three. Linear
// work grows about 4×, quadratic work 16× (a cubic backtrack 64×).

/** Milliseconds for `reps` calls of `fn`. */
function timed(fn: () => void, reps: number): number {
  const t = performance.now();
  for (let i = 0; i < reps; i++) fn();
  return performance.now() - t;
}

function best(fn: () => void, reps: number): number {
  return Math.min(timed(fn, reps), timed(fn, reps), timed(fn, reps));
}

/** The ratio of the time at 4n to the time at n. `setup(n)` builds the input and returns the work to time. */
export function growth(setup: (n: number) => () => void, n: number): number {
  const small = setup(n);
  const large = setup(4 * n);
  small(); // warm up (lazy tables, JIT)
  let reps = 1;
  while (timed(small, reps) < 8 && reps < 4096) reps *= 2;
  return best(large, reps) / best(small, reps);
}

/** Growth at or below this is linear (with room for noise and n log n); quadratic work measures about 16. */
export const LINEAR = 8;
