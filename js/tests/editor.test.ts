import { afterEach, describe, expect, it } from "vitest";
import { createEditor, type EditResult } from "../src/view/editor";
import { card } from "./fake";
import { key } from "./helpers";

const NO_FIELDS = { channel: null, confidence: null, severity: null, owner: null, evidence: null };

afterEach(() => {
  document.body.textContent = "";
});

function open(busy = false, kind: "text" | "metric" = "text") {
  const calls: Array<["commit", EditResult, boolean] | ["cancel"]> = [];
  const ed = createEditor({
    card: card("a", { text: "hello", score: 0.5 }), kind, scale: { min: -2, max: 2, step: 1 },
    busy: () => busy,
    commit: (r, byKey) => calls.push(["commit", r, byKey]),
    cancel: () => calls.push(["cancel"]),
  });
  document.body.appendChild(ed.el);
  ed.textarea.focus();
  return { ed, calls };
}

describe("editor", () => {
  it("keeps every keydown, Shift+Enter included, from reaching the host page", () => {
    const { ed, calls } = open();
    const seen: string[] = [];
    document.body.addEventListener("keydown", (e) => seen.push(e.key));
    for (const k of ["a", "Delete"]) {
      ed.textarea.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true }));
    }
    ed.textarea.dispatchEvent(
      new KeyboardEvent("keydown", { key: "Enter", shiftKey: true, bubbles: true }));
    expect(seen).toEqual([]);
    expect(calls).toEqual([]);
  });

  it("focus leaving while the view re-renders is not the user leaving", () => {
    const { ed, calls } = open(true);
    ed.textarea.dispatchEvent(new FocusEvent("focusout", { bubbles: true, relatedTarget: null }));
    expect(calls).toEqual([]);
  });

  it("does not commit when the window, not the editor, lost focus", () => {
    const { ed, calls } = open();
    // The element keeps being the document's active element when another window takes focus.
    ed.textarea.dispatchEvent(new FocusEvent("focusout", { bubbles: true, relatedTarget: null }));
    expect(calls).toEqual([]);
    const other = document.createElement("button");
    document.body.appendChild(other);
    other.focus();
    expect(calls).toEqual([["commit", { text: "hello", score: undefined, fields: NO_FIELDS }, false]]);
  });

  it("ignores Enter while an input method is composing, and commits or cancels only once", () => {
    const { ed, calls } = open();
    key(ed.textarea, "Enter", { isComposing: true });
    expect(calls).toEqual([]);
    key(ed.textarea, "Escape");
    key(ed.textarea, "Enter");
    expect(calls).toEqual([["cancel"]]);
  });

  it("metric lanes get a free numeric value input", () => {
    const { ed, calls } = open(false, "metric");
    expect(ed.scoreInput!.step).toBe("any");
    expect(ed.scoreInput!.value).toBe("0.5");
    ed.scoreInput!.value = "42.25";
    key(ed.scoreInput!, "Enter");
    expect(calls).toEqual([["commit", { text: "hello", score: 42.25, fields: NO_FIELDS }, true]]);
  });
});
