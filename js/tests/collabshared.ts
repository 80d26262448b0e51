// Helpers of the collaboration tests: shared documents started from the example map, and
// replicas that exchange their updates the way a server relays them.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import * as Y from "yjs";
import { readDocument, writeDocument, type FileDoc } from "../src/collab/yshape";
import { parseJourneyText } from "../src/model/docread";
import { journeyDocValue } from "../src/model/journeyfile";

export const TEXT = readFileSync(resolve(process.cwd(), "../examples/checkout.journey.json"), "utf8");

/** The example map as the file's JSON object. */
export function exampleValue(): FileDoc {
  return journeyDocValue(parseJourneyText(TEXT));
}

/** Send each document the other's missing updates (both ways). */
export function sync(...docs: Y.Doc[]): void {
  for (const from of docs) {
    for (const to of docs) {
      if (from === to) continue;
      Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), "remote");
    }
  }
}

/** Two replicas of one shared document holding the example map. */
export function twoReplicas(): [Y.Doc, Y.Doc] {
  const a = new Y.Doc();
  const b = new Y.Doc();
  writeDocument(a, exampleValue(), "load");
  sync(a, b);
  return [a, b];
}

export type Card = Record<string, unknown>;

export function cardsOf(doc: Y.Doc): Card[] {
  return readDocument(doc).cards as Card[];
}

export function cardOf(doc: Y.Doc, id: string): Card {
  const card = cardsOf(doc).find((c) => c.id === id);
  if (!card) throw new Error(`no card ${id}`);
  return card;
}

/** A copy of the document read from `ydoc`, changed by `edit`, to write back. */
export function edited(ydoc: Y.Doc, edit: (doc: FileDoc & { cards: Card[] }) => void): FileDoc {
  const doc = structuredClone(readDocument(ydoc)) as FileDoc & { cards: Card[] };
  edit(doc);
  return doc;
}
