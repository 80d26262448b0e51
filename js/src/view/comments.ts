// The comment threads of one card, in a side panel (`[data-jw-comment-panel]`), opened from the
// card's count badge, the comment button offered on the card under the pointer or focus, the
// editor's Comments button, or C on a focused card. Each thread: its comments (author, time,
// text: textContent only), a resolve / reopen toggle and a reply box; below, a box for a new
// thread. Sending goes through the protocol; the box keeps its text until the kernel acks, and a
// rejection shows the reason beside it. Escape closes the panel and gives focus back to the card.
import type { Comment } from "../model/types";
import type { Store, StoreEvent } from "../store";
import { h } from "./h";
import { threadsOf } from "./marks";
import { reconcile } from "./reconcile";

/** What the panel needs from the view. */
export interface CommentHost {
  root: HTMLElement;
  store: Store;
  announce(msg: string): void;
  /** Who writes from this view: the JupyterLab identity's name, else the name typed here. */
  author(): string | null;
  setAuthor(name: string): void;
  /** Give focus back to a card (after Escape). */
  focusCard(id: string): void;
}

interface Box {
  form: HTMLFormElement;
  text: HTMLTextAreaElement;
  error: HTMLElement;
}

function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: "short", timeStyle: "short" });
}

function commentEl(c: Comment): HTMLElement {
  return h("li", { class: "jw-comment", "data-jw-comment": c.id }, [
    h("div", { class: "jw-comment-head" }, [
      h("span", { class: "jw-comment-author", "data-jw-comment-author": true }, c.author),
      h("time", { class: "jw-comment-time", datetime: c.created }, when(c.created)),
    ]),
    h("div", { class: "jw-comment-text", "data-jw-comment-body": true }, c.text),
  ]);
}

export class CommentPanel {
  readonly el: HTMLElement;
  card: string | null = null;
  private title = h("div", { class: "jw-comment-title", id: "" });
  private threads = h("div", { class: "jw-threads" });
  private name = h("input", { type: "text", class: "jw-author-name", "data-jw-author-name": true, maxlength: 200, autocomplete: "off" });
  private nameRow: HTMLElement;
  private add: Box;
  private replies = new Map<string, { el: HTMLElement; list: HTMLElement; toggle: HTMLButtonElement; box: Box }>();
  private sent = new Map<string, Box>();
  private shown: unknown = null;

  constructor(private v: CommentHost) {
    this.nameRow = h("label", { class: "jw-author-row" }, [h("span", {}, "Your name"), this.name]);
    this.add = this.box("Add a comment", "data-jw-comment-add", null);
    this.add.form.prepend(this.nameRow);
    const close = h("button", { type: "button", class: "jw-tool", "data-jw-comment-close": true, "aria-label": "Close comments" }, "\u00d7");
    close.addEventListener("click", () => this.close());
    this.el = h("aside", {
      class: "jw-comment-panel", "data-jw-comment-panel": true, role: "complementary", "aria-label": "Comments", hidden: true,
    }, [h("div", { class: "jw-comment-top" }, [this.title, close]), this.threads, this.add.form]);
    this.el.addEventListener("keydown", (e) => {
      if (e.key !== "Escape") return;
      e.preventDefault();
      e.stopPropagation();
      this.close();
    });
    v.root.appendChild(this.el);
    v.store.subscribe((e) => this.onStore(e));
  }

  /** Open the threads of card `id` (the same card again: focus its text box). */
  open(id: string): void {
    this.card = id;
    this.el.hidden = false;
    this.el.setAttribute("data-jw-comment-card", id);
    this.shown = null;
    this.render();
    (this.nameRow.hidden ? this.add.text : this.name).focus();
  }

  close(): void {
    const id = this.card;
    if (id == null) return;
    this.card = null;
    this.el.hidden = true;
    this.el.removeAttribute("data-jw-comment-card");
    this.v.focusCard(id);
  }

  /** Put the panel in step with the map (after each paint); cheap when nothing changed. */
  render(): void {
    const id = this.card;
    if (id == null) return;
    const card = this.v.store.cards().find((c) => c.id === id);
    if (!card) return this.close();
    const comments = this.v.store.participation().comments;
    this.nameRow.hidden = this.v.author() != null;
    const key = [comments, card.text, this.v.store.readOnly()];
    if (this.shown && key.every((x, i) => x === (this.shown as unknown[])[i])) return;
    this.shown = key;
    this.title.textContent = `Comments on \u201c${card.text.trim() || "Empty card"}\u201d`;
    const els: HTMLElement[] = [];
    const live = new Set<string>();
    for (const t of threadsOf(comments, id)) {
      live.add(t.root.id);
      const th = this.thread(t.root.id);
      th.list.replaceChildren(...[t.root, ...t.replies].map(commentEl));
      th.el.toggleAttribute("data-jw-resolved", t.root.resolved);
      th.el.classList.toggle("jw-thread-resolved", t.root.resolved);
      th.toggle.textContent = t.root.resolved ? "Reopen" : "Resolve";
      th.toggle.setAttribute("aria-pressed", String(t.root.resolved));
      els.push(th.el);
    }
    for (const k of [...this.replies.keys()]) if (!live.has(k)) this.replies.delete(k);
    const active = this.el.ownerDocument.activeElement;
    reconcile(this.threads, els, active ? (els.find((e) => e.contains(active)) ?? null) : null);
    if (!els.length) this.threads.replaceChildren(h("p", { class: "jw-comment-empty", "data-jw-comment-empty": true }, "No comments yet."));
    const ro = this.v.store.readOnly();
    for (const b of [this.add, ...[...this.replies.values()].map((r) => r.box)]) b.form.hidden = ro;
  }

  private thread(rootId: string): { el: HTMLElement; list: HTMLElement; toggle: HTMLButtonElement; box: Box } {
    const found = this.replies.get(rootId);
    if (found) return found;
    const list = h("ol", { class: "jw-thread-list" });
    const toggle = h("button", { type: "button", class: "jw-tool jw-resolve", "data-jw-resolve": rootId }, "Resolve");
    toggle.addEventListener("click", () => {
      const resolved = toggle.getAttribute("aria-pressed") !== "true";
      this.v.store.propose({ kind: "resolve_comment", comment: rootId, resolved });
    });
    const box = this.box("Reply", "data-jw-reply", rootId);
    const el = h("section", { class: "jw-thread", "data-jw-thread": rootId }, [list, toggle, box.form]);
    const t = { el, list, toggle, box };
    this.replies.set(rootId, t);
    return t;
  }

  private box(label: string, hook: string, replyTo: string | null): Box {
    const text = h("textarea", { class: "jw-comment-input", rows: 2, "aria-label": label, placeholder: `${label}\u2026`, maxlength: 4000 });
    text.setAttribute(replyTo ? "data-jw-reply-text" : "data-jw-comment-text", replyTo ?? "");
    const error = h("div", { class: "jw-comment-error", "data-jw-comment-error": true, role: "alert", hidden: true });
    const send = h("button", { type: "submit", class: "jw-tool", [hook]: replyTo ?? true }, replyTo ? "Reply" : "Comment");
    const form = h("form", { class: "jw-comment-form" }, [text, error, send]);
    const b = { form, text, error };
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      this.send(b, replyTo);
    });
    text.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        this.send(b, replyTo);
      }
    });
    return b;
  }

  private send(b: Box, replyTo: string | null): void {
    const card = this.card;
    const text = b.text.value;
    if (card == null) return;
    const typed = this.name.value.trim();
    if (this.v.author() == null && typed) this.v.setAuthor(typed);
    const author = this.v.author();
    const problem = !author ? "Type your name first: comments carry their author." : !text.trim() ? "Type a comment first." : "";
    if (problem) return this.fail(b, problem, author ? b.text : this.name);
    const opId = this.v.store.propose({ kind: "add_comment", card, text, author: author!, reply_to: replyTo });
    if (!opId) return this.fail(b, "This map is read-only here: nothing was sent.", b.text);
    this.sent.set(opId, b);
    b.error.hidden = true;
    this.nameRow.hidden = true;
  }

  private fail(b: Box, reason: string, focus: HTMLElement): void {
    b.error.textContent = reason;
    b.error.hidden = false;
    focus.focus();
  }

  private onStore(e: StoreEvent): void {
    if (e.type === "change") return;
    const b = this.sent.get(e.opId);
    if (!b) return;
    this.sent.delete(e.opId);
    if (e.type === "ack") {
      b.text.value = "";
      b.error.hidden = true;
      this.v.announce("Comment added");
    } else this.fail(b, e.reason, b.text); // the text stays, so nothing typed is lost
  }
}
