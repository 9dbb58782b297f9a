export const present = <T>(value: T | null | undefined): value is T => value !== null && value !== undefined;

/** Drops absent and empty fields: vendor records say null or "" where the model wants nothing. */
export const defined = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => present(v) && v !== "")) as { [K in keyof T]: NonNullable<T[K]> };
