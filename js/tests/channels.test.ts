import { afterEach, describe, expect, it } from "vitest";
import { channelOrder } from "../src/view/channels";
import { card, makeStructure } from "./fake";
import { click, key, mount } from "./helpers";

afterEach(() => {
  document.body.textContent = "";
});

const EVIL = '<img src=x onerror="alert(1)">';
const st = makeStructure({ stages: [{ name: "Browse", steps: [], description: "" }, { name: "Pay", steps: [], description: "" }] });
const cards = () => [
  card("a", { step: null, channel: "Web" }),
  card("b", { step: null, channel: EVIL }),
  card("c", { step: null }),
  card("d", { step: null, channel: " Web " }),
  card("e", { step: null, stage: "Pay", channel: "Email" }),
];

/** A cell's groups as [heading text, card ids] in DOM order. */
function groups(list: Element): Array<[string, string[]]> {
  const out: Array<[string, string[]]> = [];
  for (const el of Array.from(list.children)) {
    if (el.hasAttribute("data-jw-channel-group")) out.push([el.textContent ?? "", []]);
    else if (el.hasAttribute("data-jw-card")) out[out.length - 1]![1].push(el.getAttribute("data-jw-card")!);
  }
  return out;
}

describe("grouping cards by channel", () => {
  it("orders channels as m.channel_matrix() does", () => {
    expect(channelOrder(cards())).toEqual(["Web", EVIL, "Email", "(none)"]);
    expect(channelOrder([card("x")])).toEqual(["(none)"]);
  });

  it("toggles with an aria-pressed button, groups as text, and ungroups", () => {
    const { q, root } = mount(cards(), st);
    const btn = q("button[data-jw-group-channels]")!;
    expect(btn.getAttribute("aria-pressed")).toBe("false");
    const list = () => q('[data-jw-cell][data-stage="Browse"][data-lane="Actions"] .jw-cards')!;
    expect(list().querySelector("[data-jw-channel-group]")).toBeNull();
    click(btn);
    expect(btn.getAttribute("aria-pressed")).toBe("true");
    expect(q("[data-jw-status]")!.textContent).toBe("Cards grouped by channel");
    expect(groups(list())).toEqual([["Web", ["a", "d"]], [EVIL, ["b"]], ["No channel", ["c"]]]);
    expect(list().querySelector(`[data-jw-channel-group="${"(none)"}"]`)).not.toBeNull();
    expect(root.querySelector("img")).toBeNull();
    click(btn);
    expect(list().querySelector("[data-jw-channel-group]")).toBeNull();
    expect(Array.from(list().children).map((e) => e.getAttribute("data-jw-card"))).toEqual(["a", "b", "c", "d"]);
  });

  it("follows a channel edited elsewhere (Python)", () => {
    const { q, model } = mount(cards(), st);
    click(q("button[data-jw-group-channels]"));
    model.update({ cards: model.cards.map((c) => (c.id === "c" ? { ...c, channel: "Email" } : c)) });
    const list = q('[data-jw-cell][data-stage="Browse"][data-lane="Actions"] .jw-cards')!;
    expect(groups(list)).toEqual([["Web", ["a", "d"]], [EVIL, ["b"]], ["Email", ["c"]]]);
  });

  it("moves a card by the data's order while grouped", () => {
    const { q, model, cardEl } = mount(cards(), st);
    click(q("button[data-jw-group-channels]"));
    // Shown: Web a, d | EVIL b | none c. Alt+Up on d puts it before a (data index 0).
    cardEl("d").focus();
    key(cardEl("d"), "ArrowUp", { altKey: true });
    expect(model.sent[model.sent.length - 1]!.op).toMatchObject({ kind: "move", id: "d", index: 0 });
    // Alt+Down on b (last of its group): past c, the end of the shown cards, so the data's end.
    cardEl("b").focus();
    key(cardEl("b"), "ArrowDown", { altKey: true });
    expect(model.sent[model.sent.length - 1]!.op).toMatchObject({ kind: "move", id: "b", index: 3 });
  });
});
