// A diagnostics report as text for a terminal or a test report (pure).
import { formatBytes, type DiagnosticsReport } from './report.js';

export interface FormatOptions {
  /** Log lines shown at most (default: all in the report). */
  logLines?: number;
}

/**
 * The report as plain text: findings first, then state, stats, events and logs.
 * @example
 * console.log(formatReport(await recorder.report(db.id, { since: testStartedAt })));
 */
export function formatReport(report: DiagnosticsReport, options: FormatOptions = {}): string {
  const { container, state } = report;
  const out: string[] = [];
  out.push(`── Diagnostics of ${container.name || container.id.slice(0, 12)} (${container.id.slice(0, 12)}, ${container.image || 'unknown image'}) ──`);
  if (report.range.since || report.range.until) out.push(`Range: ${report.range.since ?? 'start'} .. ${report.range.until ?? 'now'}`);
  if (report.findings.length > 0) {
    out.push('Findings:');
    for (const finding of report.findings) out.push(`  ! ${finding}`);
  }
  out.push(`State (${state.source}): ${describeState(report)}`);
  const check = state.health?.lastCheck;
  if (check) out.push(`  last health check (exit ${check.exitCode}): ${indent(check.output || '(no output)', '    ').trimStart()}`);
  out.push(`Stats: ${describeStats(report)}`);
  out.push(`Events (${report.events.length}${report.eventsOmitted ? `, ${report.eventsOmitted} older left out` : ''}):`);
  for (const event of report.events) out.push(`  ${clock(event.time)}  ${describeEvent(event)}`);
  if (report.events.length === 0) out.push('  (none recorded)');
  const lines = options.logLines !== undefined ? report.logs.lines.slice(-options.logLines) : report.logs.lines;
  out.push(`Logs (last ${lines.length} line(s)):${report.logs.error ? ` could not read them: ${report.logs.error}` : ''}`);
  for (const line of lines) out.push(`  | ${line}`);
  return out.join('\n');
}

function describeState({ state }: DiagnosticsReport): string {
  const parts = [state.status || 'unknown'];
  if (state.running === false && state.exitCode !== null) parts.push(`exit ${state.exitCode}`);
  if (state.oomKilled) parts.push('OOMKilled');
  if (state.restartCount !== null) parts.push(`${state.restartCount} restart(s)`);
  if (state.health) parts.push(`health ${state.health.status}${state.health.failingStreak ? ` (streak ${state.health.failingStreak})` : ''}`);
  if (state.startedAt) parts.push(`started ${state.startedAt}`);
  if (state.finishedAt && state.running === false) parts.push(`finished ${state.finishedAt}`);
  return parts.join(', ');
}

function describeStats({ stats }: DiagnosticsReport): string {
  if (stats.samples === 0) return stats.note ?? 'no samples';
  const cpu = stats.avgCpuPercent !== null ? `CPU avg ${stats.avgCpuPercent.toFixed(1)}%, peak ${stats.peakCpuPercent?.toFixed(1)}% of one core` : 'CPU n/a';
  const memory = stats.peakMemoryBytes !== null
    ? `memory peak ${formatBytes(stats.peakMemoryBytes)}${stats.memoryLimitBytes ? ` of ${formatBytes(stats.memoryLimitBytes)}` : ''}${stats.peakMemoryPercent !== null ? ` (${stats.peakMemoryPercent.toFixed(1)}%)` : ''}`
    : 'memory n/a';
  return `${cpu}; ${memory} (${stats.samples} samples${stats.firstAt && stats.lastAt ? `, ${clock(stats.firstAt)}-${clock(stats.lastAt)}` : ''})`;
}

function describeEvent(event: DiagnosticsReport['events'][number]): string {
  let text = event.action;
  if (event.healthStatus) text += `: ${event.healthStatus}`;
  else if (event.detail) text += `: ${event.detail}`;
  if (event.exitCode !== undefined) text += ` (exit ${event.exitCode})`;
  if (event.signal !== undefined) text += ` (signal ${event.signal})`;
  return text;
}

// `2024-01-02T15:04:05.123Z` -> `15:04:05.123Z`.
function clock(iso: string): string {
  return iso.length >= 24 ? iso.slice(11) : iso;
}

function indent(text: string, prefix: string): string {
  return text.split('\n').map((line) => `${prefix}${line}`).join('\n');
}
