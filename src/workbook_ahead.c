/* workbook_ahead.c — reading ahead: a thread of its own inflates a large
 * workbook part a few chunks ahead of the parser, so that inflating and
 * parsing share the machine's cores. It owns the thread and the chunks; the
 * source it reads from is the caller's, lent for as long as it runs. */
#include "workbook_int.h"

/* Chunks in flight: the parser holds one, the thread fills the others. */
#define AHEAD_CHUNKS 4

struct ahead_chunk {
	int n;                  /* bytes in buf, 0 at the end, -1 failed */
	char buf[WB_CHUNK];
};

struct wb_ahead {
	GThread *thread;
	GAsyncQueue *full;      /* filled chunks, in the order of the source */
	GAsyncQueue *empty;     /* chunks to fill */
	struct ahead_chunk *held;       /* what wb_ahead_next() last gave */
	int (*fill)(void *src, char *buf, int len);
	void *src;
	gint cancel;            /* wb_ahead_stop() was called */
	int ended;              /* the chunk of the end (or failure) was taken */
};

static gpointer ahead_run(gpointer data)
{
	struct wb_ahead *a = data;
	struct ahead_chunk *c;

	do {
		c = g_async_queue_pop(a->empty);
		c->n = g_atomic_int_get(&a->cancel) ? -1 : a->fill(a->src, c->buf, WB_CHUNK);
		g_async_queue_push(a->full, c);
	} while (c->n > 0);
	return NULL;
}

struct wb_ahead *wb_ahead_start(int (*fill)(void *src, char *buf, int len), void *src)
{
	struct wb_ahead *a = g_new0(struct wb_ahead, 1);

	a->fill = fill;
	a->src = src;
	a->full = g_async_queue_new();
	a->empty = g_async_queue_new();
	for (int i = 0; i < AHEAD_CHUNKS; i++)
		g_async_queue_push(a->empty, g_new(struct ahead_chunk, 1));
	a->thread = g_thread_try_new("wb-inflate", ahead_run, a, NULL);
	if (!a->thread) {
		/* No thread to be had: the caller reads the source itself. */
		a->ended = 1;
		wb_ahead_stop(a);
		return NULL;
	}
	return a;
}

int wb_ahead_next(struct wb_ahead *a, const char **buf)
{
	if (a->held)
		g_async_queue_push(a->empty, a->held);
	a->held = NULL;
	if (a->ended)
		return -1;
	a->held = g_async_queue_pop(a->full);
	a->ended = a->held->n <= 0;
	*buf = a->held->buf;
	return a->held->n;
}

void wb_ahead_stop(struct wb_ahead *a)
{
	struct ahead_chunk *c;
	const char *buf;

	if (!a)
		return;
	g_atomic_int_set(&a->cancel, 1);
	/* The thread ends once it has handed over a last chunk. */
	while (!a->ended)
		wb_ahead_next(a, &buf);
	if (a->thread)
		g_thread_join(a->thread);
	g_free(a->held);
	while ((c = g_async_queue_try_pop(a->full)))
		g_free(c);
	while ((c = g_async_queue_try_pop(a->empty)))
		g_free(c);
	g_async_queue_unref(a->full);
	g_async_queue_unref(a->empty);
	g_free(a);
}
