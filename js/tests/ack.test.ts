// The answer to this view's own edit, in Python's order (ack first, then the traits): the
// card loses its pending mark at once, without waiting for a render, and keeps the edited text.
import { afterEach, describe, expect, it } from "vitest";
import { applyToState } from "../src/apply";
import type { Scheduler } from "../src/view/schedule";
import { card } from "./fake";
import { key, mount, openWithEnter } from "./helpers";

afterEach(() => {
  document.body.textContent = "";
});

/** A scheduler that runs nothing until the test says so (like frames that have not come yet). */
function manual() {
  const queue: Array<() => void> = [];
  const schedule: Scheduler = (fn) => {
    queue.push(fn);
    return () => queue.splice(queue.indexOf(fn), 1);
  };
  return { schedule, run: () => queue.splice(0).forEach((fn) => fn()), queue };
}

describe("acknowledgement", () => {
  it("clears the pending mark of an edited card at once; the state follows", () => {
    const frames = manual();
    const { model, cardEl, editor } = mount([card("a", { text: "Search" }), card("b")], undefined, false, { schedule: frames.schedule });
    openWithEnter(cardEl("a"));
    editor()!.value = "Search again";
    key(editor()!, "Enter");
    const sent = model.last();
    expect(cardEl("a").hasAttribute("data-jw-pending")).toBe(true);
    expect(cardEl("a").getAttribute("aria-busy")).toBe("true");

    model.reply({ type: "ack", op_id: sent.op_id, revision: model.revision + 1 });
    expect(cardEl("a").hasAttribute("data-jw-pending")).toBe(false);
    expect(cardEl("a").hasAttribute("aria-busy")).toBe(false);
    expect(cardEl("a").textContent).toContain("Search again");
    expect(cardEl("b").hasAttribute("data-jw-pending")).toBe(false);

    frames.run(); // the frame before the state arrives still draws the edit (still applied on top)
    expect(cardEl("a").textContent).toContain("Search again");
    expect(cardEl("a").hasAttribute("data-jw-pending")).toBe(false);
    model.update(applyToState({ structure: model.structure, cards: model.cards }, sent.op));
    frames.run();
    expect(cardEl("a").textContent).toContain("Search again");
    expect(cardEl("a").hasAttribute("data-jw-pending")).toBe(false);
  });

  it("a rejection rolls the card back at once, with the reason shown", () => {
    const frames = manual();
    const { model, root, cardEl, editor } = mount([card("a", { text: "Search" })], undefined, false, { schedule: frames.schedule });
    openWithEnter(cardEl("a"));
    editor()!.value = "Search again";
    key(editor()!, "Enter");
    model.reject(model.last(), "the card is locked");
    expect(cardEl("a").textContent).toContain("Search");
    expect(cardEl("a").textContent).not.toContain("again");
    expect(cardEl("a").hasAttribute("data-jw-pending")).toBe(false);
    expect(root.querySelector(".jw-banner")!.textContent).toContain("the card is locked");
  });
});
