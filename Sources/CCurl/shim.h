#ifndef LEADLINE_CCURL_SHIM_H
#define LEADLINE_CCURL_SHIM_H
// Non-variadic wrappers around libcurl's variadic setopt/getinfo: Swift cannot call C variadics.
#include <curl/curl.h>

typedef size_t (*leadline_curl_data_cb)(char *ptr, size_t size, size_t nmemb, void *userdata);
typedef int (*leadline_curl_debug_cb)(CURL *handle, curl_infotype type, char *data, size_t size, void *userdata);
typedef int (*leadline_curl_xferinfo_cb)(void *userdata, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow);

static inline CURLcode leadline_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode leadline_setopt_off(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode leadline_setopt_string(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode leadline_setopt_pointer(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode leadline_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode leadline_setopt_data_cb(CURL *h, CURLoption o, leadline_curl_data_cb v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode leadline_setopt_xferinfo_cb(CURL *h, CURLoption o, leadline_curl_xferinfo_cb v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode leadline_setopt_debug_cb(CURL *h, CURLoption o, leadline_curl_debug_cb v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode leadline_getinfo_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode leadline_getinfo_off(CURL *h, CURLINFO i, curl_off_t *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode leadline_getinfo_string(CURL *h, CURLINFO i, char **v) { return curl_easy_getinfo(h, i, v); }

#endif
