/* static.c: the web UI's files (the Vite build). Hashed assets under /assets/ are cached for a year; other
 * files must be revalidated. Paths are checked segment by segment (no "..", no hidden files, no
 * backslashes) and resolved under the web root; unknown extension-less paths get index.html, so the
 * single-page app's routes work on reload. A precompressed NAME.gz is sent when the client accepts gzip. */
#include "util/common.h"
#include "http/server.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

static const struct {
	const char *ext, *type;
} types[] = {
	{".html", "text/html; charset=utf-8"},
	{".js", "text/javascript; charset=utf-8"},
	{".mjs", "text/javascript; charset=utf-8"},
	{".css", "text/css; charset=utf-8"},
	{".json", "application/json; charset=utf-8"},
	{".svg", "image/svg+xml"},
	{".png", "image/png"},
	{".jpg", "image/jpeg"},
	{".ico", "image/x-icon"},
	{".woff2", "font/woff2"},
	{".woff", "font/woff"},
	{".txt", "text/plain; charset=utf-8"},
	{".map", "application/json; charset=utf-8"},
	{".webmanifest", "application/manifest+json"},
};

static const char *type_of(const char *path)
{
	const char *dot = strrchr(path, '.');
	const char *slash = strrchr(path, '/');
	if (dot && (!slash || dot > slash))
		for (size_t i = 0; i < ARRAY_LEN(types); i++)
			if (!strcmp(dot, types[i].ext))
				return types[i].type;
	return "application/octet-stream";
}

/* true when every segment is a plain name */
static bool safe_path(const char *p)
{
	if (*p != '/' || strchr(p, '\\') || strstr(p, "//"))
		return false;
	for (const char *s = p; *s; s++)
		if ((unsigned char)*s < 0x20)
			return false;
	for (const char *seg = p + 1; *seg;) {
		if (*seg == '.')
			return false; /* "..", ".", hidden files */
		const char *next = strchr(seg, '/');
		if (!next)
			break;
		seg = next + 1;
	}
	return true;
}

static int read_file(req *r, const char *file, const char *ctype, const char *cache)
{
	int fd = open(file, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	char *data = xmalloc((size_t)st.st_size + 1);
	ssize_t got = 0;
	while (got < st.st_size) {
		ssize_t n = read(fd, data + got, (size_t)(st.st_size - got));
		if (n <= 0)
			break;
		got += n;
	}
	close(fd);
	if (got != st.st_size) {
		free(data);
		return -1;
	}
	r->raw = data;
	r->raw_len = (size_t)got;
	r->ctype = ctype;
	req_add_header(r, "Cache-Control", cache);
	r->status = 200;
	return 0;
}

int static_serve(req *r)
{
	const char *root = server_conf->web_dir;
	const char *path = r->path;
	if (!safe_path(path))
		return err_set(&r->e, 404, "not_found", NULL, "页面不存在", "not found");
	if (!root)
		return err_set(&r->e, 404, "not_found", NULL, "未配置网页目录（--web）",
			       "no web UI is configured (--web)");
	if (!strcmp(path, "/"))
		path = "/index.html";
	bool asset = !strncmp(path, "/assets/", 8);
	const char *cache = asset ? "public, max-age=31536000, immutable" : "no-cache";
	const char *ctype = type_of(path);
	const char *ae = req_header(r, "Accept-Encoding");
	if (ae && strstr(ae, "gzip")) {
		char *gz = arena_printf(r->a, "%s%s.gz", root, path);
		if (read_file(r, gz, ctype, cache) == 0) {
			req_add_header(r, "Content-Encoding", "gzip");
			req_add_header(r, "Vary", "Accept-Encoding");
			return 0;
		}
	}
	if (read_file(r, arena_printf(r->a, "%s%s", root, path), ctype, cache) == 0)
		return 0;
	const char *slash = strrchr(path, '/');
	if (!asset && !strchr(slash, '.') &&
	    read_file(r, arena_printf(r->a, "%s/index.html", root), "text/html; charset=utf-8", "no-cache") ==
		    0)
		return 0;
	return err_set(&r->e, 404, "not_found", NULL, "页面不存在", "not found");
}
