/**
 * The environment the handlers see in the bench, set before any portal module loads (the logger reads it once):
 * INFO logs and EMF metrics as in production, written nowhere but counted (bench/deployment.ts).
 */
process.env.AWS_REGION ??= 'eu-central-1';
process.env.AWS_ACCESS_KEY_ID ??= 'bench';
process.env.AWS_SECRET_ACCESS_KEY ??= 'bench';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
process.env.POWERTOOLS_SERVICE_NAME = 'srs-portal-bench';
process.env.POWERTOOLS_METRICS_DISABLED = 'false';
