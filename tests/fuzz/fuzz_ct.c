/*
 * libFuzzer target for the parser of an encrypted value, pf_ct_open():
 * arbitrary bytes as a ciphertext under a fixed key and cell.  It must
 * never crash, never touch memory past the input or the plaintext, leave
 * nothing but zeros (or nothing at all) in the output when it refuses, and
 * never open anything but the one genuine value below (tests/fuzz/corpus-ct/
 * valid): a forged value that opens aborts.
 *
 * Built with -DFUZZ_CT_MAIN instead of -fsanitize=fuzzer it is a small
 * program of its own:
 *
 *   fuzz_ct-run FILE...     run the target once over each file (no libFuzzer)
 *                           and print how many inputs opened
 *   fuzz_ct-run gen FILE    seal a new genuine value into FILE and print it
 *                           as the C array for `valid` below
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pf-crypt.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define KEYID	7
#define PLAIN	"max.mustermann@example.de"
#define CELL	PF_AT("users", "email", 42)
#define MARK	0xa5

static const unsigned char key[PF_KEY_LEN] = {
	0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b,
	0x0c, 0x0d, 0x0e, 0x0f, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17,
	0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f,
};

/* `fuzz_ct-run gen tests/fuzz/corpus-ct/valid` made both this and the file. */
static const unsigned char valid[] = {
	0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x07, 0x09, 0xa9, 0xf5,
	0xb3, 0xde, 0x03, 0x37, 0xb7, 0xbe, 0x3a, 0xb4, 0x0a, 0xf2, 0xaa, 0x9e,
	0x80, 0x4f, 0x5f, 0x8d, 0x9f, 0x96, 0x4a, 0xf8, 0x16, 0x73, 0x7d, 0x1c,
	0xdc, 0xd5, 0x1a, 0xc8, 0x99, 0xdc, 0x71, 0x07, 0xa0, 0xf8, 0x17, 0x2e,
	0x40, 0x40, 0x51, 0x3c, 0xd5, 0x80, 0xaf, 0x24, 0x11, 0xb2, 0x9a, 0xef,
	0xca, 0xd7,
};

static unsigned long opened;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t n = size > PF_CT_OVERHEAD ? size - PF_CT_OVERHEAD : 1, outlen = 0, i;
	unsigned char *out = malloc(n);		/* exactly the plaintext's size */
	uint64_t id;
	int rc, rk;

	if (out == NULL)
		abort();
	memset(out, MARK, n);
	rc = pf_ct_open(key, CELL, data, size, out, &outlen);
	rk = pf_ct_keyid(data, size, &id);
	if (rc == 0) {
		/* only the genuine value opens, to its own plaintext */
		if (size != sizeof(valid) || memcmp(data, valid, size) != 0 ||
		    outlen != sizeof(PLAIN) - 1 || memcmp(out, PLAIN, outlen) != 0 ||
		    rk != 0 || id != KEYID)
			abort();
		opened++;
	} else {
		/* refused: the output is untouched or wiped, never plaintext */
		for (i = 0; i < n; i++)
			if (out[i] != MARK && out[i] != 0)
				abort();
		if (size < PF_CT_OVERHEAD && rk == 0)
			abort();	/* too short to hold a key id */
	}
	free(out);
	return 0;
}

#ifdef FUZZ_CT_MAIN
static int
gen(const char *path)
{
	unsigned char ct[sizeof(PLAIN) - 1 + PF_CT_OVERHEAD];
	FILE *f;
	size_t i;

	if (pf_ct_seal(key, KEYID, CELL, PLAIN, sizeof(PLAIN) - 1, ct) < 0 ||
	    (f = fopen(path, "wb")) == NULL || fwrite(ct, 1, sizeof(ct), f) != sizeof(ct) ||
	    fclose(f) != 0) {
		perror(path);
		return 1;
	}
	for (i = 0; i < sizeof(ct); i++)
		printf("0x%02x,%s", ct[i], i % 12 == 11 || i + 1 == sizeof(ct) ? "\n" : " ");
	return 0;
}

int
main(int argc, char **argv)
{
	unsigned char buf[65536], *in;
	FILE *f;
	size_t n;
	int i;

	if (argc == 3 && strcmp(argv[1], "gen") == 0)
		return gen(argv[2]);
	for (i = 1; i < argc; i++) {
		if ((f = fopen(argv[i], "rb")) == NULL) {
			perror(argv[i]);
			return 1;
		}
		n = fread(buf, 1, sizeof(buf), f);
		fclose(f);
		/* a copy of exactly the input's size, so ASan sees any overread */
		if ((in = malloc(n ? n : 1)) == NULL)
			abort();
		memcpy(in, buf, n);
		LLVMFuzzerTestOneInput(in, n);
		free(in);
	}
	printf("fuzz_ct: %d inputs, %lu opened\n", argc - 1, opened);
	return 0;
}
#endif
