// OpenSSL's libcrypto (already loaded with libcurl): the SHA-256 of the content-addressed message store.
#include <openssl/sha.h>
