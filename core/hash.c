/* hash.c: SHA-256 through OpenSSL's libcrypto (EVP one-shot digest). */
#include "hash.h"

#include <openssl/evp.h>

int hash_sha256_hex(const void *data, size_t len, char hex[HASH_HEX_SIZE])
{
    static const char digits[] = "0123456789abcdef";
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digest_len = 0;

    if (!EVP_Digest(data, len, digest, &digest_len, EVP_sha256(), NULL)
        || digest_len != 32)
        return -1;
    for (unsigned int i = 0; i < digest_len; i++) {
        hex[2 * i] = digits[digest[i] >> 4];
        hex[2 * i + 1] = digits[digest[i] & 0x0f];
    }
    hex[64] = '\0';
    return 0;
}
