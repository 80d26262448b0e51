// Comments and dot voting in the map view (docs/participation.md, "In the widget"): wires the
// card marks (marks.ts), the comment panel (comments.ts) and the voting tools (voting.ts) to the
// store. Only sources that keep them (a kernel) get any of it; who writes and votes from this
// view is the JupyterLab identity's display name, else a name typed once and kept by the view.
import { currentIdentity } from "../identity";
import type { Store } from "../store";
import { countElements } from "./budget";
import type { CardView } from "./card";
import { CommentPanel } from "./comments";
import { h } from "./h";
import { marksByCard, openRound, syncMarks } from "./marks";
import type { Toolbar } from "./toolbar";
import { VotingTools } from "./voting";

/** What comments and voting need from the view. */
export interface ParticipationHost {
  root: HTMLElement;
  store: Store;
  toolbar: Toolbar;
  announce(msg: string): void;
  cardView(id: string): CardView | undefined;
  flush(): void;
}

export class ParticipationView {
  readonly comments: CommentPanel;
  readonly voting: VotingTools;
  /** One "comment" button, moved into the card under the pointer or focus (like Delete). */
  private add = h("button", {
    type: "button", class: "jw-comment-open", "data-jw-comment-open": true, tabindex: -1,
    "aria-label": "Comments (C)", title: "Comments (C)",
  }, "\u{1f4ac}");
  private typed: string | null = null;
  private voterName: string | null = null;
  private asked = "";
  private shown = new Map<string, string>();
  private markNodes = 0;

  constructor(private v: ParticipationHost) {
    const me = () => {
      const id = currentIdentity();
      return id?.display_name || id?.name || null;
    };
    this.comments = new CommentPanel({
      root: v.root, store: v.store, announce: (m) => v.announce(m),
      author: () => me() ?? this.typed,
      setAuthor: (name) => void (this.typed = name),
      focusCard: (id) => v.cardView(id)?.el.focus(),
    });
    this.voting = new VotingTools({
      store: v.store, announce: (m) => v.announce(m),
      voter: () => (this.voterName ??= me() ?? this.typed),
      setVoter: (name) => {
        this.voterName = name;
        if (name && !this.typed && !me()) this.typed = name;
        v.flush();
      },
    }, v.toolbar.el);
    const tools = v.toolbar.check.parentElement!;
    tools.prepend(this.voting.start, this.voting.end);
    v.toolbar.el.after(this.voting.bar);
    v.root.addEventListener("click", (e) => this.onClick(e));
    v.root.addEventListener("keydown", (e) => this.onKey(e));
    const offer = (e: Event) => this.offer((e.target as Element).closest?.("[data-jw-card]") ?? null);
    v.root.addEventListener("mouseover", offer);
    v.root.addEventListener("focusin", offer);
  }

  /** Elements comments and voting add (for the DOM budget; the marks as of the last paint). */
  nodes(): number {
    const { comments, voting } = this;
    return this.markNodes + countElements(comments.el) + countElements(voting.bar) + 3 +
      (voting.form ? countElements(voting.form) : 0);
  }

  /** Put marks, bar and panel in step with the map; runs after the cards are placed. */
  afterPaint(cards: ReadonlyMap<string, CardView>): void {
    const { store } = this.v;
    const available = store.hasParticipation();
    const p = store.participation();
    const round = available ? openRound(p) : null;
    const readOnly = store.readOnly();
    const voter = this.voting ? this.voterOrNull() : null;
    const want = round && voter ? `${round.round}\u0000${voter}` : "";
    if (want !== this.asked) {
      this.asked = want;
      if (want || round == null) store.setVoter(round ? voter : null);
    }
    this.voting.update(round, readOnly, available);
    const lanes = new Map(store.cards().map((c) => [c.id, c.lane]));
    const marks = available ? marksByCard(p, store.dots(), lanes, !readOnly) : new Map();
    this.markNodes = syncMarks(cards, marks, this.shown);
    this.comments.render();
    if (readOnly || !available) this.add.remove();
  }

  destroy(): void {
    this.voting.destroy();
    this.v.store.setVoter(null);
  }

  private voterOrNull(): string | null {
    const id = currentIdentity();
    return (this.voterName ??= id?.display_name || id?.name || this.typed);
  }

  private offer(card: Element | null): void {
    const { store } = this.v;
    if (!card || !store.hasParticipation() || store.readOnly() || card.classList.contains("jw-editing")) return;
    if (this.add.parentElement !== card) card.appendChild(this.add);
  }

  private onClick(e: MouseEvent): void {
    const t = e.target as Element;
    const vote = t.closest("[data-jw-vote], [data-jw-unvote]");
    const open = t.closest("[data-jw-open-comments], [data-jw-comment-open]");
    if (vote) {
      const id = vote.getAttribute("data-jw-vote") ?? vote.getAttribute("data-jw-unvote")!;
      this.vote(id, vote.hasAttribute("data-jw-unvote") || e.shiftKey ? -1 : 1);
    } else if (open) {
      const id = open.getAttribute("data-jw-open-comments") ?? open.closest("[data-jw-card]")?.getAttribute("data-jw-card");
      if (id) this.comments.open(id);
    } else return;
    e.preventDefault();
    e.stopPropagation();
  }

  private onKey(e: KeyboardEvent): void {
    const t = e.target as HTMLElement;
    if (e.ctrlKey || e.metaKey || e.altKey || (e.key !== "c" && e.key !== "C")) return;
    if (!t.hasAttribute("data-jw-card") || !this.v.store.hasParticipation()) return;
    e.preventDefault();
    e.stopPropagation();
    this.comments.open(t.getAttribute("data-jw-card")!);
  }

  private vote(card: string, count: 1 | -1): void {
    const voter = this.voterOrNull();
    if (!voter) {
      this.v.root.querySelector<HTMLElement>("[data-jw-voter]")?.focus();
      this.v.announce("Type your name in the voting bar first");
      return;
    }
    if (this.v.store.propose({ kind: "vote", card, voter, count })) {
      this.v.announce(count > 0 ? "Dot added" : "Dot taken back");
    }
  }
}
