// The error banner: why the last operation was refused and what the user had typed.
import type { LastError } from "../store";
import { h } from "./h";

export function renderBanner(host: HTMLElement, error: LastError | null): void {
  host.textContent = "";
  if (!error) return;
  host.appendChild(h("div", { class: "jw-error", "data-jw-error": true, role: "alert" }, [
    h("div", { class: "jw-error-body" }, [
      h("span", { class: "jw-error-reason" }, error.reason),
      error.typed == null ? null : h("div", { class: "jw-error-typed" }, [
        h("span", { class: "jw-error-label" }, "You typed: "),
        h("q", { class: "jw-error-value", "data-jw-error-typed": true }, error.typed),
      ]),
    ]),
    h("button", {
      type: "button", class: "jw-error-dismiss", "data-jw-error-dismiss": true,
      "aria-label": "Dismiss error", title: "Dismiss",
    }, "\u00d7"),
  ]));
}
