/*
 * kek-pkcs11.c: key-encryption keys inside a PKCS#11 token: a hardware
 * HSM, a cloud KMS that ships a PKCS#11 library, or SoftHSM2 in tests.
 *
 * The KEK is generated in the token as a sensitive, non-extractable
 * AES-256 key; wrapping and unwrapping are C_Encrypt/C_Decrypt with
 * CKM_AES_GCM inside the token, so the KEK never reaches this process.
 * The module is loaded with dlopen (Keys.PKCS11.Module); the token is
 * found by its label (Keys.PKCS11.Token), because slot ids are not stable
 * (SoftHSM2 makes them random).  Each process initialises the module
 * itself on first use, after any fork, as PKCS#11 requires.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

#include <p11-kit/pkcs11.h>

#include "pf-crypt.h"

#define MAXHANDLES 16

static void *module;
static CK_FUNCTION_LIST *f;
static CK_SESSION_HANDLE session = CK_INVALID_HANDLE;
static CK_SLOT_ID slot;
static struct {
	char			label[PF_LABEL_MAX + 1];
	CK_OBJECT_HANDLE	h;
} handles[MAXHANDLES];

static void
handles_clear(void)
{
	memset(handles, 0, sizeof(handles));
}

static int
find_slot(char *err, size_t errsz)
{
	const char *want = pf_conf_str("Keys.PKCS11.Token");
	CK_SLOT_ID *slots = NULL;
	CK_ULONG n = 0, i;
	CK_TOKEN_INFO ti;
	size_t wl = strlen(want);
	int found = 0;

	if (wl == 0 || wl > sizeof(ti.label)) {
		snprintf(err, errsz, "Keys.PKCS11.Token must name the token's label");
		return -1;
	}
	if (f->C_GetSlotList(CK_TRUE, NULL, &n) != CKR_OK)
		n = 0;
	slots = pf_xcalloc(n, sizeof(*slots));
	if (n && f->C_GetSlotList(CK_TRUE, slots, &n) != CKR_OK)
		n = 0;
	for (i = 0; i < n && !found; i++) {
		size_t k;

		if (f->C_GetTokenInfo(slots[i], &ti) != CKR_OK)
			continue;
		/* The label is padded with blanks to 32 bytes. */
		for (k = wl; k < sizeof(ti.label) && ti.label[k] == ' '; k++)
			;
		if (memcmp(ti.label, want, wl) == 0 && k == sizeof(ti.label)) {
			slot = slots[i];
			found = 1;
		}
	}
	free(slots);
	if (!found)
		snprintf(err, errsz, "no PKCS#11 token labelled %s", want);
	return found ? 0 : -1;
}

static int
open_session(char *err, size_t errsz)
{
	const char *pin = pf_conf_str("Keys.PKCS11.PIN");
	CK_RV rv;

	if (find_slot(err, errsz) < 0)
		return -1;
	if ((rv = f->C_OpenSession(slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, NULL, NULL,
	    &session)) != CKR_OK) {
		snprintf(err, errsz, "C_OpenSession failed (0x%lx)", (unsigned long)rv);
		return -1;
	}
	rv = f->C_Login(session, CKU_USER, (CK_UTF8CHAR *)(uintptr_t)pin, strlen(pin));
	if (rv != CKR_OK && rv != CKR_USER_ALREADY_LOGGED_IN) {
		f->C_CloseSession(session);
		session = CK_INVALID_HANDLE;
		/* never the PIN */
		snprintf(err, errsz, "PKCS#11 login to token %s failed (0x%lx)",
		    pf_conf_str("Keys.PKCS11.Token"), (unsigned long)rv);
		return -1;
	}
	handles_clear();
	return 0;
}

static int
p11_open(char *err, size_t errsz)
{
	const char *path = pf_conf_str("Keys.PKCS11.Module");
	CK_C_INITIALIZE_ARGS args = { .flags = CKF_OS_LOCKING_OK };
	CK_C_GetFunctionList get;
	CK_RV rv;

	if (session != CK_INVALID_HANDLE)
		return 0;
	if (f == NULL) {
		if (*path == '\0') {
			snprintf(err, errsz, "Keys.PKCS11.Module is not set");
			return -1;
		}
		if ((module = dlopen(path, RTLD_NOW | RTLD_LOCAL)) == NULL) {
			snprintf(err, errsz, "cannot load PKCS#11 module %s", path);
			return -1;
		}
		*(void **)&get = dlsym(module, "C_GetFunctionList");
		if (get == NULL || get(&f) != CKR_OK || f == NULL) {
			snprintf(err, errsz, "%s is not a PKCS#11 module", path);
			goto fail;
		}
		rv = f->C_Initialize(&args);
		if (rv != CKR_OK && rv != CKR_CRYPTOKI_ALREADY_INITIALIZED) {
			snprintf(err, errsz, "C_Initialize failed (0x%lx)", (unsigned long)rv);
			goto fail;
		}
	}
	if (open_session(err, errsz) == 0)
		return 0;
fail:
	if (f != NULL)
		f->C_Finalize(NULL);
	f = NULL;
	if (module != NULL)
		dlclose(module);
	module = NULL;
	return -1;
}

static void
p11_close(void)
{
	if (f == NULL)
		return;
	if (session != CK_INVALID_HANDLE) {
		f->C_Logout(session);
		f->C_CloseSession(session);
	}
	f->C_Finalize(NULL);
	dlclose(module);
	f = NULL;
	module = NULL;
	session = CK_INVALID_HANDLE;
	handles_clear();
}

static CK_OBJECT_HANDLE
find_key(const char *label)
{
	CK_OBJECT_CLASS cls = CKO_SECRET_KEY;
	CK_ATTRIBUTE tmpl[] = {
		{ CKA_CLASS, &cls, sizeof(cls) },
		{ CKA_LABEL, (void *)(uintptr_t)label, strlen(label) },
	};
	CK_OBJECT_HANDLE h = CK_INVALID_HANDLE, more;
	CK_ULONG n = 0, m = 0;
	size_t i;

	for (i = 0; i < MAXHANDLES && handles[i].label[0]; i++)
		if (strcmp(handles[i].label, label) == 0)
			return handles[i].h;
	if (f->C_FindObjectsInit(session, tmpl, 2) != CKR_OK)
		return CK_INVALID_HANDLE;
	if (f->C_FindObjects(session, &h, 1, &n) != CKR_OK || n != 1)
		h = CK_INVALID_HANDLE;
	/* Two keys under one label: refuse rather than guess. */
	else if (f->C_FindObjects(session, &more, 1, &m) == CKR_OK && m != 0)
		h = CK_INVALID_HANDLE;
	f->C_FindObjectsFinal(session);
	if (h != CK_INVALID_HANDLE && i < MAXHANDLES) {
		snprintf(handles[i].label, sizeof(handles[i].label), "%s", label);
		handles[i].h = h;
	}
	return h;
}

/* A token removed and back, or an HSM restarted, invalidates the session:
 * open a fresh one once. */
static int
session_lost(CK_RV rv)
{
	return rv == CKR_SESSION_HANDLE_INVALID || rv == CKR_SESSION_CLOSED ||
	    rv == CKR_DEVICE_REMOVED || rv == CKR_TOKEN_NOT_PRESENT ||
	    rv == CKR_USER_NOT_LOGGED_IN;
}

static CK_RV
gcm_once(int enc, const char *label, const unsigned char nonce[PF_NONCE_LEN],
    const unsigned char *aad, size_t aadlen, const unsigned char *in, size_t len,
    unsigned char *out, unsigned char tag[PF_TAG_LEN])
{
	CK_GCM_PARAMS gp = {
		.pIv = (CK_BYTE *)(uintptr_t)nonce, .ulIvLen = PF_NONCE_LEN,
		.ulIvBits = PF_NONCE_LEN * 8, .pAAD = (CK_BYTE *)(uintptr_t)aad,
		.ulAADLen = aadlen, .ulTagBits = PF_TAG_LEN * 8,
	};
	CK_MECHANISM mech = { CKM_AES_GCM, &gp, sizeof(gp) };
	unsigned char buf[PF_KEY_LEN + PF_TAG_LEN];
	CK_OBJECT_HANDLE h;
	CK_ULONG n = sizeof(buf);
	CK_RV rv;

	if (len != PF_KEY_LEN)
		return CKR_ARGUMENTS_BAD;
	if ((h = find_key(label)) == CK_INVALID_HANDLE) {
		pf_log(NULL, PF_LOG_ERR, "PKCS#11 token %s has no single key labelled %s",
		    pf_conf_str("Keys.PKCS11.Token"), label);
		return CKR_KEY_HANDLE_INVALID;
	}
	if (enc) {
		if ((rv = f->C_EncryptInit(session, &mech, h)) != CKR_OK ||
		    (rv = f->C_Encrypt(session, (CK_BYTE *)(uintptr_t)in, len, buf, &n)) != CKR_OK)
			return rv;
		if (n != sizeof(buf))
			return CKR_GENERAL_ERROR;
		memcpy(out, buf, len);
		memcpy(tag, buf + len, PF_TAG_LEN);
	} else {
		/* The token wants ciphertext and tag as one buffer.  A wrong
		 * tag comes back as any error (SoftHSM2 says GENERAL_ERROR). */
		memcpy(buf, in, len);
		memcpy(buf + len, tag, PF_TAG_LEN);
		if ((rv = f->C_DecryptInit(session, &mech, h)) != CKR_OK ||
		    (rv = f->C_Decrypt(session, buf, sizeof(buf), out, &n)) != CKR_OK)
			return rv;
		if (n != len)
			return CKR_GENERAL_ERROR;
	}
	pf_wipe(buf, sizeof(buf));
	return CKR_OK;
}

static int
p11_gcm(int enc, const char *label, const unsigned char nonce[PF_NONCE_LEN],
    const unsigned char *aad, size_t aadlen, const unsigned char *in, size_t len,
    unsigned char *out, unsigned char tag[PF_TAG_LEN])
{
	char err[256];
	CK_RV rv = gcm_once(enc, label, nonce, aad, aadlen, in, len, out, tag);

	if (session_lost(rv)) {
		pf_log(NULL, PF_LOG_WARN, "PKCS#11 session lost (0x%lx), reopening", (unsigned long)rv);
		f->C_CloseSession(session);
		session = CK_INVALID_HANDLE;
		if (open_session(err, sizeof(err)) < 0) {
			pf_log(NULL, PF_LOG_ERR, "%s", err);
			return -1;
		}
		rv = gcm_once(enc, label, nonce, aad, aadlen, in, len, out, tag);
	}
	if (rv != CKR_OK)
		pf_wipe(out, len);
	return rv == CKR_OK ? 0 : -1;
}

static int
p11_generate(const char *label, char *err, size_t errsz)
{
	CK_BBOOL yes = CK_TRUE, no = CK_FALSE;
	CK_OBJECT_CLASS cls = CKO_SECRET_KEY;
	CK_KEY_TYPE kt = CKK_AES;
	CK_ULONG len = PF_KEY_LEN;
	CK_ATTRIBUTE tmpl[] = {
		{ CKA_CLASS, &cls, sizeof(cls) },
		{ CKA_KEY_TYPE, &kt, sizeof(kt) },
		{ CKA_VALUE_LEN, &len, sizeof(len) },
		{ CKA_LABEL, (void *)(uintptr_t)label, strlen(label) },
		{ CKA_TOKEN, &yes, sizeof(yes) },
		{ CKA_PRIVATE, &yes, sizeof(yes) },
		{ CKA_SENSITIVE, &yes, sizeof(yes) },
		{ CKA_EXTRACTABLE, &no, sizeof(no) },
		{ CKA_ENCRYPT, &yes, sizeof(yes) },
		{ CKA_DECRYPT, &yes, sizeof(yes) },
		{ CKA_WRAP, &no, sizeof(no) },
		{ CKA_UNWRAP, &no, sizeof(no) },
		{ CKA_SIGN, &no, sizeof(no) },
		{ CKA_VERIFY, &no, sizeof(no) },
	};
	CK_MECHANISM mech = { CKM_AES_KEY_GEN, NULL, 0 };
	CK_OBJECT_HANDLE h;
	CK_RV rv;

	handles_clear();
	if (find_key(label) != CK_INVALID_HANDLE) {
		snprintf(err, errsz, "the token already has a key labelled %s", label);
		return -1;
	}
	handles_clear();
	if ((rv = f->C_GenerateKey(session, &mech, tmpl, sizeof(tmpl) / sizeof(tmpl[0]),
	    &h)) != CKR_OK) {
		snprintf(err, errsz, "C_GenerateKey failed (0x%lx)", (unsigned long)rv);
		return -1;
	}
	return 0;
}

/* What the token itself says about the key: the proof that it cannot
 * leave the token. */
static int
p11_describe(const char *label, char *out, size_t outsz)
{
	CK_BBOOL sens = 0, extr = 1, asens = 0, nextr = 0;
	CK_ATTRIBUTE a[] = {
		{ CKA_SENSITIVE, &sens, sizeof(sens) },
		{ CKA_EXTRACTABLE, &extr, sizeof(extr) },
		{ CKA_ALWAYS_SENSITIVE, &asens, sizeof(asens) },
		{ CKA_NEVER_EXTRACTABLE, &nextr, sizeof(nextr) },
	};
	CK_OBJECT_HANDLE h = find_key(label);

	if (h == CK_INVALID_HANDLE ||
	    f->C_GetAttributeValue(session, h, a, sizeof(a) / sizeof(a[0])) != CKR_OK)
		return -1;
	snprintf(out, outsz, "pkcs11 token %s: AES-256 sensitive=%d extractable=%d "
	    "always-sensitive=%d never-extractable=%d", pf_conf_str("Keys.PKCS11.Token"),
	    sens == CK_TRUE, extr == CK_TRUE, asens == CK_TRUE, nextr == CK_TRUE);
	return 0;
}

const struct pf_kek_ops pf_kek_pkcs11 = {
	"pkcs11", p11_open, p11_gcm, p11_generate, p11_describe, p11_close,
};
