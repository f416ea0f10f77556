/**
 * Checks a parsed config file as a whole: the top level holds `profiles` and
 * optionally `defaultProfile`, and every profile is checked, not only the one
 * in use, so that a typo anywhere surfaces at once. Every problem is listed.
 */
import { dirname } from 'node:path';
import { describeValue } from '../util/describe-value.js';
import type { ConfigProblem } from './config-problem.js';
import { configError, pathText } from './config-problem.js';
import { checkProfile } from './check-profile.js';
import { keyFieldProblem, looksLikeKey } from './key-fields.js';
import type { LocatedDocument } from './read-config.js';
import type {
  ConfigFile,
  ConfigSource,
  Profile,
  ProfileValue,
} from './settings-types.js';
import { closestName, didYouMean, quotedList } from './suggest.js';

const TOP_FIELDS = ['defaultProfile', 'profiles'] as const;

/** The checked file; a usage error listing every problem when there is any. */
export function checkConfig(doc: LocatedDocument, source: ConfigSource): ConfigFile {
  const problems: ConfigProblem[] = [];
  const top = doc.value;
  if (typeof top !== 'object' || top === null || Array.isArray(top)) {
    throw configError(source, [
      {
        position: undefined,
        text: `must hold a mapping with profiles (and optionally defaultProfile); got ${describeValue(top)}`,
      },
    ]);
  }
  const fields = top as Record<string, unknown>;
  refuseStrangers(doc, fields, problems);
  const profiles = checkProfiles(
    doc,
    fields.profiles,
    dirname(source.absolute),
    problems,
  );
  const defaultProfile = checkDefault(doc, fields, profiles, problems);
  if (problems.length > 0) throw configError(source, problems);
  return {
    source,
    profiles,
    ...(defaultProfile === undefined ? {} : { defaultProfile }),
  };
}

function refuseStrangers(
  doc: LocatedDocument,
  fields: Record<string, unknown>,
  problems: ConfigProblem[],
): void {
  for (const [field, value] of Object.entries(fields)) {
    if (looksLikeKey(field)) {
      problems.push(keyFieldProblem(doc, [field], value));
    } else if (!(TOP_FIELDS as readonly string[]).includes(field)) {
      const near = closestName(field, TOP_FIELDS);
      problems.push({
        position: doc.keyAt([field]),
        text:
          `${pathText([field])} is not a field aa-sync knows (the file holds ` +
          `defaultProfile and profiles; settings go inside a profile)${didYouMean(near)}`,
      });
    }
  }
}

function checkProfiles(
  doc: LocatedDocument,
  raw: unknown,
  configDir: string,
  problems: ConfigProblem[],
): Map<string, Profile> {
  const profiles = new Map<string, Profile>();
  if (raw === undefined) {
    problems.push({
      position: undefined,
      text: 'has no profiles field: name at least one profile under profiles',
    });
    return profiles;
  }
  const names = typeof raw === 'object' && raw !== null && !Array.isArray(raw);
  if (!names || Object.keys(raw).length === 0) {
    problems.push({
      position: doc.valueAt(['profiles']),
      text: `profiles must map each profile's name to its settings; got ${describeValue(raw)}`,
    });
    return profiles;
  }
  for (const [name, profile] of Object.entries(raw as Record<string, unknown>)) {
    const path = ['profiles', name];
    profiles.set(name, checkProfile(profile, { doc, path, configDir, problems }));
  }
  return profiles;
}

function checkDefault(
  doc: LocatedDocument,
  fields: Record<string, unknown>,
  profiles: ReadonlyMap<string, Profile>,
  problems: ConfigProblem[],
): ProfileValue<string> | undefined {
  if (!Object.hasOwn(fields, 'defaultProfile')) return undefined;
  const raw = fields.defaultProfile;
  const position = doc.valueAt(['defaultProfile']);
  if (typeof raw === 'string' && profiles.has(raw)) return { value: raw, position };
  // Without profiles there is nothing to name: that problem is reported already.
  if (profiles.size === 0) return undefined;
  const names = [...profiles.keys()];
  const near = typeof raw === 'string' ? closestName(raw, names) : undefined;
  problems.push({
    position,
    text:
      `defaultProfile must name one of the profiles (${quotedList(names)}); ` +
      `got ${describeValue(raw)}${didYouMean(near)}`,
  });
  return undefined;
}
