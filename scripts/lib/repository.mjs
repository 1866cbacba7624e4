// What the release scripts share about the `repository` field of the published package.json files.
// npm provenance (every trusted publish carries it) rejects a tarball whose `repository.url` does not
// name the GitHub repository the workflow ran in: E422 "package.json: "repository.url" is "",
// expected to match "https://github.com/<owner>/<repo>" from provenance".

/** The template's placeholder, replaced by the owner in First-time setup (README). */
export const PLACEHOLDER = 'OWNER/REPO';

/**
 * The `owner/repo` a package.json's `repository` names on github.com, or undefined when it names
 * none. Accepts what npm accepts for GitHub: `git+https://github.com/o/r.git`, `https://…`,
 * `git+ssh://git@github.com/o/r.git`, `git@github.com:o/r.git`, `github:o/r` and the `o/r` shorthand.
 * @param {unknown} repository
 */
export function githubRepository(repository) {
  const url =
    typeof repository === 'string'
      ? repository
      : typeof repository === 'object' && repository !== null && 'url' in repository
        ? repository.url
        : undefined;
  if (typeof url !== 'string') return undefined;
  const match =
    /^(?:git\+)?(?:https?|ssh|git):\/\/(?:[^@/]+@)?github\.com\/([^/]+\/[^/]+?)(?:\.git)?\/?$/.exec(url) ??
    /^(?:git@github\.com:|github:)?([\w.-]+\/[\w.-]+?)(?:\.git)?$/.exec(url);
  return match?.[1];
}
