/*
 * watch_view.h - how madoctl watch shows changes: on a terminal, a list
 * redrawn in place, the latest change on top; elsewhere (a pipe, a file),
 * one line per change, written at once.
 */
#ifndef MADOGUCHI_WATCH_VIEW_H
#define MADOGUCHI_WATCH_VIEW_H

#include "db_watch.h"

#include <stdbool.h>
#include <time.h>

struct watch_view;

/*
 * A view on standard output: the redrawn list when it is a terminal, lines
 * otherwise. TITLE heads the list. NULL when out of memory.
 */
struct watch_view *watch_view_open(const char *title);

/* True for the terminal list. */
bool watch_view_is_list(const struct watch_view *v);

/* How many cases the list can show now (0 for lines). */
int watch_view_room(const struct watch_view *v);

/*
 * Adds ROW below what the list holds, as changed at WHEN, without calling
 * it a change: for filling the list at start. Takes ROW's strings (ROW is
 * left empty, so freeing it is harmless). Does nothing for lines.
 */
void watch_view_fill(struct watch_view *v, struct watch_row *row, time_t when);

/*
 * Case ROW changed just now, WHAT says how ("new", "message", "changed"...):
 * a line, or the case on top of the list. Takes ROW's strings as above.
 */
void watch_view_change(struct watch_view *v, struct watch_row *row, const char *what);

/* Case NUMBER is no longer one the watch selects: it leaves the list. */
void watch_view_drop(struct watch_view *v, const char *number);

/*
 * What the watch is doing ("live: ...", "polling ..."): the list's first
 * line, or a line on standard error when it changes.
 */
void watch_view_status(struct watch_view *v, const char *text);

/* Draws the list if anything changed (or the terminal's size). -1 when standard output failed. */
int watch_view_refresh(struct watch_view *v) __attribute__((warn_unused_result));

/* Leaves the terminal as it was and frees V (NULL is fine). */
void watch_view_close(struct watch_view *v);

#endif
