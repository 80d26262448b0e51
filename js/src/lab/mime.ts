// The `application/vnd.journey-map+json` renderer: the map's versioned JSON drawn read-only by
// the widget's own Store and MapView (text set as text, nothing fetched, nothing run), so a
// saved notebook shows its maps with no kernel and no widget state. In a notebook it hands over
// to the live widget when one can be drawn (live.ts).
import type { IRenderMime } from "@jupyterlab/rendermime-interfaces";
import { Panel, Widget } from "@lumino/widgets";
import { DocumentMapModel } from "../model/document";
import { MIME_TYPE } from "../model/journeyfile";
import { Store } from "../store";
import { MapView } from "../view/view";
import { type LiveHost, liveReady, liveRenderer, type LiveOptions, WIDGET_MIME } from "./live";

/** In notebooks: ahead of the widget renderer (-10), so no output is stuck at "Loading widget...". */
export const NOTEBOOK_RANK = -20;
/** Elsewhere (consoles, other documents): behind the widget renderer, ahead of text/html (50). */
export const GLOBAL_RANK = 40;
/** With a kernel and a widget manager the live map draws itself; the read-only copy is drawn
 * only if the widget renderer has finished without drawing the map for this long (ms). */
const LIVE_GRACE = 1500;

class StaticMap extends Widget {
  private teardown: (() => void) | null = null;

  constructor(data: unknown) {
    super();
    this.addClass("jw-lab-static-map");
    const model = new DocumentMapModel({ readOnly: true });
    if (!model.load(data)) {
      this.node.textContent = `This output is not a journey map: ${model.error}`;
      this.node.setAttribute("data-jw-mime-error", "");
      return;
    }
    const store = new Store(model);
    const view = new MapView(this.node, store);
    this.teardown = () => {
      view.destroy();
      store.destroy();
    };
  }

  override dispose(): void {
    if (this.isDisposed) return;
    this.teardown?.();
    super.dispose();
  }
}

export class JourneyMimeRenderer extends Panel implements IRenderMime.IRenderer {
  private abort: AbortController | null = null;
  private staticMap: StaticMap | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private live: LiveHost | null = null, private liveOptions: LiveOptions = {}) {
    super();
    this.addClass("jw-lab-output");
  }

  renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    this.reset();
    const abort = (this.abort = new AbortController());
    const data = model.data[MIME_TYPE];
    const canGoLive = Boolean(this.live && model.trusted && model.data[WIDGET_MIME] != null);
    // A notebook with its widget manager running draws the live map: no read-only copy first
    // (it would flash, and two maps would be on the page for a moment).
    const waitForLive = canGoLive && liveReady(this.live!);
    if (!waitForLive) this.showStatic(data, abort.signal);
    if (canGoLive) void this.goLive(model, abort.signal, waitForLive);
    return Promise.resolve();
  }

  private showStatic(data: unknown, signal: AbortSignal): void {
    this.timer = null;
    if (signal.aborted || this.staticMap || this.hasClass("jw-lab-live")) return;
    this.staticMap = new StaticMap(data);
    this.insertWidget(0, this.staticMap);
  }

  private async goLive(model: IRenderMime.IMimeModel, signal: AbortSignal, waiting: boolean): Promise<void> {
    const fallback = () => this.showStatic(model.data[MIME_TYPE], signal);
    const delegate = await liveRenderer(this.live!, signal, this.liveOptions);
    if (!delegate) return waiting ? fallback() : undefined;
    if (signal.aborted) return delegate.dispose();
    delegate.addClass("jw-lab-live-pending");
    this.addWidget(delegate);
    // The live map has drawn once the widget's root is in the delegate; until then (and when
    // the widget cannot be drawn: an error text, "Loading widget...") the read-only copy shows.
    const swap = () => {
      if (signal.aborted || !delegate.node.querySelector("[data-jw-root]")) return;
      observer.disconnect();
      if (this.timer) clearTimeout(this.timer);
      delegate.removeClass("jw-lab-live-pending");
      this.addClass("jw-lab-live");
      this.staticMap?.dispose();
      this.staticMap = null;
    };
    const observer = new MutationObserver(swap);
    observer.observe(delegate.node, { childList: true, subtree: true });
    signal.addEventListener("abort", () => observer.disconnect());
    try {
      await delegate.renderModel(model);
    } catch (err) {
      console.warn("journey_widget: the live widget could not be drawn; showing the read-only map", err);
    }
    swap();
    if (waiting && !this.hasClass("jw-lab-live") && !signal.aborted) this.timer = setTimeout(fallback, LIVE_GRACE);
  }

  private reset(): void {
    this.abort?.abort();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.staticMap = null;
    this.removeClass("jw-lab-live");
    for (const w of [...this.widgets]) w.dispose();
  }

  override dispose(): void {
    if (this.isDisposed) return;
    this.reset();
    super.dispose();
  }
}

/** The renderer factory: with `live`, a notebook's; without, the read-only one for elsewhere. */
export function journeyRendererFactory(live: LiveHost | null, rank: number): IRenderMime.IRendererFactory {
  return {
    safe: true, // text only ever becomes text; nothing is fetched or run
    mimeTypes: [MIME_TYPE],
    defaultRank: rank,
    createRenderer: () => new JourneyMimeRenderer(live),
  };
}
