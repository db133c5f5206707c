import { createContext, type ReactNode, useContext } from 'react';

/** The library picker of the network admin, shown under each administration page's title. */
export const PickerSlot = createContext<ReactNode>(null);

export function usePicker(): ReactNode {
  return useContext(PickerSlot);
}
