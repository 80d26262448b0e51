// Issue 6 in the browser: lane prompts in empty cells, confidence and evidence drawn on cards,
// presentation mode and the findings of the map checks.
import { afterEach, describe, expect, it } from "vitest";
import { anywidgetModel, CHECK_TIMEOUT_MS } from "../src/model/anywidget";
import type { Card, Finding } from "../src/model/types";
import { countElements } from "../src/view/budget";
import { cardCost } from "../src/view/card";
import { evidenceCount, isBacked } from "../src/view/evidence";
import { card, makeStructure } from "./fake";
import { click, key, mount, openWithEnter } from "./helpers";

afterEach(() => {
  document.body.textContent = "";
});

const prompted = () => makeStructure({
  lanes: [
    { name: "Actions", kind: "text", prompt: "What is the customer doing?" },
    { name: "Emotions", kind: "emotion", prompt: "How do they feel?" },
    { name: "Notes", kind: "text" },
  ],
});

const promptOf = (cell: Element | null) => cell?.querySelector<HTMLElement>("[data-jw-prompt]") ?? null;

describe("lane prompts", () => {
  it("show the lane's question in its empty cells only, as text", () => {
    const { q, qa } = mount([card("a")], prompted());
    const filled = q('[data-jw-cell][data-step="Search"][data-lane="Actions"]');
    const empty = q('[data-jw-cell][data-step="Compare"][data-lane="Actions"]');
    expect(promptOf(empty)!.textContent).toBe("What is the customer doing?");
    expect(promptOf(empty)!.hidden).toBe(false);
    expect(promptOf(filled)!.hidden).toBe(true);
    expect(promptOf(q('[data-jw-cell][data-stage="Pay"][data-lane="Emotions"]'))!.textContent).toBe("How do they feel?");
    // A lane without a prompt has none; 3 columns x 2 prompted lanes have one each.
    expect(qa('[data-jw-cell][data-lane="Notes"] [data-jw-prompt]')).toHaveLength(0);
    expect(qa("[data-jw-prompt]")).toHaveLength(6);
  });

  it("disappear when the cell gets a card and come back when it is empty again", () => {
    const { q, qa, model } = mount([card("a")], prompted());
    const cell = () => q('[data-jw-cell][data-stage="Pay"][data-lane="Actions"]');
    click(cell()!.querySelector("[data-jw-add]"));
    expect(cell()!.querySelectorAll("[data-jw-card]")).toHaveLength(1); // optimistic card
    expect(promptOf(cell())!.hidden).toBe(true);
    model.accept();
    expect(promptOf(cell())!.hidden).toBe(true);
    model.update({ cards: [card("a")] });
    expect(promptOf(cell())!.hidden).toBe(false);
    expect(qa("[data-jw-prompt]:not([hidden])")).toHaveLength(5);
  });

  it("are plain text, absent from read-only views, and kept through a lane rename", () => {
    const evil = `<img src=x onerror="window.__pwned=1">`;
    const st = makeStructure({ lanes: [{ name: "Actions", kind: "text", prompt: evil }] });
    const { root, qa, model, store, view } = mount([], st);
    expect(qa("[data-jw-prompt]")[0]!.textContent).toBe(evil);
    expect(root.querySelectorAll("img")).toHaveLength(0);
    store.propose({ kind: "rename_lane", old: "Actions", new: "Doing" });
    view.flush();
    expect(qa('[data-jw-cell][data-lane="Doing"] [data-jw-prompt]')).toHaveLength(3);
    model.update({ readOnly: true });
    view.flush();
    expect(qa("[data-jw-prompt]")).toHaveLength(0);
  });

  it("count in the DOM budget: a big prompted map stays under it", () => {
    const many: Card[] = [];
    for (let i = 0; i < 300; i++) many.push(card(`c${i}`, { step: i % 2 ? "Search" : "Compare", text: `card ${i}` }));
    const budget = 400;
    const { root, qa } = mount(many, prompted(), false, { budget });
    expect(qa("[data-jw-more]").length).toBeGreaterThan(0);
    expect(qa("[data-jw-prompt]").length).toBeGreaterThan(0);
    expect(countElements(root)).toBeLessThanOrEqual(budget);
  });
});

describe("confidence and evidence", () => {
  const st = makeStructure();
  const levels = ["observed", "reported", "inferred", "hypothesized"] as const;
  const withColumns = (id: string, over: Partial<Card>) => card(id, { confidence: null, evidence: null, ...over });

  it("draws the four confidence levels with distinct edges and lettered badges", () => {
    const cards = levels.map((c, i) => withColumns(`k${i}`, { confidence: c }));
    const { cardEl } = mount(cards, st);
    const marks = levels.map((_, i) => cardEl(`k${i}`).getAttribute("data-jw-confidence"));
    expect(marks).toEqual([...levels]);
    const badges = levels.map((_, i) => cardEl(`k${i}`).querySelector(".jw-conf")!.textContent);
    expect(badges).toEqual(["O observed", "R reported", "I inferred", "H hypothesized"]);
    expect(cardEl("k3").getAttribute("aria-label")).toContain("Confidence: hypothesized");
  });

  it("marks evidence with a count and assumptions with 'No evidence', as m.coverage() counts them", () => {
    const cards = [
      withColumns("e", { evidence: "Interview 4; Ticket 1832" }),
      withColumns("l", { evidence: ["survey"] }),
      withColumns("r", { confidence: "reported" }),
      withColumns("h", { confidence: "hypothesized" }),
      withColumns("n", {}),
    ];
    const { cardEl } = mount(cards, st);
    expect(cardEl("e").querySelector(".jw-evidence")!.textContent).toBe("2 \u00b7 Interview 4; Ticket 1832");
    expect(cardEl("e").getAttribute("data-jw-evidence")).toBe("yes");
    expect(cardEl("l").querySelector(".jw-evidence")!.textContent).toBe("1 \u00b7 survey");
    // Reported counts as evidence (practice/evidence.py): no "No evidence" mark.
    expect(cardEl("r").querySelector(".jw-no-evidence")).toBeNull();
    for (const id of ["h", "n"]) {
      expect(cardEl(id).querySelector(".jw-no-evidence")!.textContent).toBe("No evidence");
      expect(cardEl(id).getAttribute("data-jw-evidence")).toBe("none");
    }
    expect(cards.map(isBacked)).toEqual([true, true, true, false, false]);
    expect([" ; ", [], null, "a\nb\n", 3].map(evidenceCount)).toEqual([1, 0, 0, 2, 1]);
  });

  it("leaves maps that do not track evidence unmarked", () => {
    const { cardEl } = mount([card("plain")], st);
    expect(cardEl("plain").querySelector("[data-jw-card-meta]")).toBeNull();
    expect(cardEl("plain").hasAttribute("data-jw-evidence")).toBe(false);
  });

  it("costs what cardCost() says, whatever the marks", () => {
    const cards = [
      ...levels.map((c, i) => withColumns(`k${i}`, { confidence: c, evidence: i % 2 ? "x" : null })),
      withColumns("n", {}), card("plain"), withColumns("s", { lane: "Emotions", score: 1, evidence: "a;b" }),
    ];
    const { cardEl } = mount(cards, st);
    for (const c of cards) expect(countElements(cardEl(c.id)), c.id).toBe(cardCost(c));
  });

  it("redraws the marks when evidence arrives", () => {
    const { cardEl, model } = mount([withColumns("n", {})], st);
    expect(cardEl("n").querySelector(".jw-no-evidence")).not.toBeNull();
    model.update({ cards: [withColumns("n", { evidence: "Interview 2" })] });
    expect(cardEl("n").querySelector(".jw-no-evidence")).toBeNull();
    expect(cardEl("n").querySelector(".jw-evidence")!.textContent).toBe("1 \u00b7 Interview 2");
  });
});

describe("presentation mode", () => {
  const lanes = () => makeStructure({
    lanes: [{ name: "Actions", kind: "text" }, { name: "Emotions", kind: "emotion" }, { name: "Pain points", kind: "text" }],
  });
  const present = (m: ReturnType<typeof mount>) => click(m.q("[data-jw-present]"));
  const status = (m: ReturnType<typeof mount>) => m.q("[data-jw-status]")!.textContent;

  it("fills the window, highlights the current stage and steps with the arrow keys", () => {
    const m = mount([card("a"), card("p", { stage: "Pay", step: null })], lanes());
    const { root, host, q, qa } = m;
    present(m);
    expect(root.parentElement).toBe(document.body); // out of the output area, a fixed overlay
    expect(root.hasAttribute("data-jw-presenting")).toBe(true);
    expect(q("[data-jw-present]")!.getAttribute("aria-pressed")).toBe("true");
    expect(document.activeElement).toBe(root);
    expect(root.getAttribute("data-jw-current-stage")).toBe("Browse");
    expect(status(m)).toBe("Stage 1 of 2: Browse");
    expect(q('[data-jw-stage="Browse"]')!.hasAttribute("data-jw-current")).toBe(true);
    expect(qa("[data-jw-cell].jw-current").map((c) => c.dataset.stage)).toEqual(Array(6).fill("Browse"));
    key(root, "ArrowRight");
    expect(root.getAttribute("data-jw-current-stage")).toBe("Pay");
    expect(q('[data-jw-stage="Browse"]')!.hasAttribute("data-jw-current")).toBe(false);
    expect(q('[data-jw-stage="Pay"]')!.getAttribute("aria-current")).toBe("step");
    expect(status(m)).toBe("Stage 2 of 2: Pay");
    key(root, "PageDown"); // the last stage: it stops, and says so
    expect(root.getAttribute("data-jw-current-stage")).toBe("Pay");
    expect(status(m)).toBe("Last stage");
    key(root, "ArrowLeft");
    expect(root.getAttribute("data-jw-current-stage")).toBe("Browse");
    key(m.cardEl("a"), "PageDown"); // also from a focused card (not the card's own navigation)
    expect(root.getAttribute("data-jw-current-stage")).toBe("Pay");
    key(root, "Home");
    expect(root.getAttribute("data-jw-current-stage")).toBe("Browse");
    key(root, "Escape");
    expect(root.parentElement).toBe(host);
    expect(root.hasAttribute("data-jw-presenting")).toBe(false);
    expect(root.hasAttribute("data-jw-current-stage")).toBe(false);
    expect(qa("[data-jw-current], .jw-current")).toHaveLength(0);
    expect(q("[data-jw-present-bar]")).toBeNull();
    expect(status(m)).toBe("Presentation ended");
  });

  it("reveals lanes one at a time", () => {
    const m = mount([card("a")], lanes());
    const { root, q } = m;
    const concealed = () => m.qa("[data-jw-lane][data-jw-concealed]").map((e) => e.dataset.jwLane);
    present(m);
    expect(root.getAttribute("data-jw-lanes-shown")).toBe("1");
    expect(concealed()).toEqual(["Emotions", "Pain points"]);
    expect(q('[data-jw-lane="Emotions"]')!.parentElement!.classList.contains("jw-concealed")).toBe(true);
    key(root, "ArrowDown");
    expect(concealed()).toEqual(["Pain points"]);
    expect(status(m)).toBe("Showing lane Emotions (2 of 3 shown)");
    key(root, "ArrowUp");
    expect(concealed()).toEqual(["Emotions", "Pain points"]);
    key(root, "ArrowUp"); // the first lane always shows
    expect(root.getAttribute("data-jw-lanes-shown")).toBe("1");
    click(q("[data-jw-present-all]"));
    expect(concealed()).toEqual([]);
    click(q("[data-jw-present-more]"));
    expect(status(m)).toBe("All lanes are shown");
    click(q("[data-jw-present-exit]"));
    expect(m.qa("[data-jw-concealed], .jw-concealed")).toHaveLength(0);
  });

  it("is read-only for this view only: nothing is proposed, editing comes back on exit", () => {
    const m = mount([card("a"), card("e1", { lane: "Emotions", score: 1 })], lanes());
    const { root, q, qa, model, cardEl, editor } = m;
    expect(qa("[data-jw-add]").length).toBeGreaterThan(0);
    key(cardEl("a"), "p"); // the keyboard shortcut
    expect(root.hasAttribute("data-jw-presenting")).toBe(true);
    expect(qa("[data-jw-add], [data-jw-menu]")).toHaveLength(0);
    expect(q("[data-jw-undo]")!.closest<HTMLElement>(".jw-tools")!.hidden).toBe(true);
    openWithEnter(cardEl("a"));
    expect(editor()).toBeNull();
    key(cardEl("a"), "Delete");
    key(cardEl("a"), "z", { ctrlKey: true });
    key(q('[data-jw-point="e1"]')!, "ArrowUp");
    expect(model.sent).toEqual([]);
    expect(model.readOnly).toBe(false);
    key(root, "Escape");
    expect(qa("[data-jw-add]").length).toBeGreaterThan(0);
    openWithEnter(cardEl("a"));
    expect(editor()).not.toBeNull();
  });

  it("works on read-only maps too, and clears its marks on exit", () => {
    const m = mount([card("a")], lanes(), true);
    const { root, q, qa } = m;
    expect(q<HTMLElement>(".jw-practice-tools")!.hidden).toBe(false);
    click(q("[data-jw-present]"));
    key(root, "ArrowRight");
    expect(root.getAttribute("data-jw-current-stage")).toBe("Pay");
    key(root, "Escape");
    expect(m.store.readOnly()).toBe(true); // the map's own read-only stays
    expect(qa("[data-jw-current], .jw-current, [data-jw-concealed], .jw-concealed")).toHaveLength(0);
    expect(root.hasAttribute("data-jw-lanes-shown")).toBe(false);
  });

  it("commits an open editor before presenting and follows changes made elsewhere", () => {
    const m = mount([card("a")], lanes());
    const { root, model, cardEl, editor } = m;
    openWithEnter(cardEl("a"));
    editor()!.value = "Typed before presenting";
    click(m.q("[data-jw-present]"));
    expect(model.sent.map((s) => s.op)).toEqual([{ kind: "edit", id: "a", field: "text", value: "Typed before presenting", old: "text a" }]);
    model.accept();
    key(root, "ArrowRight");
    // Python renames the current stage: the highlight follows the index, the frame is rebuilt.
    const st = model.structure;
    model.update({ structure: { ...st, stages: [st.stages[0]!, { name: "Checkout", steps: [] }] } });
    m.view.flush();
    expect(root.getAttribute("data-jw-current-stage")).toBe("Checkout");
    expect(m.q('[data-jw-stage="Checkout"]')!.hasAttribute("data-jw-current")).toBe(true);
    expect(m.qa("[data-jw-lane][data-jw-concealed]")).toHaveLength(2);
  });
});

describe("findings", () => {
  const findings: Finding[] = [
    { rule: "empty-stage", message: "stage 'Pay' has no cards yet", severity: "warning", stage: "Pay", lane: null, card: null },
    { rule: "pain-without-evidence", message: "pain point 'Slow' has no evidence", severity: "warning", stage: "Browse", lane: "Actions", card: "a" },
    { rule: "flat-curve", message: "<b>flat</b>", severity: "info", stage: null, lane: "Emotions", card: null },
  ];

  it("has no Check button without a source that can check (a JupyterLab document)", () => {
    const { q } = mount([card("a")]);
    expect(q<HTMLButtonElement>("[data-jw-check]")!.hidden).toBe(true);
  });

  it("lists the findings; each one focuses and highlights its card or stage", async () => {
    const calls: number[] = [];
    const m = mount([card("a")], makeStructure(), false, { check: async () => (calls.push(1), findings) });
    const { q, qa, root, cardEl } = m;
    const button = q<HTMLButtonElement>("[data-jw-check]")!;
    expect(button.hidden).toBe(false);
    click(button);
    expect(q("[data-jw-findings]")!.getAttribute("aria-busy")).toBe("true");
    await Promise.resolve();
    await Promise.resolve();
    expect(calls).toHaveLength(1);
    expect(q(".jw-findings-title")!.textContent).toBe("Map check: 3 findings");
    const items = qa("[data-jw-finding]");
    expect(items.map((b) => b.dataset.rule)).toEqual(["empty-stage", "pain-without-evidence", "flat-curve"]);
    expect(items[2]!.textContent).toContain("<b>flat</b>");
    expect(root.querySelectorAll("b")).toHaveLength(0);
    click(items[1]!);
    expect(document.activeElement).toBe(cardEl("a"));
    expect(cardEl("a").hasAttribute("data-jw-highlight")).toBe(true);
    items[0]!.focus();
    key(items[0]!, "Enter"); // a button: Enter clicks it in a browser; here we click
    click(items[0]!);
    expect(cardEl("a").hasAttribute("data-jw-highlight")).toBe(false);
    const pay = q('[data-jw-stage="Pay"]')!;
    expect(pay.hasAttribute("data-jw-highlight")).toBe(true);
    expect(document.activeElement).toBe(pay);
    expect(qa("[data-jw-cell][data-jw-highlight]").map((c) => c.dataset.stage)).toEqual(["Pay", "Pay"]);
    expect(q("[data-jw-status]")!.textContent).toBe("empty-stage: stage 'Pay' has no cards yet");
    // The map changes: the panel says its findings may be stale.
    m.model.update({ cards: [] });
    m.view.flush();
    expect(q("[data-jw-findings]")!.hasAttribute("data-jw-findings-stale")).toBe(true);
    click(q("[data-jw-findings-close]"));
    expect(q("[data-jw-findings]")).toBeNull();
    expect(qa("[data-jw-highlight]")).toHaveLength(0);
  });

  it("says 'No findings' when the map is clean, and why when the check did not run", async () => {
    let answer: () => Promise<Finding[]> = async () => [];
    const m = mount([card("a")], makeStructure(), false, { check: () => answer() });
    click(m.q("[data-jw-check]"));
    await new Promise((r) => setTimeout(r, 0));
    expect(m.q("[data-jw-findings-empty]")!.textContent).toContain("No findings");
    expect(m.q(".jw-findings-title")!.textContent).toBe("Map check: No findings");
    answer = async () => {
      throw new Error("the kernel did not answer (is it running?)");
    };
    click(m.q("[data-jw-check]"));
    await new Promise((r) => setTimeout(r, 0));
    expect(m.q(".jw-findings-title")!.textContent).toBe("The check did not run: the kernel did not answer (is it running?)");
  });

  it("the anywidget source asks the kernel and matches its answer by request id", async () => {
    type H = (msg: unknown) => void;
    const handlers = new Set<H>();
    const sent: Array<Record<string, unknown>> = [];
    const model = {
      get: () => undefined, set: () => {}, save_changes: () => {},
      on: (_: string, cb: H) => void handlers.add(cb), off: (_: string, cb: H) => void handlers.delete(cb),
      send: (m: Record<string, unknown>) => void sent.push(m),
      widget_manager: { get_model: () => Promise.reject(new Error("unused")) },
    };
    const source = anywidgetModel(model as never);
    const pending = source.check!();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.type).toBe("check");
    const id = sent[0]!.request_id;
    for (const cb of [...handlers]) cb({ type: "findings", request_id: "another view's", findings: [] });
    for (const cb of [...handlers]) cb({ type: "findings", request_id: id, findings: [{ rule: "empty-stage", message: "m", stage: "Pay" }] });
    expect(await pending).toEqual([{ rule: "empty-stage", message: "m", severity: "warning", stage: "Pay", lane: null, card: null }]);
    expect(handlers.size).toBe(0);
    const failing = source.check!();
    for (const cb of [...handlers]) cb({ type: "findings", request_id: sent[1]!.request_id, findings: [], error: "no rule 'x'" });
    await expect(failing).rejects.toThrow("no rule 'x'");
    expect(CHECK_TIMEOUT_MS).toBeGreaterThan(0);
  });
});
