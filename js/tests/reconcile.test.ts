import { describe, expect, it } from "vitest";
import { reconcile } from "../src/view/reconcile";

function list(...ids: string[]) {
  const parent = document.createElement("div");
  const els = new Map<string, HTMLElement>();
  for (const id of ids) {
    const el = document.createElement("div");
    el.id = id;
    els.set(id, el);
    parent.appendChild(el);
  }
  return { parent, els, order: () => Array.from(parent.children).map((e) => e.id) };
}

describe("reconcile", () => {
  it("orders, inserts and removes children", () => {
    const { parent, els, order } = list("a", "b", "c");
    const d = document.createElement("div");
    d.id = "d";
    reconcile(parent, [els.get("c")!, d, els.get("a")!], null);
    expect(order()).toEqual(["c", "d", "a"]);
    expect(els.get("b")!.isConnected).toBe(false);
  });

  it("never detaches the pinned element: its neighbours move around it", () => {
    const { parent, els, order } = list("a", "b", "p", "c");
    const pinned = els.get("p")!;
    const moved: Node[] = [];
    const obs = new MutationObserver((recs) => recs.forEach((r) => moved.push(...Array.from(r.removedNodes))));
    obs.observe(parent, { childList: true });
    for (const target of [["p", "a", "b", "c"], ["c", "b", "a", "p"], ["b", "p", "c", "a"]]) {
      reconcile(parent, target.map((id) => els.get(id)!), pinned);
      expect(order()).toEqual(target);
    }
    obs.takeRecords().forEach((r) => moved.push(...Array.from(r.removedNodes)));
    obs.disconnect();
    expect(moved.length).toBeGreaterThan(0);
    expect(moved).not.toContain(pinned);
  });
});
