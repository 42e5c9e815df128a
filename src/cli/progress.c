#include "util/common.h"
#include "cli/progress.h"
#include <time.h>
#include <unistd.h>

static const char *label_;
static double t0, last;
static bool tty;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void progress_start(const char *label)
{
	label_ = label;
	t0 = last = now();
	tty = isatty(STDERR_FILENO);
}

void progress_update(int64_t done, int64_t total)
{
	double t = now();
	if (!tty || (t - last < 0.1 && done != total))
		return;
	last = t;
	double rate = t > t0 ? done / (t - t0) : 0;
	int width = 30, fill = total > 0 ? (int)(width * done / total) : 0;
	char bar[64];
	for (int i = 0; i < width; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[width] = 0;
	if (total > 0)
		fprintf(stderr, "\r%s [%s] %3d%% %lld/%lld %.0f/s ", label_, bar, (int)(100 * done / total),
			(long long)done, (long long)total, rate);
	else
		fprintf(stderr, "\r%s %lld %.0f/s ", label_, (long long)done, rate);
}

void progress_end(int64_t done)
{
	double t = now() - t0;
	if (tty)
		fprintf(stderr, "\n");
	fprintf(stderr, "%s: %lld in %.2f s (%.0f/s)\n", label_, (long long)done, t, t > 0 ? done / t : 0);
}
