/**
 * The report's own sections (src/core/report/html.ts): the page shows the IP
 * plan, the findings, the cost and the stages exactly as report.html renders
 * them, so the two never tell different stories.
 */

/** The sections the page shows; the report's summary is the page's status line instead. */
const SECTIONS = ['diagram', 'ip-plan', 'findings', 'cost', 'stages'] as const;
type SectionId = (typeof SECTIONS)[number];

/** Each section's content (without its heading), parsed once from report.html. */
export function reportSections(reportHtml: string): Map<SectionId, DocumentFragment> {
  // An inert document: nothing in it runs or loads (the report has no script or image anyway).
  // Its style sheet is the report's own, and the page's policy refuses inline styles: left out.
  const doc = new DOMParser().parseFromString(
    reportHtml.replace(/<style>[\s\S]*?<\/style>/, ''),
    'text/html',
  );
  const sections = new Map<SectionId, DocumentFragment>();
  for (const id of SECTIONS) {
    const section = doc.getElementById(id);
    const fragment = document.createDocumentFragment();
    if (section)
      for (const child of [...section.children].slice(1)) fragment.append(document.adoptNode(child));
    sections.set(id, fragment);
  }
  return sections;
}
