// Golden-file helper, loaded together with tools/procnet-redirect.c: when
// PROCNET_DIR is set, /proc/net files that the fixture folder lacks fail with
// ENOENT (as on a kernel without that protocol) instead of reading as empty.
// Without it, netstat prints empty IPX/AX.25/X.25/NET-ROM/ROSE sections that a
// real Debian machine never shows.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static FILE *(*next_fopen)(const char *, const char *);

FILE *fopen(const char *path, const char *mode) {
  if (!next_fopen) next_fopen = (FILE * (*)(const char *, const char *)) dlsym(RTLD_NEXT, "fopen");
  const char *dir = getenv("PROCNET_DIR");
  static const char prefix[] = "/proc/net/";
  if (dir && path && strncmp(path, prefix, sizeof prefix - 1) == 0) {
    char redirected[4096];
    snprintf(redirected, sizeof redirected, "%s/%s", dir, path + sizeof prefix - 1);
    if (access(redirected, R_OK) != 0) {
      errno = ENOENT;
      return NULL;
    }
  }
  return next_fopen(path, mode);
}

FILE *fopen64(const char *path, const char *mode) { return fopen(path, mode); }
