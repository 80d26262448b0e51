// Put `els` into `parent` in order with few DOM moves. The pinned element (the one holding
// focus, e.g. an open editor) is never moved within its parent: its neighbours move instead,
// so the browser does not drop focus from it.

export function reconcile(parent: Element, els: readonly Element[], pinned: Element | null): void {
  const want = new Set(els);
  for (const child of Array.from(parent.children)) if (!want.has(child)) child.remove();
  let cursor = parent.firstElementChild;
  for (const el of els) {
    if (el === cursor) {
      cursor = el.nextElementSibling;
    } else if (el === pinned && el.parentNode === parent) {
      while (cursor && cursor !== el) {
        const next: Element | null = cursor.nextElementSibling;
        parent.appendChild(cursor);
        cursor = next;
      }
      cursor = el.nextElementSibling;
    } else {
      parent.insertBefore(el, cursor);
    }
  }
}
