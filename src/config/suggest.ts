/**
 * Did-you-mean for names typed into a config file or a flag: the same name in
 * another spelling (`base_url` for `baseUrl`), or one or two letters off.
 */

/** The candidate `name` was most likely meant to be, if any is close. */
export function closestName(
  name: string,
  candidates: readonly string[],
): string | undefined {
  const wanted = squash(name);
  const same = candidates.find((candidate) => squash(candidate) === wanted);
  if (same !== undefined) return same;
  const limit = wanted.length <= 4 ? 1 : 2;
  let best: { name: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(wanted, squash(candidate));
    if (distance <= limit && (best === undefined || distance < best.distance)) {
      best = { name: candidate, distance };
    }
  }
  return best?.name;
}

/** `Base-URL`, `base_url` and `baseUrl` alike. */
export function squash(name: string): string {
  return name.toLowerCase().replace(/[-_\s]/g, '');
}

/** Levenshtein distance, one row at a time. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const replace = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      row.push(Math.min(replace, (previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1));
    }
    previous = row;
  }
  return previous[b.length] ?? 0;
}

/** `"a", "b" and "c"`, for lists in messages. */
export function quotedList(names: readonly string[]): string {
  const quoted = names.map((name) => JSON.stringify(name));
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
}

/** `; did you mean NAME?`, or nothing when no name is close. */
export function didYouMean(near: string | undefined): string {
  return near === undefined ? '' : `; did you mean ${near}?`;
}
