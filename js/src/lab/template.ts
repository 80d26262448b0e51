// The map a new file starts from: Python's "b2c" workshop template (five stages, six lanes with
// guiding prompts, no cards), written the way `JourneyMap.save` writes it.
import b2c from "../../../src/journey_widget/templates/b2c.journey.json";
import { readJourneyDoc } from "../model/docread";
import { writeJourneyDoc } from "../model/journeyfile";

export function newMapText(): string {
  return writeJourneyDoc(readJourneyDoc(b2c));
}
