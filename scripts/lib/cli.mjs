// What the kit's commands (new, rename) share: --help, refusing bad input with the usage before
// anything changes, and the rule their names follow.

/**
 * Lower case letters, digits and single hyphens, starting with a letter: a name that is valid as an
 * npm name, a Cargo package name, a file name and, upper-cased, part of an environment variable.
 */
export const KIT_NAME = /^[a-z](?:[a-z0-9]|-(?=[a-z0-9])){0,40}$/;

/** A kit name as it appears in environment variables: `fuzzy-match` → `FUZZY_MATCH`. */
export const upperSnake = (/** @type {string} */ name) => name.toUpperCase().replace(/-/g, '_');

/**
 * `--help` (`wantsHelp`) prints `help` and exits; the returned `fail(message)` prints the message
 * and the usage, and exits with 2.
 */
export function usage(
  /** @type {string} */ command,
  /** @type {string} */ help,
  /** @type {boolean | undefined} */ wantsHelp,
) {
  if (wantsHelp) {
    console.log(help);
    process.exit(0);
  }
  /** @returns {never} */
  return (/** @type {string} */ message) => {
    console.error(`${command}: ${message}\n\n${help}`);
    process.exit(2);
  };
}
