/**
 * Wildcard matching for names foreign input writes (a listener's host name, a role's actions):
 * `*` any run of characters and, where asked, `?` one character. The greedy two-pointer walk with one
 * backtrack point takes O(pattern × text) at worst; a regular expression of `.*` parts backtracks
 * polynomially in their number, for minutes on a crafted name.
 */
export function wildcardMatches(pattern: string, text: string, { anyOne = false } = {}): boolean {
  let p = 0;
  let t = 0;
  // The last `*` seen, and where in the text its run ends for now.
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    if (
      p < pattern.length &&
      pattern[p] !== '*' &&
      ((anyOne && pattern[p] === '?') || pattern[p] === text[t])
    ) {
      p += 1;
      t += 1;
    } else if (pattern[p] === '*') {
      star = p;
      p += 1;
      resume = t;
    } else if (star >= 0) {
      p = star + 1;
      resume += 1;
      t = resume;
    } else return false;
  }
  while (pattern[p] === '*') p += 1;
  return p === pattern.length;
}
