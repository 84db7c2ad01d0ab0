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
