// Python's text for values: `repr(float)`, `format(x, "g")` and `repr()` of plain values, so
// a document bound in JupyterLab writes the bytes `json.dumps` writes and gives the same
// rejection reasons the kernel gives (docs/protocol.md).

/** A number that Python holds as a float: written `1.0`, not `1`. */
export class PyFloat {
  constructor(readonly value: number) {}
}

function digitsAndExponent(x: number, precision?: number): { neg: boolean; digits: string; exp: number } {
  const [mant = "0", e = "0"] = (precision == null ? x.toExponential() : x.toExponential(precision)).split("e");
  return { neg: mant.startsWith("-"), digits: mant.replace("-", "").replace(".", ""), exp: Number(e) };
}

function scientific(neg: boolean, digits: string, exp: number): string {
  const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${neg ? "-" : ""}${m}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
}

function fixed(neg: boolean, digits: string, exp: number, pointZero: boolean): string {
  let s: string;
  if (exp < 0) s = `0.${"0".repeat(-exp - 1)}${digits}`;
  else if (digits.length > exp + 1) s = `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
  else s = digits + "0".repeat(exp + 1 - digits.length) + (pointZero ? ".0" : "");
  return (neg ? "-" : "") + s;
}

/** `repr(x)` of a Python float: the shortest round-trip digits, `1.0`, `1e-05`, `1e+16`. */
export function pyFloat(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "Infinity" : "-Infinity";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const { neg, digits, exp } = digitsAndExponent(x);
  return exp < -4 || exp >= 16 ? scientific(neg, digits, exp) : fixed(neg, digits, exp, true);
}

/** `format(x, "g")`: six significant digits, trailing zeros dropped. */
export function pyG(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0" : "0";
  const { neg, digits, exp } = digitsAndExponent(x, 5);
  const trimmed = digits.replace(/0+$/, "") || "0";
  return exp < -4 || exp >= 6 ? scientific(neg, trimmed, exp) : fixed(neg, trimmed, exp, false);
}

/** A number as Python prints it: ints plainly, floats as `repr(float)`. */
export function pyNumber(x: number, isFloat = !Number.isInteger(x)): string {
  return isFloat ? pyFloat(x) : String(x);
}

/** What Python's `str.isprintable()` refuses: control, format, surrogate, private-use,
 * unassigned and separator characters (the ASCII space excepted). */
const UNPRINTABLE = /^[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]$/u;

function escape(code: number): string {
  if (code < 0x100) return `\\x${code.toString(16).padStart(2, "0")}`;
  if (code < 0x10000) return `\\u${code.toString(16).padStart(4, "0")}`;
  return `\\U${code.toString(16).padStart(8, "0")}`;
}

function pyStr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = "";
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === "\\" || ch === quote) out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch !== " " && UNPRINTABLE.test(ch)) out += escape(code);
    else out += ch;
  }
  return quote + out + quote;
}

/** `repr()` of a plain value: `None`, `True`, `'text'`, `1`, `1.5`, `['a', None]`. */
export function pyRepr(v: unknown): string {
  if (v == null) return "None";
  if (v instanceof PyFloat) return pyFloat(v.value);
  if (typeof v === "boolean") return v ? "True" : "False";
  if (typeof v === "number") return pyNumber(v);
  if (typeof v === "string") return pyStr(v);
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(", ")}]`;
  if (typeof v === "object") {
    return `{${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${pyStr(k)}: ${pyRepr(x)}`).join(", ")}}`;
  }
  return String(v);
}

/** JSON text already written by `pyJson` at the level where it is placed. */
export class RawJson {
  constructor(readonly text: string) {}
}

/** `json.dumps(value, indent=1, ensure_ascii=False)`, with PyFloat written as Python floats. */
export function pyJson(v: unknown, level = 0): string {
  if (v instanceof RawJson) return v.text;
  if (v instanceof PyFloat) return Number.isFinite(v.value) ? pyFloat(v.value) : "NaN";
  if (v == null) return "null";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "NaN";
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "string") return JSON.stringify(v);
  const pad = "\n" + " ".repeat(level + 1);
  const end = "\n" + " ".repeat(level);
  if (Array.isArray(v)) {
    return v.length ? `[${v.map((x) => pad + pyJson(x, level + 1)).join(",")}${end}]` : "[]";
  }
  const entries = Object.entries(v as Record<string, unknown>);
  if (!entries.length) return "{}";
  return `{${entries.map(([k, x]) => `${pad}${JSON.stringify(k)}: ${pyJson(x, level + 1)}`).join(",")}${end}}`;
}
