// The JupyterLab extension: `*.journey.json` files open as editable map documents, the launcher
// and the command palette create a new map file from a template, and map outputs
// (`application/vnd.journey-map+json`) render read-only where the live widget cannot.
import { ICollaborativeContentProvider } from "@jupyter/collaborative-drive";
import { type JupyterFrontEnd, type JupyterFrontEndPlugin, ILayoutRestorer } from "@jupyterlab/application";
import { ICommandPalette, WidgetTracker } from "@jupyterlab/apputils";
import type { DocumentRegistry, IDocumentWidget } from "@jupyterlab/docregistry";
import { ILauncher } from "@jupyterlab/launcher";
import { IRenderMimeRegistry } from "@jupyterlab/rendermime";
import { LabIcon } from "@jupyterlab/ui-components";
import type { Widget } from "@lumino/widgets";
import { publishIdentity } from "../identity";
import { MIME_TYPE } from "../model/journeyfile";
import { FACTORY, FILE_TYPE, type JourneyPanel, JourneyWidgetFactory } from "./docwidget";
import { type LiveHost, WIDGET_MIME } from "./live";
import { GLOBAL_RANK, journeyRendererFactory, NOTEBOOK_RANK } from "./mime";
import { isCollaborative, JOURNEY_MODEL, registerShared, RTC_PROVIDER } from "./rtcmodel";
import { newMapText } from "./template";

const ID = "journey-widget";
const CREATE = `${ID}:create-new`;

// Columns of cards on a board, with a curve through them: the map's look in 16 px.
const ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16">
<g class="jp-icon3" fill="#616161"><rect x="1" y="2" width="4" height="3" rx="0.6"/><rect x="6" y="2" width="4" height="3" rx="0.6"/>
<rect x="11" y="2" width="4" height="3" rx="0.6"/><rect x="1" y="6" width="4" height="3" rx="0.6"/><rect x="11" y="6" width="4" height="3" rx="0.6"/></g>
<path class="jp-icon-accent0" fill="none" stroke="#e65100" stroke-width="1.4" stroke-linecap="round" d="M2 13 C5 10 7 15 9 12.5 S13 10 14.5 11.5"/></svg>`;

export const journeyIcon = new LabIcon({ name: `${ID}:map`, svgstr: ICON_SVG });

interface NotebookLike extends Widget {
  content?: { rendermime?: LiveHost["rendermime"] & { addFactory(f: unknown, rank?: number): void } };
}

async function createMap(app: JupyterFrontEnd, cwd: string): Promise<unknown> {
  const contents = app.serviceManager.contents;
  const file = await contents.newUntitled({ path: cwd, type: "file", ext: ".journey.json" });
  await contents.save(file.path, { type: "file", format: "text", content: newMapText() });
  return app.commands.execute("docmanager:open", { path: file.path, factory: FACTORY });
}

const plugin: JupyterFrontEndPlugin<void> = {
  id: `${ID}:plugin`,
  description: "Journey map documents (*.journey.json), shared in real-time collaboration, a launcher item, and read-only map outputs.",
  autoStart: true,
  requires: [IRenderMimeRegistry],
  optional: [ILauncher, ILayoutRestorer, ICommandPalette, ICollaborativeContentProvider],
  activate(app: JupyterFrontEnd, rendermime: IRenderMimeRegistry, launcher: ILauncher | null,
    restorer: ILayoutRestorer | null, palette: ICommandPalette | null, drive: ICollaborativeContentProvider | null) {
    // Who this browser's user is, for map widgets in notebooks (identity.ts).
    const user = app.serviceManager.user;
    void user.ready.then(() => {
      const id = user.identity;
      if (id) publishIdentity({ username: id.username, name: id.name, display_name: id.display_name, initials: id.initials, color: id.color || null });
    });
    app.docRegistry.addFileType({
      name: FILE_TYPE,
      displayName: "Journey Map",
      extensions: [".journey.json"],
      mimeTypes: [MIME_TYPE],
      fileFormat: "text",
      contentType: "file",
      icon: journeyIcon,
    });
    // With jupyter-collaboration, a map file is one shared document (docs/collaboration.md);
    // without it, the file's text model as ever.
    const shared = isCollaborative(drive);
    if (shared) registerShared(drive, app.docRegistry);
    const factory = new JourneyWidgetFactory({
      name: FACTORY, label: "Journey Map", fileTypes: [FILE_TYPE], defaultFor: [FILE_TYPE],
      ...(shared ? { modelName: JOURNEY_MODEL, contentProviderId: RTC_PROVIDER } : { modelName: "text" }),
    });
    app.docRegistry.addWidgetFactory(factory);

    const tracker = new WidgetTracker<IDocumentWidget<JourneyPanel>>({ namespace: ID });
    factory.widgetCreated.connect((_, widget) => {
      widget.title.icon = journeyIcon;
      widget.context.pathChanged.connect(() => void tracker.save(widget));
      void tracker.add(widget);
    });
    void restorer?.restore(tracker, {
      command: "docmanager:open",
      args: (w) => ({ path: w.context.path, factory: FACTORY }),
      name: (w) => w.context.path,
    });

    // Outputs: read-only everywhere; in notebooks ahead of the widget renderer (see live.ts).
    rendermime.addFactory(journeyRendererFactory(null, GLOBAL_RANK), GLOBAL_RANK);
    app.docRegistry.addWidgetExtension("Notebook", {
      createNew(panel: Widget, context: DocumentRegistry.Context) {
        const registry = (panel as NotebookLike).content?.rendermime;
        if (!registry) return;
        const live: LiveHost = {
          rendermime: registry,
          sessionContext: context.sessionContext,
          initialFactory: () => rendermime.getFactory(WIDGET_MIME),
        };
        registry.addFactory(journeyRendererFactory(live, NOTEBOOK_RANK), NOTEBOOK_RANK);
      },
    });

    app.commands.addCommand(CREATE, {
      label: (args) => (args.isPalette ? "New Journey Map" : "Journey Map"),
      caption: "Create a new customer journey map file (.journey.json)",
      icon: (args) => (args.isPalette ? undefined : journeyIcon),
      execute: (args) => createMap(app, typeof args.cwd === "string" ? args.cwd : ""),
    });
    launcher?.add({ command: CREATE, category: "Other", rank: 1 });
    palette?.addItem({ command: CREATE, category: "Journey Map", args: { isPalette: true } });
  },
};

export default plugin;
