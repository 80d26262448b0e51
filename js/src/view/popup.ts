// Small in-widget popups anchored to a button: a menu, a confirmation and a name form.
// One at a time; Escape closes and gives focus back to the anchor; a click elsewhere closes.
import { h } from "./h";

export interface MenuItem {
  action: string;
  label: string;
  /** Shown after the label, e.g. "F2". */
  keys?: string;
  disabled?: boolean;
  run: () => void;
}

export interface NameFormOptions {
  title: string;
  value?: string;
  submitLabel: string;
  /** Offer a lane kind (text, emotion curve, metric). */
  kinds?: boolean;
  /** A reason the name cannot be used, or null. */
  validate: (name: string) => string | null;
  submit: (name: string, kind: string | null) => void;
}

export class Popups {
  private el: HTMLElement | null = null;
  private anchor: HTMLElement | null = null;
  private offDoc: (() => void) | null = null;

  constructor(private root: HTMLElement) {}

  get isOpen(): boolean {
    return this.el != null;
  }

  close(refocus = false): void {
    const { el, anchor } = this;
    if (!el) return;
    this.el = this.anchor = null;
    this.offDoc?.();
    this.offDoc = null;
    el.remove();
    if (refocus && anchor?.isConnected) anchor.focus();
  }

  menu(anchor: HTMLElement, label: string, items: MenuItem[]): void {
    const buttons = items.map((it) => {
      const b = h("button", {
        type: "button", role: "menuitem", class: "jw-menu-item", "data-jw-action": it.action,
        "aria-disabled": it.disabled ? "true" : null, tabindex: -1,
      }, [h("span", {}, it.label), it.keys ? h("kbd", {}, it.keys) : null]);
      b.addEventListener("click", () => {
        if (it.disabled) return;
        this.close(true);
        it.run();
      });
      return b;
    });
    const el = h("div", { class: "jw-popup jw-menu", role: "menu", "aria-label": label, "data-jw-menu-list": true }, buttons);
    el.addEventListener("keydown", (e) => {
      const i = buttons.indexOf(e.target as HTMLButtonElement);
      const go = (j: number) => buttons[(j + buttons.length) % buttons.length]!.focus();
      if (e.key === "ArrowDown") go(i + 1);
      else if (e.key === "ArrowUp") go(i - 1);
      else if (e.key === "Home") go(0);
      else if (e.key === "End") go(buttons.length - 1);
      else if (e.key === "Tab") this.close(false);
      else return;
      e.preventDefault();
    });
    this.show(anchor, el);
    anchor.setAttribute("aria-expanded", "true");
    (buttons.find((_, i) => !items[i]!.disabled) ?? buttons[0])?.focus();
  }

  confirm(anchor: HTMLElement, message: string, okLabel: string, onOk: () => void): void {
    const ok = h("button", { type: "button", class: "jw-danger", "data-jw-confirm-ok": true }, okLabel);
    const cancel = h("button", { type: "button", "data-jw-confirm-cancel": true }, "Cancel");
    const text = h("p", { id: `jw-confirm-${Math.random().toString(36).slice(2, 8)}` }, message);
    const el = h("div", {
      class: "jw-popup jw-dialog", role: "alertdialog", "aria-modal": "true", "data-jw-confirm": true,
      "aria-describedby": text.id, "aria-label": "Confirm",
    }, [text, h("div", { class: "jw-dialog-buttons" }, [ok, cancel])]);
    ok.addEventListener("click", () => {
      this.close(true);
      onOk();
    });
    cancel.addEventListener("click", () => this.close(true));
    el.addEventListener("keydown", (e) => {
      if (e.key !== "Tab") return;
      e.preventDefault(); // keep focus inside the dialog
      (e.target === ok ? cancel : ok).focus();
    });
    this.show(anchor, el);
    cancel.focus();
  }

  nameForm(anchor: HTMLElement, o: NameFormOptions): void {
    const input = h("input", { type: "text", class: "jw-name-input", "data-jw-name-input": true, "aria-label": o.title, autocomplete: "off" });
    input.value = o.value ?? "";
    const kind = o.kinds ? h("select", { "data-jw-kind-input": true, "aria-label": "Lane kind" }, [
      h("option", { value: "text" }, "Text"),
      h("option", { value: "emotion" }, "Emotion curve"),
      h("option", { value: "metric" }, "Metric"),
    ]) : null;
    const problem = h("div", { class: "jw-form-problem", role: "alert" });
    const form = h("form", { class: "jw-popup jw-form", "data-jw-name-form": true, "aria-label": o.title }, [
      h("label", { class: "jw-form-title" }, [h("span", {}, o.title), input]),
      kind,
      problem,
      h("div", { class: "jw-dialog-buttons" }, [
        h("button", { type: "submit", "data-jw-name-ok": true }, o.submitLabel),
        h("button", { type: "button", "data-jw-name-cancel": true }, "Cancel"),
      ]),
    ]);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const name = input.value.trim();
      const why = o.validate(name);
      if (why) {
        problem.textContent = why;
        input.focus();
        return;
      }
      this.close(true);
      o.submit(name, kind ? kind.value : null);
    });
    form.querySelector("[data-jw-name-cancel]")!.addEventListener("click", () => this.close(true));
    this.show(anchor, form);
    input.focus();
    input.select();
  }

  private show(anchor: HTMLElement, el: HTMLElement): void {
    this.close(false);
    this.el = el;
    this.anchor = anchor;
    el.addEventListener("keydown", (e) => {
      e.stopPropagation(); // typing here is not a map or notebook shortcut
      if (e.key === "Escape") {
        e.preventDefault();
        this.close(true);
      }
    });
    this.root.appendChild(el);
    const r = this.root.getBoundingClientRect();
    const a = anchor.getBoundingClientRect();
    const left = Math.max(0, Math.min(a.left - r.left, r.width - 260));
    el.style.left = `${left}px`;
    el.style.top = `${a.bottom - r.top + 4}px`;
    el.scrollIntoView?.({ block: "nearest" });
    const doc = this.root.ownerDocument;
    const outside = (e: Event) => {
      const t = e.target as Node;
      if (!el.contains(t) && !anchor.contains(t)) this.close(false);
    };
    doc.addEventListener("pointerdown", outside, true);
    this.offDoc = () => {
      doc.removeEventListener("pointerdown", outside, true);
      if (anchor.hasAttribute("aria-haspopup")) anchor.setAttribute("aria-expanded", "false");
    };
  }
}
