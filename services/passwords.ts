// Password hashing (argon2id) and generated initial passwords. Nothing here logs or throws a
// password: errors carry no input.
import { Algorithm, hash, verify } from '@node-rs/argon2';
import { randomInt } from 'node:crypto';
import { PASSWORD_MIN_LENGTH, PasswordSchema } from '../domain/accounts';

/**
 * Argon2id named explicitly (not left to the library's default), with the library's cost settings,
 * which match OWASP's minimum for argon2id (19 MiB, 2 passes, 1 lane): ~40 ms here per hash.
 */
const OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** The PHC string to store ($argon2id$v=19$m=19456,t=2,p=1$salt$hash), with a fresh random salt. */
export async function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** Whether the password matches; false (never an error) for a malformed or foreign hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let decoy: Promise<string> | undefined;

/**
 * Spends the time of a real verification when there is no account to check, so the answer to an
 * unknown username takes as long as a wrong password does and does not tell which it was.
 */
export async function verifyNothing(password: string): Promise<void> {
  decoy ??= hashPassword(`decoy-${randomInt(1e9)}`);
  await verifyPassword(await decoy, password);
}

// No look-alikes (0/O, 1/l/I), so a password read out over the phone or from a printout works.
const LETTERS = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const ALPHABET = LETTERS + DIGITS;

/**
 * A random initial password of `length` characters (default 12, ~70 bits) that passes
 * PasswordSchema; drawn with the CSPRNG and uniform over the alphabet.
 */
export function generatePassword(length = 12): string {
  if (length < PASSWORD_MIN_LENGTH) throw new Error(`generatePassword: length ${length} < ${PASSWORD_MIN_LENGTH}`);
  for (;;) {
    let p = '';
    for (let i = 0; i < length; i++) p += ALPHABET[randomInt(ALPHABET.length)];
    // Redraw rather than force a letter and a digit into fixed places: keeps the draw uniform.
    if (PasswordSchema.safeParse(p).success) return p;
  }
}
