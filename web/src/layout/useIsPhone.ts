import { useSyncExternalStore } from 'react';

// Below antd's `md` breakpoint (768 px) the side menu becomes a drawer.
const QUERY = '(max-width: 767.98px)';

function subscribe(onChange: () => void): () => void {
  const mq = window.matchMedia(QUERY);
  mq.addEventListener('change', onChange);
  return () => mq.removeEventListener('change', onChange);
}

/** True at phone width; read synchronously, so the first paint already has the right layout. */
export function useIsPhone(): boolean {
  return useSyncExternalStore(subscribe, () => window.matchMedia(QUERY).matches);
}
