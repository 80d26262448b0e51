import { describe, expect, it } from "vitest";
import { fileStatus } from "../src/model/anywidget";
import { renderFileStatus, sameFileStatus } from "../src/view/filestatus";

describe("the bound file's status", () => {
  it("reads the file_binding trait, an empty dict meaning no file", () => {
    expect(fileStatus({})).toBeNull();
    expect(fileStatus(null)).toBeNull();
    expect(fileStatus({ state: "bogus", path: "x" })).toBeNull();
    expect(fileStatus({ state: "saved", message: "m", path: "/w/a.journey.json", conflict_copy: null, at: 1 }))
      .toEqual({ state: "saved", message: "m", path: "/w/a.journey.json", conflict_copy: null });
  });

  it("is quiet when saved and hidden when there is no file", () => {
    const host = document.createElement("div");
    renderFileStatus(host, null);
    expect(host.hidden).toBe(true);
    renderFileStatus(host, { state: "saved", message: "", path: "/w/checkout.journey.json", conflict_copy: null });
    expect(host.hidden).toBe(false);
    expect(host.getAttribute("role")).toBe("status");
    expect(host.textContent).toContain("Saved to checkout.journey.json");
  });

  it("warns visibly with the kernel's message, as text", () => {
    const host = document.createElement("div");
    const message = "could not write <b>checkout.journey.json</b>: No space left on device; retrying";
    renderFileStatus(host, { state: "error", message, path: "/w/checkout.journey.json", conflict_copy: null });
    expect(host.getAttribute("role")).toBe("alert");
    expect(host.getAttribute("data-jw-file-state")).toBe("error");
    expect(host.textContent).toContain(message);
    expect(host.querySelector("b")).toBeNull();
  });

  it("compares statuses by what they show", () => {
    const a = { state: "saved" as const, message: "", path: "p", conflict_copy: null };
    expect(sameFileStatus(a, { ...a })).toBe(true);
    expect(sameFileStatus(a, { ...a, state: "pending" })).toBe(false);
    expect(sameFileStatus(null, undefined)).toBe(false);
    expect(sameFileStatus(null, null)).toBe(true);
  });
});
