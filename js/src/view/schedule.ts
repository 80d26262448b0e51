// When the view re-renders: bursts of model events (a trait update, then its ack) are
// coalesced into one render at the next animation frame.

/** Runs `fn` later; returns a cancel function. */
export type Scheduler = (fn: () => void) => () => void;

export const nextFrame: Scheduler = (fn) => {
  if (typeof requestAnimationFrame === "function") {
    const id = requestAnimationFrame(() => fn());
    return () => cancelAnimationFrame(id);
  }
  const id = setTimeout(fn, 0);
  return () => clearTimeout(id);
};

/** Runs at once; for tests and for hosts that batch updates themselves. */
export const immediately: Scheduler = (fn) => {
  fn();
  return () => {};
};
