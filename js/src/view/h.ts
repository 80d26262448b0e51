// A tiny DOM helper. Text is only ever set with textContent; markup is never parsed.

export type Attrs = Record<string, string | number | boolean | null | undefined>;

function setAttrs(el: Element, attrs: Attrs | undefined): void {
  if (!attrs) return;
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    el.setAttribute(k, v === true ? "" : String(v));
  }
}

/** An HTML element; `content` is either text (set as textContent) or child nodes. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs,
  content?: string | ReadonlyArray<Node | null | undefined | false>,
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  if (typeof content === "string") el.textContent = content;
  else if (content) for (const c of content) if (c) el.appendChild(c);
  return el;
}

const SVG_NS = "http://www.w3.org/2000/svg";

/** An SVG element, same rules as h(). */
export function s<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs?: Attrs,
  content?: string | ReadonlyArray<Node | null | undefined | false>,
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  if (typeof content === "string") el.textContent = content;
  else if (content) for (const c of content) if (c) el.appendChild(c);
  return el;
}

/** Set or remove an attribute; true sets it empty. */
export function toggleAttr(el: Element, name: string, on: boolean | string): void {
  if (on === false) el.removeAttribute(name);
  else el.setAttribute(name, on === true ? "" : on);
}
