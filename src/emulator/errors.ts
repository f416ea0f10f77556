/**
 * Typed startup errors of the emulator, so a caller (the CLI) can explain each
 * kind to its user. Exports: `EmulatorConfigError`, `StateFileError`.
 */

/** An invalid option of `startEmulator`; `option` names it, e.g. `partners[1].keys[0]`. */
export class EmulatorConfigError extends Error {
  readonly option: string;

  constructor(option: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'EmulatorConfigError';
    this.option = option;
  }
}

/** The state file cannot be opened or is not an emulator database; `cause` keeps why. */
export class StateFileError extends Error {
  readonly path: string;

  constructor(path: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StateFileError';
    this.path = path;
  }
}
