/*
 * log.h: one line per event on standard error, each written with a single
 * write() so lines from several threads never interleave.
 */
#ifndef INNOLAND_LOG_H
#define INNOLAND_LOG_H

extern int log_quiet; /* 1: drop info lines (benchmarks); errors still print */

void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
