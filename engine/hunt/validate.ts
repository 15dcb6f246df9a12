// Validation of a hunt file (spec §1): every problem at once, errors and warnings,
// each with its code, JSON-pointer path and a message for designers.
import { checkSchema } from './schema-issues';
import { checkReferences } from './references';
import { checkWarnings } from './warnings';
import { sortIssues, type Issue } from './issues';
import type { Hunt } from './schema';

export type { Issue } from './issues';
export { ERROR_CODES, WARNING_CODES } from './issues';

export type HuntValidation = {
  valid: boolean;
  errors: Issue[];
  warnings: Issue[];
  /** The hunt, typed, when it is valid. */
  hunt?: Hunt;
};

/** Validates an already-parsed JSON value as a hunt. Pure and total: never throws on any input. */
export function validateHunt(value: unknown): HuntValidation {
  const schema = checkSchema(value);
  const errors = sortIssues([...schema.issues, ...checkReferences(value)]);
  const warnings = sortIssues(checkWarnings(value));
  if (errors.length === 0 && schema.hunt) return { valid: true, errors, warnings, hunt: schema.hunt };
  return { valid: false, errors, warnings };
}
