import type { Rating } from '../coverage/rate.js';

/** ANSI colors, only for a terminal: piped output and files get plain text. */
export interface Paint {
  rating(r: Rating, text: string): string;
  bold(text: string): string;
  dim(text: string): string;
}

const CODES: Record<Rating, string> = { good: '30;42', fair: '30;43', poor: '97;41' };

export function paintFor(stream: { isTTY?: boolean }, env: Record<string, string | undefined>): Paint {
  const on = !!stream.isTTY && env.NO_COLOR === undefined && env.TERM !== 'dumb';
  if (!on) return { rating: (_r, t) => t, bold: (t) => t, dim: (t) => t };
  return {
    rating: (r, t) => `\u001b[${CODES[r]}m${t}\u001b[0m`,
    bold: (t) => `\u001b[1m${t}\u001b[0m`,
    dim: (t) => `\u001b[2m${t}\u001b[0m`,
  };
}

/** The matrix letter of a rating. */
export const LETTER: Record<Rating, string> = { good: 'G', fair: 'F', poor: 'P' };

/** 0.4166 → "42%". */
export const percent = (share: number): string => `${Math.round(share * 100)}%`;
