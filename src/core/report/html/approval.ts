/**
 * The approval block: for each team, what it signs and lines for the name,
 * role, date and signature, tied to the configuration's hash so a signature
 * covers this plan and no other.
 */
import { escape, section } from './markup.js';

export interface Team {
  readonly name: string;
  /** The sections (by heading) the team reviews. */
  readonly reviews: readonly string[];
}

export function approvalSection(teams: readonly Team[], hash: string, date: string | undefined): string {
  const blank = (label: string) =>
    `<div class="sign-line"><span class="sign-label">${escape(label)}</span><span class="sign-blank"></span></div>`;
  const blocks = teams.map(
    (team) =>
      `<div class="sign-block"><h3>${escape(team.name)}</h3><p class="muted">Reviewed: ${escape(team.reviews.join('; '))}.</p>${[
        'Name',
        'Role',
        'Date',
        'Signature',
      ]
        .map(blank)
        .join('')}</div>`,
  );
  return section(
    'approval',
    'Approval',
    `<p>Each signature approves the plan of the configuration with SHA-256 <code>${escape(hash)}</code>${
      date ? `, planned on ${escape(date)}` : ''
    }. A changed configuration has another hash and needs a new approval.</p><div class="sign-grid">${blocks.join('\n')}</div>`,
  );
}
