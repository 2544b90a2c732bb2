/**
 * Credential-shaped text: what must never reach a plan's files, the configurator
 * page or a share link. Each shape is specific enough that an address, a name or
 * a sentence does not match it: a secret is recognised by its form (a password in
 * a URL, a token's documented prefix, a key's encoding), never guessed from its
 * entropy.
 */

export interface CredentialShape {
  /** What it is, for a message: "a password in a URL". */
  readonly kind: string;
  readonly pattern: RegExp;
}

/** Every pattern is global and sticky-free: `matchAll` and `replace` use them as they are. */
export const CREDENTIAL_SHAPES: readonly CredentialShape[] = [
  // RFC 3986 §3.2.1: userinfo is `user:password@` before the host ("deprecated", and still accepted by Git).
  { kind: 'a password in a URL', pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s/?#@:'"<>]+:[^\s/?#@'"<>]+@/gi },
  // RFC 6750 §2.1: the Authorization header's bearer token.
  { kind: 'a bearer token', pattern: /\bBearer\s+[A-Za-z0-9\-._~+/]{20,}=*/g },
  // RFC 7519: header.payload.signature, each base64url; every JWT header starts with `{"` (eyJ).
  { kind: 'a JSON Web Token', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  // RFC 7468 §10-11: PEM private keys (PKCS #8, encrypted, and the legacy RSA/EC/OpenSSH labels).
  { kind: 'a private key', pattern: /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/g },
  // GitHub: "ghp_", "gho_", "ghu_", "ghs_", "ghr_" and fine-grained "github_pat_" tokens (docs.github.com, "About authentication to GitHub").
  { kind: 'a GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{22,})\b/g },
  // GitLab personal, project and group access tokens ("glpat-", docs.gitlab.com "Token overview").
  { kind: 'a GitLab token', pattern: /\bglpat-[A-Za-z0-9_-]{20,}/g },
  // Azure Storage and Service Bus/Event Hubs connection strings (Learn: "Configure Azure Storage connection strings").
  {
    kind: 'an Azure account key',
    pattern: /\b(?:AccountKey|SharedAccessKey|SharedAccessSignature)=[A-Za-z0-9+/%]{16,}={0,2}/g,
  },
  // A shared access signature's `sig` and an Azure Functions key's `code` in a query string.
  {
    kind: 'a key in a URL query',
    pattern: /[?&](?:sig|code|key|token|access_token)=[A-Za-z0-9+/%_-]{16,}={0,2}/g,
  },
];

export interface CredentialMatch {
  readonly kind: string;
  /** Offset in the text. */
  readonly index: number;
  readonly length: number;
}

/** Every credential-shaped run of `text`, in order of position. */
export function findCredentials(text: string): CredentialMatch[] {
  return CREDENTIAL_SHAPES.flatMap(({ kind, pattern }) =>
    [...text.matchAll(pattern)].map((match) => ({ kind, index: match.index, length: match[0].length })),
  ).sort((a, b) => a.index - b.index);
}

/** The first shape `text` holds, or undefined: the check of one value, which needs no list. */
export function credentialIn(text: string): CredentialShape | undefined {
  return CREDENTIAL_SHAPES.find(({ pattern }) => {
    pattern.lastIndex = 0;
    return pattern.test(text);
  });
}

/** What shows in place of a hidden credential. */
export const REDACTED = '<redacted>';

/** `text` with every credential-shaped run replaced by REDACTED, and how many there were. */
export function redactCredentials(text: string): { readonly text: string; readonly hidden: number } {
  let hidden = 0;
  const redacted = CREDENTIAL_SHAPES.reduce(
    (current, { pattern }) =>
      current.replace(pattern, () => {
        hidden += 1;
        return REDACTED;
      }),
    text,
  );
  return { text: redacted, hidden };
}

/**
 * The userinfo of a URL (RFC 3986 §3.2.1: what precedes `@` in the authority),
 * split at its first colon; undefined when the URL has none. `password` is
 * undefined when there is no colon (`ssh://git@host`).
 */
export function urlUserinfo(url: string): { readonly user: string; readonly password?: string } | undefined {
  const authority = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(url)?.[1] ?? '';
  const at = authority.lastIndexOf('@');
  if (at < 0) return undefined;
  const userinfo = authority.slice(0, at);
  const colon = userinfo.indexOf(':');
  return colon < 0
    ? { user: userinfo }
    : { user: userinfo.slice(0, colon), password: userinfo.slice(colon + 1) };
}

/** The URL without its userinfo: what to write instead. */
export function withoutUserinfo(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1');
}
