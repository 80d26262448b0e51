// The `.journey.json` document in JupyterLab: the widget's own Store and MapView (no view code
// of its own), bound to the file through bindContext instead of to a kernel, or, in real-time
// collaboration, to the shared document through bindShared.
import { ABCWidgetFactory, type DocumentRegistry, DocumentWidget, type IDocumentWidget } from "@jupyterlab/docregistry";
import { Widget } from "@lumino/widgets";
import { Store } from "../store";
import { MapView } from "../view/view";
import { bindContext } from "./binding";
import { bindShared, notLoaded, sharedJourney } from "./sharedbinding";

/** The widget factory's name ("Open With" shows it). */
export const FACTORY = "Journey Map";
/** The file type of `*.journey.json`. */
export const FILE_TYPE = "journey-map";

export class JourneyPanel extends Widget {
  private notice: HTMLElement;
  private host: HTMLElement;
  private cleanup: Array<() => void> = [];

  constructor(readonly context: DocumentRegistry.Context) {
    super();
    this.addClass("jw-lab-document");
    this.node.tabIndex = -1;
    this.notice = document.createElement("div");
    this.notice.className = "jw-lab-notice";
    this.notice.setAttribute("role", "alert");
    this.notice.setAttribute("data-jw-file-error", "");
    this.notice.hidden = true;
    this.host = document.createElement("div");
    this.host.className = "jw-lab-map";
    this.node.append(this.notice, this.host);
    // Keys pressed in the map never reach JupyterLab's shortcuts (data-lm-suppress-shortcuts),
    // so the document saves on Ctrl/Cmd+S itself.
    const onKey = (e: KeyboardEvent) => this.onKey(e);
    this.node.addEventListener("keydown", onKey, true);
    this.cleanup.push(() => this.node.removeEventListener("keydown", onKey, true));
    void context.ready.then(() => this.mount());
  }

  private mount(): void {
    if (this.isDisposed) return;
    // Shared (real-time collaboration, rtcmodel.ts) or the file's text model.
    const journey = sharedJourney(this.context);
    const shared = journey ? bindShared(this.context, journey) : null;
    const model = shared ?? bindContext(this.context);
    const store = new Store(model);
    const view = new MapView(this.host, store);
    const showError = () => {
      const reason = model.error ?? (shared ? notLoaded(shared) : null);
      this.notice.hidden = reason == null;
      this.notice.textContent = reason == null ? "" :
        `${this.context.path} is not a journey map this view can edit: ${reason}. ` +
        "Fix it with Open With > Editor; the map shows the last readable version, read-only.";
    };
    const offChange = model.onChange(showError);
    showError();
    this.cleanup.push(offChange, () => view.destroy(), () => store.destroy());
  }

  private onKey(e: KeyboardEvent): void {
    if (e.defaultPrevented || !(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey || e.key.toLowerCase() !== "s") return;
    e.preventDefault();
    e.stopPropagation();
    // Saving from an open card editor saves what was typed: leaving the editor commits it, the
    // document applies the edit (a microtask), then the text is saved.
    const active = document.activeElement;
    const editing = active instanceof HTMLElement && this.node.contains(active) && active.closest(".jw-editor");
    const card = editing ? active.closest<HTMLElement>("[data-jw-card]")?.getAttribute("data-jw-card") : null;
    if (editing) active.blur();
    setTimeout(() => {
      if (this.isDisposed) return;
      void this.context.save();
      if (card) this.node.querySelector<HTMLElement>(`[data-jw-card="${CSS.escape(card)}"]`)?.focus();
    }, 0);
  }

  protected override onActivateRequest(): void {
    const target = this.node.querySelector<HTMLElement>("[data-jw-card]") ?? this.node;
    if (!this.node.contains(document.activeElement)) target.focus();
  }

  override dispose(): void {
    if (this.isDisposed) return;
    for (const fn of this.cleanup.splice(0)) fn();
    super.dispose();
  }
}

export class JourneyWidgetFactory extends ABCWidgetFactory<IDocumentWidget<JourneyPanel>> {
  protected createNewWidget(context: DocumentRegistry.Context): IDocumentWidget<JourneyPanel> {
    const widget = new DocumentWidget({ content: new JourneyPanel(context), context });
    widget.addClass("jw-lab-document-widget");
    return widget;
  }
}
