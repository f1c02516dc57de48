import { useState } from 'preact/hooks';
import { useDocumentKeydown } from './use-document-keydown';
import type { Finding } from '../utils/db/types';
import { SOURCE_LABEL } from '../utils/text/suspect/tiers';

/**
 * The side panel's 疑似 list: second-tier suspected typos, each with its sentence and the proposed
 * character. 采纳 (key A) makes it a confirmed 错别字 finding; 否决 (key R) dismisses it, and the
 * dismissal is remembered for the site so it never returns there. Page text is shown as text only.
 */
export function SuspectList({ suspects, onAccept, onReject }: { suspects: Finding[]; onAccept: (f: Finding) => void; onReject: (f: Finding) => void }) {
  const [active, setActive] = useState<string | null>(null);
  const current = suspects.find((f) => f.id === active) ?? suspects[0] ?? null;

  useDocumentKeydown((e) => {
    if (!current || e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || e.altKey || e.ctrlKey || e.metaKey) return;
    const key = e.key.toLowerCase();
    if (key === 'a') onAccept(current);
    else if (key === 'r') onReject(current);
    else return;
    e.preventDefault();
  });

  if (!suspects.length) return null;
  return (
    <section data-testid="suspect-list">
      <div class="gsi-group">疑似（{suspects.length}）</div>
      <div class="gsi-note">语言模型把握较小的疑似错别字，不在页面上标记。A 采纳为错别字，R 否决（本站不再提示）。</div>
      {suspects.map((f) => {
        const d = f.detail;
        const sentence = String(d.sentence ?? f.quote?.exact ?? '');
        const quote = f.quote?.exact ?? '';
        const at = quote ? sentence.indexOf(quote) : -1;
        return (
          <div key={f.id} class={`gsi-card${current?.id === f.id ? ' gsi-active' : ''}`} data-suspect-id={f.id} onClick={() => setActive(f.id)}>
            <div>
              {at >= 0 ? (
                <>
                  {sentence.slice(0, at)}
                  <mark>{quote}</mark>
                  {sentence.slice(at + quote.length)}
                </>
              ) : (
                sentence
              )}
            </div>
            <div class="gsi-note">
              “{String(d.wrong ?? '')}”疑为“{String(d.right ?? '')}”（{String(d.word ?? '')}，{SOURCE_LABEL[d.source as keyof typeof SOURCE_LABEL] ?? ''}）
            </div>
            <button class="gsi-btn" data-action="accept" onClick={() => onAccept(f)}>采纳</button>
            <button class="gsi-btn gsi-plain" data-action="reject" onClick={() => onReject(f)}>否决</button>
          </div>
        );
      })}
    </section>
  );
}
