// date-holidays ships its data module without types; only the zones are read here.
declare module 'date-holidays/data' {
  interface Region {
    zones?: string[];
    states?: Record<string, Region>;
  }
  export const data: { version: string; holidays: Record<string, Region> };
}
