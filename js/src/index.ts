// anywidget entry: wires the anywidget model to the store and the view. Nothing else.
import type { AnyModel } from "@anywidget/types";
import { anywidgetModel } from "./model/anywidget";
import { Store } from "./store";
import { traitOverlays } from "./view/overlay";
import { MapView } from "./view/view";

export default {
  render({ model, el }: { model: AnyModel; el: HTMLElement }) {
    const source = anywidgetModel(model);
    const store = new Store(source);
    const view = new MapView(el, store, { overlays: traitOverlays(model), check: source.check?.bind(source) });
    // "A view exists": front ends that never call _repr_mimebundle_ (docs/protocol.md) still
    // get their chart overlays redrawn after edits made from Python.
    model.send({ type: "shown" });
    return () => {
      view.destroy();
      store.destroy();
    };
  },
};
