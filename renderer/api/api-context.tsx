/** Hands the contract to connected components without threading it through every prop. */
import { createContext, useContext, type ReactNode } from 'react';
import type { SealmailApi } from '../../shared/contract';

const ApiContext = createContext<SealmailApi | null>(null);

export function ApiProvider({ api, children }: { api: SealmailApi; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): SealmailApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi() needs an <ApiProvider> above it.');
  return api;
}
