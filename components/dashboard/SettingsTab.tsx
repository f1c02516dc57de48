import { useState } from 'preact/hooks';
import { db, errorText, type Workspace } from './data';
import { updateSettings } from '../../utils/db/repo';
import { DEFAULT_THRESHOLDS, type Thresholds } from '../../utils/scan/types';

const THRESHOLD_LABEL: Record<keyof Thresholds, string> = {
  homeDays: '首页更新期限（天）',
  newsDays: '动态要闻类栏目更新期限（天）',
  noticeDays: '通知公告、政策文件类栏目更新期限（天）',
  otherDays: '其他栏目更新期限（天）',
};

/** "错字>正字" per line → entries; malformed lines are reported, not dropped silently. */
export function parseLexicon(text: string): { entries: { wrong: string; right: string }[]; bad: number[] } {
  const entries: { wrong: string; right: string }[] = [];
  const bad: number[] = [];
  text.split(/\r?\n/).forEach((line, k) => {
    const t = line.trim();
    if (!t) return;
    const m = /^(.+?)\s*(?:>|＞|→|=>)\s*(.+)$/.exec(t);
    if (!m || m[1] === m[2]) bad.push(k + 1);
    else entries.push({ wrong: m[1]!.trim(), right: m[2]!.trim() });
  });
  return { entries, bad };
}

export function SettingsTab({ ws }: { ws: Workspace }) {
  const s = ws.settings;
  const [inspector, setInspector] = useState(s.inspector);
  const [th, setTh] = useState<Thresholds>({ ...s.thresholds });
  const [lexicon, setLexicon] = useState(s.extraLexicon.map((e) => `${e.wrong}>${e.right}`).join('\n'));
  const [exceptions, setExceptions] = useState(s.lexiconExceptions.join('\n'));
  const [msg, setMsg] = useState<string | null>(null);
  const [err, setErr] = useState<string | null>(null);

  const save = async () => {
    setErr(null);
    setMsg(null);
    const lex = parseLexicon(lexicon);
    if (lex.bad.length) return setErr(`自定义词条第 ${lex.bad.join('、')} 行格式不对，应为“错误写法>正确写法”`);
    for (const [k, v] of Object.entries(th)) {
      if (!Number.isInteger(v) || v < 1 || v > 3650) return setErr(`${THRESHOLD_LABEL[k as keyof Thresholds]}应为 1–3650 之间的整数`);
    }
    try {
      await updateSettings(db, {
        inspector: inspector.trim(),
        thresholds: th,
        extraLexicon: lex.entries,
        lexiconExceptions: exceptions.split(/\r?\n/).map((x) => x.trim()).filter(Boolean),
      });
      setMsg('设置已保存，之后的扫描按新设置进行');
    } catch (e) {
      setErr(errorText(e));
    }
  };

  return (
    <section class="card">
      <h2>设置</h2>
      <p>
        <label>检查人 <input data-testid="inspector" value={inspector} onInput={(e) => setInspector((e.target as HTMLInputElement).value)} /></label>
      </p>
      <h3>更新期限</h3>
      {(Object.keys(THRESHOLD_LABEL) as (keyof Thresholds)[]).map((k) => (
        <p key={k}>
          <label>
            {THRESHOLD_LABEL[k]}{' '}
            <input type="number" min={1} max={3650} name={k} value={th[k]} onInput={(e) => setTh({ ...th, [k]: Number((e.target as HTMLInputElement).value) })} />
            <span class="muted">　默认 {DEFAULT_THRESHOLDS[k]}</span>
          </label>
        </p>
      ))}
      <h3>自定义错别字词条</h3>
      <p class="muted">每行一条：错误写法&gt;正确写法，例如“按步就班&gt;按部就班”。</p>
      <textarea rows={6} cols={40} data-testid="extra-lexicon" value={lexicon} onInput={(e) => setLexicon((e.target as HTMLTextAreaElement).value)} />
      <h3>不检查的词（例外）</h3>
      <p class="muted">每行一个，这些写法不再标为错别字（如地名、专有名词）。</p>
      <textarea rows={4} cols={40} data-testid="lexicon-exceptions" value={exceptions} onInput={(e) => setExceptions((e.target as HTMLTextAreaElement).value)} />
      <p><button data-action="save-settings" onClick={() => void save()}>保存设置</button></p>
      {msg && <p class="ok" data-testid="settings-message">{msg}</p>}
      {err && <p class="error">{err}</p>}
    </section>
  );
}
