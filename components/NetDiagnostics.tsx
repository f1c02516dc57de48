import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { send } from '../utils/messages';

/**
 * 网络错误诊断 (the optional webRequest permission, see entrypoints/background/net.ts). Call it
 * first thing in the click handler that starts a monitor or a link check: Chrome accepts the
 * request only during a user gesture, and grants this permission without a prompt.
 */
export function grantNetDiagnostics(): Promise<boolean> {
  return browser.permissions.request({ permissions: ['webRequest'] }).catch(() => false);
}

/** One line while failures cannot be told apart: not granted yet, or granted but waiting for a browser restart. */
export function NetDiagnosticsNote({ refresh = 0 }: { refresh?: number }) {
  const [d, setD] = useState<{ held: boolean; active: boolean } | null>(null);
  useEffect(() => void send({ type: 'net:diagnostics' }).then(setD, () => undefined), [refresh]);
  if (!d || d.active) return null;
  return (
    <p class="muted gsi-state" data-testid="net-diagnostics" data-held={String(d.held)}>
      细分失败原因（域名解析失败、连接被拒绝等）{d.held ? '需要浏览器重启后生效' : '需开启网络错误诊断：开始监测或检查链接时自动开启，浏览器重启后生效'}
    </p>
  );
}
