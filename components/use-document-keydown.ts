import { useEffect, useRef } from 'preact/hooks';

/**
 * A document keydown handler that always sees the latest render. Registered once: re-registering
 * in an effect after each render left a gap (effects run after paint) in which a key pressed right
 * after the list changed went to the previous render's handler, which knew nothing of the new list.
 */
export function useDocumentKeydown(handler: (e: KeyboardEvent) => void): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => latest.current(e);
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
