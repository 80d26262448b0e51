// A shared `.journey.json` document (real-time collaboration) bound to a SharedMapModel: the
// counterpart of binding.ts for a document whose model is a JourneyDocModel. One map model per
// context, shared by every view of it ("New View"). An empty file starts from the template; a
// file the server could not load leaves the shared map empty, and the view says so.
import { SharedMapModel } from "../collab/shared";
import { YJourney } from "../collab/ydoc";
import { writeDocument } from "../collab/yshape";
import { parseJourneyText } from "../model/docread";
import { journeyDocValue } from "../model/journeyfile";
import { newMapText } from "./template";

/** The parts of a JupyterLab document context the binding uses. */
export interface SharedContext {
  readonly model: { readonly sharedModel: unknown };
  readonly contentsModel: { readonly size?: number } | null;
  readonly disposed: { connect(fn: () => void): boolean };
}

const bindings = new WeakMap<SharedContext, SharedMapModel>();

/** The shared journey of a context whose model is shared (null: a text model, use bindContext). */
export function sharedJourney(context: SharedContext): YJourney | null {
  const shared = context.model.sharedModel;
  return shared instanceof YJourney ? shared : null;
}

/** Why the map is not shown although the server had time to send it (null: it is shown). */
export function notLoaded(model: SharedMapModel): string | null {
  return model.isLoaded() ? null : "the server did not load this file as a journey map (its log says why)";
}

/**
 * The map model of a shared document context (call after `context.ready`, when the shared
 * document has arrived from the server).
 */
export function bindShared(context: SharedContext, journey: YJourney): SharedMapModel {
  const known = bindings.get(context);
  if (known) return known;
  if (journey.isEmpty && context.contentsModel?.size === 0) {
    // An empty file (a new file renamed to .journey.json): the template, nobody's edit to undo.
    writeDocument(journey.ydoc, journeyDocValue(parseJourneyText(newMapText())), "template");
  }
  const model = new SharedMapModel(journey);
  bindings.set(context, model);
  context.disposed.connect(() => model.dispose());
  return model;
}
