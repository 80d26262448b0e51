// The one open editor of a view: opening it on a card, and turning its result into operations:
// one `edit` per changed field, each with the value seen when the editor opened; several
// changes go as one `batch`, so one commit is one step of undo.
import type { Card, EditOp, LaneKind, Presence, Scale } from "../model/types";
import type { Store } from "../store";
import type { CardView } from "./card";
import { createEditor, type EditResult, type Editor, FIELDS } from "./editor";
import { presenceByCard, presenceWarning } from "./presence";

export class EditSession {
  private editor: Editor | null = null;
  private view: CardView | null = null;
  /** The revision shown when the editor opened: the base of the edits it sends. */
  private base = 0;
  /** Whether the details section was open last time (kept for the next editor). */
  private details = false;
  /** The warning that others edit this card too, and whom it names. */
  private warning: HTMLElement | null = null;
  private warned = "";

  constructor(
    private store: Store,
    /** True while the view re-renders (focus moves then are not the user's). */
    private busy: () => boolean,
    /** Re-render now, after operations were proposed. */
    private flush: () => void,
  ) {}

  /** Id of the card being edited, if any. */
  get cardId(): string | null {
    return this.editor?.cardId ?? null;
  }

  open(view: CardView, card: Card, kind: LaneKind, scale: Scale, selectAll: boolean): void {
    if (this.editor?.cardId === card.id) return this.editor.textarea.focus();
    if (this.editor) this.finish(this.editor.read(), false);
    const editor = createEditor({
      card, kind, scale,
      details: this.details,
      busy: this.busy,
      commit: (r, byKey) => this.finish(r, byKey),
      cancel: () => this.close(true),
      toggled: (open) => {
        this.details = open;
      },
    });
    this.editor = editor;
    this.view = view;
    this.base = this.store.revision();
    view.el.classList.add("jw-editing");
    view.el.insertBefore(editor.el, view.el.querySelector(".jw-delete"));
    this.store.setEditing(card.id);
    this.showPresence(presenceByCard(this.store.presence()).get(card.id) ?? []);
    editor.textarea.focus();
    const end = editor.textarea.value.length;
    editor.textarea.setSelectionRange(selectAll ? 0 : end, end);
  }

  /** Close without sending anything; `refocus` puts focus back on the card. */
  close(refocus: boolean): void {
    const { editor, view } = this;
    if (!editor) return;
    this.editor = this.view = null;
    this.warning = null;
    this.warned = "";
    this.store.setEditing(null);
    editor.close();
    editor.el.remove();
    view?.el.classList.remove("jw-editing");
    if (refocus) view?.el.focus();
  }

  /** Warn (at the top of the editor) that these others edit the same card; none: no warning. */
  showPresence(people: readonly Presence[]): void {
    const ed = this.editor;
    const key = people.map((p) => `${p.name}\n${p.display_name}`).join("\n");
    if (!ed || key === this.warned) return;
    this.warning?.remove();
    this.warning = presenceWarning(people);
    this.warned = key;
    if (this.warning) ed.el.insertBefore(this.warning, ed.el.firstChild);
  }

  /** Close without sending; keep what the user typed visible in the error banner. */
  abandon(reason: string): void {
    const ed = this.editor;
    if (!ed) return;
    const r = ed.read();
    const scoreChanged = r.score !== undefined && r.score !== ed.oldScore;
    this.close(false);
    this.store.reportError(reason, r.text + (scoreChanged ? ` (score: ${r.score ?? "empty"})` : ""));
  }

  private finish(r: EditResult, byKey: boolean): void {
    const ed = this.editor;
    if (!ed) return;
    const id = ed.cardId;
    const ops: EditOp[] = [];
    const edit = (field: string, value: unknown, old: unknown) => ops.push({ kind: "edit", id, field, value, old });
    if (r.text !== ed.oldText) edit("text", r.text, ed.oldText);
    if (r.score !== undefined && r.score !== ed.oldScore) edit("score", r.score, ed.oldScore);
    for (const f of FIELDS) {
      const old = ed.old[f];
      // Compare as text: a severity of 4 read back from a select is the number 4 again.
      if ((old == null ? "" : String(old)) !== (r.fields[f] == null ? "" : String(r.fields[f]))) edit(f, r.fields[f], old);
    }
    // Send first, then close the editor (moving focus makes the browser lay the board out).
    if (ops.length === 1) this.store.propose(ops[0]!, this.base);
    else if (ops.length > 1) this.store.propose({ kind: "batch", ops }, this.base);
    this.close(byKey);
    this.flush();
  }
}
