/** Checks one profile of a config file: known fields only, each of its type and range. */
import type { ConfigProblem } from './config-problem.js';
import { pathText } from './config-problem.js';
import { PLAYGROUND_BASE_URL } from './defaults.js';
import type { Checked } from './field-checks.js';
import {
  checkBaseUrl,
  checkConcurrency,
  checkDirectory,
  checkKeyVariable,
  checkRate,
  checkSwitch,
} from './field-checks.js';
import { keyFieldProblem, looksLikeKey } from './key-fields.js';
import type { LocatedDocument } from './read-config.js';
import type { Profile, ProfileValue } from './settings-types.js';
import { closestName, didYouMean } from './suggest.js';
import { describeValue } from '../util/describe-value.js';

/** The fields a profile may hold. */
export const PROFILE_FIELDS = [
  'baseUrl',
  'playground',
  'apiKeyEnv',
  'rate',
  'concurrency',
  'stateDir',
  'reportDir',
] as const;

/** Where the profile is, and where its problems go. */
export interface ProfileContext {
  doc: LocatedDocument;
  /** `['profiles', name]`. */
  path: readonly string[];
  /** The config file's directory, which relative paths are relative to. */
  configDir: string;
  problems: ConfigProblem[];
}

/** The checked profile; its problems are added to `context.problems`. */
export function checkProfile(raw: unknown, context: ProfileContext): Profile {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    context.problems.push({
      position: context.doc.valueAt(context.path),
      text:
        `${pathText(context.path)} must be a mapping of settings ` +
        `(${PROFILE_FIELDS.join(', ')}); got ${describeValue(raw)}`,
    });
    return {};
  }
  const fields = raw as Record<string, unknown>;
  refuseStrangers(fields, context);
  const take = <T>(field: string, check: (value: unknown) => Checked<T>) =>
    takeField(fields, field, check, context);
  const baseUrl = take('baseUrl', checkBaseUrl);
  const playground = take('playground', checkSwitch);
  const directory = (value: unknown) => checkDirectory(value, context.configDir);
  return dropEmpty({
    baseUrl: chooseBaseUrl(baseUrl, playground, context),
    apiKeyEnv: take('apiKeyEnv', checkKeyVariable),
    rate: take('rate', checkRate),
    concurrency: take('concurrency', checkConcurrency),
    stateDir: take('stateDir', directory),
    reportDir: take('reportDir', directory),
  });
}

/** Key-like fields and typos: a field aa-sync does not know must not be ignored. */
function refuseStrangers(fields: Record<string, unknown>, context: ProfileContext): void {
  for (const [field, value] of Object.entries(fields)) {
    const path = [...context.path, field];
    if (looksLikeKey(field)) {
      context.problems.push(keyFieldProblem(context.doc, path, value));
    } else if (!(PROFILE_FIELDS as readonly string[]).includes(field)) {
      const near = closestName(field, PROFILE_FIELDS);
      context.problems.push({
        position: context.doc.keyAt(path),
        text:
          `${pathText(path)} is not a setting aa-sync knows ` +
          `(a profile may hold ${PROFILE_FIELDS.join(', ')})${didYouMean(near)}`,
      });
    }
  }
}

function takeField<T>(
  fields: Record<string, unknown>,
  field: string,
  check: (value: unknown) => Checked<T>,
  context: ProfileContext,
): ProfileValue<T> | undefined {
  if (!Object.hasOwn(fields, field)) return undefined;
  const path = [...context.path, field];
  const position = context.doc.valueAt(path);
  const checked = check(fields[field]);
  if ('value' in checked) return { value: checked.value, position };
  context.problems.push({ position, text: `${pathText(path)} ${checked.problem}` });
  return undefined;
}

/** `playground: true` is the file's form of the playground's URL. */
function chooseBaseUrl(
  baseUrl: ProfileValue<string> | undefined,
  playground: ProfileValue<boolean> | undefined,
  context: ProfileContext,
): ProfileValue<string> | undefined {
  if (playground?.value !== true) return baseUrl;
  if (baseUrl === undefined) return { ...playground, value: PLAYGROUND_BASE_URL };
  context.problems.push({
    position: playground.position,
    text:
      `${pathText([...context.path, 'playground'])} and baseUrl are both set; ` +
      'give baseUrl or playground: true, not both',
  });
  return undefined;
}

function dropEmpty(profile: Profile): Profile {
  return Object.fromEntries(
    Object.entries(profile).filter(([, value]) => value !== undefined),
  );
}
