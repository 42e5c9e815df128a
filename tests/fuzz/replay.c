/* replay.c: a standalone main for a fuzz harness, built with the normal compiler (no libFuzzer): feeds every
 * file named on the command line, or found in a directory named there, to LLVMFuzzerTestOneInput once. This
 * is how `make test` replays the corpus in tests/fuzz/corpus/NAME (the regression cases included) without a
 * fuzzing run. Exit 0 when every input ran (a crash aborts the process). */
#include "util/common.h"
#include "fuzz_common.h"
#include <dirent.h>
#include <sys/stat.h>

static int ran;

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "replay: cannot read %s\n", path);
		exit(1);
	}
	size_t cap = 4096, n = 0, k;
	uint8_t *data = xmalloc(cap);
	while ((k = fread(data + n, 1, cap - n, f)) > 0) {
		n += k;
		if (n == cap)
			data = xrealloc(data, cap *= 2);
	}
	fclose(f);
	/* a copy of exactly n bytes, so that ASan sees a read past the end */
	uint8_t *exact = xmalloc(n ? n : 1);
	memcpy(exact, data, n);
	free(data);
	LLVMFuzzerTestOneInput(exact, n);
	free(exact);
	ran++;
}

static void run_path(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		fprintf(stderr, "replay: no such file or directory: %s\n", path);
		exit(1);
	}
	if (!S_ISDIR(st.st_mode)) {
		run_file(path);
		return;
	}
	DIR *d = opendir(path);
	char **names = NULL;
	size_t n = 0;
	struct dirent *de;
	while (d && (de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		names = xrealloc(names, (n + 1) * sizeof *names);
		size_t len = strlen(path) + strlen(de->d_name) + 2;
		names[n] = xmalloc(len);
		snprintf(names[n++], len, "%s/%s", path, de->d_name);
	}
	if (d)
		closedir(d);
	if (n)
		qsort(names, n, sizeof *names, cmp);
	for (size_t i = 0; i < n; i++) {
		run_file(names[i]);
		free(names[i]);
	}
	free(names);
}

int main(int argc, char **argv)
{
	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 1; i < argc; i++)
		run_path(argv[i]);
	printf("replay %s: %d inputs ran clean\n", argv[0], ran);
	return 0;
}
