import { isApiError } from '../../../src/api/index.js';
import type { AnyApiError } from '../../../src/api/index.js';

/** The ApiError a call rejects with; fails the test if it resolves or throws otherwise. */
export async function captureFailure(call: Promise<unknown>): Promise<AnyApiError> {
  try {
    await call;
  } catch (error) {
    if (isApiError(error)) return error;
    throw error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
