import { causeMessages, loadFailure, readEnvironment } from './addon.js';

export interface Choice<T> {
  /** The package's npm name, which every message starts with. */
  packageName: string;
  /** The environment variable that forces one implementation: `js` or `native`. */
  variable: string;
  /** Throws an error that says why when the addon cannot load. */
  loadNative: () => T;
  js: T;
}

/**
 * Native when the addon loads, else JavaScript with one warning; the environment variable forces
 * either. Falling back instead of failing is the point: a platform without a prebuilt binary,
 * or an install made with --omit=optional, gets a slower package rather than a broken app.
 */
export function chooseImplementation<T>({ packageName, variable, loadNative, js }: Choice<T>): T {
  const forced = readEnvironment(variable);
  if (forced === 'js') return js;
  if (forced === 'native') {
    try {
      return loadNative();
    } catch (error) {
      // Every message names the package: a failure met before its package.json was read
      // (a denied read) is named here.
      if (error instanceof Error && error.message.startsWith(`${packageName}:`)) throw error;
      throw new Error(`${packageName}: ${loadFailure(error)}`, { cause: error });
    }
  }
  // A typo would otherwise silently mean "automatic", hiding the choice the user tried to make.
  if (forced !== undefined && forced !== '') {
    throw new Error(`${variable} must be "js" or "native" (or unset for automatic), got "${forced}"`);
  }
  try {
    return loadNative();
  } catch (error) {
    const failure = loadFailure(error);
    const message = failure.startsWith(`${packageName}:`) ? failure : `${packageName}: ${failure}`;
    process.emitWarning(
      `${message} Using the JavaScript implementation instead: same results, lower throughput. ` +
        `Set ${variable}=js to choose it explicitly and silence this warning.`,
      {
        code: 'OXIDIZE_NATIVE_FALLBACK',
        detail: `Causes, outermost first:\n  ${causeMessages(error).slice(1).join('\n  ')}`,
      },
    );
    return js;
  }
}
