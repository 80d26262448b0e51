import { afterEach, describe, expect, it } from "vitest";
import { applyToState } from "../src/apply";
import type { Persona } from "../src/model/types";
import { typedValue } from "../src/store";
import { initialsOf } from "../src/view/persona";
import { card, makeStructure } from "./fake";
import { click, key, mount } from "./helpers";

afterEach(() => {
  document.body.textContent = "";
});

const ANA: Persona = {
  name: "Ana <img src=x onerror=alert(1)>", goals: ["Pay fast", "Right size"], frustrations: ["Hidden fees"],
  quote: "Why is this so hard?", description: "Buys twice a month", avatar: { initials: "AN", color: "teal" },
  segment: "returning",
};

const withAna = () => makeStructure({ persona: { ...ANA } });

function field(root: HTMLElement, name: string): HTMLInputElement | HTMLTextAreaElement {
  const el = root.querySelector<HTMLInputElement>(`[data-jw-persona-form] [data-jw-persona-field="${name}"]`);
  if (!el) throw new Error(`no field ${name}`);
  return el;
}

describe("the persona panel", () => {
  it("shows the avatar and name, collapsed, and expands to the details, all as text", () => {
    const { q, qa, root } = mount([card("a")], withAna());
    expect(q("[data-jw-avatar]")!.textContent).toBe("AN");
    expect(q("[data-jw-avatar]")!.classList.contains("jw-avatar-teal")).toBe(true);
    expect(q("[data-jw-persona-name]")!.textContent).toBe(ANA.name);
    expect(root.querySelector("img")).toBeNull(); // the name is text, never markup
    const toggle = q("button[data-jw-persona-toggle]")!;
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    expect(q("[data-jw-persona-details]")).toBeNull();
    click(toggle);
    const open = q("button[data-jw-persona-toggle]")!;
    expect(open.getAttribute("aria-expanded")).toBe("true");
    expect(q("[data-jw-persona-details]")!.id).toBe(open.getAttribute("aria-controls"));
    expect(qa("[data-jw-persona-goals] li").map((li) => li.textContent)).toEqual(["Pay fast", "Right size"]);
    expect(qa("[data-jw-persona-frustrations] li").map((li) => li.textContent)).toEqual(["Hidden fees"]);
    expect(q("[data-jw-persona-quote]")!.textContent).toBe("Why is this so hard?");
    expect(q("[data-jw-persona-description]")!.textContent).toBe("Buys twice a month");
    expect(document.activeElement).toBe(open);
    click(open);
    expect(q("[data-jw-persona-details]")).toBeNull();
  });

  it("derives initials when the persona has no avatar", () => {
    expect(initialsOf("First-time buyer")).toBe("FB");
    expect(initialsOf("  ana ")).toBe("A");
    expect(initialsOf("")).toBe("?");
    const { q } = mount([], makeStructure({ persona: { name: "First-time buyer", goals: "One goal" as never } }));
    expect(q("[data-jw-avatar]")!.textContent).toBe("FB");
    expect(q("[data-jw-avatar]")!.classList.contains("jw-avatar-gray")).toBe(true);
    click(q("[data-jw-persona-toggle]"));
    expect(q("[data-jw-persona-goals] li")!.textContent).toBe("One goal");
  });

  it("a read-only map shows the persona, title and state with no editing controls", () => {
    const { q, model } = mount([card("a")], withAna(), true);
    expect(q("[data-jw-persona-name]")!.textContent).toBe(ANA.name);
    expect(q("[data-jw-edit-persona]")).toBeNull();
    expect(q("[data-jw-edit-title]")).toBeNull();
    expect(q("select[data-jw-state]")).toBeNull();
    expect(q("[data-jw-state-label]")!.textContent).toBe("Current state");
    expect(q("[data-jw-title]")!.hasAttribute("tabindex")).toBe(false);
    key(q("[data-jw-title]")!, "F2");
    expect(q("[data-jw-title-input]")).toBeNull();
    click(q("[data-jw-persona-toggle]"));
    expect(q("[data-jw-persona-details]")).not.toBeNull(); // reading is not editing
    expect(model.sent).toHaveLength(0);
  });

  it("a map without a persona offers to add one, unless read-only", () => {
    const none = makeStructure({ persona: null });
    expect(mount([], none, true).q("[data-jw-persona]")).toBeNull();
    document.body.textContent = "";
    const { q, root, model } = mount([], none);
    expect(q("[data-jw-persona-toggle]")).toBeNull();
    click(q("button[data-jw-edit-persona]"));
    expect(root.querySelector("[data-jw-persona-remove]")).toBeNull();
    field(root, "name").value = "Ben";
    field(root, "goals").value = "Finish quickly\n\n  Pay once  \n";
    click(q("[data-jw-persona-save]"));
    expect(model.last().op).toEqual({
      kind: "set_persona",
      persona: { name: "Ben", goals: ["Finish quickly", "Pay once"], frustrations: [], quote: "", description: "" },
    });
    expect(q("[data-jw-persona-name]")!.textContent).toBe("Ben");
  });
});

describe("editing the persona", () => {
  it("the form is labelled, prefilled, and Save proposes one set_persona keeping other keys", () => {
    const { q, root, model } = mount([card("a")], withAna());
    click(q("button[data-jw-edit-persona]"));
    const form = q<HTMLFormElement>("form[data-jw-persona-form]")!;
    expect(form.getAttribute("aria-label")).toBe("Edit persona");
    const name = field(root, "name");
    expect(document.activeElement).toBe(name);
    for (const f of ["name", "goals", "frustrations", "quote", "description"]) {
      const el = field(root, f);
      expect(root.querySelector(`label[for="${el.id}"]`)!.textContent).toBeTruthy();
    }
    expect(field(root, "goals").value).toBe("Pay fast\nRight size");
    expect(field(root, "goals").tagName).toBe("TEXTAREA");
    name.value = "Ana Lima";
    field(root, "goals").value = "Pay fast\nGet the right size";
    field(root, "quote").value = "I just want it to fit";
    key(field(root, "quote"), "Enter", { ctrlKey: true });
    expect(model.sent).toHaveLength(1);
    expect(model.last().op).toEqual({
      kind: "set_persona",
      persona: {
        ...ANA, name: "Ana Lima", goals: ["Pay fast", "Get the right size"], quote: "I just want it to fit",
      },
    });
    expect(q("form[data-jw-persona-form]")).toBeNull();
    // Shown at once (optimistic), and focus is back on the edit button.
    expect(q("[data-jw-persona-name]")!.textContent).toBe("Ana Lima");
    expect(document.activeElement).toBe(q("[data-jw-edit-persona]"));
    expect(q("[data-jw-status]")!.textContent).toContain("Persona Ana Lima saved");
    model.accept();
    expect(model.structure.persona!.quote).toBe("I just want it to fit");
  });

  it("Escape and Cancel close the form and send nothing; an unchanged Save sends nothing", () => {
    const { q, root, model } = mount([card("a")], withAna());
    click(q("[data-jw-edit-persona]"));
    field(root, "name").value = "Changed";
    const esc = key(field(root, "name"), "Escape");
    expect(esc.defaultPrevented).toBe(true);
    expect(q("[data-jw-persona-form]")).toBeNull();
    expect(document.activeElement).toBe(q("[data-jw-edit-persona]"));
    click(q("[data-jw-edit-persona]"));
    click(q("[data-jw-persona-cancel]"));
    expect(q("[data-jw-persona-form]")).toBeNull();
    click(q("[data-jw-edit-persona]"));
    click(q("[data-jw-persona-save]"));
    expect(model.sent).toHaveLength(0);
    expect(q("[data-jw-persona-name]")!.textContent).toBe(ANA.name);
  });

  it("keys typed in the form or the title field never reach the map's or the notebook's shortcuts", () => {
    const { q, root, model } = mount([card("a")], withAna());
    const heard: string[] = [];
    document.body.addEventListener("keydown", (e) => heard.push(e.key));
    click(q("[data-jw-edit-persona]"));
    const e = key(field(root, "goals"), "z", { ctrlKey: true });
    expect(e.defaultPrevented).toBe(false); // the field's own undo
    key(field(root, "goals"), "Delete");
    key(field(root, "goals"), "Enter"); // a new line, not a save
    key(field(root, "quote"), "Escape");
    click(q("[data-jw-edit-title]"));
    key(q("[data-jw-title-input]")!, "x");
    expect(heard).toEqual([]);
    expect(model.sent).toHaveLength(0);
  });

  it("a persona needs a name: the form says so and stays open", () => {
    const { q, root, model } = mount([card("a")], withAna());
    click(q("[data-jw-edit-persona]"));
    field(root, "name").value = "   ";
    click(q("[data-jw-persona-save]"));
    expect(model.sent).toHaveLength(0);
    expect(q("[data-jw-persona-form] [role=alert]")!.textContent).toBe("A persona needs a name.");
    expect(document.activeElement).toBe(field(root, "name"));
  });

  it("a rejected edit rolls back and the banner shows the reason and what was typed", () => {
    const { q, root, model } = mount([card("a")], withAna());
    click(q("[data-jw-edit-persona]"));
    field(root, "name").value = "Zoe";
    field(root, "quote").value = "Fast please";
    click(q("[data-jw-persona-save]"));
    expect(q("[data-jw-persona-name]")!.textContent).toBe("Zoe");
    model.reject(model.last(), "this map is read-only; set read_only=False to edit it");
    expect(q("[data-jw-persona-name]")!.textContent).toBe(ANA.name);
    expect(q("[data-jw-error]")!.textContent).toContain("read-only");
    const typed = q("[data-jw-error-typed]")!.textContent;
    expect(typed).toContain("Zoe");
    expect(typed).toContain("Quote: Fast please");
  });

  it("Remove persona proposes null; undo is Python's", () => {
    const { q, model } = mount([card("a")], withAna());
    click(q("[data-jw-edit-persona]"));
    click(q("[data-jw-persona-remove]"));
    expect(model.last().op).toEqual({ kind: "set_persona", persona: null });
    expect(q("[data-jw-persona-toggle]")).toBeNull();
    expect(q("[data-jw-edit-persona]")!.textContent).toBe("Add persona");
    model.accept();
    click(q("[data-jw-undo]"));
    model.accept();
    expect(q("[data-jw-persona-name]")!.textContent).toBe(ANA.name);
  });
});

describe("editing the title and state", () => {
  it("F2 on the title edits it in place; Enter proposes set_title", () => {
    const { q, model, root } = mount([card("a")]);
    const title = q("[data-jw-title]")!;
    expect(title.textContent).toBe("Online checkout");
    title.focus();
    key(title, "F2");
    const input = q<HTMLInputElement>("input[data-jw-title-input]")!;
    expect(input.getAttribute("aria-label")).toBe("Map title");
    expect(document.activeElement).toBe(input);
    input.value = "  Checkout <script>x</script> ";
    key(input, "Enter");
    expect(model.last().op).toEqual({ kind: "set_title", title: "Checkout <script>x</script>" });
    expect(q("[data-jw-title-input]")).toBeNull();
    expect(q("[data-jw-title]")!.textContent).toBe("Checkout <script>x</script>");
    expect(root.querySelector("script")).toBeNull();
    expect(root.getAttribute("aria-label")).toBe("Checkout <script>x</script>");
    expect(document.activeElement).toBe(q("[data-jw-title]"));
  });

  it("double-click and the edit button open it too; Escape cancels, blur commits", () => {
    const { q, model } = mount([card("a")]);
    click(q("[data-jw-title]"), "dblclick");
    const input = q<HTMLInputElement>("[data-jw-title-input]")!;
    input.value = "Nope";
    key(input, "Escape");
    expect(model.sent).toHaveLength(0);
    expect(q("[data-jw-title]")!.textContent).toBe("Online checkout");
    click(q("[data-jw-edit-title]"));
    const again = q<HTMLInputElement>("[data-jw-title-input]")!;
    again.value = "Blurred";
    q<HTMLElement>("[data-jw-title-row], .jw-title-edit")!.focus();
    again.dispatchEvent(new FocusEvent("blur"));
    expect(model.last().op).toEqual({ kind: "set_title", title: "Blurred" });
  });

  it("the title field survives a redraw from elsewhere while typing", () => {
    const { q, model } = mount([card("a")]);
    click(q("[data-jw-edit-title]"));
    const input = q<HTMLInputElement>("[data-jw-title-input]")!;
    input.value = "Half typ";
    model.update({ structure: makeStructure({ state: "future" }) });
    expect(q("[data-jw-title-input]")).toBe(input);
    expect(document.activeElement).toBe(input);
    expect(input.value).toBe("Half typ");
    expect(q<HTMLSelectElement>("select[data-jw-state]")!.value).toBe("future");
  });

  it("the state select proposes set_state", () => {
    const { q, model } = mount([card("a")]);
    const select = q<HTMLSelectElement>("select[data-jw-state]")!;
    expect(select.getAttribute("aria-label")).toBe("Map state");
    expect(select.value).toBe("current");
    select.value = "future";
    select.dispatchEvent(new Event("change", { bubbles: true }));
    expect(model.last().op).toEqual({ kind: "set_state", state: "future" });
    expect(q<HTMLSelectElement>("select[data-jw-state]")!.value).toBe("future");
    expect(q("select[data-jw-state]")!.classList.contains("jw-state-future")).toBe(true);
    model.reject(model.last(), "no");
    expect(q<HTMLSelectElement>("select[data-jw-state]")!.value).toBe("current");
  });
});

describe("meta operations in the store", () => {
  it("apply optimistically as Python would, refusing what Python refuses", () => {
    const s = { structure: makeStructure(), cards: [] };
    expect(applyToState(s, { kind: "set_title", title: "T" }).structure.title).toBe("T");
    expect(applyToState(s, { kind: "set_state", state: "future" }).structure.state).toBe("future");
    expect(applyToState(s, { kind: "set_state", state: "past" })).toBe(s);
    expect(applyToState(s, { kind: "set_persona", persona: { name: " " } })).toBe(s);
    expect(applyToState(s, { kind: "set_persona", persona: null }).structure.persona).toBeNull();
  });

  it("name what was typed for the error banner", () => {
    expect(typedValue({ kind: "set_title", title: "" })).toBe("(empty)");
    expect(typedValue({ kind: "set_persona", persona: { name: "Ana", goals: ["a", "b"] } })).toBe("Ana\nGoals: a; b");
    expect(typedValue({ kind: "set_persona", persona: null })).toBe("(no persona)");
    expect(typedValue({ kind: "set_state", state: "future" })).toBeNull();
  });
});

describe("when the map becomes read-only while editing", () => {
  it("the persona form closes and the banner keeps what was typed", () => {
    const { q, root, model } = mount([card("a")], withAna());
    click(q("[data-jw-edit-persona]"));
    field(root, "name").value = "Half typed";
    model.update({ readOnly: true });
    expect(q("[data-jw-persona-form]")).toBeNull();
    expect(q("[data-jw-error]")!.textContent).toContain("became read-only");
    expect(q("[data-jw-error-typed]")!.textContent).toContain("Half typed");
    expect(model.sent).toHaveLength(0);
  });

  it("so does the title field", () => {
    const { q, model } = mount([card("a")]);
    click(q("[data-jw-edit-title]"));
    q<HTMLInputElement>("[data-jw-title-input]")!.value = "New title";
    model.update({ readOnly: true });
    expect(q("[data-jw-title-input]")).toBeNull();
    expect(q("[data-jw-title]")!.textContent).toBe("Online checkout");
    expect(q("[data-jw-error-typed]")!.textContent).toBe("New title");
    expect(model.sent).toHaveLength(0);
  });
});
