/** Deployment stages: `dev` (default) and `prod` (`-c stage=prod`), with prod-only protections. */
export type StageName = 'dev' | 'prod';

export interface StageSettings {
  readonly name: StageName;
  /** Tables and keys survive stack deletion, and the table refuses deletion. */
  readonly protectData: boolean;
  readonly logRetentionDays: number;
}

export const stageSettings = (name: string): StageSettings => {
  if (name === 'prod') return { name, protectData: true, logRetentionDays: 365 };
  if (name === 'dev') return { name, protectData: false, logRetentionDays: 30 };
  throw new Error(`Unknown stage "${name}": use -c stage=dev or -c stage=prod`);
};
