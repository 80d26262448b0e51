// The caption above the board: title, persona and whether the map is current or future state.
import type { Structure } from "../model/types";
import { h } from "./h";

const drawn = new WeakMap<HTMLElement, Structure>();

export function renderHead(head: HTMLElement, st: Structure): void {
  if (drawn.get(head) === st) return;
  drawn.set(head, st);
  head.textContent = "";
  const p = st.persona;
  const about = p ? [p.description, ...(p.goals ?? []).map((g) => `Goal: ${g}`)].filter(Boolean).join("\n") : "";
  const future = st.state === "future";
  const state = st.state === "current" || !st.state ? "Current state" : future ? "Future state" : st.state;
  head.appendChild(h("div", { class: "jw-title" }, st.title || "Customer journey map"));
  head.appendChild(h("div", { class: "jw-meta" }, [
    p ? h("span", { class: "jw-persona", title: about || null }, `Persona: ${p.name}`) : null,
    h("span", { class: `jw-state${future ? " jw-state-future" : ""}` }, state),
  ]));
}
