import type { ReactNode } from 'react';
import { HomePage } from '../pages/home/HomePage.tsx';

export interface RouteDef {
  id: string;
  title: string;
  render(): ReactNode;
}

/** The areas of the console, in navigation order. Later areas (inspect, repair, observe…) add an entry here. */
export const routes: RouteDef[] = [{ id: 'home', title: 'Contexts', render: () => <HomePage /> }];
