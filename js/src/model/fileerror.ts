// The errors of reading a `.journey.json` document and of applying an operation to it, with
// Python's wording (src/journey_widget/io/errors.py, model/errors.py).

/** A document or an operation Python would refuse; the message says what and where. */
export class JourneyFileError extends Error {
  override name = "JourneyFileError";
}

/**
 * A malformed document, as Python's `JourneyFormatError` without a file: the message is
 * `<JSON path>: <problem>` (`cards[3].stage: 'Pay' is not one of the map's stages [...]`).
 */
export class JourneyFormatError extends JourneyFileError {
  override name = "JourneyFormatError";

  constructor(readonly problem: string, readonly path = "$") {
    super(path ? `${path}: ${problem}` : problem);
  }
}

/** Refuse the document: the problem found at a JSON path. */
export function fail(path: string, problem: string): never {
  throw new JourneyFormatError(problem, path);
}
