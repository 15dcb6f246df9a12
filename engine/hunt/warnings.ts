// Warnings: the hunt can be played, but probably not as the designer meant. They are
// computed on the raw value (so an invalid file still gets them) from whatever parts
// are well-formed; a value that is malformed is left to its schema error.
import { issue, type Issue } from './issues';
import { isRecord, locationName, rawList, stepName } from './describe';
import { rotationDeadlocks } from './groups';
import { stepIdIndex } from './references';

const DEFAULT_POINTS = 100;
const EARTH_RADIUS_M = 6_371_008.8;

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function hintPenaltyExceedsPoints(root: unknown): Issue[] {
  const found: Issue[] = [];
  rawList(root, 'steps').forEach((step, i) => {
    if (!isRecord(step) || !Array.isArray(step.hints)) return;
    const points = step.points === undefined ? DEFAULT_POINTS : step.points;
    if (!isNumber(points)) return;
    const total = step.hints.reduce<number>((sum, h) => sum + (isRecord(h) && isNumber(h.penalty) ? h.penalty : 0), 0);
    if (total > points) {
      found.push(issue('hint-penalty-exceeds-points', ['steps', i, 'hints'], `the hints of ${stepName(root, i)} cost ${total} points together, more than the ${points} the step is worth: a player who takes them all scores 0 on it however they answer`));
    }
  });
  return found;
}

function stepLimitExceedsHunt(root: unknown): Issue[] {
  const huntLimit = isRecord(root) ? root.timeLimitSec : undefined;
  if (!isNumber(huntLimit)) return [];
  const found: Issue[] = [];
  rawList(root, 'steps').forEach((step, i) => {
    if (!isRecord(step) || !isNumber(step.timeLimitSec) || step.timeLimitSec <= huntLimit) return;
    found.push(issue('step-limit-exceeds-hunt', ['steps', i, 'timeLimitSec'], `${stepName(root, i)} has a time limit of ${step.timeLimitSec} s, longer than the whole hunt's ${huntLimit} s: the hunt always ends first, so the step limit never applies`));
  });
  return found;
}

/** Location ids used by location steps. */
function usedLocations(root: unknown): Set<string> {
  const used = new Set<string>();
  for (const step of rawList(root, 'steps')) {
    if (isRecord(step) && step.kind === 'location' && typeof step.location === 'string') used.add(step.location);
  }
  return used;
}

function unusedLocations(root: unknown): Issue[] {
  const used = usedLocations(root);
  const found: Issue[] = [];
  rawList(root, 'locations').forEach((loc, i) => {
    if (!isRecord(loc) || typeof loc.id !== 'string' || used.has(loc.id)) return;
    found.push(issue('unused-location', ['locations', i], `${locationName(root, i)} is not used by any location step: remove it, or add a step with "kind": "location" and "location": "${loc.id}"`));
  });
  return found;
}

function emptyHints(root: unknown): Issue[] {
  const found: Issue[] = [];
  rawList(root, 'steps').forEach((step, i) => {
    if (!isRecord(step) || !Array.isArray(step.hints)) return;
    step.hints.forEach((h, j) => {
      if (isRecord(h) && typeof h.text === 'string' && h.text.trim() === '') {
        const cost = isNumber(h.penalty) && h.penalty > 0 ? `pay ${h.penalty} points` : 'use up a hint';
        found.push(issue('empty-hint', ['steps', i, 'hints', j, 'text'], `hint ${j + 1} of ${stepName(root, i)} has no text: a player asking for it would ${cost} for nothing`));
      }
    });
  });
  return found;
}

/** Great-circle distance in metres, with the same earth radius as the engine (spec §3 rule 6). */
function haversineM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * Two used locations whose circles overlap: one position inside both solves the
 * available steps at both at once, which is rarely what a designer placing two
 * separate places meant. Reported at the later location.
 */
function overlappingLocations(root: unknown): Issue[] {
  const used = usedLocations(root);
  type Place = { i: number; id: string; lat: number; lon: number; r: number };
  const places: Place[] = [];
  const found: Issue[] = [];
  rawList(root, 'locations').forEach((loc, i) => {
    if (!isRecord(loc) || typeof loc.id !== 'string' || !used.has(loc.id)) return;
    if (!isNumber(loc.lat) || !isNumber(loc.lon) || !isNumber(loc.radiusM) || loc.radiusM <= 0) return;
    const here: Place = { i, id: loc.id, lat: loc.lat, lon: loc.lon, r: loc.radiusM };
    for (const p of places) {
      if (p.id === here.id) continue;
      const d = haversineM(p.lat, p.lon, here.lat, here.lon);
      if (d < p.r + here.r) {
        found.push(issue('overlapping-locations', ['locations', i], `${locationName(root, i)} (radius ${here.r} m) overlaps location "${p.id}" (radius ${p.r} m), ${Math.round(d)} m away: one position inside both solves the steps at both at once; move them apart or shrink a radius`));
        break;
      }
    }
    places.push(here);
  });
  return found;
}

const isV2 = (root: unknown) => isRecord(root) && root.format !== 'hunt/1';

/**
 * hunt/2 `maybe-unreachable`: without a finish step, a step that must be done to finish
 * but waits for one outcome of another step leaves P unable to finish on the other one.
 */
function maybeUnreachable(root: unknown): Issue[] {
  if (!isV2(root) || (root as Record<string, unknown>).finishStep !== undefined) return [];
  const found: Issue[] = [];
  rawList(root, 'steps').forEach((step, i) => {
    if (!isRecord(step) || step.optional === true || !Array.isArray(step.requires)) return;
    step.requires.forEach((r, k) => {
      if (!isRecord(r)) return;
      for (const [key, other] of [['solved', 'failed'], ['failed', 'solved']] as const) {
        if (typeof r[key] !== 'string') continue;
        found.push(
          issue(
            'maybe-unreachable',
            ['steps', i, 'requires', k],
            `${stepName(root, i)} opens only if step "${r[key]}" is ${key}; a team for whom it is ${other} can never do ${stepName(root, i)}, and without a "finishStep" they could never finish: make the step "optional": true, or set a "finishStep"`,
          ),
        );
      }
    });
  });
  return found;
}

function finishStepOptional(root: unknown): Issue[] {
  if (!isV2(root)) return [];
  const finish = (root as Record<string, unknown>).finishStep;
  if (typeof finish !== 'string') return [];
  const i = stepIdIndex(root).get(finish);
  const step = i === undefined ? undefined : rawList(root, 'steps')[i];
  if (!isRecord(step) || step.optional !== true) return [];
  return [issue('finish-step-optional', ['finishStep'], `the finish step "${finish}" is marked "optional", which is ignored for it: finishing always needs it done; remove "optional" from step "${finish}"`)];
}

/** Every warning for the raw hunt value. */
export function checkWarnings(root: unknown): Issue[] {
  return [
    ...maybeUnreachable(root),
    ...finishStepOptional(root),
    ...(isV2(root) ? rotationDeadlocks(root, stepIdIndex(root)) : []),
    ...hintPenaltyExceedsPoints(root),
    ...stepLimitExceedsHunt(root),
    ...unusedLocations(root),
    ...emptyHints(root),
    ...overlappingLocations(root),
  ];
}
