#include "util/common.h"
#include "svc/base/ticker.h"
#include "util/log.h"
#include <pthread.h>
#include <time.h>

struct ticker {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	bool stop;
	char *name, *what, *url;
	int period_ms;
	ticker_job job;
};

static void *ticker_main(void *arg)
{
	ticker *t = arg;
	db *d = NULL;
	for (;;) {
		err e = {0};
		if (!d && db_open(t->url, &d, &e) != 0) {
			log_warn("%s: cannot open the database: %s", t->name, e.en);
			d = NULL;
		}
		int done = 0;
		if (d && t->job(d, &done, &e) != 0) {
			log_warn("%s: %s", t->name, e.en);
			db_close(d);
			d = NULL; /* reopened next period */
		} else if (done) {
			log_info("%s: %d %s", t->name, done, t->what);
		}
		pthread_mutex_lock(&t->mu);
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += t->period_ms / 1000;
		until.tv_nsec += (long)(t->period_ms % 1000) * 1000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		while (!t->stop && pthread_cond_timedwait(&t->cv, &t->mu, &until) == 0)
			;
		bool stop = t->stop;
		pthread_mutex_unlock(&t->mu);
		if (stop)
			break;
	}
	if (d)
		db_close(d);
	return NULL;
}

static void ticker_free(ticker *t)
{
	pthread_mutex_destroy(&t->mu);
	pthread_cond_destroy(&t->cv);
	free(t->name);
	free(t->what);
	free(t->url);
	free(t);
}

ticker *ticker_start(const char *name, const char *what, const char *db_url, int period_ms, ticker_job job)
{
	ticker *t = xcalloc(1, sizeof *t);
	pthread_mutex_init(&t->mu, NULL);
	pthread_cond_init(&t->cv, NULL);
	t->name = xstrdup(name);
	t->what = xstrdup(what);
	t->url = xstrdup(db_url);
	t->period_ms = period_ms > 0 ? period_ms : 1000;
	t->job = job;
	if (pthread_create(&t->thread, NULL, ticker_main, t) != 0) {
		ticker_free(t);
		return NULL;
	}
	return t;
}

void ticker_stop(ticker *t)
{
	if (!t)
		return;
	pthread_mutex_lock(&t->mu);
	t->stop = true;
	pthread_cond_signal(&t->cv);
	pthread_mutex_unlock(&t->mu);
	pthread_join(t->thread, NULL);
	ticker_free(t);
}
