// Mount a view on a FakeModel with synchronous rendering, plus small event helpers.
import type { Card, Structure } from "../src/model/types";
import { Store } from "../src/store";
import { immediately } from "../src/view/schedule";
import { MapView, type ViewOptions } from "../src/view/view";
import { FakeModel, makeStructure } from "./fake";

export function mount(cards: readonly Card[], st: Structure = makeStructure(), readOnly = false, opts: ViewOptions = {}) {
  const model = new FakeModel(st, cards, 3, readOnly);
  const store = new Store(model, "vt");
  const host = document.createElement("div");
  document.body.appendChild(host);
  const view = new MapView(host, store, { schedule: immediately, ...opts });
  const root = view.root;
  const q = <T extends Element = HTMLElement>(sel: string) => root.querySelector<T & Element>(sel);
  const qa = (sel: string) => Array.from(root.querySelectorAll<HTMLElement>(sel));
  const cardEl = (id: string) => {
    const el = root.querySelector<HTMLElement>(`[data-jw-card="${id}"]`);
    if (!el) throw new Error(`no card ${id}`);
    return el;
  };
  const editor = () => root.querySelector<HTMLTextAreaElement>("textarea[data-jw-editor]");
  return { model, store, view, host, root, q, qa, cardEl, editor };
}

export function key(el: Element, k: string, opts: KeyboardEventInit = {}): KeyboardEvent {
  const e = new KeyboardEvent("keydown", { key: k, bubbles: true, cancelable: true, ...opts });
  el.dispatchEvent(e);
  return e;
}

export function click(el: Element | null, type = "click"): void {
  if (!el) throw new Error("nothing to click");
  el.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true }));
}

/** Open the editor on a card with the keyboard, as a user would. */
export function openWithEnter(card: HTMLElement): void {
  card.focus();
  key(card, "Enter");
}

export function pointer(el: EventTarget, type: string, x: number, y: number, opts: PointerEventInit = {}): PointerEvent {
  const e = new PointerEvent(type, {
    bubbles: true, cancelable: true, clientX: x, clientY: y, pointerId: 1, isPrimary: true, button: 0, ...opts,
  });
  el.dispatchEvent(e);
  return e;
}
