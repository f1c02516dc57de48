import { Window } from 'happy-dom';

/**
 * Parse saved HTML the way the content script sees a page without running it:
 * no scripts, no stylesheet or frame fetches (corpus pages point at absent assets).
 */
export function parsePage(html: string, url: string): { doc: Document; close: () => Promise<void> } {
  const window = new Window({
    url,
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      handleDisabledFileLoadingAsSuccess: true,
    },
    // Saved pages log their own errors; they are not the checker's.
    console: { log() {}, warn() {}, error() {}, info() {}, debug() {} } as unknown as Console,
  } as ConstructorParameters<typeof Window>[0]);
  const doc = new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
  return { doc, close: () => window.happyDOM.close() };
}
