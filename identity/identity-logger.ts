/** What the identity service logs through: a pino logger fits, so does a console shim on Workers. */
export interface IdentityLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}
