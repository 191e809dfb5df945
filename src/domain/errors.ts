/** A rule the user broke or a state the product refuses: carries a stable code and a message safe to show. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly userMessage: string,
    readonly field?: string,
  ) {
    super(userMessage);
  }
}

export function isDomainError(err: unknown): err is DomainError {
  return err instanceof DomainError;
}
