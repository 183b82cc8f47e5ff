import { createContext } from 'react';
import type { Medium } from '../../shared/screen';

/** Whether the resident brought the card or a smartphone: the pictures of the reader follow it. */
export const MediumContext = createContext<Medium>('card');
