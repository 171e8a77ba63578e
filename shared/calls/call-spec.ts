/** How a call is declared: its input validator, and its output type carried as a phantom. */
import type { z } from 'zod';

export interface CallSpec<Input extends z.ZodType, Output> {
  input: Input;
  /** Never read at run time; carries the output type for the contract's derivations. */
  output?: Output;
}

export const call =
  <Output>() =>
  <Input extends z.ZodType>(input: Input): CallSpec<Input, Output> => ({ input });
