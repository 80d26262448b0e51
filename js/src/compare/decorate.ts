// Marks a changed card in a map of the compare view: data-jw-change="added|removed|moved|edited",
// a visible label with an icon ("Moved from Cart, Pain points": not colour alone) and the same
// words at the end of the card's aria-label. Idempotent: the view calls it after every render.
import { h } from "../view/h";
import { ICONS, type Mark } from "./changes";

interface Drawn {
  key: string;
  label: HTMLElement | null;
  /** What was appended to the aria-label, to take it off again. */
  suffix: string;
}

const drawn = new WeakMap<HTMLElement, Drawn>();

export function decorateCard(el: HTMLElement, mark: Mark | undefined): void {
  const key = mark ? `${mark.kind}\u0000${mark.label}` : "";
  const was = drawn.get(el) ?? { key: "", label: null, suffix: "" };
  let label = el.getAttribute("aria-label") ?? "";
  if (was.suffix && label.endsWith(was.suffix)) label = label.slice(0, -was.suffix.length);
  const suffix = mark ? `. ${mark.label}` : "";
  if (label + suffix !== el.getAttribute("aria-label")) el.setAttribute("aria-label", label + suffix);
  if (key === was.key && (was.label == null || was.label.parentElement === el)) {
    drawn.set(el, { ...was, suffix });
    return;
  }
  was.label?.remove();
  let badge: HTMLElement | null = null;
  if (mark) {
    el.setAttribute("data-jw-change", mark.kind);
    badge = h("span", { class: "jw-change-label", "data-jw-change-label": true }, [
      h("span", { class: "jw-change-icon", "aria-hidden": "true" }, ICONS[mark.kind]),
      h("span", {}, mark.label),
    ]);
    el.prepend(badge);
  } else {
    el.removeAttribute("data-jw-change");
  }
  drawn.set(el, { key, label: badge, suffix });
}
