/** Every business failure carries one of these types, on the wire as ApplicationFailure.type. */
export enum FailureType {
  InvalidInput = 'InvalidInput',
  Forbidden = 'Forbidden',
  InvalidState = 'InvalidState',
  NotFound = 'NotFound',
  Conflict = 'Conflict',
}

/** A rejected action: the message is for people (Chinese), the type for code. */
export class RejectedAction extends Error {
  constructor(
    readonly type: FailureType,
    message: string,
  ) {
    super(message);
    this.name = 'RejectedAction';
  }
}

export const reject = (type: FailureType, message: string): never => {
  throw new RejectedAction(type, message);
};

/** What an error is, for code: the workflow's failure types plus those of the desk's boundary. */
export type ErrorCode =
  | `${FailureType}`
  | 'Unauthorized'
  | 'PasswordChangeRequired'
  | 'PayloadTooLarge'
  | 'UnsupportedMediaType'
  | 'Locked'
  | 'RateLimited'
  | 'Unavailable';

/** One wrong field, named by its path in the input ("measures.0.due", "第12行 整改时限"). */
export interface FieldError {
  path: string;
  message: string;
}

/**
 * An error meant for a person (at a terminal or in a browser): its message is the whole story, in
 * Chinese; `fields` says which inputs were wrong. Every layer throws it; the CLI prints it and the
 * HTTP server answers it as `{ error: { code, message, fields } }`.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly code: ErrorCode = 'InvalidInput',
    readonly fields: FieldError[] = [],
  ) {
    super(message);
    this.name = 'UserError';
  }
}
