// Which fields of the selected step, location or hunt have problems (to mark them invalid).
import type { Issue } from '../../api/contract';
import { issueTarget } from '../hunt/problems';
import { designerWords } from '../hunt/issueText';

/** With `hunt`, the messages are in the editor's words (titles and form labels, as in the Problems panel). */
export function fieldsWithIssues(issues: Issue[], area: 'hunt' | 'step' | 'location', index: number | null, hunt?: unknown): Map<string, string> {
  const out = new Map<string, string>();
  for (const issue of issues) {
    const t = issueTarget(issue.path);
    if (t.area !== area) continue;
    if (t.area !== 'hunt' && t.index !== index) continue;
    const key = t.field ?? '';
    if (!out.has(key)) out.set(key, hunt === undefined ? issue.message : designerWords(issue.message, hunt));
  }
  return out;
}
