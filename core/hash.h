/* hash.h: content hashes of stored documents. */
#ifndef QUARRY_HASH_H
#define QUARRY_HASH_H

#include <stddef.h>

#define HASH_HEX_SIZE 65 /* 64 hex digits and a NUL */

/* Writes the SHA-256 of data as lowercase hex into hex. Returns 0, or -1
   when the digest could not be computed (out of memory in libcrypto). */
int hash_sha256_hex(const void *data, size_t len, char hex[HASH_HEX_SIZE]);

#endif
