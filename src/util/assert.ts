// Invariant checks. A failed assert is a bug in Shale, never an operating error: nothing catches
// AssertionError to carry on (STYLE.md §5). Costly checks run only when invariants are enabled.

/** Thrown when an internal invariant is broken. */
export class AssertionError extends Error {
  override name = "AssertionError";
}

/** Throws AssertionError when `condition` is false. One condition per call. */
export function assert(condition: boolean, message = "assertion failed"): asserts condition {
  if (!condition) throw new AssertionError(message);
}

let invariantsOn = false;

/** Turns costly invariant checks on or off (the test preload turns them on). */
export function setInvariants(on: boolean): void {
  invariantsOn = on;
}

/** Whether costly invariant checks should run. */
export function invariantsEnabled(): boolean {
  return invariantsOn;
}
