/** Names of the job settings' environment variables, shared by the handlers and the CDK app. */
export const JOB_QUEUE_ENV = 'JOB_QUEUE_URL';
/** Test-only seam (never set by the CDK app): job messages go to files in this folder. */
export const LOCAL_JOB_QUEUE_ENV = 'LOCAL_JOB_QUEUE_DIR';
export const JOB_SLOT_WAIT_ENV = 'JOB_SLOT_WAIT_MS';
/** Age (ms) past which an in-flight action is an orphan for the recovery sweep (default 16 minutes). */
export const ORPHAN_AFTER_ENV = 'ORPHAN_AFTER_MS';
