// Which fields of the selected step, location or hunt have problems (to mark them invalid).
import type { Issue } from '../../api/contract';
import { issueTarget } from '../hunt/problems';

export function fieldsWithIssues(issues: Issue[], area: 'hunt' | 'step' | 'location', index: number | null): Map<string, string> {
  const out = new Map<string, string>();
  for (const issue of issues) {
    const t = issueTarget(issue.path);
    if (t.area !== area) continue;
    if (t.area !== 'hunt' && t.index !== index) continue;
    const key = t.field ?? '';
    if (!out.has(key)) out.set(key, issue.message);
  }
  return out;
}
