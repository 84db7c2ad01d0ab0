import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { Loading } from '../components/Loading';
import { useAuth } from './AuthContext';

/** Signed-in only; a first sign-in must change the password before anything else. */
export function RequireAuth() {
  const { state } = useAuth();
  const location = useLocation();
  if (state.status === 'loading') return <Loading />;
  const here = location.pathname + location.search;
  if (state.status === 'anonymous') return <Navigate to={withNext('/login', state.signedOut ? '/' : here)} replace />;
  if (state.me.mustChangePassword && location.pathname !== '/password') return <Navigate to={withNext('/password', here)} replace />;
  return <Outlet />;
}

/** Where to go after signing in: only a path of this app (no `//host` open redirect), no loop. */
export function safeNext(next: string | null): string {
  const ok = next !== null && /^\/(?![/\\])/.test(next) && !/^\/(login|password)\b/.test(next);
  return ok ? next : '/';
}

/** `path?next=…`, leaving out the trivial next `/`. */
export function withNext(path: string, next: string): string {
  return next === '/' ? path : `${path}?next=${encodeURIComponent(next)}`;
}
