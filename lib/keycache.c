/*
 * keycache.c: unwrapped data keys, held only in locked memory (secmem.c)
 * and wiped on exit.  A key unwrapped once serves the process until it ages
 * out (Keys.CacheSeconds), so a key destroyed in the database (crypto-
 * shredding) leaves every process within that time.  A full cache evicts
 * the least recently used key.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pf-crypt.h"

#define SLOTS	1024	/* 56 KiB locked; the default RLIMIT_MEMLOCK is 8 MiB */

struct slot {
	uint64_t	id;		/* 0: free */
	time_t		loaded;
	uint64_t	used;		/* LRU clock */
	unsigned char	key[PF_KEY_LEN];
	/* What it was unwrapped from: a restored backup can bring back an
	 * id with another key, and a writer must never seal under a stale one. */
	unsigned char	wrapped[PF_WRAPPED_LEN];
};

static struct slot *slots;
static uint64_t clock_;
static long ttl;		/* Keys.CacheSeconds, read once */
static int failed;

static void
kc_exit(void)
{
	pf_kc_wipe();
}

static int
kc_init(void)
{
	if (slots != NULL)
		return 0;
	if (failed || (slots = pf_secmem_alloc(SLOTS * sizeof(struct slot))) == NULL) {
		failed = 1;
		return -1;
	}
	ttl = pf_conf_int("Keys.CacheSeconds");
	atexit(kc_exit);
	return 0;
}

static void
slot_clear(struct slot *s)
{
	pf_wipe(s, sizeof(*s));
}

/* With wrapped, a hit also needs the same wrapped key material. */
const unsigned char *
pf_kc_find(uint64_t id, const unsigned char *wrapped)
{
	time_t now;
	size_t i;

	if (slots == NULL || id == 0)
		return NULL;
	now = time(NULL);
	for (i = 0; i < SLOTS; i++) {
		if (slots[i].id != id)
			continue;
		if (now - slots[i].loaded >= ttl || now < slots[i].loaded ||
		    (wrapped && memcmp(wrapped, slots[i].wrapped, PF_WRAPPED_LEN) != 0)) {
			slot_clear(&slots[i]);
			return NULL;
		}
		slots[i].used = ++clock_;
		return slots[i].key;
	}
	return NULL;
}

/* The key is copied in; the caller wipes its own copy. */
const unsigned char *
pf_kc_put(uint64_t id, const unsigned char key[PF_KEY_LEN],
    const unsigned char wrapped[PF_WRAPPED_LEN])
{
	struct slot *s, *victim = NULL;
	size_t i;

	if (id == 0 || kc_init() < 0)
		return NULL;
	for (i = 0; i < SLOTS; i++) {
		s = &slots[i];
		if (s->id == id || s->id == 0) {
			victim = s;
			break;
		}
		if (victim == NULL || s->used < victim->used)
			victim = s;
	}
	slot_clear(victim);
	victim->id = id;
	victim->loaded = time(NULL);
	victim->used = ++clock_;
	memcpy(victim->key, key, PF_KEY_LEN);
	memcpy(victim->wrapped, wrapped, PF_WRAPPED_LEN);
	return victim->key;
}

void
pf_kc_drop(uint64_t id)
{
	size_t i;

	if (slots == NULL)
		return;
	for (i = 0; i < SLOTS; i++)
		if (slots[i].id == id)
			slot_clear(&slots[i]);
}

void
pf_kc_wipe(void)
{
	pf_secmem_free(slots, SLOTS * sizeof(struct slot));
	slots = NULL;
}
