// The vocabulary (src/journey_widget/vocabulary.json) as the widget uses it: one rule for a
// lane's tone, so a "Problems" lane is drawn as pain points, and the board's geometry set on
// the root for styles.css. Python's answers on the same names: tests/unit/test_vocabulary.py.
import { afterEach, describe, expect, it } from "vitest";
import {
  channelKey, COLUMN_WIDTH, confidenceLetter, CSS_PROPERTIES, isEmotionLaneName, laneTone, LANE_WIDTH,
} from "../src/vocabulary";
import { card, makeStructure } from "./fake";
import { mount } from "./helpers";

afterEach(() => {
  document.body.textContent = "";
});

describe("vocabulary", () => {
  it("gives lanes their tone by one rule, case-insensitively", () => {
    expect(["Pain points", "Problems", "ISSUES", "Frustrations", "Where it fails"].map(laneTone))
      .toEqual(["pain", "pain", "pain", "pain", "pain"]);
    expect(["Opportunities", "Ideas", "Improvements"].map(laneTone)).toEqual(["opportunity", "opportunity", "opportunity"]);
    expect(laneTone("Pain points and ideas")).toBe("pain"); // the first tone that matches wins
    expect(laneTone("Actions")).toBeNull();
  });

  it("keys channels, letters confidence levels and spots emotion lanes", () => {
    expect(["Live chat", "In-store kiosk", "in person", "Newsletter", "Fax"].map(channelKey))
      .toEqual(["chat", "store", "store", "email", "other"]);
    expect(["observed", "hypothesized", "Observed"].map(confidenceLetter)).toEqual(["O", "H", null]);
    expect(isEmotionLaneName("Feelings")).toBe(true);
    expect(isEmotionLaneName("Actions")).toBe(false);
  });
});

describe("the widget draws by the vocabulary", () => {
  it("draws a Problems lane's card without evidence as a pain point marked No evidence", () => {
    const st = makeStructure({ lanes: [{ name: "Actions", kind: "text" }, { name: "Problems", kind: "text" }] });
    const { q } = mount([card("p", { lane: "Problems", text: "Fees appear late", evidence: null })], st);
    const lane = q('[data-jw-lane="Problems"]')!;
    expect(lane.classList.contains("jw-tone-pain")).toBe(true);
    expect(q('[data-jw-cell][data-lane="Problems"]')!.classList.contains("jw-tone-pain")).toBe(true);
    const el = q('[data-jw-card="p"]')!;
    expect(el.getAttribute("aria-label")).toBe("Pain point: Fees appear late; No evidence: an assumption");
    expect(el.getAttribute("data-jw-evidence")).toBe("none");
    expect(q('[data-jw-lane="Actions"]')!.className).not.toContain("jw-tone");
  });

  it("sets the board's geometry on its root from the vocabulary", () => {
    const { root } = mount([card("a")]);
    expect(CSS_PROPERTIES["--jw-col-width"]).toBe(`${COLUMN_WIDTH}px`);
    expect(root.style.getPropertyValue("--jw-col-width")).toBe(`${COLUMN_WIDTH}px`);
    expect(root.style.getPropertyValue("--jw-lane-width")).toBe(`${LANE_WIDTH}px`);
    expect(root.style.getPropertyValue("--jw-curve-height")).not.toBe("");
  });
});
