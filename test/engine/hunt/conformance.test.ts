// Runs every public conformance case of the spec, v1 and v2, against the validator, with
// the matching rules of test/fixtures/conformance/README.md and conformance-v2/README.md.
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { validateHunt } from "../../../engine/hunt/validate";
import type { Issue } from "../../../engine/hunt/issues";

const FIXTURES = join(import.meta.dirname, "../../fixtures");

type Expected = {
  code: string;
  path: string;
  alt?: string[];
  tolerate?: { code: string; path: string }[];
};
type ExpectedFile = {
  valid: boolean;
  errors: Expected[];
  warnings: { code: string; path: string }[];
};

const atOrBelow = (actual: string, expected: string) =>
  actual === expected || actual.startsWith(expected + "/");
const matches = (a: Issue, e: { code: string; path: string; alt?: string[] }) =>
  a.code === e.code &&
  [e.path, ...(e.alt ?? [])].some((p) => atOrBelow(a.path, p));

describe.each(["conformance", "conformance-v2"])("%s", (dir) => {
  const DIR = join(FIXTURES, dir);
  const read = (name: string): unknown =>
    JSON.parse(readFileSync(join(DIR, name), "utf8"));
  const files = readdirSync(DIR);
  const validateCases = files
    .filter((f) => f.endsWith(".validate.expected.json"))
    .map((f) => f.replace(".validate.expected.json", ""));
  const replayCases = files
    .filter((f) => /^case\d+\.expected\.json$/.test(f))
    .map((f) => f.replace(".expected.json", ""));

  describe("conformance: invalid hunts", () => {
    it("has cases to run", () =>
      expect(validateCases.length).toBeGreaterThan(0));

    it.each(validateCases)("%s", (k) => {
      const expected = read(`${k}.validate.expected.json`) as ExpectedFile;
      const result = validateHunt(read(`${k}.hunt.json`));
      expect(result.valid).toBe(false);
      for (const e of expected.errors) {
        expect(
          result.errors.some((a) => matches(a, e)),
          `expected ${e.code} at ${e.path}; got ${JSON.stringify(result.errors)}`,
        ).toBe(true);
      }
      const tolerated = expected.errors.flatMap((e) => e.tolerate ?? []);
      for (const a of result.errors) {
        const allowed =
          expected.errors.some((e) => matches(a, e)) ||
          tolerated.some((t) => matches(a, t));
        expect(
          allowed,
          `unexpected error ${a.code} at ${a.path}: ${a.message}`,
        ).toBe(true);
      }
      // Warnings are informative in the cases, but each listed one is a rule we implement.
      for (const w of expected.warnings) {
        expect(
          result.warnings.some((a) => a.code === w.code && a.path === w.path),
          `missing warning ${w.code} at ${w.path}`,
        ).toBe(true);
      }
    });
  });

  describe("conformance: the hunts of the replay cases are valid", () => {
    it("has cases to run", () => expect(replayCases.length).toBeGreaterThan(0));

    it.each(replayCases)("%s", (k) => {
      const result = validateHunt(read(`${k}.hunt.json`));
      expect(result.errors).toEqual([]);
      expect(result.valid).toBe(true);
      expect(result.hunt).toBeDefined();
    });
  });
});
