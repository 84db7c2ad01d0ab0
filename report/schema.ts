import { z } from 'zod';
import { OUTCOME_FIGURES, type OutcomeKey } from '../domain/outcomes';

// Output contract of parseReport. The parser validates its own result against it, so a
// structural bug surfaces as an exception instead of a silently malformed report.

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const headcount = z.number().int().nonnegative().nullable();

export const ProblemSchema = z
  .object({
    title: z.string().min(1),
    status: z.enum(['completed', 'unfinished']).nullable(),
    committedDeadline: isoDate.nullable(),
    measures: z.array(z.string().min(1)),
  })
  .strict();

export const AspectSchema = z
  .object({
    title: z.string().min(1),
    problems: z.array(ProblemSchema),
  })
  .strict();

export const FiguresSchema = z
  .object({
    problems: headcount,
    problemsCompleted: headcount,
    problemsUnfinished: headcount,
    measures: headcount,
    measuresCompleted: headcount,
    ...(Object.fromEntries(OUTCOME_FIGURES.map((f) => [f.key, f.decimals === 2 ? z.number().nonnegative().nullable() : headcount])) as Record<
      OutcomeKey,
      typeof headcount
    >),
  })
  .strict();

export const ParsedReportSchema = z
  .object({
    org: z.string().min(1).nullable(),
    feedbackDate: isoDate.nullable(),
    issuedDate: isoDate.nullable(),
    aspects: z.array(AspectSchema),
    figures: FiguresSchema,
  })
  .strict();

export type ParsedReport = z.infer<typeof ParsedReportSchema>;
export type ParsedAspect = z.infer<typeof AspectSchema>;
export type ParsedProblem = z.infer<typeof ProblemSchema>;
export type ReportFigures = z.infer<typeof FiguresSchema>;
export type ProblemStatus = NonNullable<ParsedProblem['status']>;

export type ReportParseErrorCode = 'empty' | 'no-progress-part' | 'no-problems';

/** Thrown for input that is not a progress report at all; the message is shown to office staff. */
export class ReportParseError extends Error {
  override readonly name = 'ReportParseError';

  constructor(
    message: string,
    readonly code: ReportParseErrorCode,
  ) {
    super(message);
  }
}
