// The words the map is made of, from the one file Python reads too
// (src/journey_widget/vocabulary.json, read by journey_widget/vocabulary.py): lane tones and the
// rule that picks them, confidence levels and letters, channel keys, emotion-lane words, avatar
// colours and the board's geometry. esbuild bundles the JSON; nothing else keeps a copy.
// Words are lowercase substrings matched case-insensitively; the first list that matches wins.
import data from "../../src/journey_widget/vocabulary.json";

/** The tones the views draw (styles.css .jw-tone-<tone>); checked against the file on load. */
export const TONES = ["pain", "opportunity"] as const;
export type Tone = (typeof TONES)[number];

/** The confidence levels in order; checked against the file on load. */
export const CONFIDENCE_LEVELS = ["observed", "reported", "inferred", "hypothesized"] as const;
export type Confidence = (typeof CONFIDENCE_LEVELS)[number];

interface VocabularyFile {
  lane_tones: Array<{ tone: string; label: string; plural: string; words: string[] }>;
  confidence: Array<{ level: string; letter: string; backs: boolean }>;
  channels: Array<{ key: string; words: string[] }>;
  channel_other: string;
  emotion_lane_words: string[];
  avatar_colors: string[];
  geometry: {
    column_width: number; lane_width: number; curve_height: number; curve_pad: number; curve_series: number;
    css_properties: Record<string, string>;
  };
}

const vocab: VocabularyFile = data;

function same(found: readonly string[], known: readonly string[], what: string): void {
  if (found.join("\u0000") !== known.join("\u0000")) {
    throw new Error(`vocabulary.json: ${what} are ${found.join(", ")}; the code knows ${known.join(", ")}`);
  }
}
same(vocab.lane_tones.map((t) => t.tone), TONES, "lane tones");
same(vocab.confidence.map((c) => c.level), CONFIDENCE_LEVELS, "confidence levels");

function matches(name: string, words: readonly string[]): boolean {
  const low = name.toLowerCase();
  return words.some((w) => low.includes(w));
}

const TONE_RULES = vocab.lane_tones.map((t) => ({ ...t, tone: t.tone as Tone }));

/** The tone of a lane by its name: the one rule (vocabulary.py `lane_tone`). */
export function laneTone(name: string): Tone | null {
  for (const t of TONE_RULES) if (matches(name, t.words)) return t.tone;
  return null;
}

/** What a card of a `tone` lane is called ("Pain point"): its accessible label's start. */
export function toneLabel(tone: Tone): string {
  return TONE_RULES.find((t) => t.tone === tone)?.label ?? tone;
}

/** What the cards of a `tone` lane are called together ("pain points"). */
export function tonePlural(tone: Tone): string {
  return TONE_RULES.find((t) => t.tone === tone)?.plural ?? tone;
}

/** One letter per level, shown in the confidence badge (never colour alone). */
export const CONFIDENCE_LETTER = Object.fromEntries(
  vocab.confidence.map((c) => [c.level, c.letter]),
) as Record<Confidence, string>;

/** Levels that back a card as evidence does (observed, reported). */
export const BACKING_CONFIDENCE: readonly Confidence[] = vocab.confidence
  .filter((c) => c.backs).map((c) => c.level as Confidence);

/** True when `value` is one of the confidence levels (exactly, case included). */
export function isConfidence(value: unknown): value is Confidence {
  return typeof value === "string" && (CONFIDENCE_LEVELS as readonly string[]).includes(value);
}

/** The letter of a confidence level's badge, or null for anything else. */
export function confidenceLetter(level: string): string | null {
  return isConfidence(level) ? CONFIDENCE_LETTER[level] : null;
}

/** A channel's icon and colour key: "Live chat" -> "chat", else "other" (styles.css .jw-ch-<key>). */
export function channelKey(channel: string): string {
  for (const c of vocab.channels) if (matches(channel, c.words)) return c.key;
  return vocab.channel_other;
}

/** Every channel key, "other" last. */
export const CHANNEL_KEYS: readonly string[] = [...vocab.channels.map((c) => c.key), vocab.channel_other];

/** Words that make a lane named without a kind an emotion lane. */
export const EMOTION_WORDS: readonly string[] = vocab.emotion_lane_words;

/** True when a lane named `name` (without a kind) is an emotion lane (model/structure.py `to_lane`). */
export function isEmotionLaneName(name: string): boolean {
  return matches(name, EMOTION_WORDS);
}

/** Colour tokens a persona avatar may use (styles.css .jw-avatar-<token>). */
export const AVATAR_COLORS: readonly string[] = vocab.avatar_colors;

/** Width (px) of one map column. */
export const COLUMN_WIDTH = vocab.geometry.column_width;
/** Width (px) of the lane-header column. */
export const LANE_WIDTH = vocab.geometry.lane_width;
/** Height (px) of an emotion lane's curve row. */
export const CURVE_HEIGHT = vocab.geometry.curve_height;
/** Space (px) above the scale's top and below its bottom in the curve row. */
export const CURVE_PAD = vocab.geometry.curve_pad;
/** How many persona curves get a style of their own (styles.css .jw-series-<n>); then repeat. */
export const CURVE_SERIES = vocab.geometry.curve_series;

/** The CSS custom properties the board's CSS reads ("--jw-col-width" -> "220px"). */
export const CSS_PROPERTIES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(vocab.geometry.css_properties).map(([name, key]) => {
    const value = (vocab.geometry as unknown as Record<string, unknown>)[key];
    if (typeof value !== "number") throw new Error(`vocabulary.json: geometry.${key} is not a number`);
    return [name, `${value}px`];
  }),
);

/** Set the board's geometry on a view's root, as the static renderer writes it on its own. */
export function setGeometry(root: HTMLElement): void {
  for (const [name, value] of Object.entries(CSS_PROPERTIES)) root.style.setProperty(name, value);
}
