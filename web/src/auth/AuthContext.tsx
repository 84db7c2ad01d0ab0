import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, api } from '../api/client';
import type { Me } from '../api/types';

/** signedOut: the person pressed 退出, so the login page need not come back to where they were. */
type AuthState = { status: 'loading' } | { status: 'anonymous'; signedOut?: boolean } | { status: 'signed-in'; me: Me };

interface Auth {
  state: AuthState;
  login(username: string, password: string): Promise<Me>;
  logout(): Promise<void>;
  changePassword(currentPassword: string, newPassword: string): Promise<Me>;
}

const AuthContext = createContext<Auth | null>(null);

// The login and password endpoints answer in place: their errors belong on the form, not a redirect.
const inPlace = { noRedirect: true };

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });

  useEffect(() => {
    const ac = new AbortController();
    api
      .get<Me>('/api/auth/me', { ...inPlace, signal: ac.signal })
      .then((me) => setState({ status: 'signed-in', me }))
      .catch((e: unknown) => {
        if (ac.signal.aborted) return;
        // 401: not signed in. Anything else (server down): the login page shows what happens next.
        if (!(e instanceof ApiError)) console.error(e);
        setState({ status: 'anonymous' });
      });
    return () => ac.abort();
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const { user } = await api.post<{ user: Me }>('/api/auth/login', { username, password }, inPlace);
    setState({ status: 'signed-in', me: user });
    return user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.post('/api/auth/logout', {}, inPlace);
    } finally {
      // Signed out here whatever the server said; <RequireAuth> then shows the login page.
      setState({ status: 'anonymous', signedOut: true });
    }
  }, []);

  const changePassword = useCallback(async (currentPassword: string, newPassword: string) => {
    const me = await api.post<Me>('/api/auth/password', { currentPassword, newPassword }, inPlace);
    setState({ status: 'signed-in', me });
    return me;
  }, []);

  const value = useMemo(() => ({ state, login, logout, changePassword }), [state, login, logout, changePassword]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside <AuthProvider>');
  return auth;
}

/** The signed-in account; only for components under <RequireAuth>. */
export function useMe(): Me {
  const { state } = useAuth();
  if (state.status !== 'signed-in') throw new Error('useMe outside <RequireAuth>');
  return state.me;
}
