// Tests read behaviour, not log lines; a test that checks logs sets its own level.
process.env.LOG_LEVEL ??= 'silent';
