// Keys of an inline text input (renaming a header, editing the title): Enter commits, Escape
// cancels, and no key reaches the board's or JupyterLab's shortcuts.

export function commitKeys(input: HTMLElement, finish: (commit: boolean) => void): void {
  input.addEventListener("keydown", (e) => {
    e.stopPropagation();
    if (e.key === "Enter" || e.key === "Escape") {
      e.preventDefault();
      finish(e.key === "Enter");
    }
  });
}
