/**
 * The messages of failed operations: what the API answered and what to do.
 * Built from the client's error messages, which never hold the API key.
 * Exports: `refusalMessage`, `exhaustedMessage`, `unsettledMessage`.
 */
import { countOf } from '../util/count-of.js';
import type { AnyApiError, ApiErrorKind } from '../api/index.js';
import type { Unsettled } from './perform-settle.js';

/** What to do after an answer that is not worth retrying. */
const ADVICE: Partial<Record<ApiErrorKind, string>> = {
  unauthorized:
    'The API key was refused, so the run stops. Check that ANSWERING_AGENT_API_KEY ' +
    '(or the variable --api-key-env names) holds a current key for this environment, ' +
    'then run `aa-sync resume`.',
  forbidden:
    'The key may not do this: check its permissions in the partner dashboard, then ' +
    'run `aa-sync retry-failed`.',
  'not-found':
    'It does not exist (any more): it was probably changed outside aa-sync. Run ' +
    '`aa-sync plan` again to see the live state.',
  validation:
    'The API rejected the data: correct the record in the export, then run ' +
    '`aa-sync apply` again.',
  'unexpected-status':
    'The API reference does not document this answer: run `aa-sync retry-failed` ' +
    'later, and report it if it persists.',
};

const RETRY_LATER =
  'The API kept failing: run `aa-sync retry-failed` once it answers again.';

/** A refusal (403, 404, 422, 401, ...): the API's answer, then the advice. */
export function refusalMessage(error: AnyApiError): string {
  return `${sentence(error.message)} ${ADVICE[error.kind] ?? RETRY_LATER}`;
}

/** Retries used up: the last answer and how many attempts were made. */
export function exhaustedMessage(error: AnyApiError, attempts: number): string {
  return `gave up after ${countOf(attempts, 'attempt')}: ${sentence(error.message)} ${RETRY_LATER}`;
}

/** A lookup that could not tell whether an earlier attempt landed. */
export function unsettledMessage(unsettled: Unsettled & { error: AnyApiError }): string {
  const { why, error, reads } = unsettled;
  const lookup =
    why === 'exhausted'
      ? `the lookup gave up after ${countOf(reads, 'attempt')}`
      : 'the lookup failed';
  const answer =
    why === 'exhausted'
      ? `${sentence(error.message)} Check whether it exists before running again: ` +
        'sending it again could create it twice.'
      : refusalMessage(error);
  return `an earlier attempt may have created it, but ${lookup}, so it was not sent again: ${answer}`;
}

/** Ends `text` with a full stop unless it already ends a sentence. */
function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
