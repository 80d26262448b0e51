// Who is using this browser: JupyterLab's user identity, published by the Lab extension
// (lab/plugin.ts) where a notebook widget can read it. The widget's bundle and the Lab
// extension's are separate scripts, so they meet on a global under a registered symbol.
// Outside JupyterLab (Notebook 7 has it too; VS Code, Colab, marimo do not) there is none.

/** The parts of JupyterLab's `User.IIdentity` the map uses. */
export interface Identity {
  /** Unique per person on a server (jupyter_server's `username` is the key, this is shown). */
  username: string;
  name: string;
  display_name: string;
  initials: string;
  color: string | null;
}

const KEY = Symbol.for("journey-widget.identity");

type Holder = { [KEY]?: Identity };

/** Publish this browser's identity (called by the Lab extension once the user is known). */
export function publishIdentity(identity: Identity): void {
  (globalThis as Holder)[KEY] = { ...identity };
}

/** This browser's identity, or null where no JupyterLab published one. */
export function currentIdentity(): Identity | null {
  const found = (globalThis as Holder)[KEY];
  return found ? { ...found } : null;
}
