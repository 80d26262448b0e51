// When may a notebook output show the live widget instead of our read-only copy?
//
// JupyterLab picks one renderer per output by rank. The widget renderer of jupyterlab_widgets
// (rank -10) would win over any lower-priority renderer, and without a kernel it stays at
// "Loading widget..." forever: it only gets a widget manager once the notebook's session has a
// kernel, when jupyterlab_widgets installs a notebook-specific widget renderer in the notebook's
// registry. So in notebooks our renderer ranks first (-20) and draws the read-only map at once;
// once that notebook-specific widget renderer exists, it creates one inside itself and steps
// aside as soon as that one has drawn the live map. Without a kernel, or with an untrusted
// notebook, or when the widget state is gone, the read-only map simply stays.
import type { IRenderMime } from "@jupyterlab/rendermime-interfaces";

export const WIDGET_MIME = "application/vnd.jupyter.widget-view+json";

interface Signal {
  connect(fn: () => void): boolean;
  disconnect(fn: () => void): boolean;
}

/** What a notebook offers: its registry and its session (ISessionContext's parts used here). */
export interface LiveHost {
  rendermime: {
    getFactory(mimeType: string): IRenderMime.IRendererFactory | undefined;
    createRenderer(mimeType: string): IRenderMime.IRenderer;
  };
  sessionContext: {
    readonly ready: Promise<void>;
    readonly session: { readonly kernel: unknown } | null;
    readonly kernelChanged: Signal;
    readonly isDisposed: boolean;
  };
  /** The widget renderer factory every notebook starts with (it never gets a manager for a
   * renderer nested inside another one, so it cannot draw for us). */
  initialFactory(): IRenderMime.IRendererFactory | undefined;
}

export interface LiveOptions {
  /** How often to look for the notebook's widget renderer once a kernel is there (ms). */
  poll?: number;
  /** How long to look after a kernel appeared before giving up (ms). */
  patience?: number;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    signal.addEventListener("abort", done);
    function done() {
      clearTimeout(t);
      signal.removeEventListener("abort", done);
      resolve();
    }
  });
}

function nextKernelChange(host: LiveHost, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      host.sessionContext.kernelChanged.disconnect(done);
      signal.removeEventListener("abort", done);
      resolve();
    };
    host.sessionContext.kernelChanged.connect(done);
    signal.addEventListener("abort", done);
  });
}

/** True when the notebook's own widget renderer is installed (a kernel is connected). */
export function liveReady(host: LiveHost): boolean {
  const factory = host.rendermime.getFactory(WIDGET_MIME);
  return Boolean(host.sessionContext.session?.kernel) && factory != null && factory !== host.initialFactory();
}

/**
 * A widget renderer able to draw the live widget, once the notebook has one; null when the
 * notebook has no widget support, the wait is aborted, or it never came.
 */
export async function liveRenderer(host: LiveHost, signal: AbortSignal, opts: LiveOptions = {}): Promise<IRenderMime.IRenderer | null> {
  const poll = opts.poll ?? 250;
  const patience = opts.patience ?? 120_000;
  try {
    await host.sessionContext.ready;
  } catch {
    return null;
  }
  let deadline = Date.now() + patience;
  while (!signal.aborted && !host.sessionContext.isDisposed) {
    if (!host.sessionContext.session?.kernel) {
      await nextKernelChange(host, signal);
      deadline = Date.now() + patience;
      continue;
    }
    if (liveReady(host)) return host.rendermime.createRenderer(WIDGET_MIME);
    if (Date.now() > deadline) return null;
    await sleep(poll, signal);
  }
  return null;
}
