// The bound file's status (`jw.open`): a quiet "Saved to x.journey.json", and a visible warning
// when a write failed or an edit clashed with a change made elsewhere (the message names the
// file and the conflict copy). Text only; nothing from the message becomes markup.
import type { FileStatus } from "../model/types";
import { h } from "./h";

const WARN = new Set<FileStatus["state"]>(["error", "conflict"]);

function fileName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

/** Words for the quiet states; the kernel's own message for the ones that need attention. */
function words(status: FileStatus): string {
  if (WARN.has(status.state)) return status.message;
  if (status.state === "pending") return `Saving to ${fileName(status.path)}\u2026`;
  if (status.state === "closed") return `No longer saved to ${fileName(status.path)}`;
  return `Saved to ${fileName(status.path)}`;
}

/** Draw `status` into `host` (emptied when the map is not bound to a file). */
export function renderFileStatus(host: HTMLElement, status: FileStatus | null): void {
  host.textContent = "";
  host.hidden = !status;
  if (!status) return;
  const warn = WARN.has(status.state);
  host.setAttribute("data-jw-file-state", status.state);
  host.setAttribute("role", warn ? "alert" : "status");
  host.title = status.path;
  host.appendChild(h("span", { class: "jw-file-icon", "aria-hidden": "true" }, warn ? "\u26a0" : "\u2713"));
  host.appendChild(h("span", { class: "jw-file-text" }, words(status)));
}

/** Whether two statuses draw the same (the trait is a new object on every sync). */
export function sameFileStatus(a: FileStatus | null | undefined, b: FileStatus | null | undefined): boolean {
  if (!a || !b) return a === b;
  return a.state === b.state && a.message === b.message && a.path === b.path;
}
