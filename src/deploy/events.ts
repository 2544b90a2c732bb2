/**
 * What deploy and destroy report while they work. The engine emits events; the
 * command line draws them as a live view on a terminal, or as timestamped lines.
 */

/** One resource of a running stage, as its deployment operation reports it. */
export interface ResourceProgress {
  readonly resourceId: string;
  readonly resourceType: string;
  readonly resourceName: string;
  /** Running, Succeeded, Failed…, or Waiting for a resource Azure has not started yet. */
  readonly state: string;
  /** Seconds, from the operation's ISO-8601 duration. */
  readonly seconds?: number;
}

export type DeployEvent =
  | {
      readonly kind: 'stage';
      readonly stage: string;
      readonly status: 'started' | 'resumed' | 'skipped';
      readonly detail?: string;
    }
  | {
      readonly kind: 'progress';
      readonly stage: string;
      readonly state: string;
      readonly resources: readonly ResourceProgress[];
    }
  | { readonly kind: 'stage-done'; readonly stage: string; readonly seconds: number }
  | { readonly kind: 'step'; readonly stage?: string; readonly message: string }
  | { readonly kind: 'warning'; readonly message: string };

export type Listener = (event: DeployEvent) => void;
