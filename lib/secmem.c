/*
 * secmem.c: memory for keys.  mlock()ed so it is never swapped, left out
 * of core dumps, zeroed in a forked child, and wiped when released.
 * Without locked memory no key is ever held: callers fail closed.
 */
#include <sys/mman.h>

#include "pf-crypt.h"

void *
pf_secmem_alloc(size_t n)
{
	void *p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return NULL;
	if (mlock(p, n) != 0) {
		munmap(p, n);
		pf_log(NULL, PF_LOG_ERR, "cannot lock memory for keys (RLIMIT_MEMLOCK?)");
		return NULL;
	}
	madvise(p, n, MADV_DONTDUMP);
#ifdef MADV_WIPEONFORK
	madvise(p, n, MADV_WIPEONFORK);
#endif
	return p;
}

void
pf_secmem_free(void *p, size_t n)
{
	if (p == NULL)
		return;
	pf_wipe(p, n);
	munlock(p, n);
	munmap(p, n);
}
