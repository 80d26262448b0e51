// anywidget entry of the compare view (jw.compare): two read-only maps with their changes marked.
import type { AnyModel } from "@anywidget/types";
import { CompareView } from "./compare/view";

export default {
  render({ model, el }: { model: AnyModel; el: HTMLElement }) {
    const view = new CompareView(el, model);
    return () => view.destroy();
  },
};
