// Options of every docker process. `cleanup: false`: execa's default kills children at exit through
// signal-exit, which replaces `process.emit` and adds SIGINT/SIGTERM/... listeners for as long as
// a child lives (a psql session, a followed log): the test process's own handling of
// `process.emit('uncaughtException')` and of signals would change behind its back. The session's
// reaper removes the containers when the process dies, and kills the long-running docker processes
// spawn() and the API's dial-stdio connections reported to it (see watchProcesses).
export const OWN_PROCESS = { extendEnv: false, cleanup: false } as const;
