/**
 * Which profile a command uses: `--profile NAME`, else `AA_SYNC_PROFILE`, else
 * the file's `defaultProfile`, else none (defaults only).
 */
import { KEY_SHAPED, isKeyShaped } from '../util/describe-value.js';
import { usageError } from '../cli/errors.js';
import { lineOf } from './config-problem.js';
import { PROFILE_ENV } from './defaults.js';
import { whereLooked } from './find-config.js';
import type { ChosenProfile, ConfigFile, Profile } from './settings-types.js';
import { closestName, didYouMean, quotedList } from './suggest.js';

/** The profile in use and its checked settings. */
export interface ProfileInUse extends ChosenProfile {
  profile: Profile;
}

interface Request {
  name: string;
  chosenBy: string;
}

/** The profile to use; a name no profile has is a usage error listing the profiles. */
export function chooseProfile(
  file: ConfigFile | undefined,
  flag: string | undefined,
  env: NodeJS.ProcessEnv,
  cwd: string,
): ProfileInUse | undefined {
  const request = requested(file, flag, env);
  if (request === undefined) return undefined;
  if (file === undefined) {
    throw usageError(
      `${request.chosenBy} ${request.name}: no config file was found (looked for ` +
        `${whereLooked(cwd)}); create one there, or name one with --config FILE`,
    );
  }
  const profile = file.profiles.get(request.name);
  if (profile !== undefined) return { ...request, profile };
  const names = [...file.profiles.keys()];
  const near = closestName(request.name, names);
  const shown = isKeyShaped(request.name) ? KEY_SHAPED : request.name;
  throw usageError(
    `${request.chosenBy} ${shown}: ${file.source.shown} has no such profile ` +
      `(its profiles: ${quotedList(names)})` +
      didYouMean(near),
  );
}

function requested(
  file: ConfigFile | undefined,
  flag: string | undefined,
  env: NodeJS.ProcessEnv,
): Request | undefined {
  if (flag !== undefined) return { name: flag, chosenBy: '--profile' };
  const fromEnv = env[PROFILE_ENV]?.trim();
  if (fromEnv !== undefined && fromEnv !== '') {
    return { name: fromEnv, chosenBy: PROFILE_ENV };
  }
  const fallback = file?.defaultProfile;
  if (file === undefined || fallback === undefined) return undefined;
  return {
    name: fallback.value,
    chosenBy: `defaultProfile at ${lineOf(file.source, fallback.position)}`,
  };
}
